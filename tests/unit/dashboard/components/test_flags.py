"""Flagged values for the console: exact values, the check in words, the source row, accept."""

from __future__ import annotations

from typing import Any

import pytest

from levande.dashboard.components.flags import exact, flag_why, flags_table
from tests.unit.dashboard.tree import find, of_type, text


def _flag(**changes: Any) -> dict[str, Any]:
    flag = {
        "id": 4, "indicator_id": "gini", "region_code": "0180", "period": "2021",
        "breakdown": "T", "rule": "above_range", "value": 1.934, "bound": 1.0,
        "previous_period": None, "previous_value": None,
        "source_row": {"source": "scb", "source_id": "TAB1", "value": 1.934},
    }  # fmt: skip
    flag.update(changes)
    return flag


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [(1.934, "sv", "1,934"), (100.0, "en", "100"), (134.5, "sv", "134,5"), (-0.25, "en", "-0.25"),
     (1234567.0, "sv", "1\u00a0234\u00a0567")],
)  # fmt: skip
def test_values_are_shown_with_every_decimal_they_have(
    value: float, lang: str, expected: str
) -> None:
    assert exact(value, lang) == expected


@pytest.mark.parametrize(
    ("flag", "sv", "en"),
    [
        (_flag(), "över 1 (högsta rimliga)", "above 1 (the highest plausible)"),
        (_flag(rule="below_range", value=-3.0, bound=0.0), "under 0 (lägsta rimliga)",
         "below 0 (the lowest plausible)"),
        (_flag(rule="jump", value=0.9, bound=0.1, previous_period="2020", previous_value=0.3),
         "ändrat mer än 0,1 sedan 2020 (0,3)", "changed by more than 0.1 since 2020 (0.3)"),
    ],
)  # fmt: skip
def test_the_check_in_words(flag: dict[str, Any], sv: str, en: str) -> None:
    assert (flag_why(flag, "sv"), flag_why(flag, "en")) == (sv, en)


def test_the_console_lists_each_flag_with_its_source_row_and_a_labelled_accept() -> None:
    table = flags_table([_flag()], "sv", {"gini": "Inkomstskillnader"}, {"0180": "Stockholm"}, "c")
    row = text(of_type(table, "Tr")[1])
    assert row.startswith("Inkomstskillnader Stockholm 2021, totalt 1,934 över 1")
    assert '"source_id": "TAB1"' in text(of_type(table, "Pre")[0])
    form = of_type(table, "Form")[0]
    assert form.action == "/operator/accept"
    assert {i.name: i.value for i in of_type(form, "Input") if i.type == "hidden"} == {
        "flag": "4", "csrf": "c", "lang": "sv",
    }  # fmt: skip
    assert find(form, "accept-by-4").required is True
    assert [label.htmlFor for label in of_type(form, "Label")] == ["accept-by-4"]
    public = flags_table([_flag()], "sv", {}, {})
    assert not of_type(public, "Form")
    assert text(flags_table([], "en", {}, {})) == "No values are flagged."
