"""Routes for load balancers and operators: health, readiness, sign-in and refreshes.

Operator actions exist only when ``LEVANDE_ADMIN_TOKEN`` is set. The token is compared in
constant time and never logged or stored: a signed-in browser holds a cookie with an HMAC of
an issue time (valid for eight hours), and every form carries a CSRF value derived from it.
A refresh runs as its own ``levande etl run`` process with the ETL's database URL, so the
dashboard itself can keep a read-only database role; the run then appears in the run log like
any other, with progress visible on the operations page.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import subprocess
import sys
import time
from dataclasses import dataclass

from flask import Flask, Response, jsonify, redirect, request
from sqlalchemy import select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from levande.dashboard.context import AppContext, current
from levande.indicators.store.database import current_revision, head_revision
from levande.indicators.store.schema import EtlLock

log = logging.getLogger(__name__)

COOKIE = "levande_operator"
SESSION_SECONDS = 8 * 3600
OPERATOR_PATH = "/data/operator"
SOURCES = ("kolada", "scb", "regions", "boundaries")


def _token(ctx: AppContext) -> bytes | None:
    secret = ctx.settings.admin_token
    value = secret.get_secret_value() if secret is not None else ""
    return value.encode("utf-8") if value else None


def _sign(token: bytes, purpose: str, issued: str) -> str:
    return hmac.new(token, f"{purpose}:{issued}".encode(), hashlib.sha256).hexdigest()


def token_matches(ctx: AppContext, given: str | None) -> bool:
    """True when ``given`` is the operator token (constant-time comparison)."""
    token = _token(ctx)
    if token is None or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), token)


def session_value(ctx: AppContext, issued: int | None = None) -> str:
    """A new session cookie value: issue time and its signature."""
    token = _token(ctx)
    assert token is not None
    stamp = str(int(time.time()) if issued is None else issued)
    return f"{stamp}.{_sign(token, 'session', stamp)}"


@dataclass(frozen=True)
class OperatorSession:
    """A valid operator session and its CSRF value."""

    issued: str
    csrf: str


def operator_session(ctx: AppContext, cookie: str | None) -> OperatorSession | None:
    """The session a cookie proves, or None (no token configured, missing, forged, expired)."""
    token = _token(ctx)
    if token is None or not cookie or "." not in cookie:
        return None
    issued, signature = cookie.split(".", 1)
    # compare_digest refuses non-ASCII text, and "²".isdigit() is true: check both first.
    if not (issued.isascii() and issued.isdigit() and signature.isascii()):
        return None
    if not hmac.compare_digest(signature, _sign(token, "session", issued)):
        return None
    if time.time() - int(issued) > SESSION_SECONDS:
        return None
    return OperatorSession(issued, _sign(token, "csrf", issued))


def current_session() -> OperatorSession | None:
    """The operator session of the current request (cookie), or None."""
    return operator_session(current(), request.cookies.get(COOKIE))


def _bearer_ok(ctx: AppContext) -> bool:
    header = request.headers.get("Authorization", "")
    return header.startswith("Bearer ") and token_matches(ctx, header.removeprefix("Bearer "))


def healthz() -> Response:
    """The process answers (for load balancers' liveness checks)."""
    return jsonify(status="ok")


def readyz() -> Response:
    """The database answers and its schema is current (readiness for traffic)."""
    engine = current().engine
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        revision = current_revision(engine)
    except SQLAlchemyError as exc:
        log.warning("not ready: database unreachable: %s", type(exc).__name__)
        return _json({"status": "not ready", "reason": "database unreachable"}, 503)
    head = head_revision()
    if revision != head:
        return _json(
            {"status": "not ready", "reason": "schema not current", "revision": revision,
             "expected": head},
            503,
        )  # fmt: skip
    return _json({"status": "ready", "revision": revision}, 200)


def _json(payload: dict[str, object], status: int) -> Response:
    response = jsonify(payload)
    response.status_code = status
    response.cache_control.no_store = True
    return response


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


def login() -> Response:
    """Check the token from the sign-in form; set the session cookie or refuse."""
    ctx = current()
    if _token(ctx) is None:
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


def logout() -> Response:
    """End the operator session."""
    response = _back()
    response.delete_cookie(COOKIE, path="/")
    return response


def valid_targets(ctx: AppContext) -> set[str]:
    """What a refresh may be started for: ``source:<name>`` or ``indicator:<id>``."""
    ids = {i.id for i in ctx.catalogue.indicators} if ctx.catalogue is not None else set()
    return {f"source:{s}" for s in SOURCES} | {f"indicator:{i}" for i in ids}


def refresh_command(target: str) -> list[str]:
    """The ``levande etl run`` command line for a target."""
    kind, _, name = target.partition(":")
    option = "--source" if kind == "source" else "--indicator"
    return [sys.executable, "-m", "levande", "etl", "run", option, name, "--trigger", "operator"]


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


def lock_held(ctx: AppContext) -> bool:
    """True while a refresh holds the ETL lock."""
    with Session(ctx.engine) as session:
        return session.scalar(select(EtlLock.name)) is not None


def refresh() -> Response:
    """Start a refresh in the background, for a signed-in operator with a valid CSRF value.

    Scripts may send ``Authorization: Bearer <token>`` instead of the cookie and CSRF value.
    """
    ctx = current()
    if _token(ctx) is None:
        return _refused(403)
    if not _bearer_ok(ctx):
        session = current_session()
        if session is None:
            return _refused(401)
        given = request.form.get("csrf", "")
        if not given.isascii() or not hmac.compare_digest(given, session.csrf):
            log.warning("operator refresh refused: CSRF value missing or wrong")
            return _refused(403)
    target = request.form.get("target", "")
    if target not in valid_targets(ctx):
        return _refused(400)
    if lock_held(ctx):
        return _back("busy=1")
    subprocess.Popen(
        refresh_command(target),
        env=etl_environment(ctx),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    log.info("operator started a refresh of %s", target)
    return _back(f"started={target}")


def register(server: Flask) -> None:
    """Add the health and operator routes to the app's Flask server."""
    server.add_url_rule("/healthz", "levande_healthz", healthz)
    server.add_url_rule("/readyz", "levande_readyz", readyz)
    server.add_url_rule("/operator/login", "levande_login", login, methods=["POST"])
    server.add_url_rule("/operator/logout", "levande_logout", logout, methods=["POST"])
    server.add_url_rule("/operator/refresh", "levande_refresh", refresh, methods=["POST"])
