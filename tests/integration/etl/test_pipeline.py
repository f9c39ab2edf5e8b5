"""The ETL end to end: real HTTP to fake SCB and Kolada servers, real SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from levande.etl.pipeline import RunRequestError, run_refresh
from levande.indicators.core.catalogue import Catalogue, load_catalogue
from levande.indicators.core.failures import FailureKind
from levande.indicators.core.settings import Settings
from levande.indicators.reads.export import observations_frame
from levande.indicators.store.runlog import EtlBusyError, acquire_lock
from levande.indicators.store.schema import (
    Boundary,
    EtlRun,
    EtlRunItem,
    MunicipalityGroupMember,
    Region,
    SourceState,
)
from levande.indicators.store.sync import sync_catalogue
from testkit.fakes.kolada import FakeKolada, FakeKpi
from testkit.fakes.scb import FakeScb
from testkit.fakes.server import FakeServer, Fault, RecordedRequest, Reply
from testkit.world import seed_kolada, seed_scb, write_boundaries

pytestmark = pytest.mark.integration


@dataclass
class World:
    engine: Engine
    catalogue: Catalogue
    settings: Settings
    scb: FakeScb
    kolada: FakeKolada

    def run(self, **kwargs: object) -> object:
        return run_refresh(self.engine, self.catalogue, self.settings, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def world(engine: Engine, sample_config: Path, tmp_path: Path) -> Iterator[World]:
    catalogue = load_catalogue(sample_config)
    sync_catalogue(engine, catalogue)
    kommun_url, lan_url = write_boundaries(tmp_path / "geo")
    with FakeScb() as scb, FakeKolada() as kolada:
        seed_scb(scb)
        seed_kolada(kolada)
        settings = Settings(
            scb_api_url=scb.url,
            kolada_api_url=kolada.url,
            geo_municipalities_url=kommun_url,
            geo_counties_url=lan_url,
            http_max_retries=1,
            http_timeout=5,
            kolada_calls_per_second=500,
            first_year=2018,
            config_dir=sample_config,
        )
        yield World(engine, catalogue, settings, scb, kolada)


def _rows(engine: Engine, indicator: str) -> pd.DataFrame:
    frame = observations_frame(engine, [indicator])
    return frame[["region_code", "period", "breakdown", "value", "status", "aggregation"]]


def _expected(csv: str) -> pd.DataFrame:
    frame = pd.read_csv(
        io.StringIO(csv),
        dtype={"region_code": str, "period": str},
        keep_default_na=False,
        na_values={"value": [""]},
    )
    frame["value"] = frame["value"].astype("Float64")
    for col in ("status", "aggregation"):
        frame[col] = frame[col].replace("", None)
    return frame


def _assert_rows(actual: pd.DataFrame, expected_csv: str) -> None:
    expected = _expected(expected_csv).reset_index(drop=True)
    actual = actual.reset_index(drop=True)
    actual = actual.astype(object).where(actual.notna(), None)
    expected = expected.astype(object).where(expected.notna(), None)
    assert actual.to_dict("records") == expected.to_dict("records")


def test_full_load_stores_exactly_what_was_published(world: World) -> None:
    summary = world.run()
    assert summary.outcome == "success", [(s.target, s.error) for s in summary.failures]  # type: ignore[attr-defined]

    with Session(world.engine) as session:
        regions = {r.code: (r.name, r.level, r.parent_code, r.kolada_group_id, r.skr_group_id)
                   for r in session.scalars(select(Region))}  # fmt: skip
        members = session.execute(select(MunicipalityGroupMember.group_id,
                                         MunicipalityGroupMember.region_code)).all()  # fmt: skip
        boundaries = {b.level: b.feature_count for b in session.scalars(select(Boundary))}
    assert regions == {
        "00": ("Riket", "riket", None, "G2328", None),
        "01": ("Stockholms län", "lan", "00", "G33612", None),
        "03": ("Uppsala län", "lan", "00", "G33613", None),
        "0114": ("Upplands Väsby", "kommun", "01", None, None),
        "0180": ("Stockholm", "kommun", "01", None, "G92787"),
        "0380": ("Uppsala", "kommun", "03", None, "G92790"),
    }
    assert ("G92787", "0180") in {tuple(m) for m in members}
    assert boundaries == {"kommun": 3, "lan": 2}

    # Municipal-only KPI: county and national values are the groups' unweighted means.
    _assert_rows(
        _rows(world.engine, "livskvalitet-kommunindex"),
        """region_code,period,breakdown,value,status,aggregation
00,2018,T,65.0,,unweighted_mean_of_municipalities
00,2019,T,65.5,,unweighted_mean_of_municipalities
00,2020,T,66.0,,unweighted_mean_of_municipalities
01,2018,T,65.0,,unweighted_mean_of_municipalities
01,2019,T,65.5,,unweighted_mean_of_municipalities
01,2020,T,66.0,,unweighted_mean_of_municipalities
0114,2018,T,60.0,,
0114,2019,T,60.5,,
0114,2020,T,61.0,,
0180,2018,T,70.0,,
0180,2019,T,70.5,,
0180,2020,T,71.0,,
03,2018,T,65.0,,unweighted_mean_of_municipalities
03,2019,T,65.5,,unweighted_mean_of_municipalities
03,2020,T,66.0,,unweighted_mean_of_municipalities
0380,2018,T,65.0,,
0380,2019,T,65.5,,
0380,2020,T,66.0,,
""",
    )
    # Gender split; a suppressed value stays missing with the source's status.
    health = _rows(world.engine, "sjalvskattad-halsa")
    assert len(health) == 5 * 3 * 3 + 3
    _assert_rows(
        health[health.region_code.isin(["0380", "01"]) & (health.period == "2020")],
        """region_code,period,breakdown,value,status,aggregation
01,2020,K,73.0,,
01,2020,M,75.0,,
01,2020,T,74.0,,
0380,2020,T,,Saknas,
""",
    )
    # SCB: the total is the table's own (not men + women), a missing cell keeps '..'.
    population = _rows(world.engine, "folkmangd")
    assert len(population) == 6 * 3 * 3
    _assert_rows(
        population[(population.region_code == "0114") & (population.period == "2020")],
        """region_code,period,breakdown,value,status,aggregation
0114,2020,K,,..,
0114,2020,M,24200.0,,
0114,2020,T,48443.0,,
""",
    )
    # Exact decimals as published.
    crowding = _rows(world.engine, "trangboddhet")
    assert crowding[(crowding.region_code == "0180") & (crowding.period == "2019")][
        "value"
    ].tolist() == [15.0]


def test_second_run_changes_nothing_and_is_cheap(world: World) -> None:
    world.run()
    before = observations_frame(world.engine)
    world.scb.clear_requests()
    world.kolada.clear_requests()
    summary = world.run(sources=["scb", "kolada"])
    assert summary.outcome == "success"  # type: ignore[attr-defined]
    after = observations_frame(world.engine)
    pd.testing.assert_frame_equal(
        before.drop(columns="fetched_at"), after.drop(columns="fetched_at")
    )
    steps = {s.target: s for s in summary.steps}  # type: ignore[attr-defined]
    assert steps["folkmangd"].outcome == "skipped"
    assert all(s.inserted == s.updated == s.deleted == 0 for s in steps.values())
    # SCB: one cheap table request, no data request.
    scb_paths = [r.path for r in world.scb.requests]
    assert scb_paths == ["/tables/TAB638"]
    # Kolada: every data request asks only for changes.
    data_requests = [r for r in world.kolada.requests if r.path.startswith("/data")]
    assert data_requests and all(r.param("from_date") for r in data_requests)


def test_revisions_additions_and_deletions_arrive(world: World) -> None:
    world.run()
    world.kolada.set_value("N07907", "0180", 2019, 14.875)  # revised
    world.kolada.set_value("N07907", "0180", 2021, 14.5)  # new period
    world.kolada.delete_value("N07907", "0114", 2018)  # withdrawn
    world.scb.set_cell("TAB638", {"Region": "0114", "Kon": "2", "ContentsCode": "BE0101N1",
                                  "Tid": "2020"}, 24_301)  # fmt: skip
    summary = world.run(sources=["scb", "kolada"])
    steps = {s.target: s for s in summary.steps}  # type: ignore[attr-defined]
    assert (steps["trangboddhet"].inserted, steps["trangboddhet"].updated,
            steps["trangboddhet"].deleted) == (1, 1, 1)  # fmt: skip
    assert (steps["folkmangd"].inserted, steps["folkmangd"].updated) == (0, 1)
    crowding = _rows(world.engine, "trangboddhet")
    _assert_rows(
        crowding[crowding.region_code.isin(["0114", "0180"])],
        """region_code,period,breakdown,value,status,aggregation
0114,2019,T,9.85,,
0114,2020,T,9.6,,
0180,2018,T,15.25,,
0180,2019,T,14.875,,
0180,2020,T,14.75,,
0180,2021,T,14.5,,
""",
    )
    with Session(world.engine) as session:
        item = session.scalars(
            select(EtlRunItem)
            .where(EtlRunItem.target == "trangboddhet")
            .order_by(EtlRunItem.id.desc())
        ).first()
        assert item is not None and item.changes is not None
        assert item.changes["new_periods"] == ["2021"]
    population = _rows(world.engine, "folkmangd")
    value = population[(population.region_code == "0114") & (population.period == "2020")
                       & (population.breakdown == "K")]  # fmt: skip
    assert value["value"].tolist() == [24301.0]
    assert value["status"].tolist() == [None]


def test_failing_source_keeps_previous_data_and_logs_why(world: World) -> None:
    world.run()
    before = observations_frame(world.engine)
    world.kolada.set_value("N07907", "0180", 2019, 99.0)
    world.kolada.add_fault(Fault.server_error(503), path_contains="/data/kpi/N07907", times=4)
    summary = world.run(sources=["kolada"])
    assert summary.outcome == "partial"  # type: ignore[attr-defined]
    failed = {s.target: s.error for s in summary.failures}  # type: ignore[attr-defined]
    assert list(failed) == ["trangboddhet"]
    assert "503" in (failed["trangboddhet"] or "")
    after = observations_frame(world.engine)
    pd.testing.assert_frame_equal(
        before.drop(columns="fetched_at"), after.drop(columns="fetched_at")
    )
    step = summary.failures[0]  # type: ignore[attr-defined]
    assert step.failure.kind is FailureKind.HTTP
    assert step.failure.detail.startswith("HTTP 503")
    with Session(world.engine) as session:
        run = session.scalars(select(EtlRun).order_by(EtlRun.id.desc())).first()
        assert run is not None and run.outcome == "partial" and "trangboddhet" in (run.error or "")
        state = session.get(SourceState, "trangboddhet")
        assert state is not None and state.last_error and "503" in state.last_error
        item = session.scalars(
            select(EtlRunItem).where(EtlRunItem.run_id == run.id, EtlRunItem.outcome == "failed")
        ).one()
    assert (item.error, item.error_kind) == (failed["trangboddhet"], "http")
    assert item.error_detail == step.failure.detail


@pytest.mark.parametrize(
    "fault",
    [Fault.truncated(), Fault.malformed()],
    ids=["truncated", "malformed"],
)
def test_bad_json_fails_only_that_indicator(world: World, fault: Fault) -> None:
    world.run(sources=["regions"])
    world.kolada.add_fault(fault, path_contains="/data/kpi/N00310")
    summary = world.run(sources=["kolada"])
    failed = [s.target for s in summary.failures]  # type: ignore[attr-defined]
    assert failed == ["livskvalitet-kommunindex"]
    assert summary.failures[0].failure.kind is FailureKind.DATA  # type: ignore[attr-defined]
    assert len(_rows(world.engine, "trangboddhet")) == 4 * 3


def test_rate_limited_source_is_retried(world: World) -> None:
    world.run(sources=["regions"])
    world.kolada.add_fault(Fault.rate_limited(retry_after="1"), path_contains="/data/kpi/N07907")
    summary = world.run(sources=["kolada"], indicator_ids=["trangboddhet"])
    assert summary.outcome == "success"  # type: ignore[attr-defined]
    with Session(world.engine) as session:
        item = session.scalars(select(EtlRunItem).where(EtlRunItem.target == "trangboddhet")).one()
    assert item.requests >= 2  # the 429 and the retry are both counted


def test_kpi_that_no_longer_exists(world: World) -> None:
    del world.kolada.kpis["N07907"]
    summary = world.run(sources=["regions", "kolada"])
    failed = {s.target: s.error for s in summary.failures}  # type: ignore[attr-defined]
    assert failed == {"trangboddhet": "KPI N07907 no longer exists in Kolada"}
    assert summary.failures[0].failure.kind is FailureKind.DATA  # type: ignore[attr-defined]


def test_table_that_changed_its_variables(world: World) -> None:
    table = world.scb.table("TAB638")
    table.variables[1].code = "Kön"
    summary = world.run(sources=["regions", "scb"])
    failed = {s.target: s.error for s in summary.failures}  # type: ignore[attr-defined]
    assert "changed its variables: Kon not found" in (failed["folkmangd"] or "")
    assert summary.failures[0].failure.kind is FailureKind.DATA  # type: ignore[attr-defined]


def test_drift_is_recorded_when_a_kpi_title_changes(world: World) -> None:
    world.run(sources=["regions", "kolada"])
    old = world.kolada.kpis["N07907"]
    world.kolada.add_kpi(FakeKpi("N07907", "Trångboddhet norm 3, andel (%) (-2025)",
                                 municipality_type=old.municipality_type))  # fmt: skip
    world.run(sources=["kolada"])
    with Session(world.engine) as session:
        state = session.get(SourceState, "trangboddhet")
        assert state is not None and state.drift is not None
        fields = [d["field"] for d in state.drift]
    assert fields == ["retired", "title"]


def test_unknown_region_codes_are_skipped_and_reported(world: World) -> None:
    world.kolada.add_municipality("2999", "Okänd", "K")
    world.run(sources=["regions"])
    with Session(world.engine) as session:
        session.query(Region).filter(Region.code == "2999").delete()
        session.commit()
    world.kolada.set_value("N07907", "2999", 2019, 1.0)
    summary = world.run(sources=["kolada"], indicator_ids=["trangboddhet"])
    assert summary.outcome == "success"  # type: ignore[attr-defined]
    with Session(world.engine) as session:
        item = session.scalars(select(EtlRunItem).where(EtlRunItem.target == "trangboddhet")).one()
    assert item.changes is not None and item.changes["skipped_regions"] == ["2999"]


def test_one_run_at_a_time(world: World) -> None:
    lock = acquire_lock(world.engine)
    try:
        with pytest.raises(EtlBusyError, match="another refresh is running"):
            world.run(sources=["kolada"])
    finally:
        lock.release()
    assert world.run(sources=["regions"]).outcome == "success"  # type: ignore[attr-defined]


def test_unknown_indicator_is_refused_before_anything_runs(world: World) -> None:
    with pytest.raises(RunRequestError, match="unknown indicator"):
        world.run(indicator_ids=["no-such-thing"])
    with Session(world.engine) as session:
        assert session.scalars(select(EtlRun)).all() == []


class FakeGeo(FakeServer):
    """Serves boundary files over HTTP, as the public GeoJSON hosts do."""

    def __init__(self, files: dict[str, bytes]) -> None:
        super().__init__("/geo")
        self.files = files

    def route(self, request: RecordedRequest) -> Reply:
        name = request.path.strip("/")
        if name not in self.files:
            return Reply.text("not found", 404)
        return Reply.json(json.loads(self.files[name]))


def test_boundaries_over_http_and_bad_files(world: World, tmp_path: Path) -> None:
    kommun_url, lan_url = write_boundaries(tmp_path / "http")
    kommuner = Path(kommun_url.removeprefix("file://")).read_bytes()
    lan = json.loads(Path(lan_url.removeprefix("file://")).read_bytes())
    with FakeGeo({"kommuner.geojson": kommuner, "lan.geojson": json.dumps(lan).encode()}) as geo:
        ok = world.settings.model_copy(
            update={
                "geo_municipalities_url": f"{geo.url}/kommuner.geojson",
                "geo_counties_url": f"{geo.url}/lan.geojson",
            }
        )
        summary = run_refresh(world.engine, world.catalogue, ok, sources=["regions", "boundaries"])
        assert summary.outcome == "success", summary.failures
        with Session(world.engine) as session:
            stored = session.get(Boundary, "lan")
            assert stored is not None
            codes = [f["id"] for f in json.loads(stored.geojson)["features"]]
        assert codes == ["01", "03"]

        # A county file that lacks Uppsala and carries an unknown county fails, naming both.
        lan["features"][1]["properties"]["l_id"] = 99
        geo.files["lan.geojson"] = json.dumps(lan).encode()
        summary = run_refresh(world.engine, world.catalogue, ok, sources=["boundaries"])
    failed = {s.target: s.error for s in summary.failures}
    assert "missing 1: 03" in (failed["boundaries"] or "")
    assert "unknown 1: 99" in (failed["boundaries"] or "")
    assert [s.failure.kind for s in summary.failures] == [FailureKind.DATA]  # type: ignore[union-attr]
    with Session(world.engine) as session:
        kept = session.get(Boundary, "lan")
        assert kept is not None and kept.feature_count == 2  # the previous file is kept


def test_unreachable_source_is_not_knocked_on_for_every_indicator(world: World) -> None:
    world.run(sources=["regions"])
    down = world.settings.model_copy(update={"kolada_api_url": "http://127.0.0.1:9/v3"})
    summary = run_refresh(world.engine, world.catalogue, down, sources=["scb", "kolada"])
    errors = {s.target: s.error or "" for s in summary.failures}
    assert sorted(errors) == ["livskvalitet-kommunindex", "sjalvskattad-halsa", "trangboddhet"]
    assert all(e.startswith("not attempted: kolada could not be reached") for e in errors.values())
    assert {s.failure.kind for s in summary.failures} == {FailureKind.SKIPPED}  # type: ignore[union-attr]
    assert summary.outcome == "partial"
    assert len(_rows(world.engine, "folkmangd")) == 6 * 3 * 3  # SCB still loaded
    with Session(world.engine) as session:
        items = session.scalars(
            select(EtlRunItem).where(
                EtlRunItem.run_id == summary.run_id, EtlRunItem.outcome == "failed"
            )
        ).all()
    assert {i.error_kind for i in items} == {"skipped"}
    assert all((i.error_detail or "").startswith("could not connect") for i in items)


def test_a_source_that_stops_answering_is_skipped_after_two_steps(world: World) -> None:
    world.run(sources=["regions"])
    # KPI metadata still answers; every data request has its connection cut.
    world.kolada.add_fault(Fault.cut_connection(0.0), path_contains="/data/", times=100)
    summary = world.run(sources=["kolada"])
    kinds = [(s.target, s.failure.kind) for s in summary.failures]  # type: ignore[attr-defined]
    assert kinds == [
        ("livskvalitet-kommunindex", FailureKind.UNREACHABLE),
        ("sjalvskattad-halsa", FailureKind.UNREACHABLE),
        ("trangboddhet", FailureKind.SKIPPED),
    ]


def test_a_source_answering_badly_is_still_asked_for_every_step(world: World) -> None:
    world.run(sources=["regions"])
    world.kolada.add_fault(Fault.malformed(), path_contains="/data/", times=100)
    summary = world.run(sources=["kolada"])
    kinds = [s.failure.kind for s in summary.failures]  # type: ignore[attr-defined]
    assert kinds == [FailureKind.DATA] * 3


def test_json_log_lines_carry_the_run_id(world: World) -> None:
    import logging

    from levande.indicators.core.logjson import JsonFormatter

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        world.kolada.add_fault(Fault.malformed(), path_contains="/data/kpi/N07907")
        summary = world.run(sources=["regions", "kolada"])
    finally:
        root.removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    failures = [line for line in lines if "trangboddhet failed" in line["message"]]
    assert failures and failures[0]["level"] == "ERROR"
    assert {line.get("run_id") for line in failures} == {summary.run_id}  # type: ignore[attr-defined]


def _analyzed(engine: Engine, table: str) -> bool:
    """Whether PostgreSQL's planner has statistics of ``table`` in the engine's schema."""
    with engine.connect() as conn:
        stamp = conn.execute(
            text("SELECT last_analyze FROM pg_stat_user_tables WHERE relid = to_regclass(:table)"),
            {"table": table},
        ).scalar()
    return stamp is not None


def test_a_run_leaves_the_planner_statistics_of_what_it_loaded(world: World) -> None:
    """Else the dashboard's joins run as nested loops until autovacuum comes by (if ever)."""
    if world.engine.dialect.name != "postgresql":
        pytest.skip("SQLite's planner keeps no statistics to refresh")
    assert not _analyzed(world.engine, "observation")
    world.run()
    for table in ("observation", "observation_rank", "indicator_status", "region"):
        assert _analyzed(world.engine, table), table
