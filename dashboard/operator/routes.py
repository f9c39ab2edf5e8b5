"""The operator's routes: sign-in, sign-out and starting a refresh (:data:`blueprint`).

Who may do what is decided by :mod:`levande.dashboard.operator.auth`. A refresh runs as its
own ``levande etl run`` process with the ETL's database URL, so the dashboard itself can keep
a read-only database role; the run then appears in the run log like any other, with progress
visible on the operations page.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Mapping

from flask import Blueprint, Response, redirect, request
from sqlalchemy import select
from sqlalchemy.orm import Session

from levande.dashboard.context import AppContext, current
from levande.dashboard.operator.auth import (
    COOKIE,
    SESSION_SECONDS,
    bearer_ok,
    csrf_matches,
    current_session,
    session_value,
    token_configured,
    token_matches,
)
from levande.indicators.core.catalogue import ScheduleJob
from levande.indicators.reads.flags import value_flags
from levande.indicators.store.schema import EtlLock

log = logging.getLogger(__name__)

OPERATOR_PATH = "/data/operator"
SOURCES = ("kolada", "scb", "regions", "boundaries")

blueprint = Blueprint("operator", __name__)


def _back(query: str = "") -> Response:
    lang = request.form.get("lang") or request.args.get("lang")
    params = [p for p in (query, f"lang={lang}" if lang in ("sv", "en") else "") if p]
    target = OPERATOR_PATH + ("?" + "&".join(params) if params else "")
    return redirect(target, code=303)  # type: ignore[return-value]


def _refused(status: int) -> Response:
    # No detail on purpose: a refusal says nothing about why or what exists.
    response = Response("refused\n", status=status, mimetype="text/plain")
    response.cache_control.no_store = True
    return response


@blueprint.post("/operator/login")
def login() -> Response:
    """Check the token from the sign-in form; set the session cookie or refuse."""
    ctx = current()
    if not token_configured(ctx):
        return _refused(403)
    if not token_matches(ctx, request.form.get("token")):
        log.warning("operator sign-in refused from %s", request.remote_addr)
        response = _back("refused=1")
        response.status_code = 303
        return response
    response = _back()
    response.set_cookie(
        COOKIE,
        session_value(ctx),
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="Strict",
        secure=request.is_secure,
        path="/",
    )
    log.info("operator signed in from %s", request.remote_addr)
    return response


@blueprint.post("/operator/logout")
def logout() -> Response:
    """End the operator session."""
    response = _back()
    response.delete_cookie(COOKIE, path="/")
    return response


def scheduled_jobs(ctx: AppContext) -> dict[str, ScheduleJob]:
    """The schedule's jobs an operator may run now, by id: all but the status computation."""
    if ctx.catalogue is None:
        return {}
    return {job.id: job for job in ctx.catalogue.schedule.jobs if job.job != "status"}


def valid_targets(ctx: AppContext) -> set[str]:
    """What a refresh may be started for: ``source:<name>``, ``indicator:<id>``, ``job:<id>``."""
    ids = {i.id for i in ctx.catalogue.indicators} if ctx.catalogue is not None else set()
    jobs = {f"job:{j}" for j in scheduled_jobs(ctx)}
    return {f"source:{s}" for s in SOURCES} | {f"indicator:{i}" for i in ids} | jobs


DRY_RUN_TARGETS = ("source:scb", "source:kolada")
"""The sources a dry run may be started for; any single indicator may be dry-run too."""


def dry_run_possible(target: str) -> bool:
    """Whether a dry run covers ``target``: a source of indicators, or one indicator."""
    return target in DRY_RUN_TARGETS or target.startswith("indicator:")


def refresh_command(
    target: str, jobs: Mapping[str, ScheduleJob] | None = None, *, dry_run: bool = False
) -> list[str]:
    """The ``levande etl run`` command line for a target.

    A scheduled job (``job:<id>``) runs what the schedule would run, recorded as started by
    an operator for that job, so the schedule's "last run" shows it. A dry run (of a source
    or an indicator) adds ``--dry-run``.
    """
    kind, _, name = target.partition(":")
    command = [sys.executable, "-m", "levande", "etl", "run"]
    job = (jobs or {}).get(name) if kind == "job" else None
    if job is None:
        option = "--source" if kind == "source" else "--indicator"
        dry = ["--dry-run"] if dry_run else []
        return [*command, option, name, *dry, "--trigger", "operator"]
    if job.job == "indicators":
        command += [arg for indicator in job.indicators for arg in ("--indicator", indicator)]
    else:
        command += ["--source", job.job]
    if job.full:
        command.append("--full")
    return [*command, "--trigger", f"operator:{job.id}"]


def etl_environment(ctx: AppContext) -> dict[str, str]:
    """The environment of a refresh process: the dashboard's settings, the ETL's database.

    Every setting is passed on explicitly (sources, boundaries, HTTP limits, catalogue folder),
    so the refresh fetches from where this dashboard says; the operator token is not passed.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEVANDE_")}
    for name, value in ctx.settings.model_dump(exclude={"admin_token"}).items():
        if value is not None and value != "":
            env[f"LEVANDE_{name.upper()}"] = str(value)
    env["LEVANDE_DATABASE_URL"] = (
        ctx.settings.etl_database_url or ctx.settings.resolved_database_url
    )
    env.pop("LEVANDE_ETL_DATABASE_URL", None)
    return env


def start_command(ctx: AppContext, command: list[str]) -> None:
    """Start one of our own ``levande`` commands in the background, with the ETL's settings.

    Callers check every argument first (a target against the catalogue, a flag against the
    open flags); the command is a list, never a shell line.
    """
    subprocess.Popen(  # noqa: S603 - our own command, its arguments checked by the caller
        command,
        env=etl_environment(ctx),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def lock_held(ctx: AppContext) -> bool:
    """True while a refresh holds the ETL lock."""
    with Session(ctx.engine) as session:
        return session.scalar(select(EtlLock.name)) is not None


def _who_may_act(ctx: AppContext, action: str, *, bearer: bool) -> Response | None:
    """The refusal of a request that may not act, or None for a signed-in operator.

    A signed-in operator's form carries a CSRF value; with ``bearer``, scripts may send
    ``Authorization: Bearer <token>`` instead of the cookie and CSRF value.
    """
    if not token_configured(ctx):
        return _refused(403)
    if bearer and bearer_ok(ctx):
        return None
    session = current_session()
    if session is None:
        return _refused(401)
    if not csrf_matches(ctx, session, request.form.get("csrf")):
        log.warning("operator %s refused: CSRF value missing or wrong", action)
        return _refused(403)
    return None


@blueprint.post("/operator/refresh")
def refresh() -> Response:
    """Start a refresh in the background, for a signed-in operator with a valid CSRF value.

    With ``mode=dry-run`` (the form's second button) the run is a dry run: it reports and
    writes nothing but its run log. Scripts may send ``Authorization: Bearer <token>`` instead
    of the cookie and CSRF value.
    """
    ctx = current()
    refusal = _who_may_act(ctx, "refresh", bearer=True)
    if refusal is not None:
        return refusal
    target = request.form.get("target", "")
    if target not in valid_targets(ctx):
        return _refused(400)
    dry_run = request.form.get("mode") == "dry-run"
    if dry_run and not dry_run_possible(target):
        return _back("no_dry_run=1")
    if lock_held(ctx):
        return _back("busy=1")
    start_command(ctx, refresh_command(target, scheduled_jobs(ctx), dry_run=dry_run))
    log.info("operator started a %s of %s", "dry run" if dry_run else "refresh", target)
    return _back(f"started={target}" + ("&dry_run=1" if dry_run else ""))


@blueprint.post("/operator/accept")
def accept() -> Response:
    """Accept a flagged value, for a signed-in operator with a valid CSRF value.

    The acceptance runs as ``levande etl accept`` with the ETL's database role, like a
    refresh, and recomputes the indicator's statuses; who accepts is the name given.
    """
    ctx = current()
    refusal = _who_may_act(ctx, "acceptance", bearer=False)
    if refusal is not None:
        return refusal
    raw, who = request.form.get("flag", ""), " ".join(request.form.get("by", "").split())
    open_ids = {f["id"] for f in value_flags(ctx.engine)}
    if not (raw.isascii() and raw.isdigit() and int(raw) in open_ids) or not who:
        return _refused(400)
    command = [sys.executable, "-m", "levande", "etl", "accept", raw, "--by", who[:100]]
    start_command(ctx, command)
    log.info("operator started accepting flag %s", raw)
    return _back("accepted=1")
