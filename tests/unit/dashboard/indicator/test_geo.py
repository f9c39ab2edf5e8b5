"""Boundaries are rewound for d3-geo: outer rings clockwise, holes counterclockwise."""

from __future__ import annotations

import json

from levande.dashboard.indicator.geo import _signed_area, for_d3, rewind_geometry

CCW_SQUARE = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]
CW_HOLE = [[0.2, 0.2], [0.2, 0.8], [0.8, 0.8], [0.8, 0.2], [0.2, 0.2]]


def test_polygon_outer_ring_becomes_clockwise_and_hole_counterclockwise() -> None:
    geometry = rewind_geometry({"type": "Polygon", "coordinates": [CCW_SQUARE, CW_HOLE]})
    assert geometry is not None
    outer, hole = geometry["coordinates"]
    assert _signed_area(outer) < 0 < _signed_area(hole)
    assert sorted(map(tuple, outer)) == sorted(map(tuple, CCW_SQUARE))  # same points


def test_multipolygon_and_already_wound_rings() -> None:
    cw = list(reversed(CCW_SQUARE))
    geometry = rewind_geometry({"type": "MultiPolygon", "coordinates": [[CCW_SQUARE], [cw]]})
    assert geometry is not None
    assert all(_signed_area(p[0]) < 0 for p in geometry["coordinates"])
    assert geometry["coordinates"][1][0] == cw
    assert rewind_geometry(None) is None
    point = {"type": "Point", "coordinates": [1, 2]}
    assert rewind_geometry(point) == point


def test_feature_collection_keeps_ids_and_properties() -> None:
    doc = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": "0180", "properties": {"name": "Stockholm"},
             "geometry": {"type": "Polygon", "coordinates": [CCW_SQUARE]}}
        ],
    }  # fmt: skip
    out = json.loads(for_d3(json.dumps(doc)))
    feature = out["features"][0]
    assert feature["id"] == "0180" and feature["properties"] == {"name": "Stockholm"}
    assert _signed_area(feature["geometry"]["coordinates"][0]) < 0
