"""The ``levande`` command line: thin wiring of settings, catalogue, database, ETL and app.

Every command turns the product's own errors into one clear line on stderr and a non-zero
exit code; ``--debug`` shows the traceback as well.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, NoReturn, TypeVar

import typer

from levande.etl.pipeline import RunRequestError
from levande.indicators.core.catalogue import CatalogueError
from levande.indicators.core.settings import (
    Settings,
    SettingsError,
    configure_logging,
    load_settings,
)
from levande.indicators.store.database import DatabaseError
from levande.indicators.store.runlog import EtlBusyError

log = logging.getLogger("levande")

EXIT_FAILED = 1
EXIT_INVALID = 2
EXIT_CANNOT_CHECK = 3
EXIT_BUSY = 5

app = typer.Typer(
    help="levande-stader: follow-up of Sweden's national goal for urban development.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
config_app = typer.Typer(help="The catalogue and schedule in config/.", no_args_is_help=True)
catalogue_app = typer.Typer(help="Print the catalogue for review.", no_args_is_help=True)
etl_app = typer.Typer(help="Fetch statistics from SCB and Kolada.", no_args_is_help=True)
status_app = typer.Typer(help="Progress statuses and positions.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(config_app, name="config")
app.add_typer(catalogue_app, name="catalogue")
app.add_typer(etl_app, name="etl")
app.add_typer(status_app, name="status")

_state: dict[str, bool] = {"debug": False}


T = TypeVar("T")


def fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
    """Print one line to stderr and exit with ``code``."""
    typer.echo(f"levande: {message}", err=True)
    raise typer.Exit(code)


def guarded(action: Callable[[], T]) -> T:
    """Run ``action``, turning the product's known errors into one line and an exit code."""
    try:
        return action()
    except typer.Exit:
        raise
    except CatalogueError as exc:
        if _state["debug"]:
            raise
        for problem in exc.problems:
            typer.echo(f"levande: invalid catalogue: {problem}", err=True)
        raise typer.Exit(EXIT_INVALID) from None
    except (SettingsError, DatabaseError) as exc:
        if _state["debug"]:
            raise
        fail(str(exc), EXIT_INVALID if isinstance(exc, SettingsError) else EXIT_FAILED)
    except EtlBusyError as exc:
        fail(str(exc), EXIT_BUSY)
    except RunRequestError as exc:
        fail(str(exc), EXIT_INVALID)
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except Exception as exc:
        if _state["debug"]:
            raise
        log.debug("unexpected error", exc_info=True)
        fail(f"{type(exc).__name__}: {exc} (run with --debug for the traceback)")


def settings() -> Settings:
    """The settings, or one clear line and exit code 2 when a variable is invalid."""
    return guarded(load_settings)


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    _state["debug"] = debug
    cfg = settings()
    configure_logging(cfg)
    if debug:
        logging.getLogger().setLevel(logging.DEBUG)


# --- db -------------------------------------------------------------------------------


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or upgrade the schema, then sync the catalogue into it (idempotent)."""
    from levande.cli.wiring import upgrade_and_sync

    revision, report = guarded(lambda: upgrade_and_sync(settings()))
    typer.echo(
        f"schema at revision {revision}; catalogue: {report.added} added, "
        f"{report.changed} changed, {report.retired} retired"
    )


# --- config ---------------------------------------------------------------------------


@config_app.command("check")
def config_check(
    config_dir: Annotated[
        Path | None, typer.Option("--config-dir", help="Folder to check (default: settings).")
    ] = None,
    online: Annotated[
        bool, typer.Option("--online", help="Also verify every source id against the sources.")
    ] = False,
) -> None:
    """Validate the catalogue, method and schedule; name file, entry and fix on error."""
    from levande.indicators.core.catalogue import load_catalogue

    folder = config_dir or settings().config_dir
    catalogue = guarded(lambda: load_catalogue(folder))
    typer.echo(
        f"{folder}: valid — {len(catalogue.focus_areas)} focus areas, "
        f"{len(catalogue.subgoals)} sub-goals, {len(catalogue.indicators)} indicators, "
        f"{len(catalogue.schedule.jobs)} scheduled jobs"
    )
    if online:
        from levande.cli.wiring import online_check

        code = guarded(lambda: online_check(settings(), catalogue))
        if code:
            raise typer.Exit(code)


# --- catalogue ------------------------------------------------------------------------


@catalogue_app.command("export")
def catalogue_export(
    fmt: Annotated[str, typer.Option("--format", help="json or csv")] = "json",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File (default stdout)")
    ] = None,
) -> None:
    """Print the whole catalogue (goal, focus areas, sub-goals, indicators)."""
    from levande.indicators.core.catalogue import load_catalogue
    from levande.indicators.reads.export import catalogue_to_csv, catalogue_to_json

    if fmt not in {"json", "csv"}:
        fail(f"unknown format {fmt!r}; use json or csv", EXIT_INVALID)
    catalogue = guarded(lambda: load_catalogue(settings().config_dir))
    text = catalogue_to_json(catalogue) if fmt == "json" else catalogue_to_csv(catalogue)
    _write_text(text, output)


def _write_text(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")


# --- placeholders filled by later work --------------------------------------------------


@etl_app.command("run")
def etl_run(
    source: Annotated[
        list[str] | None,
        typer.Option("--source", help="regions, boundaries, scb or kolada (repeatable)."),
    ] = None,
    indicator: Annotated[
        list[str] | None, typer.Option("--indicator", help="Only this indicator (repeatable).")
    ] = None,
    full: Annotated[bool, typer.Option("--full", help="Refetch everything.")] = False,
    wait: Annotated[
        float, typer.Option("--wait", help="Seconds to wait for a running refresh.")
    ] = 0.0,
    trigger: Annotated[
        str, typer.Option("--trigger", hidden=True, help="Who started the run (run log).")
    ] = "cli",
) -> None:
    """Fetch statistics into the database; exit 0 only when every step succeeded."""
    from levande.cli.wiring import run_etl_command

    summary = guarded(
        lambda: run_etl_command(
            settings(),
            sources=source,
            indicator_ids=indicator,
            full=full,
            wait_seconds=wait,
            trigger=trigger,
        )
    )
    ok = [s for s in summary.steps if s.outcome != "failed"]
    typer.echo(
        f"run {summary.run_id}: {summary.outcome} — {len(ok)} of {len(summary.steps)} steps "
        f"succeeded; rows +{sum(s.inserted for s in summary.steps)} "
        f"~{sum(s.updated for s in summary.steps)} -{sum(s.deleted for s in summary.steps)}"
    )
    for step in summary.failures:
        typer.echo(f"  failed {step.target}: {step.error}", err=True)
    if summary.outcome != "success":
        raise typer.Exit(EXIT_FAILED)


@etl_app.command("status")
def etl_status(
    runs: Annotated[int, typer.Option("--runs", help="How many runs to show.")] = 5,
) -> None:
    """Show the last runs and each indicator's freshness and drift."""
    from levande.cli.wiring import etl_status_text

    typer.echo(guarded(lambda: etl_status_text(settings(), runs)))


@app.command("export")
def export(
    indicator: Annotated[
        list[str] | None, typer.Option("--indicator", help="Only this indicator (repeatable).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="csv or parquet")] = "csv",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File (default stdout)")
    ] = None,
) -> None:
    """Write the observations in the tidy shape, one row per value."""
    from levande.cli.wiring import export_observations

    if fmt not in {"csv", "parquet"}:
        fail(f"unknown format {fmt!r}; use csv or parquet", EXIT_INVALID)
    if fmt == "parquet" and output is None:
        fail("parquet needs --output FILE", EXIT_INVALID)
    guarded(lambda: export_observations(settings(), indicator, fmt, output))


@status_app.command("recompute")
def status_recompute() -> None:
    """Recompute every status and position from the stored observations."""
    from levande.cli.wiring import recompute_command

    report = guarded(lambda: recompute_command(settings()))
    typer.echo(f"{report.series} series, {report.ranks} ranked values, {report.changed} changed")


@status_app.command("export")
def status_export(
    indicator: Annotated[
        list[str] | None, typer.Option("--indicator", help="Only this indicator (repeatable).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="csv or json")] = "csv",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File (default stdout)")
    ] = None,
) -> None:
    """Write one row per series: status, explanation, rank, quartile and peer median."""
    from levande.cli.wiring import status_export_text

    if fmt not in {"csv", "json"}:
        fail(f"unknown format {fmt!r}; use csv or json", EXIT_INVALID)
    _write_text(guarded(lambda: status_export_text(settings(), indicator, fmt)), output)


@app.command("scheduler")
def scheduler(
    run_now: Annotated[
        list[str] | None,
        typer.Option("--run-now", help="Run this scheduled job at start (repeatable)."),
    ] = None,
) -> None:
    """Run the refresh schedule of config/schedule.yaml in this process until SIGTERM."""
    from levande.cli.wiring import run_scheduler

    guarded(lambda: run_scheduler(settings(), run_now or []))


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8050,
) -> None:
    """Serve the dashboard with the development server (use gunicorn in production)."""
    from levande.cli.wiring import serve_dashboard

    guarded(lambda: serve_dashboard(settings(), host, port, upgrade=False))


@app.command("up")
def up(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8050,
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Set up and load, but do not serve.")
    ] = False,
) -> None:
    """Upgrade the schema, load all sources if the database is empty, then serve."""
    from levande.cli.wiring import up_command

    guarded(lambda: up_command(settings(), host, port, serve=not no_serve))


def main() -> None:
    """Console-script entry point."""
    app()
