"""Boundaries as the browser's map wants them.

GeoJSON (RFC 7946) winds outer rings counterclockwise; Plotly's geo view draws with d3-geo,
which reads a counterclockwise outer ring as "everything on the globe except this area" and
fills the whole map. The boundaries are therefore rewound here, once per data version, before
they are served: outer rings clockwise, holes counterclockwise, coordinates untouched.

Two routes serve them (:data:`blueprint`):

* ``/geo/<level>.json`` — the simplified boundaries, with long-lived caching: the map refers
  to this URL, so the browser fetches the boundaries once and each map change carries only
  values;
* ``/geo/topojson/<name>.json`` — an empty base map in place of Plotly's world map.
"""

from __future__ import annotations

import hashlib
import json
import logging
from functools import lru_cache
from typing import Any

from flask import Blueprint, Response, request
from sqlalchemy.exc import SQLAlchemyError

from levande.dashboard.context import current
from levande.indicators.reads import series as obs

log = logging.getLogger(__name__)

blueprint = Blueprint("geo", __name__)


def _signed_area(ring: list[list[float]]) -> float:
    """Twice the signed planar area of a ring in lon/lat (positive: counterclockwise)."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        total += x1 * y2 - x2 * y1
    return total


def _orient(ring: list[list[float]], clockwise: bool) -> list[list[float]]:
    area = _signed_area([pt[:2] for pt in ring])
    if (area < 0) == clockwise or area == 0:
        return ring
    return list(reversed(ring))


def _polygon(rings: list[list[list[float]]]) -> list[list[list[float]]]:
    return [_orient(ring, clockwise=(i == 0)) for i, ring in enumerate(rings)]


def rewind_geometry(geometry: dict[str, Any] | None) -> dict[str, Any] | None:
    """A Polygon or MultiPolygon with d3's winding; other geometries unchanged."""
    if not geometry:
        return geometry
    kind = geometry.get("type")
    if kind == "Polygon":
        return {**geometry, "coordinates": _polygon(geometry["coordinates"])}
    if kind == "MultiPolygon":
        return {**geometry, "coordinates": [_polygon(p) for p in geometry["coordinates"]]}
    if kind == "GeometryCollection":
        return {
            **geometry,
            "geometries": [rewind_geometry(g) for g in geometry.get("geometries", [])],
        }
    return geometry


def for_d3(geojson: str) -> str:
    """A FeatureCollection's text with every polygon wound for d3-geo."""
    doc = json.loads(geojson)
    for feature in doc.get("features", []):
        feature["geometry"] = rewind_geometry(feature.get("geometry"))
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False)


@lru_cache(maxsize=4)
def _wound_for_d3(etag: str, geojson: str) -> str:
    """The boundaries rewound for the browser's map, kept per version (``etag``)."""
    return for_d3(geojson)


@blueprint.get("/geo/<level>.json")
def boundaries_route(level: str) -> Response:
    """The boundaries of a level as GeoJSON, cached by the browser for a long time."""
    if level not in ("kommun", "lan"):
        return Response("{}", status=404, mimetype="application/geo+json")
    try:
        geojson = obs.boundaries(current().reader, level)
    except SQLAlchemyError:
        log.exception("boundaries cannot be read")
        return Response("{}", status=503, mimetype="application/geo+json")
    if geojson is None:
        return Response("{}", status=404, mimetype="application/geo+json")
    etag = hashlib.sha1(geojson.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]
    if request.if_none_match and etag in request.if_none_match:
        return Response(status=304)
    geojson = _wound_for_d3(etag, geojson)
    response = Response(geojson, mimetype="application/geo+json")
    response.set_etag(etag)
    # The page asks with ?v=<data version>: a new load gets a new URL, so the old can be kept.
    response.cache_control.public = True
    response.cache_control.max_age = 31_536_000 if request.args.get("v") else 3600
    return response


EMPTY_TOPOLOGY = (
    '{"type":"Topology","arcs":[],"objects":{'
    + ",".join(
        f'"{layer}":{{"type":"GeometryCollection","geometries":[]}}'
        for layer in ("land", "ocean", "lakes", "rivers", "coastlines", "countries", "subunits")
    )
    + "}}"
)
"""An empty base map: the choropleth draws only our boundaries, so the browser never needs
Plotly's world map from its CDN (and an offline site or a strict network works the same)."""


@blueprint.get("/geo/topojson/<name>.json")
def topojson_route(name: str) -> Response:
    """The empty base map Plotly's geo view asks for (``world_110m.json`` and the like)."""
    response = Response(EMPTY_TOPOLOGY, mimetype="application/json")
    response.cache_control.public = True
    response.cache_control.max_age = 31_536_000
    return response
