"""The small-area load end to end: fake SCB DeSO/RegSO tables over HTTP, SQLite and PostgreSQL."""

from __future__ import annotations

import csv as csvlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from levande.etl.pipeline import RunSummary, run_refresh
from levande.indicators.core.catalogue import Catalogue, load_catalogue
from levande.indicators.core.settings import Settings
from levande.indicators.reads.cache import Reader, data_version
from levande.indicators.reads.export import observations_frame
from levande.indicators.reads.small_areas import area_values, areas
from levande.indicators.store.schema import AreaObservation, Observation
from levande.indicators.store.sync import sync_catalogue
from testkit.fakes.kolada import FakeKolada
from testkit.fakes.scb import FakeScb
from testkit.small_area_world import (
    COMPUTED_IDS,
    seed_small_areas,
    write_small_area_catalogue,
)
from testkit.world import seed_kolada

pytestmark = pytest.mark.integration

SMALL = ["omr-folkmangd", "omr-utlandsk-bakgrund", "omr-bakgrund-totalt",
         "omr-lag-ekonomisk-standard", "omr-omradestyp"]  # fmt: skip


@dataclass
class World:
    engine: Engine
    catalogue: Catalogue
    settings: Settings
    scb: FakeScb

    def run(self, **kwargs: object) -> RunSummary:
        kwargs.setdefault("indicator_ids", SMALL)
        return run_refresh(self.engine, self.catalogue, self.settings, **kwargs)  # type: ignore[arg-type]


def _world(engine: Engine, config: Path, max_cells: int) -> Iterator[World]:
    catalogue = load_catalogue(write_small_area_catalogue(config))
    sync_catalogue(engine, catalogue)
    with FakeScb(max_data_cells=max_cells) as scb, FakeKolada() as kolada:
        seed_small_areas(scb)
        seed_kolada(kolada)
        settings = Settings(
            scb_api_url=scb.url, kolada_api_url=kolada.url, http_max_retries=1, http_timeout=5,
            kolada_calls_per_second=500, first_year=2018, config_dir=config,
        )  # fmt: skip
        yield World(engine, catalogue, settings, scb)


@pytest.fixture
def world(engine: Engine, sample_config: Path) -> Iterator[World]:
    yield from _world(engine, sample_config, 150_000)


def _frame(engine: Engine, municipality: str, indicator: str) -> pd.DataFrame:
    frame = area_values(Reader(engine), municipality, [indicator])
    return frame[["area_code", "level", "vintage", "period", "value", "status"]]


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csvlib.DictReader(io.StringIO(text)))


def _assert(actual: pd.DataFrame, csv: str) -> None:
    expected = [
        {**row, "value": float(row["value"]) if row["value"] else None,
         "status": row["status"] or None}
        for row in csv_rows(csv)
    ]  # fmt: skip
    got = actual.astype(object).where(actual.notna(), None)
    assert got.to_dict("records") == expected


def test_full_load_keeps_vintages_apart_and_values_exact(world: World) -> None:
    summary = world.run()
    assert summary.outcome == "success", [(s.target, s.error) for s in summary.failures]
    # 2023-2024 through the 2018 codes, 2025 through the suffixed 2025 codes only: the silent
    # zeros SCB shows for old codes in 2025 are never asked for, so never stored.
    _assert(
        _frame(world.engine, "0114", "omr-folkmangd"),
        """\
area_code,level,vintage,period,value,status
0114A0010,deso,2018,2023,1000,
0114A0010,deso,2018,2024,1005,
0114A0010_DeSO2025,deso,2025,2025,1010,
0114C1010,deso,2018,2023,1300,
0114C1010,deso,2018,2024,1305,
0114C1010_DeSO2025,deso,2025,2025,1310,
0114C1020,deso,2018,2023,1400,
0114C1020,deso,2018,2024,1405,
0114C1020_DeSO2025,deso,2025,2025,1410,
0114R001,regso,2020,2023,2300,
0114R001,regso,2020,2024,2310,
0114R001_RegSO2025,regso,2025,2025,2320,
0114R002,regso,2020,2023,1400,
0114R002,regso,2020,2024,1405,
0114R002_RegSO2025,regso,2025,2025,1410,
""",
    )
    # A suppressed cell is stored as missing with SCB's symbol, never as zero.
    _assert(
        _frame(world.engine, "0380", "omr-lag-ekonomisk-standard").query("period == '2024'"),
        """\
area_code,level,vintage,period,value,status
0380A0010,deso,2018,2024,,..
0380C1010,deso,2018,2024,5.0,
0380R001,regso,2020,2024,4.5,
""",
    )
    info = {a.code: a for a in areas(Reader(world.engine), "0180")}
    assert info["0180R002"].name == "Rinkeby"
    assert (info["0180R002"].level, info["0180R002"].vintage) == ("regso", "2020")
    assert info["0180R002_RegSO2025"].base_code == "0180R002"
    assert info["0180C1061_DeSO2025"].name is None
    assert (info["0180C1061_DeSO2025"].county_code, info["0180C1061_DeSO2025"].vintage) == (
        "01",
        "2025",
    )
    assert "0180C1061" not in info  # the split DeSO exists only in the 2025 vintage
    with Session(world.engine) as session:
        # Small areas never enter the national fact table, its statuses or its ranks.
        assert session.scalar(select(func.count()).select_from(Observation)) == 0


def test_second_run_is_a_cheap_no_change_refresh(world: World) -> None:
    world.run()
    version = data_version(world.engine)
    world.scb.clear_requests()
    summary = world.run()
    assert {s.outcome for s in summary.steps} == {"skipped"}
    assert data_version(world.engine) == version
    assert all("/data" not in r.path and "/metadata" not in r.path for r in world.scb.requests)


def test_revised_cell_updates_one_row(world: World) -> None:
    world.run()
    world.scb.set_cell("TAB6685", ("0180C1010", "totalt", "000006Z1", "2024"), 7.25)
    summary = world.run()
    step = next(s for s in summary.steps if s.target == "omr-lag-ekonomisk-standard")
    assert (step.inserted, step.updated, step.deleted) == (0, 1, 0)
    frame = _frame(world.engine, "0180", "omr-lag-ekonomisk-standard")
    row = frame[(frame.area_code == "0180C1010") & (frame.period == "2024")]
    assert row["value"].tolist() == [7.25]


def test_cell_limit_splits_requests_and_changes_nothing(
    engine: Engine, sample_config: Path
) -> None:
    for world in _world(engine, sample_config, 12):
        summary = world.run(indicator_ids=["omr-folkmangd"])
        assert summary.outcome == "success"
        posts = [r for r in world.scb.requests if r.path.endswith("/data")]
        assert len(posts) > 3  # one per year would be three
        frame = _frame(world.engine, "0180", "omr-folkmangd")
        assert len(frame) == (6 + 3) * 2 + (7 + 3)  # old vintages in two years, new in one
        with Session(world.engine) as session:
            stored = session.scalar(select(func.count()).select_from(AreaObservation))
        assert stored == (11 + 6) * 2 + (12 + 6)  # DeSO + RegSO of each vintage, per year


def _computed(engine: Engine, indicator: str, period: str) -> dict[str, tuple[Any, ...]]:
    frame = observations_frame(engine, [indicator])
    frame = frame[frame.period == period][["region_code", "value", "status", "aggregation"]]
    rows: list[Any] = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return {r["region_code"]: (r["value"], r["status"], r["aggregation"]) for r in rows}


def test_computed_national_indicators_from_the_stored_areas(world: World) -> None:
    summary = world.run(indicator_ids=[*SMALL, *COMPUTED_IDS])
    assert summary.outcome == "success", [(s.target, s.error) for s in summary.failures]
    assert [s.target for s in summary.steps][-2:] == COMPUTED_IDS  # after their inputs
    # Types 1-2: 0114R002 (1,400 of 3,700 residents) and 0180R002 (3,700 of 11,100).
    by_region = _computed(world.engine, "andel-utmaningar", "2023")
    how = "computed:population_share_in_types"
    assert by_region == {
        "00": (pytest.approx(100 * 5100 / 17100), None, how),
        "01": (pytest.approx(100 * 5100 / 14800), None, how),
        "03": (0.0, None, how),
        "0114": (pytest.approx(100 * 1400 / 3700), None, how),
        "0180": (pytest.approx(100 / 3), None, how),
        "0380": (0.0, None, how),
    }
    seg = _computed(world.engine, "segregation-bakgrund", "2023")
    # Stockholm: shares 0.2 and 0.8 around 0.4; D = (7,400 * 0.2 + 3,700 * 0.4) / 5,328 = 5/9.
    assert seg["0180"] == (pytest.approx(5 / 9), None, "computed:dissimilarity")
    assert seg["0114"] == (pytest.approx(0.0), None, "computed:dissimilarity")
    assert seg["0380"] == (None, "..", "computed:dissimilarity")  # two DeSO, three needed
    # Ranked among municipalities like any indicator, for the national map and ranking.
    from levande.indicators.store.schema import ObservationRank
    from levande.indicators.store.statuses import recompute_statuses

    recompute_statuses(world.engine, world.catalogue)
    with Session(world.engine) as session:
        ranked = dict(
            session.execute(
                select(ObservationRank.region_code, ObservationRank.rank).where(
                    ObservationRank.indicator_id == "andel-utmaningar",
                    ObservationRank.period == "2023",
                )
            ).all()
        )
    # Lower is better: Uppsala 0 %, Stockholm 33.3 %, Upplands Väsby 37.8 %; counties apart.
    assert ranked == {"0380": 1, "0180": 2, "0114": 3, "03": 1, "01": 2, "00": 1}
    again = world.run(indicator_ids=COMPUTED_IDS)
    assert {s.outcome for s in again.steps if s.target in COMPUTED_IDS} == {"skipped"}


def test_online_check_names_a_code_the_table_lacks(world: World) -> None:
    from levande.etl.online_check import check_sources
    from levande.etl.sources.clients import Sources

    variable = world.scb.table("TAB6685").variables[2]
    variable.values = ["000006Z2"]
    with Sources(world.settings).clients() as clients:
        report = check_sources(world.catalogue, clients)
    small = [m for m in report.mismatches if m.startswith("omr-")]
    assert small == ["omr-lag-ekonomisk-standard: TAB6685 ContentsCode has no value 000006Z1"]


def test_a_failing_table_keeps_the_previous_values(world: World) -> None:
    from testkit.fakes.server import Fault

    world.run()
    before = _frame(world.engine, "0180", "omr-folkmangd")
    world.scb.set_cell("TAB6574", ("0180C1010", "totalt", "000007Y7", "2024"), 1)
    # Both attempts (the request and its one retry) answered with a server error.
    world.scb.add_fault(Fault.server_error(), path_contains="TAB6574/data", times=2)
    summary = world.run(indicator_ids=["omr-folkmangd"])
    step = next(s for s in summary.steps if s.target == "omr-folkmangd")
    assert step.outcome == "failed" and step.failure is not None
    assert _frame(world.engine, "0180", "omr-folkmangd").equals(before)
    # The next run, with SCB answering again, loads the revision (the stamp was not taken).
    assert world.scb.pending_faults() == 0
    world.run(indicator_ids=["omr-folkmangd"])
    frame = _frame(world.engine, "0180", "omr-folkmangd")
    assert frame[(frame.area_code == "0180C1010") & (frame.period == "2024")]["value"].tolist() == [
        1.0
    ]


def test_freshness_lists_every_small_area_measure(world: World) -> None:
    from levande.indicators.reads.ops import small_area_freshness

    world.run()
    frame = small_area_freshness(world.engine)
    rows = {r["indicator_id"]: r for r in frame.to_dict("records")}
    assert set(rows) == set(SMALL)
    # Population: 17 areas in each of 2023 and 2024, 18 in 2025.
    assert (rows["omr-folkmangd"]["table_id"], rows["omr-folkmangd"]["observations"]) == (
        "TAB6574",
        52,
    )
    assert rows["omr-omradestyp"]["latest_period"] == "2025"
