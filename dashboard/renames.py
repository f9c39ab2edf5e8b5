"""Renamed indicators keep their addresses: a permanent redirect from each former id.

The catalogue lists an indicator's former ids (``former_ids``); the page ``/indikator/<old>``,
its downloads ``/ladda-ner/<old>.<fmt>`` and its feed ``/flode/indikator/<old>.atom`` answer
``301 Moved Permanently`` to the same address with the current id, query string kept, so a
bookmark, an embedded frame or a link in a council report leads to the indicator it always
meant. The API answers its own redirects (``dashboard/api/routes.py``, 308).

One hook before every request: it only reads the catalogue (cached per data version) when the
path has the shape of an indicator address.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from flask import Blueprint, Response, request

from levande.dashboard.context import current

blueprint = Blueprint("renames", __name__)
"""No routes: one hook before every request of the app."""

INDICATOR_ADDRESSES = (
    re.compile(r"^(?P<head>/indikator/)(?P<id>[^/]+)(?P<tail>)$"),
    re.compile(r"^(?P<head>/ladda-ner/)(?P<id>[a-z0-9-]+)(?P<tail>\.[a-z]+)$"),
    re.compile(r"^(?P<head>/flode/indikator/)(?P<id>[a-z0-9-]+)(?P<tail>\.atom)$"),
)
"""The addresses that name one indicator: its id and what stands before and after it."""

CACHE_CONTROL = "public, max-age=86400"
"""A rename is permanent, yet a day's keeping lets an operator who renamed by mistake undo it."""


def renamed(path: str, redirects: dict[str, str]) -> str | None:
    """The path with a former indicator id replaced by the current one, or None.

    Args:
        path: the request's path.
        redirects: former id to current id (:attr:`Catalogue.indicator_redirects`).
    """
    for pattern in INDICATOR_ADDRESSES:
        match = pattern.match(path)
        if match is not None and match.group("id") in redirects:
            heir = quote(redirects[match.group("id")])
            return f"{match.group('head')}{heir}{match.group('tail')}"
    return None


@blueprint.before_app_request
def _former_indicator_ids() -> Response | None:
    if request.method not in ("GET", "HEAD") or not request.path.startswith(
        ("/indikator/", "/ladda-ner/", "/flode/indikator/")
    ):
        return None
    catalogue = current().catalogue
    if catalogue is None:
        return None
    target = renamed(request.path, catalogue.indicator_redirects)
    if target is None:
        return None
    query = request.query_string.decode("latin-1")
    return moved(f"{target}?{query}" if query else target, 301)


def moved(location: str, status: int) -> Response:
    """A permanent redirect (301 or 308) to ``location``, kept a day by caches."""
    return Response(status=status, headers={"Location": location, "Cache-Control": CACHE_CONTROL})
