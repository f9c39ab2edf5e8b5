"""Focus areas, sub-goals, indicators, regions, peer groups, periods and breakdowns.

On a database loaded by the real ETL, on SQLite and PostgreSQL; expected values are worked out
by hand from testkit/world.py (see the comments at each test).
"""

from __future__ import annotations

import pytest

from levande.indicators.reads import dimensions as dims
from levande.indicators.reads.cache import Reader

pytestmark = pytest.mark.integration


def test_catalogue_tables_in_order(reader: Reader) -> None:
    assert [fa.id for fa in dims.focus_areas(reader)] == ["FA01", "FA06"]
    assert dims.focus_area(reader, "FA99") is None
    assert [sg.id for sg in dims.subgoals(reader, "FA06")] == ["FA06-D1", "FA06-D2"]
    assert all(sg.proposed_by == "project" for sg in dims.subgoals(reader, "FA01"))
    assert dims.subgoals(reader, "FA99") == ()
    ids = [i.id for i in dims.indicators(reader)]
    assert ids == ["livskvalitet-kommunindex", "sjalvskattad-halsa", "trangboddhet", "folkmangd"]
    folk = dims.indicator(reader, "folkmangd")
    assert folk is not None
    assert (folk.decimals, folk.gender, folk.direction, folk.subgoals, folk.group) == (
        0, True, "neutral", ["FA06-D2"], "FA06",
    )  # fmt: skip
    trang = dims.indicator(reader, "trangboddhet")
    assert trang is not None and trang.target is not None
    assert (trang.target.value, trang.target.year) == (10.0, 2030)
    livs = dims.indicator(reader, "livskvalitet-kommunindex")
    assert livs is not None and livs.municipal_mean_levels == ["riket", "lan"]
    assert dims.indicator(reader, "no-such-indicator") is None


def test_regions_and_peer_groups(reader: Reader) -> None:
    assert [r.code for r in dims.regions(reader, "kommun")] == ["0114", "0180", "0380"]
    assert [r.code for r in dims.regions(reader, "lan")] == ["01", "03"]
    assert dims.region(reader, "9999") is None
    groups = {g.id: g for g in dims.peer_groups(reader)}
    # SKR groups first, then the county groups, then all municipalities.
    assert [g.kind for g in dims.peer_groups(reader)] == ["skr", "skr", "county", "county", "all"]
    assert groups["G2328"].members == ("0114", "0180", "0380")
    assert groups["G92787"].members == ("0180",)
    assert dims.peer_group(reader, "G1") is None  # a network group is no peer group


def test_periods_and_breakdowns(reader: Reader) -> None:
    assert dims.periods(reader, "trangboddhet") == ("2018", "2019", "2020")
    assert dims.periods(reader, "trangboddhet", "lan") == ()
    assert dims.breakdowns(reader, "folkmangd") == ("T", "K", "M")
    assert dims.breakdowns(reader, "trangboddhet") == ("T",)


def test_periods_of_every_level_in_one_read(reader: Reader) -> None:
    # Trångboddhet is published for the nation and municipalities, 2018-2020, never counties.
    years = ("2018", "2019", "2020")
    assert dims.periods_by_level(reader, "trangboddhet") == {"kommun": years, "riket": years}
    assert dims.periods(reader, "trangboddhet", "kommun") == years
    assert dims.periods_by_level(reader, "finns-inte") == {}


def test_last_refresh(reader: Reader) -> None:
    assert dims.last_refresh(reader) is not None
