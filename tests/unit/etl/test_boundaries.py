"""Boundary files: field names of the public files, code checks, simplification."""

from __future__ import annotations

import json

import pytest
from shapely.geometry import shape

from levande.etl.boundaries import BoundaryError, check_codes, read_features, simplify


def _collection(props: list[dict[str, object]]) -> bytes:
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
    return json.dumps(
        {"type": "FeatureCollection",
         "features": [{"type": "Feature", "properties": p, "geometry": square} for p in props]}
    ).encode()  # fmt: skip


@pytest.mark.parametrize(
    ("level", "props", "code"),
    [
        ("kommun", {"kommun_kod": "0114", "kommun": "Upplands Väsby"}, "0114"),
        ("kommun", {"id": "0180", "kom_namn": "Stockholm"}, "0180"),
        ("kommun", {"KnKod": "1480", "KnNamn": "Göteborg"}, "1480"),
        ("lan", {"l_id": 1, "name": "Stockholm"}, "01"),
        ("lan", {"lan_kod": "25", "lan": "Norrbottens län"}, "25"),
        ("lan", {"LnKod": "03"}, "03"),
    ],
)
def test_known_field_names(level: str, props: dict[str, object], code: str) -> None:
    features = read_features(b"\xef\xbb\xbf" + _collection([props]), "x.geojson", level)
    assert [f[0] for f in features] == [code]


def test_feature_without_code_and_bad_json() -> None:
    with pytest.raises(BoundaryError, match="feature 0 has no code field"):
        read_features(_collection([{"namn": "x"}]), "x.geojson", "kommun")
    with pytest.raises(BoundaryError, match="not valid GeoJSON"):
        read_features(b'{"type": "FeatureCollection", ', "x.geojson", "kommun")
    with pytest.raises(BoundaryError, match="not a GeoJSON FeatureCollection"):
        read_features(b"[]", "x.geojson", "kommun")


def test_check_codes() -> None:
    check_codes(["01", "03"], {"01", "03"}, "lan")
    with pytest.raises(BoundaryError) as caught:
        check_codes(["01", "01", "99"], {"01", "03"}, "lan")
    assert str(caught.value) == (
        "lan boundaries do not match the regions (missing 1: 03; unknown 1: 99; repeated: 01)"
    )


def test_simplify_keeps_codes_names_and_rounds() -> None:
    ring = [[18.0 + i / 1000, 59.0 + (i % 2) / 100000] for i in range(200)]
    ring += [[18.2, 59.2], [18.0, 59.2], ring[0]]
    geometry = shape({"type": "Polygon", "coordinates": [ring]})
    out = simplify([("0180", None, geometry)], {"0180": "Stockholm"})
    feature = out["features"][0]
    assert (feature["id"], feature["properties"]) == ("0180", {"code": "0180", "name": "Stockholm"})
    coords = feature["geometry"]["coordinates"][0]
    assert len(coords) < 20
    assert all(round(x, 4) == x and round(y, 4) == y for x, y in coords)
