"""What each command does with its runtime: composition of catalogue, database, ETL and app.

Every function here takes an open :class:`~levande.cli.runtime.Runtime` and returns data;
``levande.cli.render`` turns the data into text and exit codes, ``levande.cli.commands``
parses the command line, opens the runtime and prints.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from sqlalchemy import Engine

from levande.cli.runtime import Runtime
from levande.indicators.core.catalogue import Catalogue, ScheduleJob
from levande.indicators.core.clock import now_utc
from levande.indicators.reads.bulk import BulkManifest, read_manifest, write_bulk
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
    dry_run: bool = False,
) -> RunSummary:
    """Run the ETL once, then recompute the statuses of what changed.

    A dry run fetches, validates and checks, and only reports (see ``run_refresh``).
    """
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
            after_load=recompute_after_load(
                runtime.catalogue, runtime.settings.resolved_open_data_dir
            ),
            dry_run=dry_run,
        )


def recompute_after_load(
    catalogue: Catalogue, open_data_dir: Path | None = None
) -> Callable[[Engine, int], None]:
    """The steps at the end of every ETL run that changed data.

    The status step recomputes only the indicators whose data changed; then the bulk files
    are written again into ``open_data_dir`` (when given), so that they always hold what the
    dashboard and the API show.
    """
    from levande.indicators.reads.ops import indicators_needing_status
    from levande.indicators.store.statuses import recompute_statuses

    def after_load(engine: Engine, run_id: int) -> None:
        wanted = indicators_needing_status(engine, run_id)
        if wanted:
            recompute_statuses(engine, catalogue, wanted)
        if open_data_dir is not None and (wanted or read_manifest(open_data_dir) is None):
            rebuild_bulk(engine, open_data_dir)

    return after_load


def rebuild_bulk(engine: Engine, folder: Path) -> BulkManifest | None:
    """Write the bulk files; a failure is logged and leaves the previous files in place.

    The refresh has already stored its data: a full disk must not turn it into a failed run.
    """
    try:
        return write_bulk(engine, folder, now_utc())
    except Exception:  # a full disk, a changed folder or a bug: the data stays loaded all the same
        log.exception("the bulk files could not be written to %s", folder)
        return None


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
class FlagLine:
    """One open plausibility flag as ``etl status`` lists it, with its source row."""

    id: int
    indicator_id: str
    region_code: str
    period: str
    breakdown: str
    rule: str
    value: float
    bound: float
    previous: str | None
    source_row: dict[str, Any]


@dataclass(frozen=True)
class EtlStatus:
    """The last runs, each active indicator's freshness and drift, and the open flags."""

    runs: list[RunLine]
    indicators: list[IndicatorLine]
    flags: list[FlagLine] = field(default_factory=list)


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
            f"{r.job} (dry run)" if r.dry_run else r.job,
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
    return EtlStatus(run_lines, indicator_lines, open_flags(runtime.engine))


def open_flags(engine: Engine) -> list[FlagLine]:
    """The values flagged as implausible and not yet accepted or revised."""
    from levande.indicators.reads.flags import value_flags

    return [
        FlagLine(
            id=f["id"],
            indicator_id=f["indicator_id"],
            region_code=f["region_code"],
            period=f["period"],
            breakdown=f["breakdown"],
            rule=f["rule"],
            value=f["value"],
            bound=f["bound"],
            previous=(
                f"{f['previous_period']}: {f['previous_value']!r}"
                if f["previous_period"] is not None
                else None
            ),
            source_row=f["source_row"],
        )
        for f in value_flags(engine)
    ]


def accept_flag(runtime: Runtime, flag_id: int, who: str) -> RecomputeReport:
    """Accept a flagged value and recompute its indicator's statuses with it.

    Raises:
        FlagNotFoundError: no open flag has this id.
        ValueError: ``who`` is empty.
    """
    from levande.indicators.store.flags import accept_flag as accept
    from levande.indicators.store.statuses import recompute_statuses

    flag = accept(runtime.engine, flag_id, who)
    return recompute_statuses(runtime.engine, runtime.catalogue, [flag.indicator_id])


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


def bulk_files(runtime: Runtime, folder: Path | None) -> BulkManifest:
    """Write the bulk files into ``folder`` (the settings' open-data folder when None)."""
    return write_bulk(runtime.engine, folder or runtime.settings.resolved_open_data_dir, now_utc())


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

    after_load = recompute_after_load(runtime.catalogue, runtime.settings.resolved_open_data_dir)

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
