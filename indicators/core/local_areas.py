"""Named local areas a municipality draws itself, published as GeoJSON with a local dataset.

A dialogue or an analysis is often held for a neighbourhood that is neither a DeSO nor a RegSO
("Sätra", "Centrum"). The publisher sends its polygons with the dataset; they are checked here
(valid polygons, an id and a name each, inside the municipality) and stored in WGS 84
(EPSG:4326), as the maps draw them. Files in SWEREF 99 TM (EPSG:3006, what Swedish
municipalities' GIS uses) are reprojected with pyproj; the legacy GeoJSON ``crs`` member says
which, and without it a file is WGS 84 as RFC 7946 prescribes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import shapely
from pyproj import Transformer
from shapely import make_valid
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from levande.indicators.core.local_data import LOCAL_AREA_ID, LocalDataError, Problem

_EPSG = re.compile(r"EPSG:{1,2}(\d+)$", re.IGNORECASE)
SUPPORTED_CRS: Final = (4326, 3006)
#: How far (in degrees, about 100 m) an area may reach beyond the municipality's simplified
#: boundary: the stored boundaries are generalised, a publisher's polygons are not.
TOLERANCE_DEGREES: Final = 0.001


@dataclass(frozen=True)
class LocalArea:
    """One named local area: its id, name and polygon (GeoJSON geometry in EPSG:4326)."""

    id: str
    name: str
    geometry: dict[str, Any]


def _crs(document: dict[str, Any]) -> int | None:
    crs = document.get("crs")
    if crs is None:
        return 4326
    name = str((crs.get("properties") or {}).get("name", "")) if isinstance(crs, dict) else ""
    if name.upper().endswith("CRS84"):
        return 4326
    match = _EPSG.search(name)
    return int(match.group(1)) if match else None


def parse_areas(text: str, within: BaseGeometry | None = None) -> tuple[LocalArea, ...]:
    """Validate a GeoJSON FeatureCollection of named local areas.

    Args:
        text: the file's text.
        within: the municipality's boundary (EPSG:4326); when given, every area must lie
            inside it.

    Returns:
        The areas, their geometry in EPSG:4326.

    Raises:
        LocalDataError: every problem of the file, by feature number (1-based) and property.
    """
    problems: list[Problem] = []
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise LocalDataError([Problem(None, None, "not_json", {"error": str(exc)})]) from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise LocalDataError([Problem(None, None, "not_feature_collection")])
    epsg = _crs(document)
    if epsg not in SUPPORTED_CRS:
        raise LocalDataError(
            [Problem(None, "crs", "crs_unsupported", {"crs": str(document.get("crs"))})]
        )
    transformer = Transformer.from_crs(3006, 4326, always_xy=True) if epsg == 3006 else None
    areas: list[LocalArea] = []
    seen: set[str] = set()
    for n, feature in enumerate(document.get("features") or [], start=1):
        props = feature.get("properties") or {} if isinstance(feature, dict) else {}
        area_id = str(props.get("area_code", "")).strip()
        name = str(props.get("name", "")).strip()
        if not LOCAL_AREA_ID.match(area_id):
            problems.append(Problem(n, "area_code", "area_id_invalid", {"value": area_id}))
        elif area_id in seen:
            problems.append(Problem(n, "area_code", "area_id_twice", {"value": area_id}))
        if not name:
            problems.append(Problem(n, "name", "name_empty"))
        try:
            geometry = shape(feature["geometry"])
        except (KeyError, TypeError, ValueError, AttributeError):
            problems.append(Problem(n, "geometry", "geometry_unreadable"))
            continue
        if geometry.geom_type not in {"Polygon", "MultiPolygon"} or geometry.is_empty:
            problems.append(
                Problem(n, "geometry", "geometry_not_polygon", {"geometry": geometry.geom_type})
            )
            continue
        if not geometry.is_valid:
            problems.append(Problem(n, "geometry", "geometry_invalid"))
            continue
        if transformer is not None:
            geometry = make_valid(
                shapely.transform(
                    geometry,
                    lambda xy, t=transformer: np.column_stack(t.transform(xy[:, 0], xy[:, 1])),
                )
            )
        if within is not None and not geometry.within(within.buffer(TOLERANCE_DEGREES)):
            problems.append(Problem(n, "geometry", "geometry_outside"))
            continue
        seen.add(area_id)
        areas.append(LocalArea(area_id, name, mapping(geometry)))
    if not areas and not problems:
        problems.append(Problem(None, "features", "no_areas"))
    if problems:
        raise LocalDataError(problems)
    return tuple(areas)


def outline(boundaries: str, municipality: str) -> BaseGeometry | None:
    """A municipality's polygon from the stored boundaries of all municipalities.

    Args:
        boundaries: the FeatureCollection of the ``kommun`` level, as the maps draw it
            (each feature's ``properties.code`` is the municipality code).
        municipality: the four-digit code.

    Returns:
        The polygon, or None when the boundaries do not hold the municipality.
    """
    document = json.loads(boundaries)
    for feature in document.get("features") or []:
        if (feature.get("properties") or {}).get("code") == municipality:
            return make_valid(shape(feature["geometry"]))
    return None
