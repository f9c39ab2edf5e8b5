"""Credit lines: the label "Källa" said once, whatever the page puts before the credit."""

from __future__ import annotations

import pytest

from levande.dashboard.components.source import credit_name, credits_text, sources_paragraph
from tests.unit.dashboard.tree import text


@pytest.mark.parametrize(
    ("credit", "name"),
    [
        ("Källa: Kolada", "Kolada"),
        ("Source: Statistics Sweden (SCB)", "Statistics Sweden (SCB)"),
        ("Källor: SCB och Kolada", "SCB och Kolada"),
        ("Trafikverket", "Trafikverket"),  # an indicator's own credit without a label
        ("  Källa:SCB ", "SCB"),
    ],
)
def test_the_label_is_taken_off_a_credit(credit: str, name: str) -> None:
    assert credit_name(credit) == name


@pytest.mark.parametrize(
    ("credits", "lang", "expected"),
    [
        (["Källa: Kolada"], "sv", "Källa: Kolada"),
        (["Källa: Kolada", "Källa: Kolada"], "sv", "Källa: Kolada"),
        (["Källa: Kolada", "Källa: SCB"], "sv", "Källor: Kolada · SCB"),
        (["Source: Kolada", "Source: Statistics Sweden (SCB)"], "en",
         "Sources: Kolada · Statistics Sweden (SCB)"),
    ],
)  # fmt: skip
def test_several_credits_say_the_label_once(credits: list[str], lang: str, expected: str) -> None:
    assert credits_text(credits, lang) == expected


def test_the_footer_names_the_sources_after_one_label() -> None:
    assert text(sources_paragraph(["Källa: SCB", "Källa: Kolada"], "sv")) == "Källor: SCB · Kolada"
    assert text(sources_paragraph(["Källa: Kolada"], "sv")) == "Källa: Kolada"
