"""Liveness and readiness for load balancers: ``/healthz`` and ``/readyz``.

Separate from the operator's routes because they need no token: a balancer asks them many
times a minute and acts on the status code alone.
"""

from __future__ import annotations

import logging

from flask import Blueprint, Response, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from levande.dashboard.context import current
from levande.indicators.reads.catalogue import load_catalogue
from levande.indicators.store.database import current_revision, head_revision

log = logging.getLogger(__name__)

blueprint = Blueprint("health", __name__)


def _json(payload: dict[str, object], status: int) -> Response:
    response = jsonify(payload)
    response.status_code = status
    response.cache_control.no_store = True
    return response


@blueprint.get("/healthz")
def healthz() -> Response:
    """The process answers (for load balancers' liveness checks)."""
    return jsonify(status="ok")


@blueprint.get("/readyz")
def readyz() -> Response:
    """The database answers, its schema is current and it holds a catalogue (ready for traffic).

    Without a synced catalogue every page could only say "run levande db upgrade", so a
    balancer should not send users there yet.
    """
    context = current()
    engine = context.engine
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
    try:
        synced = load_catalogue(context.reader) is not None
    except (SQLAlchemyError, ValueError) as exc:
        log.warning("not ready: catalogue unreadable: %s", type(exc).__name__)
        synced = False
    if not synced:
        return _json({"status": "not ready", "reason": "catalogue not synced"}, 503)
    return _json({"status": "ready", "revision": revision}, 200)
