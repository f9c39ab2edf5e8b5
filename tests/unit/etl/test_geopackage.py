"""GeoPackage layers read without GDAL: tiny files written by the test per the OGC standard."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Point, Polygon, box

from levande.etl.area_boundaries import parse_geopackage
from levande.etl.boundaries import BoundaryError
from levande.etl.geopackage import GeoPackageError, geometry_from_blob, read_features
from levande.indicators.core.small_areas import AreaLevel
from testkit.geopackage import geometry_blob, write_geopackage, zip_geopackage

#: Two DeSO of Uppsala in SWEREF 99 TM (metres), sharing an edge, as SCB's layer spells them.
UPPSALA = [
    ({"desokod": "0380C1010", "regsokod": "0380R001", "kommunkod": "0380", "lanskod": "03"},
     MultiPolygon([box(647000, 6636000, 648000, 6637000)])),
    ({"desokod": "0380A0010", "regsokod": "0380R001", "kommunkod": "0380", "lanskod": "03"},
     MultiPolygon([box(648000, 6636000, 649500, 6637000)])),
]  # fmt: skip


def test_features_and_attributes_read_back(tmp_path: Path) -> None:
    gpkg = write_geopackage(tmp_path / "DeSO_2025.gpkg", "DeSO_2025", 3006, UPPSALA)
    layer = read_features(gpkg.read_bytes(), "DeSO_2025", "test")
    assert (layer.name, layer.epsg) == ("DeSO_2025", 3006)
    assert [(p["desokod"], p["regsokod"], p["fid"]) for p, _ in layer.features] == [
        ("0380C1010", "0380R001", 1),
        ("0380A0010", "0380R001", 2),
    ]
    assert [g.equals(want) for (_, g), (_, want) in zip(layer.features, UPPSALA, strict=True)] == [
        True,
        True,
    ]


def test_scbs_zip_and_the_only_layer_whatever_its_name(tmp_path: Path) -> None:
    gpkg = write_geopackage(tmp_path / "deso.gpkg", "deso_2025_v2", 3006, UPPSALA)
    archive = zip_geopackage(gpkg, tmp_path / "DeSO_2025.zip")
    layer = read_features(archive.read_bytes(), "DeSO_2025", "test")
    assert layer.name == "deso_2025_v2"
    assert len(layer.features) == 2


def test_areas_in_sweref_stay_and_wgs84_is_reprojected(tmp_path: Path) -> None:
    native = write_geopackage(tmp_path / "a.gpkg", "DeSO_2025", 3006, UPPSALA)
    areas = parse_geopackage(native.read_bytes(), "stat:DeSO_2025", AreaLevel.DESO, "a")
    assert [(a.code, a.municipality, a.regso_base) for a in areas] == [
        ("0380C1010", "0380", "0380R001"),
        ("0380A0010", "0380", "0380R001"),
    ]
    assert areas[0].geometry.bounds == (647000.0, 6636000.0, 648000.0, 6637000.0)
    to_wgs84 = Transformer.from_crs("EPSG:3006", "EPSG:4326", always_xy=True)
    lon, lat = to_wgs84.transform(647000.0, 6636000.0)
    corner = MultiPolygon([Polygon([(lon, lat), (lon + 0.01, lat), (lon, lat + 0.01)])])
    wgs = write_geopackage(tmp_path / "b.gpkg", "DeSO_2025", 4326, [(UPPSALA[0][0], corner)])
    (area,) = parse_geopackage(wgs.read_bytes(), "stat:DeSO_2025", AreaLevel.DESO, "b")
    x, y = area.geometry.geoms[0].exterior.coords[0]
    assert x == pytest.approx(647000.0, abs=0.01)
    assert y == pytest.approx(6636000.0, abs=0.01)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("not a database", "is not a GeoPackage"),
        ("two layers", "no features layer 'DeSO_2025' (it has one, two)"),
        ("local system", "has no EPSG coordinate system"),
        ("empty geometry", "feature 0 of DeSO_2025: an empty geometry"),
        ("no code", "feature 0 has no deso code in desokod"),
    ],
)
def test_a_broken_geopackage_is_a_clear_failure(tmp_path: Path, damage: str, message: str) -> None:
    path = tmp_path / "x.gpkg"
    if damage == "not a database":
        path.write_bytes(b"PK not sqlite at all" * 10)
    elif damage == "two layers":
        write_geopackage(path, "one", 3006, UPPSALA)
        with sqlite3.connect(path) as conn:
            conn.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id)"
                         " VALUES ('two', 'features', 'two', 3006)")  # fmt: skip
    elif damage == "local system":
        write_geopackage(path, "DeSO_2025", 3006, UPPSALA, organization="NONE")
    elif damage == "empty geometry":
        write_geopackage(path, "DeSO_2025", 3006, [(UPPSALA[0][0], MultiPolygon())])
    else:
        write_geopackage(path, "DeSO_2025", 3006, [({"kommunkod": "0380"}, UPPSALA[0][1])])
    with pytest.raises(BoundaryError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_geopackage(path.read_bytes(), "stat:DeSO_2025", AreaLevel.DESO, "x.gpkg")


def test_blob_header_with_any_envelope_is_skipped() -> None:
    point = Point(647000, 6636000)
    blob = geometry_blob(point, 3006)
    assert geometry_from_blob(blob).equals(point)
    # Envelope indicator 2 (XYZ, 48 bytes) in a big-endian header.
    xyz = b"GP" + bytes([0, 0b100]) + (3006).to_bytes(4, "big") + bytes(48) + blob[40:]
    assert geometry_from_blob(xyz).equals(point)
    with pytest.raises(GeoPackageError, match="no 'GP' header"):
        geometry_from_blob(b"XX" + blob[2:])
