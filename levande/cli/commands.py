"""The ``levande`` command line: options in, one runtime per command, rendered results out.

Every command turns the product's own errors into one clear line on stderr and a non-zero
exit code; ``--debug`` shows the traceback as well. What a command does lives in
``levande.cli.wiring`` (given a :class:`~levande.cli.runtime.Runtime`, it returns data), how
results look in ``levande.cli.render``.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, NoReturn, TypeVar

import typer

from levande.cli import render, wiring
from levande.cli.render import (
    EXIT_BUSY,
    EXIT_CANNOT_CHECK,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    Rendered,
)
from levande.cli.runtime import Database, Runtime
from levande.etl.pipeline import RunRequestError
from levande.indicators.core.catalogue import CatalogueError
from levande.indicators.core.settings import (
    Settings,
    SettingsError,
    configure_logging,
    load_settings,
)
from levande.indicators.reads.catalogue import CatalogueNotSyncedError
from levande.indicators.store.database import DatabaseError, SchemaNotCurrentError
from levande.indicators.store.runlog import EtlBusyError

log = logging.getLogger("levande")

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

T = TypeVar("T")


@dataclass
class CliState:
    """What the root options decided, handed to every command through Typer's context."""

    settings: Settings
    debug: bool = False


def fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
    """Print one line to stderr and exit with ``code``."""
    typer.echo(f"levande: {message}", err=True)
    raise typer.Exit(code)


def emit(rendered: Rendered) -> None:
    """Print a rendered result; exit with its code when it is not 0."""
    for line in rendered.out:
        typer.echo(line)
    for line in rendered.err:
        typer.echo(line, err=True)
    if rendered.code:
        raise typer.Exit(rendered.code)


def guarded(action: Callable[[], T], *, debug: bool) -> T:
    """Run ``action``, turning the product's known errors into one line and an exit code."""
    try:
        return action()
    except typer.Exit:
        raise
    except CatalogueError as exc:
        if debug:
            raise
        for problem in exc.problems:
            typer.echo(f"levande: invalid catalogue: {problem}", err=True)
        raise typer.Exit(EXIT_INVALID) from None
    except (SchemaNotCurrentError, CatalogueNotSyncedError) as exc:
        if debug:
            raise
        fail(str(exc), EXIT_CANNOT_CHECK)
    except (SettingsError, DatabaseError) as exc:
        if debug:
            raise
        fail(str(exc), EXIT_INVALID if isinstance(exc, SettingsError) else EXIT_FAILED)
    except EtlBusyError as exc:
        fail(str(exc), EXIT_BUSY)
    except RunRequestError as exc:
        fail(str(exc), EXIT_INVALID)
    except KeyboardInterrupt:
        fail("interrupted", EXIT_INTERRUPTED)
    except Exception as exc:
        if debug:
            raise
        log.debug("unexpected error", exc_info=True)
        fail(f"{type(exc).__name__}: {exc} (run with --debug for the traceback)")


def in_runtime(
    ctx: typer.Context,
    action: Callable[[Runtime], T],
    *,
    database: Database,
    config_dir: Path | None = None,
) -> T:
    """Open the command's one runtime, run ``action`` in it and close it, errors guarded."""
    state: CliState = ctx.obj

    def run() -> T:
        runtime = Runtime(state.settings, database=database, config_dir=config_dir)
        with runtime:
            return action(runtime)

    return guarded(run, debug=state.debug)


@app.callback()
def _root(
    ctx: typer.Context,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    settings = guarded(load_settings, debug=debug)
    ctx.obj = CliState(settings=settings, debug=debug)
    configure_logging(settings)
    if debug:
        logging.getLogger().setLevel(logging.DEBUG)


# --- db -------------------------------------------------------------------------------


@db_app.command("upgrade")
def db_upgrade(ctx: typer.Context) -> None:
    """Create or upgrade the schema, then sync the catalogue into it (idempotent)."""
    result = in_runtime(ctx, wiring.upgrade_database, database=Database.UPGRADE)
    typer.echo(render.upgrade_text(result))


# --- config ---------------------------------------------------------------------------


@config_app.command("check")
def config_check(
    ctx: typer.Context,
    config_dir: Annotated[
        Path | None, typer.Option("--config-dir", help="Folder to check (default: settings).")
    ] = None,
    online: Annotated[
        bool, typer.Option("--online", help="Also verify every source id against the sources.")
    ] = False,
) -> None:
    """Validate the catalogue, method and schedule; name file, entry and fix on error."""

    def check(runtime: Runtime) -> Rendered:
        typer.echo(render.config_check_text(runtime.config_dir, runtime.config_catalogue))
        return render.online_report(wiring.online_check(runtime)) if online else Rendered()

    emit(in_runtime(ctx, check, database=Database.NONE, config_dir=config_dir))


# --- catalogue ------------------------------------------------------------------------


@catalogue_app.command("export")
def catalogue_export(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="json or csv")] = "json",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File (default stdout)")
    ] = None,
) -> None:
    """Print the whole catalogue (goal, focus areas, sub-goals, indicators)."""
    from levande.indicators.reads.export import catalogue_to_csv, catalogue_to_json

    if fmt not in {"json", "csv"}:
        fail(f"unknown format {fmt!r}; use json or csv", EXIT_INVALID)
    to_text = catalogue_to_json if fmt == "json" else catalogue_to_csv
    text = in_runtime(
        ctx, lambda runtime: to_text(runtime.config_catalogue), database=Database.NONE
    )
    _write_text(text, output)


def _write_text(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")


# --- etl ------------------------------------------------------------------------------


@etl_app.command("run")
def etl_run(
    ctx: typer.Context,
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
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Fetch, validate and check the indicators; report what would change and "
            "which values would be flagged, and write nothing but the run log.",
        ),
    ] = False,
) -> None:
    """Fetch statistics into the database; exit 0 only when every step succeeded."""

    def run(runtime: Runtime) -> Rendered:
        with render.terminal_progress() as progress:
            summary = wiring.run_etl(
                runtime,
                sources=source,
                indicator_ids=indicator,
                full=full,
                wait_seconds=wait,
                trigger=trigger,
                progress=progress,
                dry_run=dry_run,
            )
        return render.run_report(summary)

    emit(in_runtime(ctx, run, database=Database.WRITE))


@etl_app.command("status")
def etl_status(
    ctx: typer.Context,
    runs: Annotated[int, typer.Option("--runs", help="How many runs to show.")] = 5,
) -> None:
    """Show the last runs and each indicator's freshness and drift (changes nothing)."""
    status = in_runtime(
        ctx, lambda runtime: wiring.etl_status(runtime, runs), database=Database.READ
    )
    typer.echo(render.etl_status_text(status))


@etl_app.command("accept")
def etl_accept(
    ctx: typer.Context,
    flag: Annotated[int, typer.Argument(help="The flag's number, as 'etl status' lists it.")],
    by: Annotated[str, typer.Option("--by", help="Who accepts the value (kept and logged).")],
) -> None:
    """Accept a value flagged as implausible: it counts in the status again."""
    from levande.indicators.store.flags import FlagNotFoundError

    def accept(runtime: Runtime) -> str:
        try:
            report = wiring.accept_flag(runtime, flag, by)
        except FlagNotFoundError as exc:
            fail(f"{exc}; 'levande etl status' lists the open flags", EXIT_INVALID)
        except ValueError as exc:
            fail(str(exc), EXIT_INVALID)
        return f"flag {flag} accepted by {by.strip()}; " + render.recompute_text(report)

    typer.echo(in_runtime(ctx, accept, database=Database.WRITE))


# --- exports and statuses -------------------------------------------------------------


@app.command("export")
def export(
    ctx: typer.Context,
    indicator: Annotated[
        list[str] | None, typer.Option("--indicator", help="Only this indicator (repeatable).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="csv or parquet")] = "csv",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File (default stdout)")
    ] = None,
) -> None:
    """Write the observations in the tidy shape, one row per value."""
    if fmt not in {"csv", "parquet"}:
        fail(f"unknown format {fmt!r}; use csv or parquet", EXIT_INVALID)
    if fmt == "parquet" and output is None:
        fail("parquet needs --output FILE", EXIT_INVALID)
    in_runtime(
        ctx,
        lambda runtime: render.write_observations(
            wiring.observations(runtime, indicator), fmt, output
        ),
        database=Database.READ,
    )


@app.command("bulk")
def bulk(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Folder (default LEVANDE_OPEN_DATA_DIR)"),
    ] = None,
) -> None:
    """Write the bulk files: the whole public database as CSV and Parquet, README, checksums.

    Every refresh that changes data writes them too; this is for a first deployment or a
    new folder.
    """
    manifest = in_runtime(
        ctx, lambda runtime: wiring.bulk_files(runtime, output), database=Database.READ
    )
    for line in render.bulk_lines(manifest):
        typer.echo(line)


@status_app.command("recompute")
def status_recompute(ctx: typer.Context) -> None:
    """Recompute every status and position from the stored observations."""
    report = in_runtime(ctx, wiring.recompute, database=Database.WRITE)
    typer.echo(render.recompute_text(report))


@status_app.command("export")
def status_export(
    ctx: typer.Context,
    indicator: Annotated[
        list[str] | None, typer.Option("--indicator", help="Only this indicator (repeatable).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="csv or json")] = "csv",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File (default stdout)")
    ] = None,
) -> None:
    """Write one row per series: status, explanation, rank, quartile and peer median."""
    if fmt not in {"csv", "json"}:
        fail(f"unknown format {fmt!r}; use csv or json", EXIT_INVALID)
    frame = in_runtime(
        ctx, lambda runtime: wiring.statuses(runtime, indicator), database=Database.READ
    )
    _write_text(render.status_text(frame, fmt), output)


# --- long-running ---------------------------------------------------------------------


@app.command("scheduler")
def scheduler(
    ctx: typer.Context,
    run_now: Annotated[
        list[str] | None,
        typer.Option("--run-now", help="Run this scheduled job at start (repeatable)."),
    ] = None,
) -> None:
    """Run the refresh schedule synced from config/schedule.yaml until SIGTERM."""
    jobs = run_now or []
    in_runtime(ctx, lambda runtime: wiring.run_scheduler(runtime, jobs), database=Database.WRITE)


@app.command("serve")
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8050,
) -> None:
    """Serve the dashboard with the development server (use gunicorn in production)."""
    in_runtime(
        ctx, lambda runtime: wiring.serve_dashboard(runtime, host, port), database=Database.READ
    )


@app.command("up")
def up(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8050,
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Set up and load, but do not serve.")
    ] = False,
) -> None:
    """Upgrade the schema, load all sources if the database is empty, then serve.

    A source that cannot be reached is reported in one line; what could be loaded is kept
    and the dashboard still starts, showing what is missing and why.
    """

    def set_up(runtime: Runtime) -> None:
        typer.echo(render.up_schema_text(wiring.upgrade_database(runtime)))
        if wiring.database_is_empty(runtime.engine):
            typer.echo("the database is empty: loading every source (this takes a while)")
            with render.terminal_progress() as progress:
                summary = wiring.run_etl(
                    runtime,
                    sources=None,
                    indicator_ids=None,
                    full=False,
                    wait_seconds=0,
                    trigger="up",
                    progress=progress,
                )
            emit(render.load_report(summary))
        if not no_serve:
            wiring.serve_dashboard(runtime, host, port)

    in_runtime(ctx, set_up, database=Database.UPGRADE)


def main() -> None:
    """Console-script entry point."""
    app()


# ``levande local`` lives in its own module, which uses the helpers above; added last so the
# command tree is complete wherever ``app`` is imported.
from levande.cli.local import local_app  # noqa: E402

app.add_typer(local_app, name="local")
