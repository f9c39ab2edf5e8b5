"""Tiny GeoPackages for tests, written with sqlite3 as the OGC GeoPackage standard lays out.

Follows OGC 12-128r18 (GeoPackage 1.3): the ``application_id`` and ``user_version`` pragmas,
the mandatory ``gpkg_spatial_ref_sys`` rows (-1, 0 and the layer's system), ``gpkg_contents``
and ``gpkg_geometry_columns`` registering one features table, and geometries as GeoPackage
blobs: 'GP', version 0, flags (little-endian, an XY envelope), the srs id, the envelope
(min x, max x, min y, max y) and ISO WKB. Written by hand because the project reads
GeoPackages without GDAL and has no library that writes them.
"""

from __future__ import annotations

import sqlite3
import struct
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

DEFINITIONS = {
    3006: 'PROJCS["SWEREF99 TM",GEOGCS["SWEREF99",DATUM["SWEREF99",SPHEROID["GRS 1980",'
    '6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],'
    'PROJECTION["Transverse_Mercator"],PARAMETER["central_meridian",15],'
    'PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],'
    'PARAMETER["false_northing",0],UNIT["metre",1],AUTHORITY["EPSG","3006"]]',
    4326: 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],'
    'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]]',
}


def geometry_blob(geometry: BaseGeometry, srs_id: int) -> bytes:
    """A GeoPackage geometry blob: header with an XY envelope, then little-endian WKB."""
    wkb = bytes(shapely.to_wkb(geometry, byte_order=1))
    if geometry.is_empty:
        return b"GP" + bytes([0, 0b10001]) + struct.pack("<i", srs_id) + wkb
    min_x, min_y, max_x, max_y = geometry.bounds
    header = b"GP" + bytes([0, 0b011]) + struct.pack("<i", srs_id)
    return header + struct.pack("<4d", min_x, max_x, min_y, max_y) + wkb


def _sql_type(value: object) -> str:
    if isinstance(value, bool | int):
        return "INTEGER"
    if isinstance(value, float):
        return "REAL"
    return "TEXT"


def write_geopackage(
    path: Path,
    layer: str,
    srs_id: int,
    features: Sequence[tuple[Mapping[str, Any], BaseGeometry]],
    *,
    organization: str = "EPSG",
) -> Path:
    """One features table ``layer`` in coordinate system ``srs_id`` (3006 or 4326)."""
    path.unlink(missing_ok=True)
    fields = list(dict.fromkeys(k for props, _ in features for k in props))
    sample = {k: next(p[k] for p, _ in features if k in p) for k in fields}
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA application_id = 1196444487")  # 'GPKG'
        conn.execute("PRAGMA user_version = 10300")
        conn.executescript(
            """
            CREATE TABLE gpkg_spatial_ref_sys (
              srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
              organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
              description TEXT);
            CREATE TABLE gpkg_contents (
              table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
              identifier TEXT UNIQUE, description TEXT DEFAULT '',
              last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
              min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
              srs_id INTEGER REFERENCES gpkg_spatial_ref_sys(srs_id));
            CREATE TABLE gpkg_geometry_columns (
              table_name TEXT NOT NULL, column_name TEXT NOT NULL,
              geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL,
              m TINYINT NOT NULL, PRIMARY KEY (table_name, column_name));
            INSERT INTO gpkg_spatial_ref_sys VALUES
              ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', NULL),
              ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', NULL);
            """
        )
        conn.execute(
            "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, NULL)",
            (f"EPSG:{srs_id}", srs_id, organization, srs_id, DEFINITIONS.get(srs_id, "undefined")),
        )
        bounds = shapely.total_bounds([g for _, g in features]) if features else [None] * 4
        conn.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, min_x, min_y, max_x,"
            " max_y, srs_id) VALUES (?, 'features', ?, ?, ?, ?, ?, ?)",
            (layer, layer, *[None if b is None else float(b) for b in bounds], srs_id),
        )
        conn.execute(
            "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'MULTIPOLYGON', ?, 0, 0)",
            (layer, srs_id),
        )
        columns = "".join(f', "{k}" {_sql_type(sample[k])}' for k in fields)
        conn.execute(
            f'CREATE TABLE "{layer}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB{columns})'
        )
        names = ", ".join(["geom", *(f'"{k}"' for k in fields)])
        marks = ", ".join("?" * (len(fields) + 1))
        conn.executemany(
            f'INSERT INTO "{layer}" ({names}) VALUES ({marks})',  # noqa: S608 - a test's own names
            [(geometry_blob(g, srs_id), *(p.get(k) for k in fields)) for p, g in features],
        )
        conn.commit()
    finally:
        conn.close()
    return path


def zip_geopackage(gpkg: Path, archive: Path) -> Path:
    """The GeoPackage in a zip, as SCB's download offers it."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.write(gpkg, gpkg.name)
    return archive
