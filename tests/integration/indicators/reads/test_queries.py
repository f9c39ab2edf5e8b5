"""The dashboard's reads on a database loaded by the real ETL, on SQLite and PostgreSQL.

Expected values are worked out by hand from tests/world.py (see the comments at each test).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import requests
from sqlalchemy import Engine, update
from sqlalchemy.orm import Session

from levande.etl.sources.scb import parse_jsonstat2
from levande.indicators.reads import queries as q
from levande.indicators.store.schema import Meta, Observation
from tests.browser.seeded import World, loaded_world

pytestmark = pytest.mark.integration


@pytest.fixture
def world(engine: Engine, sample_config: Path, tmp_path: Path) -> Iterator[World]:
    with loaded_world(engine, sample_config, tmp_path) as loaded:
        yield loaded


def test_catalogue_tables_in_order(world: World) -> None:
    engine = world.engine
    assert [fa.id for fa in q.focus_areas(engine)] == ["FA01", "FA06"]
    assert q.focus_area(engine, "FA99") is None
    assert [sg.id for sg in q.subgoals(engine, "FA06")] == ["FA06-D1", "FA06-D2"]
    assert all(sg.proposed_by == "project" for sg in q.subgoals(engine))
    ids = [i.id for i in q.indicators(engine)]
    assert ids == ["livskvalitet-kommunindex", "sjalvskattad-halsa", "trangboddhet", "folkmangd"]
    folk = q.indicator(engine, "folkmangd")
    assert folk is not None
    assert (folk.decimals, folk.gender, folk.direction, folk.subgoal_ids) == (
        0, True, "neutral", ("FA06-D2",),
    )  # fmt: skip
    trang = q.indicator(engine, "trangboddhet")
    assert trang is not None and (trang.target_value, trang.target_year) == (10.0, 2030)
    livs = q.indicator(engine, "livskvalitet-kommunindex")
    assert livs is not None and livs.municipal_mean_levels == ("riket", "lan")
    assert q.indicator(engine, "no-such-indicator") is None


def test_regions_and_peer_groups(world: World) -> None:
    engine = world.engine
    assert [r.code for r in q.regions(engine, "kommun")] == ["0114", "0180", "0380"]
    assert [r.code for r in q.regions(engine, "lan")] == ["01", "03"]
    assert q.region(engine, "9999") is None
    groups = {g.id: g for g in q.peer_groups(engine)}
    # SKR groups first, then the county groups, then all municipalities.
    assert [g.kind for g in q.peer_groups(engine)] == ["skr", "skr", "county", "county", "all"]
    assert groups["G2328"].members == ("0114", "0180", "0380")
    assert groups["G92787"].members == ("0180",)
    assert q.peer_group(engine, "G1") is None  # a network group is no peer group


def test_national_status_counts(world: World) -> None:
    # Riket, breakdown T, base 2018 (first value on or after 2015):
    # livskvalitet 65 -> 66 (+0.77 %/yr, moderate), hälsa 70 -> 72 (+1.42 %/yr, moderate),
    # trångboddhet 12.5 -> 12.0 toward 10 by 2030 (ratio 1.10, substantial),
    # folkmängd has no direction (context, not judged).
    counts = q.national_status_counts(world.engine)
    assert counts["FA01"].counts == {
        "improving": 2, "stable": 0, "worsening": 0, "not_judged": 0, "no_data": 0,
    }  # fmt: skip
    assert counts["FA06"].counts == {
        "improving": 1, "stable": 0, "worsening": 0, "not_judged": 1, "no_data": 0,
    }  # fmt: skip
    assert (counts["FA06"].n_indicators, counts["FA06"].n_with_data) == (2, 2)


def test_municipalities_on_track(world: World) -> None:
    # FA01: every municipality improves on livskvalitet; Uppsala's health is suppressed, so it
    # is judged on one indicator: 3 of 3. FA06: 0114 met the target, 0380 substantial, 0180
    # limited progress (folkmängd is context): 2 of 3.
    on_track = q.municipalities_on_track(world.engine)
    assert on_track["FA01"] == q.OnTrack(on_track=3, judged=3, municipalities=3)
    assert on_track["FA06"] == q.OnTrack(on_track=2, judged=3, municipalities=3)


def test_focus_area_summaries(world: World) -> None:
    summaries = {s.indicator.id: s for s in q.focus_area_summaries(world.engine, "FA01")}
    livs = summaries["livskvalitet-kommunindex"]
    assert livs.points == (("2018", 65.0), ("2019", 65.5), ("2020", 66.0))
    assert (livs.latest_period, livs.latest_value) == ("2020", 66.0)
    assert livs.aggregation == q.MUNICIPAL_MEAN
    assert livs.status == "moderate_progress" and livs.has_data
    assert summaries["sjalvskattad-halsa"].aggregation is None


def test_series_keeps_missing_as_missing(world: World) -> None:
    frame = q.series(world.engine, "sjalvskattad-halsa", ["0380", "0180"], ["T"])
    assert list(frame.columns) == q.SERIES_COLUMNS
    uppsala = frame[frame.region_code == "0380"]
    assert uppsala["value"].isna().all()
    assert set(uppsala["status"]) == {"Saknas"}
    sthlm = frame[frame.region_code == "0180"]
    assert sthlm["value"].tolist() == [73.0, 74.0, 75.0]
    # Order follows the regions asked for.
    assert frame["region_code"].tolist() == ["0380"] * 3 + ["0180"] * 3


def test_series_by_gender(world: World) -> None:
    frame = q.series(world.engine, "folkmangd", ["0114"], ["K", "M"])
    women = frame[frame.breakdown == "K"].set_index("period")
    assert math.isnan(women.loc["2020", "value"]) and women.loc["2020", "status"] == ".."
    assert women.loc["2018", "value"] == 24_000
    assert frame[frame.breakdown == "M"]["value"].tolist() == [24_000, 24_100, 24_200]


def test_peer_band(world: World) -> None:
    # All municipalities 2018: 60, 70, 65 -> median 65, quartiles 62.5 and 67.5 (type 7).
    band = q.peer_band(world.engine, "livskvalitet-kommunindex", ["0114", "0180", "0380"])
    assert band.iloc[0].to_dict() == {
        "period": "2018", "median": 65.0, "q1": 62.5, "q3": 67.5, "n": 3, "n_missing": 0,
    }  # fmt: skip
    # Uppsala's health values are missing: counted as missing, never as zero.
    band = q.peer_band(world.engine, "sjalvskattad-halsa", ["0114", "0180", "0380"])
    row = band[band.period == "2020"].iloc[0]
    assert (row["median"], row["n"], row["n_missing"]) == (72.5, 2, 1)
    assert q.peer_band(world.engine, "sjalvskattad-halsa", []).empty


def test_map_values_include_missing_regions_with_rank(world: World) -> None:
    frame = q.map_values(world.engine, "trangboddhet", "2020", "T", "kommun")
    assert list(frame.columns) == q.MAP_COLUMNS
    got = frame.set_index("region_code")
    assert got.loc["0114", "value"] == 9.6 and got.loc["0114", "rank"] == 1
    assert got.loc["0180", "rank"] == 3 and got.loc["0180", "rank_of"] == 3
    health = q.map_values(world.engine, "sjalvskattad-halsa", "2020", "T", "kommun")
    uppsala = health.set_index("region_code").loc["0380"]
    assert math.isnan(uppsala["value"]) and uppsala["status"] == "Saknas"
    assert pd.isna(uppsala["rank"])
    counties = q.map_values(world.engine, "livskvalitet-kommunindex", "2020", "T", "lan")
    assert set(counties["aggregation"]) == {q.MUNICIPAL_MEAN}


def test_ranking_with_change_and_series_status(world: World) -> None:
    frame = q.ranking(world.engine, "trangboddhet", "2020", "T", "kommun")
    assert list(frame.columns) == q.RANKING_COLUMNS
    assert frame["region_code"].tolist() == ["0114", "0380", "0180"]  # lower is better
    first = frame.iloc[0]
    assert first["previous_period"] == "2019" and first["previous_value"] == 9.85
    assert first["change"] == pytest.approx(-0.25)
    assert first["series_status"] == "target_achieved"
    # Missing values come last, with no change.
    health = q.ranking(world.engine, "sjalvskattad-halsa", "2020", "T", "kommun")
    assert health.iloc[-1]["region_code"] == "0380" and math.isnan(health.iloc[-1]["change"])
    earliest = q.ranking(world.engine, "trangboddhet", "2018", "T", "kommun")
    assert earliest["previous_period"].isna().all() and earliest["change"].isna().all()


def test_periods_and_breakdowns(world: World) -> None:
    assert q.periods(world.engine, "trangboddhet") == ("2018", "2019", "2020")
    assert q.periods(world.engine, "trangboddhet", "lan") == ()
    assert q.previous_period(world.engine, "trangboddhet", "2019", "kommun") == "2018"
    assert q.breakdowns(world.engine, "folkmangd") == ("T", "K", "M")
    assert q.breakdowns(world.engine, "trangboddhet") == ("T",)


def test_status_explanation(world: World) -> None:
    # 0180 trångboddhet: 15.25 -> 14.75 over two years, target 10 by 2030.
    exp = q.status_of(world.engine, "trangboddhet", "0180")
    assert exp is not None
    assert (exp.status, exp.kind, exp.base_period, exp.latest_value) == (
        "limited_progress", "target", "2018", 14.75,
    )  # fmt: skip
    assert exp.observed_cagr == pytest.approx((14.75 / 15.25) ** 0.5 - 1)
    assert exp.required_cagr == pytest.approx((10 / 15.25) ** (1 / 12) - 1)
    assert exp.thresholds == (0.95, 0.6, 0.0)
    assert q.status_of(world.engine, "trangboddhet", "9999") is None


def test_about_and_boundaries(world: World) -> None:
    engine = world.engine
    info = q.about(
        engine, "folkmangd", kolada_api_url="https://api.kolada.se/v3",
        scb_api_url="https://statistikdatabasen.scb.se/api/v2",
    )  # fmt: skip
    assert info is not None
    assert (info.source, info.table_id, info.source_title) == (
        "scb", "TAB638", "Folkmängden efter region, kön och år",
    )  # fmt: skip
    assert info.source_updated is not None and info.last_fetched is not None
    assert info.source_link.endswith("/tables/TAB638/metadata?lang=sv")
    assert q.about(engine, "nope", kolada_api_url="x", scb_api_url="y") is None
    kolada = q.about(engine, "trangboddhet", kolada_api_url="https://k/v3", scb_api_url="s")
    assert kolada is not None
    assert [r.url for r in kolada.requests] == ["https://k/v3/data/kpi/N07907/year/2018,2019,2020"]
    assert kolada.source_link == "https://www.kolada.se/verktyg/fri-sokning/?kpis=N07907"
    geo = q.boundaries(engine, "kommun")
    assert geo is not None
    assert {f["id"] for f in json.loads(geo)["features"]} == {"0114", "0180", "0380"}
    assert q.boundaries(engine, "nope") is None
    assert q.last_refresh(engine) is not None


def test_reproduce_kolada_returns_the_stored_values(world: World) -> None:
    """The Kolada URLs shown under "reproduce this number" give the numbers we show."""
    engine = world.engine
    info = q.about(
        engine, "livskvalitet-kommunindex", kolada_api_url=world.kolada.url,
        scb_api_url=world.scb.url,
    )  # fmt: skip
    assert info is not None and len(info.requests) == 2
    answers: dict[tuple[str, str], float | None] = {}
    for req in info.requests:
        body = requests.get(req.url, timeout=10).json()
        for record in body["values"]:
            for item in record["values"]:
                if item["gender"] == "T":
                    answers[(record["municipality"], str(record["period"]))] = item["value"]
    stored = q.series(engine, "livskvalitet-kommunindex", ["0180", "01", "00"])
    stored = stored.set_index(["region_code", "period"])["value"]
    assert answers[("0180", "2020")] == stored[("0180", "2020")]
    assert answers[("G33612", "2019")] == stored[("01", "2019")]  # county = group mean
    assert answers[("G2328", "2018")] == stored[("00", "2018")]


def test_reproduce_scb_returns_the_stored_values(world: World) -> None:
    engine = world.engine
    info = q.about(engine, "folkmangd", kolada_api_url=world.kolada.url, scb_api_url=world.scb.url)
    assert info is not None
    (req,) = info.requests
    doc = requests.post(req.url, json=json.loads(req.body or "{}"), timeout=10).json()
    dataset = parse_jsonstat2(doc)
    cell = dataset.cell(Region="0180", Kon="1+2", ContentsCode="BE0101N1", Tid="2020")
    stored = q.series(engine, "folkmangd", ["0180"]).set_index("period")["value"]
    assert cell is not None and cell.value == stored["2020"]


def test_cache_follows_the_data_version(world: World) -> None:
    engine = world.engine
    before = q.focus_area_summaries(engine, "FA06")
    assert q.focus_area_summaries(engine, "FA06") is before  # served from the cache
    cache = q.VersionedCache(engine, check_seconds=0)
    calls: list[int] = []
    assert cache.get("k", lambda: calls.append(1) or len(calls)) == 1
    assert cache.get("k", lambda: calls.append(1) or len(calls)) == 1
    with Session(engine) as session, session.begin():
        session.execute(
            update(Observation)
            .where(Observation.indicator_id == "trangboddhet", Observation.region_code == "00",
                   Observation.period == "2020")
            .values(value=11.5)
        )  # fmt: skip
        session.execute(update(Meta).where(Meta.key == "data_version").values(value="v-test"))
    assert q.data_version(engine) == "v-test"
    assert cache.get("k", lambda: calls.append(1) or len(calls)) == 2  # new version, recomputed
    q.cache_for(engine).clear()
    after = {s.indicator.id: s for s in q.focus_area_summaries(engine, "FA06")}
    assert after["trangboddhet"].latest_value == 11.5
