"""The ``/api/v1/`` blueprint: read-only JSON with validators, cache headers and open CORS.

Every answer carries the data version (in the body and ``X-Data-Version``), an ``ETag`` and
``Last-Modified``. For answers that depend on the data alone the validator is known before
anything is read (the data version and the address), so a conditional request that matches
costs one tiny query and gets ``304``. Unknown parameters and malformed values are refused
with a JSON 400 naming the parameter and what is allowed; an unknown address under the API
gets a JSON 404, and a database that cannot be read a JSON 503, never an HTML page or a
traceback. Any origin may read (``Access-Control-Allow-Origin: *``): the data is public.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlencode

import orjson
from flask import Blueprint, Response, request
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.http import http_date, parse_date

from levande.dashboard.api import answers, cursor
from levande.dashboard.api.openapi import document
from levande.dashboard.api.params import INDICATOR, ApiError, Query, parse_query
from levande.dashboard.api.spec import DOCS_PATH, ENDPOINTS, OPENAPI_PATH, PREFIX, Endpoint
from levande.dashboard.context import current
from levande.dashboard.renames import moved
from levande.indicators.reads.api import Window, data_modified
from levande.indicators.reads.cache import Reader
from levande.indicators.reads.catalogue import CatalogueNotSyncedError, require_catalogue

log = logging.getLogger(__name__)

blueprint = Blueprint("api_v1", __name__)

CACHE_CONTROL = "public, max-age=300"
"""Clients and proxies may keep an answer five minutes, then revalidate (a 304 is cheap)."""

CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, X-Data-Version",
    "Access-Control-Max-Age": "86400",
}


def _json(payload: Any, status: int = 200) -> Response:
    body = orjson.dumps(payload, option=orjson.OPT_NON_STR_KEYS)
    return Response(body, status=status, mimetype="application/json")


def _error(error: ApiError) -> Response:
    response = _json(error.body(), error.status)
    response.headers["Cache-Control"] = "no-store"
    return response


def _version(reader: Reader) -> str:
    return reader.version()


def _address() -> str:
    """The request's path and query in a canonical order (one validator per question)."""
    pairs = sorted((k, v) for k, vs in request.args.lists() for v in vs)
    return f"{request.path}?{urlencode(pairs)}"


def _etag(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def _not_modified(etag: str, modified: datetime | None) -> bool:
    """True when the request's validators say the client already holds this answer."""
    if request.if_none_match:
        return request.if_none_match.contains_weak(etag)
    since = parse_date(request.headers.get("If-Modified-Since"))
    if since is not None and modified is not None:
        return modified.replace(microsecond=0) <= since
    return False


def _finish(response: Response, etag: str, version: str, modified: datetime | None) -> Response:
    response.set_etag(etag)
    response.headers["X-Data-Version"] = version
    response.headers["Cache-Control"] = CACHE_CONTROL
    if modified is not None:
        response.headers["Last-Modified"] = http_date(modified)
    return response


def _next_link(endpoint: Endpoint, page: int, key: tuple[str, ...]) -> str:
    pairs = [(k, v) for k, vs in request.args.lists() for v in vs if k not in ("page", "cursor")]
    pairs.append(("cursor", cursor.encode(page + 1, key)))
    return f"{endpoint.url}?{urlencode(pairs)}"


def _paged(endpoint: Endpoint, reader: Reader, query: Query) -> dict[str, Any]:
    read, key = answers.PAGED_READS[endpoint.name]
    size = int(query.get("page_size"))
    given = query.get("cursor")
    if given is not None:
        if "page" in request.args:
            raise ApiError(
                400,
                "conflicting_parameters",
                "give page or cursor, not both",
                parameter="cursor",
                allowed=["page", "cursor"],
            )
        page, after = cursor.decode(given, len(key))
        window = Window(size, after=after)
    else:
        page = int(query.get("page"))
        window = Window(size, offset=(page - 1) * size)
    found = read(reader, query, window)
    more = found.last_key is not None and len(found.rows) == size and page * size < found.total
    return {
        "page": page,
        "page_size": size,
        "total": found.total,
        "next": _next_link(endpoint, page, found.last_key) if more and found.last_key else None,
        "data": list(found.rows),
    }


def _payload(endpoint: Endpoint, reader: Reader, query: Query, path: Mapping[str, str]) -> Any:
    if endpoint.name == "index":
        return {
            "api_version": "v1",
            "openapi": OPENAPI_PATH,
            "documentation": DOCS_PATH,
            "endpoints": [{"path": e.url, "summary": e.summary} for e in ENDPOINTS],
        }
    if endpoint.paged:
        return _paged(endpoint, reader, query)
    return answers.WHOLE[endpoint.name](reader, query, path)


def _renamed(
    endpoint: Endpoint, reader: Reader, query: Query, path: Mapping[str, str]
) -> str | None:
    """The address with every former indicator id replaced by the current one, or None.

    Only read when the request names an indicator (in its path or its ``indicator`` filter),
    so other answers cost no catalogue read.
    """
    asked = path.get("indicator_id")
    named: tuple[str, ...] = query.get("indicator", ()) if INDICATOR in endpoint.params else ()
    if asked is None and not named:
        return None
    redirects = require_catalogue(reader).indicator_redirects
    if asked is not None and asked in redirects:
        given = request.query_string.decode("latin-1")
        target = endpoint.url.replace("{indicator_id}", quote(redirects[asked]))
        return f"{target}?{given}" if given else target
    if not any(i in redirects for i in named):
        return None
    pairs = [
        (k, ",".join(redirects.get(i, i) for i in v.split(",")) if k == INDICATOR.name else v)
        for k, vs in request.args.lists()
        for v in vs
    ]
    return f"{endpoint.url}?{urlencode(pairs, safe=',')}"


def answer(endpoint: Endpoint, path: Mapping[str, str]) -> Response:
    """The endpoint's answer to the current request, or its refusal."""
    try:
        query = parse_query(endpoint.params, request.args.to_dict(flat=False))
        reader = current().reader
        renamed = _renamed(endpoint, reader, query, path)
        if renamed is not None:
            return moved(renamed, 308)
        version = _version(reader)
        modified = data_modified(version)
        if not endpoint.live:
            etag = _etag(version, _address())
            if _not_modified(etag, modified):
                return _finish(Response(status=304), etag, version, modified)
        payload = {"data_version": version, **_payload(endpoint, reader, query, path)}
        response = _json(payload)
        if endpoint.live:
            etag = _etag(response.get_data())
            if _not_modified(etag, None):
                return _finish(Response(status=304), etag, version, modified)
        return _finish(response, etag, version, modified)
    except ApiError as exc:
        return _error(exc)
    except (SQLAlchemyError, CatalogueNotSyncedError, ValueError) as exc:
        log.warning("API %s: the data cannot be read: %s", request.path, exc)
        return _error(ApiError(503, "unavailable", "the data cannot be read just now"))


def _view(endpoint: Endpoint) -> Any:
    def view(**path: str) -> Response:
        return answer(endpoint, path)

    view.__name__ = endpoint.name
    view.__doc__ = endpoint.summary
    return view


for _endpoint in ENDPOINTS:
    _rule = PREFIX + _endpoint.path.replace("{", "<").replace("}", ">")
    blueprint.add_url_rule(_rule, _endpoint.name, _view(_endpoint), methods=["GET"])


@blueprint.get(OPENAPI_PATH)
def openapi() -> Response:
    """The OpenAPI document of this version."""
    response = _json(document())
    response.headers["Cache-Control"] = CACHE_CONTROL
    return response


@blueprint.route(f"{PREFIX}/<path:rest>", methods=["GET"])
def unknown(rest: str) -> Response:
    """A JSON 404 for any other address under the API (never the dashboard's HTML page)."""
    return _error(
        ApiError(
            404,
            "not_found",
            f"no endpoint {PREFIX}/{rest}; see {OPENAPI_PATH}",
            allowed=[e.url for e in ENDPOINTS],
        )
    )


@blueprint.after_request
def _cors(response: Response) -> Response:
    response.headers.update(CORS)
    return response
