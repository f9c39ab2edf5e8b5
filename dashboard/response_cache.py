"""Whole rendered pages cached by data version: the same URL renders the same page.

Every view of the dashboard is one call of Dash's page-routing callback, whose answer depends
only on the URL (path and query, language included) and on the data. Between two refreshes
the answer for a URL never changes, so it is kept (per process, shared by the workers of one
machine through files, or through Redis) under the data version and served again without
rebuilding the page. A refresh bumps the version and the old answers are gone. Pages that depend
on who asks (the operations page, a run's page) are never cached; the data-status page, which
shows the run log, is kept under the run log's stamp and the minute as well.
"""

from __future__ import annotations

import hashlib
import json
import logging

from flask import Blueprint, Response, g, request
from sqlalchemy.exc import SQLAlchemyError

from levande.dashboard.context import current
from levande.indicators.core.clock import now_utc
from levande.indicators.reads.ops import run_log_stamp

log = logging.getLogger(__name__)

ROUTER_PATH = "/_dash-update-component"
LIVE_PATHS = ("/data",)
"""Pages never cached, with everything under them: the operations page and a run's page
depend on who asks, and the data-status page shows the run log and the schedule, which move
without a new data version (a failed refresh writes no data)."""
RUN_LOG_PATHS = ("/data",)
"""Live pages that depend only on the address, the data, the run log and the clock (not on
who asks): kept under the run log's stamp and the minute as well, so a view between two runs
costs a lookup while a new run, a finished step or the next minute is seen at once."""


def live(path: str) -> bool:
    """Whether a page path is one of :data:`LIVE_PATHS` or under one."""
    return any(path == live or path.startswith(live + "/") for live in LIVE_PATHS)


def _live_key(path: str) -> str | None:
    """The extra part of a live page's cache key, or None when it is never cached."""
    if path not in RUN_LOG_PATHS:
        return None
    minute = now_utc().strftime("%Y-%m-%dT%H:%M")
    return f"{run_log_stamp(current().engine)}@{minute}"


blueprint = Blueprint("page_cache", __name__)
"""No routes of its own: hooks around every request of the app, for the page router's calls."""


def _routed(body: bytes) -> tuple[str, str] | None:
    """(page path, canonical request) of a routing call, or None for any other callback.

    The canonical form (sorted keys, no spaces) makes the same URL one cache entry however
    the client spaced its JSON.
    """
    try:
        doc = json.loads(body)
    except ValueError:
        return None
    if not isinstance(doc, dict) or "_pages_content" not in str(doc.get("output", "")):
        return None
    for item in doc.get("inputs") or []:
        if isinstance(item, dict) and item.get("property") == "pathname":
            value = item.get("value")
            if isinstance(value, str):
                return value, json.dumps(doc, sort_keys=True, separators=(",", ":"))
    return None


@blueprint.before_app_request
def _before() -> Response | None:
    if request.method != "POST" or request.path != ROUTER_PATH:
        return None
    routed = _routed(request.get_data(cache=True))
    if routed is None:
        return None
    cache = current().page_cache
    if not cache.enabled:
        return None
    canonical = routed[1]
    try:
        if live(routed[0]):
            extra = _live_key(routed[0])
            if extra is None:
                return None
            canonical += "\n" + extra
        key = ("page", hashlib.sha256(canonical.encode("utf-8")).hexdigest())
        found, stored = cache.lookup(key)
    except SQLAlchemyError:  # no schema or no database yet: the page says so, uncached
        return None
    if found:
        return Response(stored, mimetype="application/json")
    g.levande_page_key = key
    return None


@blueprint.after_app_request
def _after(response: Response) -> Response:
    key = g.pop("levande_page_key", None)
    if key is not None and response.status_code == 200 and not response.direct_passthrough:
        try:
            current().page_cache.store(key, response.get_data())
        except SQLAlchemyError:
            log.debug("page not cached: the data version cannot be read")
    return response
