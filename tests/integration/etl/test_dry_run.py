"""A dry run: fetched, validated and checked like a refresh, and nothing written but its log.

Kolada publishes a new year and an implausible revision; the dry run must report both (rows
that would be added and changed, the value that would be flagged) while every table but the run
log stays row for row as it was, on SQLite and PostgreSQL. The refresh that follows does what
the dry run said it would.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from levande.etl.pipeline import RunRequestError, StepSummary
from levande.indicators.reads.cache import Reader, VersionedCache
from levande.indicators.reads.dimensions import last_refresh
from levande.indicators.reads.feeds import refresh_changes
from levande.indicators.reads.ops import source_health
from levande.indicators.store.schema import Base, EtlRun, EtlRunItem
from testkit.seeded import World, loaded_world, refresh

pytestmark = pytest.mark.integration

RUN_LOG = {"etl_run", "etl_run_item"}
"""The tables a dry run writes: its own record and its steps'."""


def snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but the run log, in a stable order."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name in RUN_LOG:
                continue
            rows = [tuple(row) for row in conn.execute(select(table))]
            tables[table.name] = sorted(rows, key=repr)
    return tables


@pytest.fixture
def world(engine: Engine, sample_config: Path, tmp_path: Path) -> Iterator[World]:
    with loaded_world(engine, sample_config, tmp_path) as loaded:
        yield loaded


def _step(steps: list[StepSummary], target: str) -> StepSummary:
    return next(s for s in steps if s.target == target)


def test_a_dry_run_reports_what_would_change_and_writes_nothing(world: World) -> None:
    world.kolada.set_value("N07907", "0180", 2020, 134.5)  # above 100 %: would be flagged
    world.kolada.set_value("N07907", "0180", 2021, 12.0)  # a new year
    reader = Reader(world.engine, VersionedCache(world.engine))
    feed_before = refresh_changes(world.engine)
    refreshed_before = last_refresh(reader)
    health_before = source_health(world.engine, world.catalogue)
    before = snapshot(world.engine)

    dry = refresh(world, sources=["kolada"], dry_run=True)

    assert snapshot(world.engine) == before
    assert dry.dry_run and dry.outcome == "success"
    step = _step(dry.steps, "trangboddhet")
    assert (step.inserted, step.updated, step.deleted) == (1, 1, 0)
    assert step.changes["new_periods"] == ["2021"]
    assert step.changes["flags"]["opened"] == 1
    assert step.changes["flags"]["values"] == [
        {"region_code": "0180", "period": "2020", "breakdown": "T", "value": 134.5,
         "rule": "above_range", "bound": 100.0, "previous_period": None,
         "previous_value": None},
    ]  # fmt: skip
    with Session(world.engine) as session:
        run = session.get(EtlRun, dry.run_id)
        assert run is not None and run.dry_run and run.options is not None
        assert run.options["dry_run"] is True
        item = session.scalars(
            select(EtlRunItem).where(
                EtlRunItem.run_id == dry.run_id, EtlRunItem.target == "trangboddhet"
            )
        ).one()
        assert (item.inserted, item.updated) == (1, 1)
        assert item.changes is not None and item.changes["flags"]["opened"] == 1
    # Nothing that tells when data changed counts the dry run.
    assert refresh_changes(world.engine) == feed_before
    assert last_refresh(Reader(world.engine, VersionedCache(world.engine))) == refreshed_before
    assert source_health(world.engine, world.catalogue) == health_before

    # The refresh then does what the dry run said.
    real = refresh(world, sources=["kolada"])
    loaded = _step(real.steps, "trangboddhet")
    assert (loaded.inserted, loaded.updated, loaded.deleted) == (1, 1, 0)
    assert loaded.changes["flags"]["opened"] == 1
    assert snapshot(world.engine) != before


def test_an_indicator_dry_run_and_an_unchanged_source(world: World) -> None:
    before = snapshot(world.engine)
    dry = refresh(world, indicator_ids=["trangboddhet"], dry_run=True)
    assert [s.target for s in dry.steps] == ["trangboddhet"]
    step = dry.steps[0]
    assert (step.inserted, step.updated, step.deleted) == (0, 0, 0)
    assert "flags" not in step.changes
    assert snapshot(world.engine) == before


@pytest.mark.parametrize("sources", [["regions"], ["boundaries"], ["regions", "boundaries"]])
def test_a_dry_run_of_what_it_does_not_cover_is_refused(world: World, sources: list[str]) -> None:
    before = snapshot(world.engine)
    with pytest.raises(RunRequestError, match="dry run covers the indicators"):
        refresh(world, sources=sources, dry_run=True)
    assert snapshot(world.engine) == before
