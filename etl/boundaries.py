"""The boundaries job: municipality and county polygons for the map.

Accepts GeoJSON (any of the public files' field names) or GeoParquet (WKB geometry), checks
that the codes are exactly the regions we hold, simplifies the shapes for the web and rounds
coordinates, so the browser receives a small file once.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

log = logging.getLogger(__name__)

CODE_FIELDS = {
    "kommun": ("kommun_kod", "KnKod", "kom_kod", "kommunkod", "municipality_code", "id", "code"),
    "lan": ("lan_kod", "LnKod", "lanskod", "county_code", "l_id", "id", "code"),
}
NAME_FIELDS = {
    "kommun": ("kommun", "KnNamn", "kom_namn", "name", "namn"),
    "lan": ("lan", "LnNamn", "name", "namn"),
}
CODE_WIDTH = {"kommun": 4, "lan": 2}


class BoundaryError(RuntimeError):
    """A boundary file cannot be used; the message says which codes or fields are wrong."""


def _code(properties: Mapping[str, Any], feature_id: Any, level: str) -> str | None:
    for name in CODE_FIELDS[level]:
        value = properties.get(name)
        if value is None and name == "id":
            value = feature_id
        if value is None:
            continue
        text = str(int(value)) if isinstance(value, int | float) else str(value).strip()
        if text.isdigit():
            return text.zfill(CODE_WIDTH[level])
    return None


def _name(properties: Mapping[str, Any], level: str) -> str | None:
    for name in NAME_FIELDS[level]:
        if isinstance(properties.get(name), str):
            return str(properties[name])
    return None


def read_features(
    content: bytes, url: str, level: str
) -> list[tuple[str, str | None, BaseGeometry]]:
    """Parse a GeoJSON or GeoParquet file into (code, name, geometry) triples.

    Raises:
        BoundaryError: malformed file, or features without a recognisable code.
    """
    if urlparse(url).path.endswith(".parquet"):
        return _read_parquet(content, level)
    try:
        doc = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BoundaryError(f"{url} is not valid GeoJSON: {exc}") from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise BoundaryError(f"{url} is not a GeoJSON FeatureCollection")
    out: list[tuple[str, str | None, BaseGeometry]] = []
    for index, feature in enumerate(doc.get("features") or []):
        props = feature.get("properties") or {}
        code = _code(props, feature.get("id"), level)
        if code is None:
            raise BoundaryError(
                f"{url}: feature {index} has no code field (looked for "
                f"{', '.join(CODE_FIELDS[level])})"
            )
        try:
            geometry = shape(feature["geometry"])
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise BoundaryError(f"{url}: feature {code} has an invalid geometry: {exc}") from None
        out.append((code, _name(props, level), geometry))
    return out


def _read_parquet(content: bytes, level: str) -> list[tuple[str, str | None, BaseGeometry]]:
    try:
        import pyarrow.parquet as pq
        from shapely import wkb
    except ImportError:  # pragma: no cover - the parquet extra is optional
        raise BoundaryError(
            "GeoParquet needs pyarrow: pip install 'levande-stader[parquet]'"
        ) from None
    table = pq.read_table(io.BytesIO(content))
    rows = table.to_pylist()
    out: list[tuple[str, str | None, BaseGeometry]] = []
    for row in rows:
        code = _code(row, None, level)
        geom = row.get("geometry")
        if code is None or geom is None:
            raise BoundaryError("GeoParquet row without a code or geometry")
        out.append((code, _name(row, level), wkb.loads(geom)))
    return out


def check_codes(codes: Sequence[str], expected: set[str], level: str) -> None:
    """Every expected region present exactly once and none unknown.

    Raises:
        BoundaryError: listing the missing, unknown and repeated codes.
    """
    problems = []
    missing = sorted(expected - set(codes))
    unknown = sorted(set(codes) - expected)
    repeated = sorted({c for c in codes if codes.count(c) > 1})
    if missing:
        problems.append(f"missing {len(missing)}: {', '.join(missing[:12])}")
    if unknown:
        problems.append(f"unknown {len(unknown)}: {', '.join(unknown[:12])}")
    if repeated:
        problems.append(f"repeated: {', '.join(repeated[:12])}")
    if problems:
        raise BoundaryError(f"{level} boundaries do not match the regions ({'; '.join(problems)})")


def _round(coords: Any, digits: int) -> Any:
    if isinstance(coords, (int, float)):
        return round(float(coords), digits)
    return [_round(c, digits) for c in coords]


def simplify(
    features: Sequence[tuple[str, str | None, BaseGeometry]],
    names: Mapping[str, str],
    *,
    tolerance: float = 0.004,
    digits: int = 4,
) -> dict[str, Any]:
    """A small FeatureCollection: simplified shapes, rounded coordinates, code as feature id.

    Tolerance is in degrees (about 250-450 m at Swedish latitudes), enough for a national
    choropleth while keeping the file small.
    """
    out = []
    for code, name, geometry in features:
        simple = geometry.simplify(tolerance, preserve_topology=True)
        if simple.is_empty:
            simple = geometry
        geo = mapping(simple)
        out.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {"code": code, "name": names.get(code) or name or code},
                "geometry": {
                    "type": geo["type"],
                    "coordinates": _round(geo["coordinates"], digits),
                },
            }
        )
    return {"type": "FeatureCollection", "features": sorted(out, key=lambda f: f["id"])}


def read_local(url: str) -> bytes:
    """Content of a ``file://`` URL (offline sites keep the boundary files on disk)."""
    return Path(urlparse(url).path).read_bytes()
