"""What each command does with its runtime: composition of catalogue, database, ETL and app.

Every function here takes an open :class:`~levande.cli.runtime.Runtime` and returns data;
``levande.cli.render`` turns the data into text and exit codes, ``levande.cli.commands``
parses the command line, opens the runtime and prints.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import pandas as pd
from sqlalchemy import Engine

from levande.cli.runtime import Runtime
from levande.indicators.core.catalogue import Catalogue, ScheduleJob
from levande.indicators.store.sync import SyncReport

if TYPE_CHECKING:
    from levande.etl.online_check import OnlineReport
    from levande.etl.pipeline import Progress, RunSummary
    from levande.indicators.store.statuses import RecomputeReport

log = logging.getLogger("levande")


# --- db upgrade -----------------------------------------------------------------------


@dataclass(frozen=True)
class UpgradeResult:
    """What ``db upgrade`` did.

    The schema revision, the catalogue copy, and the statuses recomputed because the catalogue
    changed (``None`` when nothing needed it).
    """

    revision: str
    sync: SyncReport
    recomputed: RecomputeReport | None = None


def upgrade_database(runtime: Runtime) -> UpgradeResult:
    """Report the upgrade and catalogue copy the runtime made, and let statuses follow.

    Targets, directions or manual statuses may have changed with the catalogue: statuses of a
    database that holds data are recomputed then.
    """
    if runtime.revision is None or runtime.sync is None:
        raise RuntimeError("upgrade_database needs a runtime opened with Database.UPGRADE")
    recomputed = None
    if runtime.sync.catalogue_changed and not database_is_empty(runtime.engine):
        from levande.indicators.store.statuses import recompute_statuses

        recomputed = recompute_statuses(runtime.engine, runtime.catalogue)
    return UpgradeResult(runtime.revision, runtime.sync, recomputed)


def database_is_empty(engine: Engine) -> bool:
    """True when no observation has been loaded yet."""
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from levande.indicators.store.schema import Observation

    with Session(engine) as session:
        return not session.scalar(select(func.count()).select_from(Observation))


# --- config check --online -------------------------------------------------------------


def online_check(runtime: Runtime) -> OnlineReport:
    """Every source id of the catalogue folder, checked against the live sources."""
    from levande.etl.online_check import check_sources

    with runtime.sources.clients() as clients:
        return check_sources(runtime.config_catalogue, clients)


# --- etl run ---------------------------------------------------------------------------


def run_etl(
    runtime: Runtime,
    *,
    sources: Sequence[str] | None,
    indicator_ids: Sequence[str] | None,
    full: bool,
    wait_seconds: float,
    trigger: str = "cli",
    progress: Progress | None = None,
) -> RunSummary:
    """Run the ETL once, then recompute the statuses of what changed."""
    from levande.etl.pipeline import run_refresh

    with runtime.sources.clients() as clients:
        return run_refresh(
            runtime.engine,
            runtime.catalogue,
            runtime.settings,
            sources=sources,
            indicator_ids=indicator_ids,
            full=full,
            trigger=trigger,
            progress=progress,
            wait_seconds=wait_seconds,
            clients=clients,
            after_load=recompute_after_load(runtime.catalogue),
        )


def recompute_after_load(catalogue: Catalogue) -> Callable[[Engine, int], None]:
    """The status step at the end of every ETL run: only indicators whose data changed."""
    from levande.indicators.reads.ops import indicators_needing_status
    from levande.indicators.store.statuses import recompute_statuses

    def after_load(engine: Engine, run_id: int) -> None:
        wanted = indicators_needing_status(engine, run_id)
        if wanted:
            recompute_statuses(engine, catalogue, wanted)

    return after_load


# --- etl status ------------------------------------------------------------------------


@dataclass(frozen=True)
class RunLine:
    """One run as ``etl status`` lists it."""

    id: int
    job: str
    started_at: datetime | None
    outcome: str
    inserted: int
    updated: int
    deleted: int
    unchanged: int
    requests: int
    error: str | None


@dataclass(frozen=True)
class IndicatorLine:
    """One indicator's freshness as ``etl status`` lists it."""

    indicator_id: str
    source: str
    observations: int
    latest_period: str | None
    last_success_at: datetime | None
    last_error: str | None
    drift: str


@dataclass(frozen=True)
class EtlStatus:
    """The last runs and each active indicator's freshness and drift."""

    runs: list[RunLine]
    indicators: list[IndicatorLine]


def etl_status(runtime: Runtime, runs: int) -> EtlStatus:
    """Read the last ``runs`` runs and every indicator's freshness; writes nothing."""
    from levande.indicators.reads.ops import (
        drift_summary,
        indicator_freshness,
        last_runs,
        small_area_freshness,
    )

    run_lines = [
        RunLine(
            r.id,
            r.job,
            r.started_at,
            r.outcome,
            r.inserted,
            r.updated,
            r.deleted,
            r.unchanged,
            r.requests,
            r.error,
        )
        for r in last_runs(runtime.engine, runs)
    ]
    indicator_lines = [
        IndicatorLine(
            indicator_id=str(row["indicator_id"]),
            source=str(row["source"]),
            observations=int(row["observations"]),
            latest_period=_text(row["latest_period"]),
            last_success_at=_stamp(row["last_success_at"]),
            last_error=_text(row["last_error"]),
            drift=drift_summary(row["drift"]),
        )
        for row in indicator_freshness(runtime.engine).to_dict("records")
    ]
    # Small-area (DeSO/RegSO) measures, after the indicators; failures are in the run log.
    indicator_lines += [
        IndicatorLine(
            indicator_id=str(row["indicator_id"]),
            source="scb-omraden",
            observations=int(row["observations"]),
            latest_period=_text(row["latest_period"]),
            last_success_at=_stamp(row["last_success_at"]),
            last_error=None,
            drift="",
        )
        for row in small_area_freshness(runtime.engine).to_dict("records")
    ]
    return EtlStatus(run_lines, indicator_lines)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _stamp(value: Any) -> datetime | None:
    # A column with some stamps missing holds NaT, which passes for a datetime but cannot print.
    if not isinstance(value, datetime) or pd.isna(value):
        return None
    return value.to_pydatetime() if isinstance(value, pd.Timestamp) else value


# --- exports and statuses --------------------------------------------------------------


def observations(runtime: Runtime, indicator_ids: list[str] | None) -> pd.DataFrame:
    """The tidy observations, one row per value."""
    from levande.indicators.reads.export import observations_frame

    return observations_frame(runtime.engine, indicator_ids)


def statuses(runtime: Runtime, indicator_ids: list[str] | None) -> pd.DataFrame:
    """One row per series: status, explanation, rank, quartile and peer median."""
    from levande.indicators.reads.export import status_frame

    return status_frame(runtime.engine, indicator_ids)


def recompute(runtime: Runtime) -> RecomputeReport:
    """Recompute every status and position from the stored observations."""
    from levande.indicators.store.statuses import recompute_statuses

    return recompute_statuses(runtime.engine, runtime.catalogue)


# --- scheduler -------------------------------------------------------------------------


def check_run_now(catalogue: Catalogue, run_now: Sequence[str]) -> None:
    """Refuse unknown job ids before anything starts.

    Raises:
        RunRequestError: naming the unknown ids.
    """
    from levande.etl.pipeline import RunRequestError

    known = {job.id for job in catalogue.schedule.jobs}
    unknown = [j for j in run_now if j not in known]
    if unknown:
        raise RunRequestError(f"unknown scheduled job(s): {', '.join(unknown)}")


def scheduled_runner(runtime: Runtime) -> Callable[[ScheduleJob, threading.Event], str]:
    """How the scheduler runs one job: the same code path as ``levande etl run``.

    Each job gets fresh source clients from the runtime, which keeps one rate limiter per
    source for all of them.
    """
    from levande.etl.pipeline import run_refresh
    from levande.etl.scheduler import SOURCES_OF_JOB
    from levande.indicators.store.statuses import recompute_statuses

    after_load = recompute_after_load(runtime.catalogue)

    def run(job: ScheduleJob, stop: threading.Event) -> str:
        if job.job == "status":
            recompute_statuses(runtime.engine, runtime.catalogue)
            return "success"
        with runtime.sources.clients() as clients:
            summary = run_refresh(
                runtime.engine,
                runtime.catalogue,
                runtime.settings,
                sources=SOURCES_OF_JOB.get(job.job),
                indicator_ids=job.indicators or None,
                full=job.full,
                trigger=f"scheduler:{job.id}",
                clients=clients,
                after_load=after_load,
                stop=stop,
            )
        return summary.outcome

    return run


def run_scheduler(runtime: Runtime, run_now: Sequence[str]) -> None:
    """Run the schedule until SIGTERM or SIGINT; a running job ends after its current step.

    ``run_now`` are job ids to run at start, checked with :func:`check_run_now` before any
    job starts.

    Raises:
        RunRequestError: an unknown job id in ``run_now``.
    """
    import signal

    from levande.etl.scheduler import Scheduler

    check_run_now(runtime.catalogue, run_now)
    scheduler = Scheduler(runtime.catalogue.schedule, scheduled_runner(runtime))

    def stop(signum: int, _frame: object) -> None:
        log.info("signal %d: stopping the scheduler after the current step", signum)
        scheduler.stop.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for job in runtime.catalogue.schedule.jobs:
        if job.id in run_now and not scheduler.stop.is_set():
            scheduler.run_job(job)
    scheduler.run_forever()


# --- the dashboard ---------------------------------------------------------------------


def serve_dashboard(runtime: Runtime, host: str, port: int) -> None:
    """Run the dashboard on the development server (gunicorn serves ``dashboard.app:server``).

    The runtime has checked that the database answers with the current schema.
    """
    # Imported here: the dashboard is loaded only when serving, so ETL hosts need none of it.
    from levande.dashboard.app import create_app

    app = create_app(runtime.settings)
    log.info("serving the dashboard on http://%s:%d", host, port)
    app.run(host=host, port=port, debug=False)
