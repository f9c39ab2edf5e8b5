"""The shipped catalogue loads end to end: every indicator fetched from fakes of national shape.

The fakes are filled by the benchmark's generator (testkit/national.py) for all 290
municipalities, 21 counties and riket, at a small number of years, so this test also keeps the
benchmark's data path from rotting.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from levande.etl.pipeline import run_refresh
from levande.indicators.core.catalogue import load_catalogue
from levande.indicators.core.settings import Settings
from levande.indicators.reads.export import observations_frame
from levande.indicators.store.schema import (
    AreaObservation,
    IndicatorStatus,
    Observation,
    Region,
)
from levande.indicators.store.statuses import recompute_statuses
from levande.indicators.store.sync import sync_catalogue
from testkit.fakes.kolada import FakeKolada
from testkit.fakes.scb import FakeScb
from testkit.national import NationalShape, seed_national

pytestmark = pytest.mark.integration

CONFIG = Path(__file__).resolve().parents[3] / "config"


def test_every_catalogue_indicator_loads(engine: Engine) -> None:
    catalogue = load_catalogue(CONFIG)
    sync_catalogue(engine, catalogue)
    with FakeScb() as scb, FakeKolada() as kolada:
        counts = seed_national(catalogue, kolada, scb, NationalShape(first_year=2023, years=2))
        assert counts["municipalities"] == 290
        settings = Settings(
            scb_api_url=scb.url, kolada_api_url=kolada.url, kolada_calls_per_second=1000,
            first_year=2023, config_dir=CONFIG,
        )  # fmt: skip
        summary = run_refresh(
            engine, catalogue, settings, sources=["regions", "scb", "kolada"],
            after_load=lambda eng, _run: recompute_statuses(eng, catalogue),
        )  # fmt: skip
        # Numbers are sacred: every stored municipal value of a gender-split KPI (loaded in one
        # large batch, through COPY on PostgreSQL) equals what the fake source published.
        split = next(i for i in catalogue.indicators if i.source == "kolada" and i.gender)
        frame = observations_frame(engine, [split.id])
        frame = frame[frame.region_level == "kommun"]
        assert len(frame) == 290 * 2 * 3
        row: Any
        for row in frame.itertuples():
            published = kolada.point(split.source_id, row.region_code, int(row.period),
                                     row.breakdown)  # fmt: skip
            stored = None if pd.isna(row.value) else row.value
            assert stored == published.value, row
    assert summary.failures == []
    with Session(engine) as session:
        levels = dict(
            session.execute(select(Region.level, func.count()).group_by(Region.level)).all()
        )
        loaded = set(session.scalars(select(Observation.indicator_id).distinct()))
        with_status = set(session.scalars(select(IndicatorStatus.indicator_id).distinct()))
        explained = session.scalars(select(IndicatorStatus).limit(50)).all()
    assert levels == {"riket": 1, "lan": 21, "kommun": 290}
    # Written in bulk (COPY on PostgreSQL): the JSON explanation reads back as data.
    assert all(s.explanation and s.explanation["method_version"] for s in explained)
    assert loaded == {i.id for i in catalogue.indicators}
    assert with_status == loaded
    # Every small-area indicator loaded too, into its own table: statuses stay national.
    with Session(engine) as session:
        small = set(session.scalars(select(AreaObservation.indicator_id).distinct()))
        ranked = set(session.scalars(select(IndicatorStatus.region_code).distinct()))
    assert small == {i.id for i in catalogue.small_areas.indicators}
    assert all(len(code) <= 4 for code in ranked)
