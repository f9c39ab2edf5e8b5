"""A first load into an empty indicator stores exactly what the general upsert stores.

With nothing stored for an indicator and every row new, :func:`upsert_observations` builds
its inserts in one ``zip`` instead of the row-by-row plan. These tests load the same values
twice on each backend: once through that path, once through the general plan (forced by a
repeated key and an unknown region, which only the plan handles), and compare the stored
tables row by row, in insertion order.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session

from levande.indicators.core.catalogue import load_catalogue
from levande.indicators.store.schema import Observation, Region
from levande.indicators.store.sync import sync_catalogue
from levande.indicators.store.writes import (
    ObservationColumns,
    ObservationRow,
    _first_load,
    known_region_codes,
    upsert_observations,
)

pytestmark = pytest.mark.integration

REGIONS = ["00", "01", "03", *[f"{i:04d}" for i in range(114, 160)]]


def _rows() -> list[ObservationRow]:
    """About 2,700 values (COPY's path on PostgreSQL) with NULLs, symbols and aggregations."""
    rng = random.Random(29)
    rows = []
    for region in REGIONS:
        for year in range(2005, 2025):
            for breakdown in ("T", "K", "M"):
                if rng.random() < 0.05:
                    continue
                roll = rng.random()
                value = (
                    None if roll < 0.05 else rng.choice([0.0, -1.5, 1e-7, rng.uniform(-1e6, 1e6)])
                )
                status = ".." if value is None else ("p" if roll > 0.97 else None)
                aggregation = "unweighted_mean_of_municipalities" if len(region) == 2 else None
                rows.append(
                    ObservationRow(region, str(year), breakdown, value, status, aggregation)
                )
    return rows


def _stored(engine: Engine, indicator_id: str) -> list[tuple[Any, ...]]:
    with Session(engine) as session:
        return [
            tuple(r)
            for r in session.execute(
                select(
                    Observation.region_code, Observation.period, Observation.breakdown,
                    Observation.value, Observation.status, Observation.aggregation,
                    Observation.run_id,
                )
                .where(Observation.indicator_id == indicator_id)
                .order_by(Observation.id)
            )
        ]  # fmt: skip


def test_first_load_stores_what_the_general_plan_stores(
    engine: Engine, sample_config: Path
) -> None:
    catalogue = load_catalogue(sample_config)
    sync_catalogue(engine, catalogue)
    first_id, general_id = (i.id for i in catalogue.indicators[:2])
    with Session(engine) as session, session.begin():
        known = known_region_codes(session)
        session.execute(
            insert(Region),
            [{"code": c, "name": c, "level": "kommun" if len(c) == 4 else "lan",
              "updated_at": None} for c in REGIONS if c not in known],
        )  # fmt: skip
    rows = _rows()
    first = ObservationColumns.of(rows)
    # The same rows, plus a repeated key (the plan keeps the first) and an unknown region.
    general = ObservationColumns.of([
        *rows,
        ObservationRow(rows[10].region_code, rows[10].period, rows[10].breakdown, 42.0),
        ObservationRow("9999", "2020", "T", 1.0),
    ])  # fmt: skip
    with Session(engine) as session, session.begin():
        codes = known_region_codes(session)
        assert _first_load(first, codes) is not None
        assert _first_load(general, codes) is None
        a = upsert_observations(session, first_id, first, run_id=None, authoritative=True)
        b = upsert_observations(session, general_id, general, run_id=None, authoritative=True)
    assert (a.inserted, a.updated, a.deleted, a.unchanged) == (len(rows), 0, 0, 0)
    assert (b.inserted, b.updated, b.deleted, b.unchanged) == (len(rows), 0, 0, 0)
    assert a.new_periods == b.new_periods == [str(y) for y in range(2005, 2025)]
    assert (a.skipped_regions, b.skipped_regions) == ([], ["9999"])
    stored = _stored(engine, first_id)
    assert stored == _stored(engine, general_id)
    assert len(stored) == len(rows)
    assert [type(r[3]) for r in stored] == [type(r.value) for r in rows]


def test_a_second_load_of_the_same_values_changes_nothing(
    engine: Engine, sample_config: Path
) -> None:
    """After a first load, the next one goes through the plan and finds every row unchanged."""
    catalogue = load_catalogue(sample_config)
    sync_catalogue(engine, catalogue)
    indicator_id = catalogue.indicators[0].id
    with Session(engine) as session, session.begin():
        known = known_region_codes(session)
        session.execute(
            insert(Region),
            [{"code": c, "name": c, "level": "kommun" if len(c) == 4 else "lan",
              "updated_at": None} for c in REGIONS if c not in known],
        )  # fmt: skip
    columns = ObservationColumns.of(_rows())
    with Session(engine) as session, session.begin():
        upsert_observations(session, indicator_id, columns, run_id=None, authoritative=True)
    before = _stored(engine, indicator_id)
    with Session(engine) as session, session.begin():
        again = upsert_observations(session, indicator_id, columns, run_id=None, authoritative=True)
    assert (again.inserted, again.updated, again.deleted) == (0, 0, 0)
    assert again.unchanged == len(columns)
    assert _stored(engine, indicator_id) == before
