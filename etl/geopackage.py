"""Features of an OGC GeoPackage, read with the standard library's sqlite3 and shapely.

SCB publishes its DeSO and RegSO boundaries as GeoPackage in SWEREF 99 TM (EPSG:3006), in a
zip for download. A GeoPackage is an SQLite database with three registry tables: layers in
``gpkg_contents`` (``data_type`` 'features'), their geometry column in
``gpkg_geometry_columns`` and coordinate systems in ``gpkg_spatial_ref_sys``. Each geometry is a
blob: the GeoPackage header ('GP', version, flags, srs id, an optional envelope) followed by
standard WKB, which shapely reads. Reading it this way needs no GDAL (pyogrio, fiona), which the
project does not otherwise need.
"""

from __future__ import annotations

import io
import sqlite3
import zipfile
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.errors import GEOSException
from shapely.geometry.base import BaseGeometry

#: Bytes of the envelope by the header's envelope indicator (OGC 12-128r18, 2.1.3).
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


class GeoPackageError(ValueError):
    """A file that is not a readable GeoPackage of features, said in words."""


@dataclass(frozen=True)
class FeatureLayer:
    """One features table: each feature's attributes and geometry, and its EPSG code."""

    name: str
    epsg: int
    features: list[tuple[dict[str, Any], BaseGeometry]]


def unzip_geopackage(content: bytes, source: str) -> bytes:
    """The GeoPackage inside a zip (SCB's download), or ``content`` itself when not a zip."""
    if not zipfile.is_zipfile(io.BytesIO(content)):
        return content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        members = [n for n in archive.namelist() if n.lower().endswith(".gpkg")]
        if len(members) != 1:
            raise GeoPackageError(f"{source}: the zip holds {len(members)} .gpkg files, not one")
        return archive.read(members[0])


def geometry_from_blob(blob: bytes) -> BaseGeometry:
    """A GeoPackage geometry blob as a shapely geometry (the header skipped, WKB read).

    Raises:
        GeoPackageError: not a GeoPackage geometry, an empty one, or broken WKB.
    """
    if len(blob) < 8 or blob[:2] != b"GP":
        raise GeoPackageError("not a GeoPackage geometry (no 'GP' header)")
    flags = blob[3]
    envelope = (flags >> 1) & 0b111
    if envelope not in _ENVELOPE_BYTES:
        raise GeoPackageError(f"unknown envelope indicator {envelope}")
    if flags & 0b10000:
        raise GeoPackageError("an empty geometry")
    try:
        geometry: BaseGeometry = shapely.from_wkb(blob[8 + _ENVELOPE_BYTES[envelope] :])
    except GEOSException as exc:
        raise GeoPackageError(f"broken WKB: {exc}") from None
    return geometry


def _layer_name(conn: sqlite3.Connection, wanted: str, source: str) -> str:
    names = [
        str(row[0])
        for row in conn.execute(
            "SELECT table_name FROM gpkg_contents WHERE data_type = 'features' ORDER BY table_name"
        )
    ]
    for name in names:
        if name.lower() == wanted.lower():
            return name
    if len(names) == 1:
        return names[0]
    raise GeoPackageError(
        f"{source}: no features layer {wanted!r} (it has {', '.join(names) or 'none'})"
    )


def read_features(content: bytes, layer: str, source: str) -> FeatureLayer:
    """Every feature of one layer: the one named ``layer``, or the only one there is.

    Raises:
        GeoPackageError: not a GeoPackage, no such layer, a coordinate system other than an
            EPSG one, or a feature whose geometry cannot be read.
    """
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(unzip_geopackage(content, source))
        return _read_layer(conn, layer, source)
    except sqlite3.DatabaseError as exc:
        raise GeoPackageError(f"{source} is not a GeoPackage: {exc}") from None
    finally:
        conn.close()


def _read_layer(conn: sqlite3.Connection, layer: str, source: str) -> FeatureLayer:
    name = _layer_name(conn, layer, source)
    column, organization, epsg = conn.execute(
        "SELECT g.column_name, s.organization, s.organization_coordsys_id "
        "FROM gpkg_geometry_columns g JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id "
        "WHERE g.table_name = ?",
        (name,),
    ).fetchone() or (None, None, None)
    if column is None or epsg is None or str(organization).upper() != "EPSG":
        raise GeoPackageError(f"{source}: layer {name} has no EPSG coordinate system")
    cursor = conn.execute(f'SELECT * FROM "{name}"')  # noqa: S608 - a name the file lists
    fields = [d[0] for d in cursor.description]
    features = []
    for index, row in enumerate(cursor):
        values = dict(zip(fields, row, strict=True))
        blob = values.pop(column)
        try:
            geometry = geometry_from_blob(bytes(blob or b""))
        except GeoPackageError as exc:
            raise GeoPackageError(f"{source}: feature {index} of {name}: {exc}") from None
        features.append((values, geometry))
    return FeatureLayer(name, int(epsg), features)
