"""Composition of settings, catalogue, database, ETL and dashboard for the CLI."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from levande.indicators.core.catalogue import Catalogue, ScheduleJob, load_catalogue
from levande.indicators.core.settings import Settings
from levande.indicators.store.database import make_engine, upgrade_schema
from levande.indicators.store.sync import SyncReport, sync_catalogue

log = logging.getLogger("levande")

if TYPE_CHECKING:
    from levande.etl.pipeline import Progress, RunSummary
    from levande.indicators.store.statuses import RecomputeReport


def engine_for(settings: Settings) -> Engine:
    """The engine for the configured database."""
    return make_engine(settings.resolved_database_url)


def upgrade_and_sync(settings: Settings) -> tuple[str, SyncReport]:
    """Validate the catalogue, upgrade the schema and sync the catalogue into it."""
    catalogue: Catalogue = load_catalogue(settings.config_dir)
    engine = engine_for(settings)
    try:
        revision = upgrade_schema(engine)
        report = sync_catalogue(engine, catalogue)
        if report.touched and not database_is_empty(engine):
            # Targets, directions or manual statuses may have changed: statuses follow.
            from levande.indicators.store.statuses import recompute_statuses

            recompute_statuses(engine, catalogue)
    finally:
        engine.dispose()
    return revision, report


def online_check(settings: Settings, catalogue: Catalogue) -> int:
    """Verify every source id against the live sources and print what does not match.

    Returns:
        0 when everything matches, 1 for mismatches, 3 when the sources cannot be reached.
    """
    import typer

    from levande.etl.online_check import check_sources
    from levande.etl.sources.clients import Sources

    with Sources(settings).clients() as clients:
        report = check_sources(catalogue, clients)
    for line in report.mismatches:
        typer.echo(f"mismatch: {line}", err=True)
    if report.unreachable:
        for line in report.unreachable:
            typer.echo(f"levande: cannot check online: {line}", err=True)
        return 3
    typer.echo(f"online: {report.checked} source ids checked, {len(report.mismatches)} mismatches")
    return 1 if report.mismatches else 0


def run_etl_command(
    settings: Settings,
    *,
    sources: list[str] | None,
    indicator_ids: list[str] | None,
    full: bool,
    wait_seconds: float,
    trigger: str = "cli",
) -> RunSummary:
    """Upgrade the schema, sync the catalogue and run the ETL with a terminal progress bar."""
    from levande.etl.pipeline import run_refresh

    catalogue = load_catalogue(settings.config_dir)
    engine = engine_for(settings)
    try:
        upgrade_schema(engine)
        sync_catalogue(engine, catalogue)
        with terminal_progress() as progress:
            return run_refresh(
                engine,
                catalogue,
                settings,
                sources=sources,
                indicator_ids=indicator_ids,
                full=full,
                trigger=trigger,
                progress=progress,
                wait_seconds=wait_seconds,
                after_load=recompute_after_load(catalogue),
            )
    finally:
        engine.dispose()


def recompute_after_load(catalogue: Catalogue) -> Callable[[Engine, int], None]:
    """The status step at the end of every ETL run: only indicators whose data changed."""
    from levande.indicators.reads.ops import indicators_needing_status
    from levande.indicators.store.statuses import recompute_statuses

    def after_load(engine: Engine, run_id: int) -> None:
        wanted = indicators_needing_status(engine, run_id)
        if wanted:
            recompute_statuses(engine, catalogue, wanted)

    return after_load


@contextmanager
def terminal_progress() -> Iterator[Progress]:
    """A rich progress bar on a terminal; silent otherwise (cron, CI, pipes)."""
    if not sys.stderr.isatty():
        yield _Silent()
        return
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
    from rich.progress import Progress as Bar

    with Bar(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), transient=True
    ) as bar:
        task = bar.add_task("refresh", total=0)

        class _Bar:
            def start(self, total: int) -> None:
                bar.update(task, total=total)

            def step(self, label: str) -> None:
                bar.update(task, description=f"refresh: {label}")

            def advance(self) -> None:
                bar.advance(task)

        yield _Bar()


class _Silent:
    def start(self, total: int) -> None:
        pass

    def step(self, label: str) -> None:
        pass

    def advance(self) -> None:
        pass


def etl_status_text(settings: Settings, runs: int) -> str:
    """The last runs and each indicator's freshness, as plain text for a terminal."""
    from levande.indicators.reads.ops import (
        drift_summary,
        format_stamp,
        indicator_freshness,
        last_runs,
    )
    from levande.indicators.store.database import check_connection

    engine = engine_for(settings)
    try:
        check_connection(engine)
        upgrade_schema(engine)
        lines = ["Last runs:"]
        for run in last_runs(engine, runs):
            lines.append(
                f"  #{run.id} {run.job:<28} {format_stamp(run.started_at)} {run.outcome:<8} "
                f"+{run.inserted} ~{run.updated} -{run.deleted} ={run.unchanged} "
                f"requests {run.requests}" + (f"  error: {run.error}" if run.error else "")
            )
        if len(lines) == 1:
            lines.append("  none yet: run 'levande etl run'")
        lines.append("Indicators:")
        frame = indicator_freshness(engine)
        for row in frame.to_dict("records"):
            drift = drift_summary(row["drift"])
            error = row["last_error"]
            lines.append(
                f"  {row['indicator_id']:<40} {row['source']:<6} rows {row['observations']:>7} "
                f"latest {row['latest_period'] or '–':<6} "
                f"fetched {format_stamp(row['last_success_at'])}"
                + (f"  FAILED {error}" if isinstance(error, str) and error else "")
                + (f"  DRIFT {drift}" if drift else "")
            )
        return "\n".join(lines)
    finally:
        engine.dispose()


def export_observations(
    settings: Settings, indicator_ids: list[str] | None, fmt: str, output: Path | None
) -> None:
    """Write the tidy observations as CSV (stdout or file) or Parquet (file)."""
    from levande.indicators.reads.export import observations_frame

    engine = engine_for(settings)
    try:
        frame = observations_frame(engine, indicator_ids)
    finally:
        engine.dispose()
    if fmt == "parquet":
        assert output is not None
        frame.to_parquet(output, index=False)
    elif output is None:
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        frame.to_csv(output, index=False, lineterminator="\n")


def recompute_command(settings: Settings) -> RecomputeReport:
    """Recompute statuses for the whole catalogue (schema upgraded first)."""
    from levande.indicators.store.statuses import recompute_statuses

    catalogue = load_catalogue(settings.config_dir)
    engine = engine_for(settings)
    try:
        upgrade_schema(engine)
        sync_catalogue(engine, catalogue)
        return recompute_statuses(engine, catalogue)
    finally:
        engine.dispose()


def status_export_text(settings: Settings, indicator_ids: list[str] | None, fmt: str) -> str:
    """The status export as CSV or JSON text."""
    from levande.indicators.reads.export import status_frame

    engine = engine_for(settings)
    try:
        frame = status_frame(engine, indicator_ids)
    finally:
        engine.dispose()
    if fmt == "json":
        return frame.to_json(orient="records", force_ascii=False, indent=1) + "\n"
    return str(frame.to_csv(index=False, lineterminator="\n"))


def scheduled_runner(
    settings: Settings, catalogue: Catalogue, engine: Engine
) -> Callable[[ScheduleJob, threading.Event], str]:
    """How the scheduler runs one job: the same code path as ``levande etl run``."""
    from levande.etl.pipeline import run_refresh
    from levande.etl.scheduler import SOURCES_OF_JOB
    from levande.indicators.store.statuses import recompute_statuses

    after_load = recompute_after_load(catalogue)

    def run(job: ScheduleJob, stop: threading.Event) -> str:
        if job.job == "status":
            recompute_statuses(engine, catalogue)
            return "success"
        summary = run_refresh(
            engine,
            catalogue,
            settings,
            sources=SOURCES_OF_JOB.get(job.job),
            indicator_ids=job.indicators or None,
            full=job.full,
            trigger=f"scheduler:{job.id}",
            after_load=after_load,
            stop=stop,
        )
        return summary.outcome

    return run


def run_scheduler(settings: Settings, run_now: list[str]) -> None:
    """Run the schedule until SIGTERM or SIGINT; a running job ends after its current step."""
    import signal

    from levande.etl.scheduler import Scheduler

    catalogue = load_catalogue(settings.config_dir)
    unknown = [j for j in run_now if j not in {job.id for job in catalogue.schedule.jobs}]
    if unknown:
        from levande.etl.pipeline import RunRequestError

        raise RunRequestError(f"unknown scheduled job(s): {', '.join(unknown)}")
    engine = engine_for(settings)
    try:
        upgrade_schema(engine)
        sync_catalogue(engine, catalogue)
        scheduler = Scheduler(catalogue.schedule, scheduled_runner(settings, catalogue, engine))

        def stop(signum: int, _frame: object) -> None:
            log.info("signal %d: stopping the scheduler after the current step", signum)
            scheduler.stop.set()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        for job in catalogue.schedule.jobs:
            if job.id in run_now and not scheduler.stop.is_set():
                scheduler.run_job(job)
        scheduler.run_forever()
    finally:
        engine.dispose()


def database_is_empty(engine: Engine) -> bool:
    """True when no observation has been loaded yet."""
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from levande.indicators.store.schema import Observation

    with Session(engine) as session:
        return not session.scalar(select(func.count()).select_from(Observation))


def up_command(settings: Settings, host: str, port: int, *, serve: bool) -> None:
    """The README's main job: schema, catalogue, first load when empty, then the dashboard.

    A source that cannot be reached is reported in one line; what could be loaded is kept
    and the dashboard still starts, showing what is missing and why.
    """
    import typer

    revision, report = upgrade_and_sync(settings)
    typer.echo(f"schema at revision {revision}; catalogue synced ({report.touched} changes)")
    engine = engine_for(settings)
    try:
        empty = database_is_empty(engine)
    finally:
        engine.dispose()
    if empty:
        typer.echo("the database is empty: loading every source (this takes a while)")
        summary = run_etl_command(
            settings, sources=None, indicator_ids=None, full=False, wait_seconds=0, trigger="up"
        )
        loaded = sum(1 for s in summary.steps if s.outcome != "failed")
        typer.echo(f"load {summary.outcome}: {loaded} of {len(summary.steps)} steps succeeded")
        for line in failure_lines(summary):
            typer.echo(f"levande: {line}", err=True)
    if serve:
        serve_dashboard(settings, host, port, upgrade=False)


def failure_lines(summary: RunSummary) -> list[str]:
    """One line per source that is down or answers with errors, and one per other failure.

    Decided by each failure's kind: unreachable, HTTP and skipped steps are the source's
    fault and are counted under it; data failures and bugs say something about their own
    step and are shown one by one.
    """
    by_source: dict[str, list[str]] = {}
    other: list[str] = []
    for step in summary.failures:
        failure = step.failure
        if failure is not None and failure.kind.is_sources_fault and step.source:
            by_source.setdefault(step.source, []).append(step.target)
        else:
            other.append(f"{step.target}: {step.error or 'failed'}")
    lines = [
        f"{source} could not be reached or answered with errors: "
        f"{len(targets)} steps not loaded ({', '.join(targets[:3])}"
        + (", …)" if len(targets) > 3 else ")")
        for source, targets in by_source.items()
    ]
    return lines + other


def serve_dashboard(settings: Settings, host: str, port: int, *, upgrade: bool) -> None:
    """Run the dashboard on the development server (gunicorn serves ``dashboard.app:server``)."""
    from levande.indicators.store.database import DatabaseError, check_connection, schema_is_current

    engine = engine_for(settings)
    try:
        check_connection(engine)
        if upgrade:
            upgrade_schema(engine)
        elif not schema_is_current(engine):
            raise DatabaseError("the database schema is not current: run 'levande db upgrade'")
    finally:
        engine.dispose()
    # Imported here: the dashboard is loaded only when serving, so ETL hosts need none of it.
    from levande.dashboard.app import create_app

    app = create_app(settings)
    log.info("serving the dashboard on http://%s:%d", host, port)
    app.run(host=host, port=port, debug=False)
