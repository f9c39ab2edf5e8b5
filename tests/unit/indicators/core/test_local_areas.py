"""Named local areas: GeoJSON in WGS 84 or SWEREF 99 TM, valid polygons inside the municipality."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pyproj import Transformer
from shapely.geometry import box, shape

from levande.indicators.core.local_areas import parse_areas
from levande.indicators.core.local_data import LocalDataError

# Around Gävle: a municipality stand-in 17.0–17.3 E, 60.6–60.75 N.
MUNICIPALITY = box(17.0, 60.6, 17.3, 60.75)


def _feature(code: str, name: str, ring: list[list[float]]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"area_code": code, "name": name},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def _square(x: float, y: float, size: float) -> list[list[float]]:
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]


def _collection(*features: dict[str, Any], crs: str | None = None) -> str:
    document: dict[str, Any] = {"type": "FeatureCollection", "features": list(features)}
    if crs:
        document["crs"] = {"type": "name", "properties": {"name": crs}}
    return json.dumps(document)


def test_wgs84_areas_are_kept_as_drawn() -> None:
    ring = _square(17.1, 60.65, 0.01)
    (area,) = parse_areas(_collection(_feature("Satra", "Sätra", ring)))
    assert (area.id, area.name) == ("Satra", "Sätra")
    assert [list(xy) for xy in shape(area.geometry).exterior.coords] == ring


def test_sweref99_tm_is_reprojected_to_wgs84() -> None:
    to_sweref = Transformer.from_crs(4326, 3006, always_xy=True)
    x, y = to_sweref.transform(17.15, 60.67)
    ring = _square(x, y, 500.0)  # a 500 m square
    (area,) = parse_areas(
        _collection(_feature("A1", "Centrum", ring), crs="urn:ogc:def:crs:EPSG::3006"),
        within=MUNICIPALITY,
    )
    lon, lat = shape(area.geometry).exterior.coords[0]
    assert lon == pytest.approx(17.15, abs=1e-6) and lat == pytest.approx(60.67, abs=1e-6)


@pytest.mark.parametrize(
    ("features", "column"),
    [
        # a bow-tie crosses itself
        (
            [
                _feature(
                    "A",
                    "A",
                    [[17.1, 60.65], [17.2, 60.7], [17.2, 60.65], [17.1, 60.7], [17.1, 60.65]],
                )
            ],
            "geometry",
        ),
        ([_feature("A", "A", _square(18.0, 59.3, 0.01))], "geometry"),  # Stockholm, not Gävle
        ([_feature("", "A", _square(17.1, 60.65, 0.01))], "area_code"),
        ([_feature("A", "", _square(17.1, 60.65, 0.01))], "name"),
        (
            [
                _feature("A", "A", _square(17.1, 60.65, 0.01)),
                _feature("A", "B", _square(17.2, 60.65, 0.01)),
            ],
            "area_code",
        ),
        (
            [
                {
                    "type": "Feature",
                    "properties": {"area_code": "A", "name": "A"},
                    "geometry": {"type": "Point", "coordinates": [17.1, 60.65]},
                }
            ],
            "geometry",
        ),
    ],
)
def test_bad_areas_are_named_by_feature_and_property(
    features: list[dict[str, Any]], column: str
) -> None:
    with pytest.raises(LocalDataError) as caught:
        parse_areas(_collection(*features), within=MUNICIPALITY)
    assert [p.column for p in caught.value.problems] == [column]
    assert caught.value.problems[0].row == len(features)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not JSON"),
        ('{"type": "Feature"}', "not a FeatureCollection"),
        (_collection(crs="EPSG:3021"), "not supported"),
        (_collection(), "no areas"),
    ],
)
def test_unreadable_files(text: str, message: str) -> None:
    with pytest.raises(LocalDataError, match=message):
        parse_areas(text)
