"""DeSO/RegSO codes, vintages and the small-area catalogue's checks."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from levande.indicators.core.small_areas import (
    AreaLevel,
    AreaVintage,
    SmallAreaCatalogue,
    area_code_for,
    parse_area_code,
    vintage_for,
)


@pytest.mark.parametrize(
    ("code", "base", "level", "vintage", "municipality", "county"),
    [
        ("0180C1010", "0180C1010", "deso", "2018", "0180", "01"),
        ("0180C1010_DeSO2025", "0180C1010", "deso", "2025", "0180", "01"),
        ("2584R014", "2584R014", "regso", "2020", "2584", "25"),
        ("2584R014_RegSO2025", "2584R014", "regso", "2025", "2584", "25"),
        ("0114A0010", "0114A0010", "deso", "2018", "0114", "01"),
    ],
)
def test_codes_are_read_with_their_vintage(
    code: str, base: str, level: str, vintage: str, municipality: str, county: str
) -> None:
    area = parse_area_code(code)
    assert area is not None
    assert (area.code, area.base, area.level, area.vintage) == (code, base, level, vintage)
    assert (area.municipality, area.county) == (municipality, county)
    assert area_code_for(area.base, area.level, area.vintage) == code


@pytest.mark.parametrize(
    "code",
    ["00", "0180", "01", "0180C1010_RegSO2025", "2584R014_DeSO2025", "0180D1010", "0180C101",
     "2584R0140", ""],
)  # fmt: skip
def test_other_codes_are_not_small_areas(code: str) -> None:
    assert parse_area_code(code) is None


def test_the_vintage_of_a_year_is_the_latest_started() -> None:
    vintages = [
        AreaVintage(deso="2018", regso="2020", first_year=2010),
        AreaVintage(deso="2025", regso="2025", first_year=2025),
    ]
    assert vintage_for(vintages, 2009) is None
    assert vintage_for(vintages, 2024) == vintages[0]
    assert vintage_for(vintages, 2025) == vintages[1]
    assert vintages[0].of(AreaLevel.REGSO) == "2020"


def _indicator(ind_id: str, kind: str, **extra: object) -> dict[str, object]:
    return {
        "id": ind_id, "title_sv": "T", "title_en": "T", "description_sv": "D",
        "description_en": "D", "unit_sv": "u", "unit_en": "u", "direction": "neutral",
        "kind": kind, "levels": ["deso"], "source_id": "TAB1",
        "selection": {"ContentsCode": ["X"]}, **extra,
    }  # fmt: skip


def test_cross_references_name_the_entry_and_the_fix() -> None:
    catalogue = SmallAreaCatalogue.model_validate(
        {
            "population": "share",
            "area_type": "missing",
            "indicators": [_indicator("share", "share"), _indicator("n", "count",
                                                                   denominator="gone")],
            "segregation": [{"id": "s", "title_sv": "S", "title_en": "S", "group": "n",
                             "total": "share"}],
        }
    )  # fmt: skip
    assert catalogue.problems() == [
        (None, "population: 'share' is a share, not a count"),
        (None, "area_type: unknown small-area indicator 'missing'"),
        ("n", "denominator: unknown small-area indicator 'gone'"),
        ("s", "total: 'share' is a share, not a count"),
        (None, "vintages: name at least the first DeSO/RegSO vintage and year"),
    ]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"selection": {"Alder": ["totalt"]}}, "ContentsCode"),
        ({"selection": {"ContentsCode": ["A", "B"]}}, "exactly one value code"),
        ({"selection": {"ContentsCode": ["A"], "Region": ["0180C1010"]}}, "selected by the ETL"),
        ({"denominator": "x", "kind": "share"}, "only a count"),
        ({"share_unit_sv": "bilar per 100", "share_unit_en": "cars per 100"}, "with a denominator"),
        ({"denominator": "x", "share_unit_sv": "bilar per 100"}, "give both or neither"),
    ],
)
def test_bad_indicators_are_refused(extra: dict[str, object], message: str) -> None:
    raw = _indicator("a", "count") | extra
    with pytest.raises(ValidationError, match=message):
        SmallAreaCatalogue.model_validate({"indicators": [raw]})


@pytest.mark.parametrize(
    ("group_kind", "problems", "is_share"),
    [
        ("count", [], False),
        # A published share of the total (low economic standard) becomes counts when computed.
        ("share", [], True),
        ("amount", [("s", "group: 'g' is a amount, not a count")], False),
    ],
)
def test_segregation_group_is_a_count_or_a_share_of_its_total(
    group_kind: str, problems: list[tuple[str, str]], is_share: bool
) -> None:
    catalogue = SmallAreaCatalogue.model_validate(
        {
            "vintages": [{"deso": "2018", "regso": "2020", "first_year": 2010}],
            "indicators": [_indicator("g", group_kind), _indicator("t", "count")],
            "segregation": [{"id": "s", "title_sv": "S", "title_en": "S", "group": "g",
                             "total": "t"}],
        }
    )  # fmt: skip
    assert catalogue.problems() == problems
    assert catalogue.group_is_share(catalogue.segregation[0]) is is_share
