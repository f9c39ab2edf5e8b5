"""Regions and peer groups from Kolada's municipality list and groups."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from levande.etl.regions import RegionsError, build_regions
from levande.indicators.core.catalogue import RegionSettings, SkrGroup


@dataclass(frozen=True)
class Unit:
    id: str
    title: str


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    members: tuple[Unit, ...]


SETTINGS = RegionSettings(
    skr_groups=[SkrGroup(code="A1", kolada_group="G92787", name_sv="Storstäder",
                         name_en="Large cities")]
)  # fmt: skip
UNITS = [
    Unit("0000", "Riket"), Unit("0001", "Region Stockholm"), Unit("0009", "Region Gotland"),
    Unit("0180", "Stockholm"), Unit("0114", "Upplands Väsby"), Unit("0980", "Gotland"),
]  # fmt: skip


def _groups(*extra: Group) -> list[Group]:
    return [
        Group("G2328", "Alla kommuner (ovägt medel)",
              (Unit("0180", ""), Unit("0114", ""), Unit("0980", ""))),
        Group("G33612", "Stockholms läns kommuner (ovägt medel)",
              (Unit("0180", ""), Unit("0114", ""))),
        Group("G33619", "Gotlands läns kommuner (ovägt medel)", (Unit("0980", ""),)),
        Group("G92787", "Storstäder (ovägt medel)", (Unit("0180", ""),)),
        *extra,
    ]  # fmt: skip


def test_regions_names_parents_and_groups() -> None:
    plan = build_regions(UNITS, _groups(), SETTINGS)
    regions = {r.code: (r.name, r.level, r.parent_code, r.kolada_group_id, r.skr_group_id)
               for r in plan.regions}  # fmt: skip
    assert regions == {
        "00": ("Riket", "riket", None, "G2328", None),
        "01": ("Stockholms län", "lan", "00", "G33612", None),
        "09": ("Gotlands län", "lan", "00", "G33619", None),
        "0114": ("Upplands Väsby", "kommun", "01", None, None),
        "0180": ("Stockholm", "kommun", "01", None, "G92787"),
        "0980": ("Gotland", "kommun", "09", None, None),
    }
    kinds = {g.id: (g.kind, g.short_code, list(g.members)) for g in plan.groups}
    assert kinds["G92787"] == ("skr", "A1", ["0180"])
    assert kinds["G33612"] == ("county", "01", ["0180", "0114"])


def test_a_county_group_must_match_the_county_exactly() -> None:
    # A network whose title looks like a county group but has members from two counties.
    odd = Group(
        "G1", "Stockholms läns kommuner (ovägt medel)", (Unit("0180", ""), Unit("0980", ""))
    )
    groups = [g for g in _groups() if g.id != "G33612"] + [odd]
    plan = build_regions(UNITS, groups, SETTINGS)
    county = next(r for r in plan.regions if r.code == "01")
    assert (county.kolada_group_id, county.name) == (None, "Region Stockholm")


@pytest.mark.parametrize(
    ("units", "message"),
    [([Unit("0000", "Riket")], "no municipalities"), ([Unit("0180", "Stockholm")], "no 0000")],
)
def test_unusable_lists(units: list[Unit], message: str) -> None:
    with pytest.raises(RegionsError, match=message):
        build_regions(units, [], SETTINGS)
