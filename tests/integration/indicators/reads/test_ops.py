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


@pytest.mark.parametrize(
    ("now", "kolada_next", "scb_next"),
    [
        # Winter (UTC+1): a Sunday morning; the SCB job waits for Monday.
        (datetime(2026, 11, 29, 9, 0, tzinfo=UTC), "2026-11-30T02:15+01:00",
         "2026-11-30T06:30+01:00"),
        # Summer (UTC+2): a Wednesday at noon.
        (datetime(2026, 6, 10, 12, 0, tzinfo=UTC), "2026-06-11T02:15+02:00",
         "2026-06-11T06:30+02:00"),
        # Just before the nightly job, Stockholm time (00:10 UTC is 01:10 in winter).
        (datetime(2026, 1, 14, 0, 10, tzinfo=UTC), "2026-01-14T02:15+01:00",
         "2026-01-14T06:30+01:00"),
    ],
)  # fmt: skip
def test_the_schedule_with_next_runs_in_stockholm_and_last_runs(
    engine: Engine, sample_config: Path, now: datetime, kolada_next: str, scb_next: str
) -> None:
    from levande.indicators.reads.ops import schedule_overview
    from levande.indicators.store.runlog import RunLog

    catalogue = load_catalogue(sample_config)
    sync_catalogue(engine, catalogue)
    RunLog(engine, "kolada", trigger="scheduler:kolada-nightly").finish()
    RunLog(engine, "kolada", trigger="cli").finish()  # not the job's: started by hand
    started_now = RunLog(engine, "kolada", trigger="operator:kolada-nightly")
    started_now.finish_item(started_now.start_item("regions", "regions"), "failed")
    started_now.finish()
    overview = schedule_overview(engine, catalogue.schedule, now)
    assert [entry["job"].id for entry in overview] == ["kolada-nightly", "scb-daily"]
    kolada, scb = overview
    assert kolada["next_run"].isoformat(timespec="minutes") == kolada_next
    assert scb["next_run"].isoformat(timespec="minutes") == scb_next
    assert (kolada["last_run_id"], kolada["last_outcome"]) == (started_now.run_id, "failed")
    assert (scb["last_run_id"], scb["last_started_at"], scb["last_outcome"]) == (None,) * 3
