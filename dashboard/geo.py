"""Boundaries as the browser's map wants them.

GeoJSON (RFC 7946) winds outer rings counterclockwise; Plotly's geo view draws with d3-geo,
which reads a counterclockwise outer ring as "everything on the globe except this area" and
fills the whole map. The boundaries are therefore rewound here, once per data version, before
they are served: outer rings clockwise, holes counterclockwise, coordinates untouched.
"""

from __future__ import annotations

import json
from typing import Any


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
