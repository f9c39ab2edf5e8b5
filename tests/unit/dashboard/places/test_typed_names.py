"""A name typed into a picker without JavaScript, read as the place or indicator so named."""

from __future__ import annotations

import pytest

from levande.dashboard.places.data import indicator_names, place_names, typed_as_code
from tests.unit.dashboard import samples
from tests.unit.dashboard.places.sample_data import HALSA, LIVS

REGIONS = (samples.RIKET, samples.GAVLEBORG, samples.GAVLE, samples.SANDVIKEN)
INDICATORS = (LIVS, HALSA, samples.indicator())


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Livskvalitet", "livskvalitet"),
        ("  LIVSKVALITET ", "livskvalitet"),
        ("Quality of life", "livskvalitet"),
        ("sjalvskattad halsa", "halsa"),  # no diacritics, the way the script folds
        ("Självskattad  hälsa", "halsa"),
        ("trångboddhet", "trangboddhet"),
        ("halsa", "halsa"),  # an id is an id
        ("Livskval", "Livskval"),  # only a whole name: a part is no name
        ("Fiskar i sjön", "Fiskar i sjön"),  # left as typed; the page says so
    ],
)
def test_a_typed_indicator_name(typed: str, code: str) -> None:
    query = typed_as_code({"add_ind": typed, "ind": "x"}, "add_ind", indicator_names(INDICATORS))
    assert query == {"add_ind": code, "ind": "x"}


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("gävle", "2180"),
        ("GAVLE", "2180"),
        ("Gävleborgs län", "21"),
        ("Riket", "00"),
        ("sweden", "00"),
        ("2181", "2181"),
        ("Atlantis", "Atlantis"),
    ],
)
def test_a_typed_place_name(typed: str, code: str) -> None:
    assert typed_as_code({"add_place": typed}, "add_place", place_names(REGIONS)) == {
        "add_place": code
    }


def test_nothing_typed_leaves_the_query_alone() -> None:
    query = {"places": "2180"}
    assert typed_as_code(query, "add_ind", indicator_names(INDICATORS)) is query
    assert typed_as_code({"add_ind": ""}, "add_ind", {}) == {"add_ind": ""}
