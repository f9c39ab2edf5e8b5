"""Freshness rules of the data-status page, on a small database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from levande.indicators.core.catalogue import load_catalogue
from levande.indicators.reads.ops import data_status
from levande.indicators.store.schema import SourceState
from levande.indicators.store.sync import sync_catalogue

pytestmark = pytest.mark.integration

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("state", "reasons"),
    [
        ({}, ["refresh_overdue"]),  # never fetched, and the schedule expects it
        ({"last_success_at": NOW - timedelta(hours=2)}, []),
        ({"last_success_at": NOW - timedelta(days=5)}, ["refresh_overdue"]),
        ({"last_success_at": NOW - timedelta(hours=2),
          "source_seen_updated": NOW - timedelta(hours=1)}, ["source_newer"]),
        ({"last_success_at": NOW - timedelta(hours=2),
          "source_seen_updated": NOW + timedelta(days=30)}, []),  # a planned date is not news
        ({"last_success_at": NOW - timedelta(hours=30),
          "last_failure_at": NOW - timedelta(hours=1)}, ["refresh_failing"]),
        ({"last_success_at": NOW - timedelta(hours=20),
          "last_failure_at": NOW - timedelta(hours=1)}, []),  # one failure, still within 26 h
    ],
)  # fmt: skip
def test_stale_reasons(
    engine: Engine, sample_config: Path, state: dict[str, datetime], reasons: list[str]
) -> None:
    catalogue = load_catalogue(sample_config)
    sync_catalogue(engine, catalogue)
    if state:
        with Session(engine) as session, session.begin():
            session.add(SourceState(indicator_id="trangboddhet", **state))
    frame = data_status(engine, catalogue, NOW).set_index("indicator_id")
    row = frame.loc["trangboddhet"]
    assert row["stale_reasons"] == reasons
    assert bool(row["stale"]) is bool(reasons)
    assert row["next_refresh"] is not None  # the kolada-nightly job


def test_source_health_and_history_carry_the_failure_kind(
    engine: Engine, sample_config: Path
) -> None:
    from levande.indicators.core.failures import FailureKind, StepFailure
    from levande.indicators.reads.ops import run_history, source_health
    from levande.indicators.store.runlog import RunLog
    from levande.indicators.store.schema import EtlRunItem

    catalogue = load_catalogue(sample_config)
    sync_catalogue(engine, catalogue)
    runlog = RunLog(engine, "scb,kolada")
    down = StepFailure(FailureKind.UNREACHABLE, "kolada: no answer [u]", "no answer")
    runlog.finish_item(runlog.start_item("trangboddhet", "indicator"), "failed", failure=down)
    runlog.finish_item(runlog.start_item("folkmangd", "indicator"), "success")
    # A step recorded by a process older than the failure kinds: no kind, message only.
    old = runlog.start_item("regions", "regions")
    runlog.finish_item(old, "failed")
    with Session(engine) as session, session.begin():
        item = session.get(EtlRunItem, old)
        assert item is not None
        item.error = "Kolada's municipality list has no 0000 (Riket)"
    runlog.finish()

    health = {entry["source"]: entry for entry in source_health(engine, catalogue)}
    assert health["scb"]["last_failure"] is None and health["scb"]["healthy"]
    kolada = health["kolada"]
    # Without facts of its own, the old step's failure is named after the step's source.
    old_failure = StepFailure(
        FailureKind.DATA, "Kolada's municipality list has no 0000 (Riket)", source="kolada"
    )
    assert kolada["last_failure"] == old_failure  # the latest of the two
    assert kolada["last_error"] == kolada["last_failure"].message
    steps = {s["target"]: s["failure"] for s in run_history(engine, 1)[0]["steps"]}
    assert steps == {
        "trangboddhet": down,
        "folkmangd": None,
        "regions": old_failure,
    }
