"""Profile, peer-group, coverage, change and comparison reads on SQLite and PostgreSQL.

The database is testkit/profile_world.py's: the base world plus Gävleborg, loaded by the real
ETL and refreshed once more after revisions. Expected values are worked out in that module's
docstring.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from levande.indicators.core.vocabulary import MUNICIPAL_MEAN
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads import profiles as p
from levande.indicators.reads.cache import Reader
from testkit.profile_world import GAVLE, GAVLEBORG, SANDVIKEN, loaded_profile_world
from testkit.seeded import World

pytestmark = pytest.mark.integration

LIVS = "livskvalitet-kommunindex"
HALSA = "sjalvskattad-halsa"
TRANG = "trangboddhet"
FOLK = "folkmangd"


@pytest.fixture
def world(engine: Engine, sample_config: Path, tmp_path: Path) -> Iterator[World]:
    with loaded_profile_world(engine, sample_config, tmp_path) as loaded:
        yield loaded


def _place(engine: Engine, code: str) -> dims.RegionInfo:
    reader = Reader(engine)
    place = dims.region(reader, code)
    assert place is not None
    return place


def test_profile_of_a_municipality_with_ties_and_a_focus_area_without_data(world: World) -> None:
    engine = world.engine
    reader = Reader(engine)
    gavle = _place(engine, GAVLE)
    peers = p.peer_set(reader, gavle, "skr", gavle.skr_group_id)
    assert peers == p.PeerSet("skr", "G92790", ("0380", GAVLE))
    profile = p.profile(reader, gavle, peers)
    assert profile.county is not None and profile.county.code == GAVLEBORG
    assert [r.indicator.id for r in profile.rows] == [LIVS, HALSA, TRANG, FOLK]

    livs = profile.row(LIVS)
    assert livs is not None
    assert (livs.period, livs.value, livs.previous_period, livs.previous_value) == (
        "2020", 66.0, "2019", 65.5,
    )  # fmt: skip
    assert livs.change == pytest.approx(0.5)
    # All municipalities, 2020: 75.0, 66.5, 66.0 (Uppsala and Gävle tied), 61.0.
    assert livs.position == p.Position(3, 5, 3)
    # Within B3 Uppsala and Gävle tie: both first, best quarter.
    assert livs.peer_position == p.Position(1, 2, 1)
    assert (livs.peer_median, livs.peer_n, livs.peer_n_missing) == (66.0, 2, 0)
    assert livs.riket_value == pytest.approx(66.9)
    assert livs.riket_aggregation == MUNICIPAL_MEAN
    assert livs.county_value == pytest.approx(66.25)
    assert livs.county_aggregation == MUNICIPAL_MEAN
    assert livs.status == "moderate_progress" and livs.missing_reason is None
    assert [v for _, v in livs.points] == [65.0, 65.5, 66.0]

    halsa = profile.row(HALSA)
    assert halsa is not None
    assert halsa.value is None and halsa.period is None  # missing stays missing
    assert (halsa.missing_reason, halsa.missing_symbol) == ("suppressed", "Saknas")
    assert halsa.position == p.NO_POSITION and halsa.peer_median is None

    # Focus area FA06: nothing at all for Gävle, while others have values.
    for ind in (TRANG, FOLK):
        row = profile.row(ind)
        assert row is not None and not row.has_value
        assert row.missing_reason == "not_run" and row.points == ()
        assert row.status == "not_available"


def test_peer_group_with_missing_values(world: World) -> None:
    engine = world.engine
    reader = Reader(engine)
    vasby = _place(engine, "0114")
    peers = p.peer_set(reader, vasby, "custom", None, ["0380", GAVLE])
    assert peers.members == ("0114", "0380", GAVLE)
    halsa = p.profile(reader, vasby, peers).row(HALSA)
    assert halsa is not None
    # 2020: Upplands Väsby 70.0; Uppsala and Gävle have rows without values.
    assert halsa.value == 70.0
    assert (halsa.peer_n, halsa.peer_n_missing, halsa.peer_median) == (1, 2, 70.0)
    assert halsa.peer_position == p.Position(1, 1, None)  # a group of one has no quartile

    stockholm = _place(engine, "0180")
    custom = p.peer_set(reader, stockholm, "custom", None, ["0114", SANDVIKEN])
    trang = p.profile(reader, stockholm, custom).row(TRANG)
    assert trang is not None
    # Stockholm's latest is 2021, which no peer has yet: compared with itself only.
    assert (trang.period, trang.value, trang.peer_n, trang.peer_n_missing) == ("2021", 14.5, 1, 2)
    assert trang.riket_value is None  # riket has no 2021: missing, not carried over
    assert trang.position == p.Position(1, 1, None)


def test_peer_sets(world: World) -> None:
    engine = world.engine
    reader = Reader(engine)
    gavle = _place(engine, GAVLE)
    assert p.peer_set(reader, gavle, "county", None).members == (GAVLE, SANDVIKEN)
    assert p.peer_set(reader, gavle, "county", "G33632").group_id == "G33632"
    everyone = p.peer_set(reader, gavle, "all", "G2328")
    assert everyone.members == ("0114", "0180", "0380", GAVLE, SANDVIKEN)
    # The place is always a member, even of a group it does not belong to.
    assert GAVLE in p.peer_set(reader, gavle, "skr", "G92787").members
    county = p.peer_set(reader, _place(engine, GAVLEBORG), "skr", "G92790")
    assert county == p.PeerSet("counties", None, ("01", "03", GAVLEBORG))
    assert p.county_members(reader, "01") == ("0114", "0180")


def test_profile_of_a_county(world: World) -> None:
    engine = world.engine
    reader = Reader(engine)
    county = _place(engine, GAVLEBORG)
    profile = p.profile(reader, county, p.peer_set(reader, county, "", None))
    assert profile.county is None
    livs = profile.row(LIVS)
    assert livs is not None
    assert (livs.value, livs.aggregation) == (66.25, MUNICIPAL_MEAN)
    # Counties 2020: Stockholm 68.0, Gävleborg 66.25, Uppsala 66.0.
    assert livs.position == p.Position(2, 3, 3)
    assert livs.peer_position == livs.position
    assert livs.peer_median == pytest.approx(66.25)
    halsa = profile.row(HALSA)
    assert halsa is not None and halsa.missing_reason == "not_run"


def test_coverage_matrix(world: World) -> None:
    engine = world.engine
    reader = Reader(engine)
    gavle = _place(engine, GAVLE)
    profile = p.profile(reader, gavle, p.peer_set(reader, gavle, "skr", gavle.skr_group_id))
    cells = {c.subgoal_id: c for c in p.coverage(profile.rows, dims.focus_areas(reader))}
    assert list(cells) == ["FA01-D1", "FA06-D1", "FA06-D2"]
    fa01 = cells["FA01-D1"]
    assert (fa01.total, fa01.with_data, fa01.count("suppressed")) == (2, 1, 1)
    assert fa01.missing["suppressed"] == (HALSA,)
    assert (cells["FA06-D1"].with_data, cells["FA06-D1"].missing["not_run"]) == (0, (TRANG,))
    assert cells["FA06-D2"].missing["not_run"] == (FOLK,)
    assert all(c.count("not_applicable") == 0 for c in cells.values())


def test_what_changed_in_the_latest_refresh(world: World) -> None:
    engine = world.engine
    reader = Reader(engine)
    gavle = p.changes(reader, GAVLE)
    assert [(c.indicator.id, c.changed) for c in gavle] == [(LIVS, ("rank",))]
    assert (gavle[0].rank_before, gavle[0].rank_after) == (2, 3)
    assert gavle[0].value_before == gavle[0].value_after == 66.0

    stockholm = {c.indicator.id: c for c in p.changes(reader, "0180")}
    assert set(stockholm) == {LIVS, TRANG}
    livs = stockholm[LIVS]
    assert set(livs.changed) == {"status", "value"}
    assert (livs.value_before, livs.value_after) == (71.0, 75.0)
    assert (livs.status_before, livs.status_after) == ("moderate_progress", "substantial_progress")
    trang = stockholm[TRANG]
    assert "period" in trang.changed
    assert (trang.period_before, trang.period_after, trang.value_after) == ("2020", "2021", 14.5)
    assert p.changes(reader, "0114") == ()  # nothing of Upplands Väsby's moved


def test_compare_series(world: World) -> None:
    frame = p.compare_series(Reader(world.engine), [TRANG, HALSA], ["0380", "0180"])
    assert list(frame.columns) == p.COMPARE_COLUMNS
    assert list(dict.fromkeys(frame["indicator_id"])) == [TRANG, HALSA]
    trang = frame[frame.indicator_id == TRANG]
    assert list(dict.fromkeys(trang["region_code"])) == ["0380", "0180"]
    assert trang[trang.region_code == "0180"]["period"].tolist() == ["2018", "2019", "2020", "2021"]
    assert trang[trang.region_code == "0180"]["value"].tolist() == [15.25, 15.0, 14.75, 14.5]
    uppsala = frame[(frame.indicator_id == HALSA) & (frame.region_code == "0380")]
    assert uppsala["value"].isna().all() and set(uppsala["status"]) == {"Saknas"}
    assert all(math.isnan(v) for v in uppsala["value"])
    assert p.compare_series(Reader(world.engine), [], ["0180"]).empty
    assert p.compare_series(Reader(world.engine), [TRANG], []).empty


def test_search_in_the_database(world: World) -> None:
    engine = world.engine
    reader = Reader(engine)
    assert [r.code for r in p.find_places(reader, "gavle")] == [GAVLE, GAVLEBORG]
    assert [r.code for r in p.find_places(reader, "GÄVLE")] == [GAVLE, GAVLEBORG]
    assert [r.code for r in p.find_places(reader, "väsby")] == ["0114"]
    assert [r.code for r in p.find_places(reader, "2181")] == [SANDVIKEN]
    assert p.find_places(reader, "riket") == []
    assert p.find_places(reader, "   ") == []
