"""The small-area boundaries job: DeSO and RegSO polygons per municipality, for the area map.

Reads SCB's open geodata WFS (``stat:DeSO_2018``, ``stat:DeSO_2025``, ``stat:RegSO_2020``,
``stat:RegSO_2025``), as GeoJSON in EPSG:4326 or in the layers' native SWEREF 99 TM (EPSG:3006), or
files (``file://``): SCB's GeoPackage (SWEREF 99 TM; plain or zipped; another EPSG system is
reprojected with pyproj) or GeoJSON in either system. Shapes are simplified in SWEREF 99 TM
(metres) one municipality at a time with shapely's ``coverage_simplify``, which moves a shared edge
once for both areas, so neighbours keep meeting without gaps or overlaps; then they are reprojected
to EPSG:4326 with pyproj and rounded to five decimals (about a metre). Each municipality's areas
are stored apart and versioned by a digest, so a page downloads only its own areas, and a refresh
that changes nothing rewrites nothing. The layers' attributes also give each RegSO its name and
each DeSO its RegSO, which the area register keeps.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse

import shapely
from pyproj import Transformer
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from levande.etl.boundaries import BoundaryError, read_local
from levande.etl.geopackage import GeoPackageError, read_features
from levande.etl.jobs import JobResult
from levande.etl.sources.clients import SourceClients
from levande.indicators.core.small_areas import (
    AreaLevel,
    SmallAreaCatalogue,
    area_code_for,
    parse_area_code,
)
from levande.indicators.store.small_areas import (
    AreaRecord,
    save_area_boundaries,
    upsert_small_areas,
)
from levande.indicators.store.writes import bump_data_version

log = logging.getLogger(__name__)

PAGE = 2000
"""Features asked per WFS request; GeoServer pages larger layers with ``startIndex``."""
TOLERANCE_M = 25.0
"""Simplification tolerance in metres: invisible at a municipality's zoom, a fraction of the
vertices."""
WfsOutput = Literal["geojson", "geopackage"]
"""What the WFS is asked for (``LEVANDE_GEO_SMALL_AREAS_FORMAT``)."""
LAYER_PREFIX = {AreaLevel.DESO: "stat:DeSO_", AreaLevel.REGSO: "stat:RegSO_"}
CODE_FIELD = {AreaLevel.DESO: "desokod", AreaLevel.REGSO: "regsokod"}

SWEREF = 3006
"""SWEREF 99 TM, the layers' own coordinate system, in which shapes are simplified (metres)."""
_TO_SWEREF = Transformer.from_crs("EPSG:4326", "EPSG:3006", always_xy=True)
_TO_WGS84 = Transformer.from_crs("EPSG:3006", "EPSG:4326", always_xy=True)


@dataclass(frozen=True)
class AreaShape:
    """One area's polygon in SWEREF 99 TM with the attributes the layer gives."""

    code: str
    municipality: str
    name: str | None
    regso_base: str | None
    geometry: BaseGeometry


def _is_sweref(doc: Mapping[str, Any], sample: BaseGeometry | None) -> bool:
    """Whether a GeoJSON is in EPSG:3006: by its ``crs`` member, else by its coordinates."""
    name = str(((doc.get("crs") or {}).get("properties") or {}).get("name", ""))
    if name:
        return name.endswith("3006")
    return sample is not None and abs(sample.bounds[0]) > 180


def parse_layer(doc: Any, level: AreaLevel, source: str) -> list[AreaShape]:
    """The areas of one GeoJSON page, in SWEREF 99 TM.

    Raises:
        BoundaryError: not a FeatureCollection, or a feature without its code or geometry.
    """
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise BoundaryError(f"{source} is not a GeoJSON FeatureCollection")
    raw = doc.get("features") or []
    shapes: list[tuple[dict[str, Any], BaseGeometry]] = []
    for index, feature in enumerate(raw):
        props = feature.get("properties") or {}
        code = _code_of(props, level, index, source)
        try:
            shapes.append((props, shape(feature["geometry"])))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise BoundaryError(f"{source}: {code} has an invalid geometry: {exc}") from None
    sweref = _is_sweref(doc, shapes[0][1] if shapes else None)
    return area_shapes(shapes, level, None if sweref else _TO_SWEREF)


def parse_geopackage(content: bytes, layer: str, level: AreaLevel, source: str) -> list[AreaShape]:
    """The areas of a GeoPackage layer (or of the GeoPackage in a zip), in SWEREF 99 TM.

    SCB's files are in SWEREF 99 TM already; a layer in another EPSG system is reprojected
    with pyproj.

    Raises:
        BoundaryError: not a GeoPackage, no such layer, or a feature without its code or a
            readable geometry.
    """
    try:
        found = read_features(content, layer.split(":")[-1], source)
    except GeoPackageError as exc:
        raise BoundaryError(str(exc)) from None
    for index, (props, _) in enumerate(found.features):
        _code_of(props, level, index, source)
    to_sweref = (
        None
        if found.epsg == SWEREF
        else Transformer.from_crs(f"EPSG:{found.epsg}", f"EPSG:{SWEREF}", always_xy=True)
    )
    return area_shapes(found.features, level, to_sweref)


def _code_of(props: Mapping[str, Any], level: AreaLevel, index: int, source: str) -> str:
    code = props.get(CODE_FIELD[level])
    if not isinstance(code, str) or parse_area_code(code) is None:
        raise BoundaryError(
            f"{source}: feature {index} has no {level.value} code in {CODE_FIELD[level]}"
        )
    return code


def area_shapes(
    features: Sequence[tuple[Mapping[str, Any], BaseGeometry]],
    level: AreaLevel,
    to_sweref: Transformer | None,
) -> list[AreaShape]:
    """Features with known codes as areas in SWEREF 99 TM (``to_sweref`` None: already)."""
    out = []
    for props, geometry in features:
        geom = (
            geometry
            if to_sweref is None
            else shapely.transform(geometry, to_sweref.transform, interleaved=False)
        )
        parsed = parse_area_code(str(props[CODE_FIELD[level]]))
        code = parsed.base if parsed is not None else ""
        regso_parsed = parse_area_code(str(props.get("regsokod") or ""))
        regso = regso_parsed.base if level is AreaLevel.DESO and regso_parsed else None
        name = props.get("regsonamn") if level is AreaLevel.REGSO else None
        out.append(
            AreaShape(
                code, str(props.get("kommunkod") or code[:4]).zfill(4),
                str(name).strip() if name else None, str(regso).strip() if regso else None, geom,
            )
        )  # fmt: skip
    return out


def _round(coords: Any) -> Any:
    if isinstance(coords, (int, float)):
        return round(float(coords), 5)
    return [_round(c) for c in coords]


def municipality_collections(
    shapes: Sequence[AreaShape], level: AreaLevel, vintage: str, regso_vintage: str
) -> dict[str, dict[str, Any]]:
    """One simplified FeatureCollection (EPSG:4326) per municipality, shared edges kept.

    Feature ids are the codes as SCB's tables spell them for this vintage (with the suffix
    for 2025), so a map joins them to the stored values directly.
    """
    by_municipality: dict[str, list[AreaShape]] = {}
    for area in shapes:
        by_municipality.setdefault(area.municipality, []).append(area)
    out: dict[str, dict[str, Any]] = {}
    for municipality, areas in sorted(by_municipality.items()):
        areas = sorted(areas, key=lambda a: a.code)
        simplified = shapely.coverage_simplify([a.geometry for a in areas], TOLERANCE_M)
        features = []
        for area, geometry in zip(areas, simplified, strict=True):
            geo = mapping(shapely.transform(geometry, _TO_WGS84.transform, interleaved=False))
            code = area_code_for(area.code, level, vintage)
            props: dict[str, Any] = {"code": code, "base": area.code}
            if area.name:
                props["name"] = area.name
            if area.regso_base:
                props["regso"] = area_code_for(area.regso_base, AreaLevel.REGSO, regso_vintage)
            features.append(
                {"type": "Feature", "id": code, "properties": props,
                 "geometry": {"type": geo["type"], "coordinates": _round(geo["coordinates"])}}
            )  # fmt: skip
        out[municipality] = {"type": "FeatureCollection", "features": features}
    return out


def read_layer_file(folder_url: str, layer: str, level: AreaLevel) -> list[AreaShape]:
    """A layer from a ``file://`` folder: a GeoPackage, else GeoJSON.

    A GeoPackage is ``.gpkg`` or SCB's ``.zip`` of one, named after the layer
    (``stat_DeSO_2025``) or as SCB's download (``DeSO_2025``); GeoJSON is
    ``stat_DeSO_2025.geojson``.

    Raises:
        BoundaryError: no file for the layer, or one that cannot be read as its format.
    """
    folder = folder_url.rstrip("/")
    stems = (layer.replace(":", "_"), layer.split(":")[-1])
    for stem, suffix in ((s, x) for x in (".gpkg", ".zip") for s in stems):
        url = f"{folder}/{stem}{suffix}"
        if Path(urlparse(url).path).is_file():
            return parse_geopackage(_read(url), layer, level, url)
    url = f"{folder}/{stems[0]}.geojson"
    try:
        content = _read(url)
    except BoundaryError as exc:
        raise BoundaryError(f"{exc} (nor is there a GeoPackage {stems[0]}.gpkg)") from None
    try:
        return parse_layer(json.loads(content.decode("utf-8-sig")), level, url)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BoundaryError(f"{url} is not valid GeoJSON: {exc}") from None


def _read(url: str) -> bytes:
    try:
        return read_local(url)
    except OSError as exc:
        raise BoundaryError(f"{url} cannot be read: {exc.strerror or exc}") from None


def fetch_layer(
    clients: SourceClients,
    base_url: str,
    layer: str,
    level: AreaLevel,
    output: WfsOutput = "geojson",
) -> list[AreaShape]:
    """Every feature of a WFS layer (paged), or of a ``file://`` layer file.

    ``output`` is what the WFS is asked for: GeoJSON in EPSG:4326, or GeoPackage in the layers'
    own SWEREF 99 TM. GeoJSON says how many features match; a GeoPackage page does not, and a
    server may cap a page below what was asked, so GeoPackage pages are asked for until one
    comes back empty (one request more per layer, never a silently cut layer).
    """
    if base_url.startswith("file://"):
        return read_layer_file(base_url, layer, level)
    shapes: list[AreaShape] = []
    source = f"{base_url} {layer}"
    while True:
        params = {
            "service": "WFS", "version": "2.0.0", "request": "GetFeature", "typeNames": layer,
            "count": str(PAGE), "startIndex": str(len(shapes)),
        }  # fmt: skip
        if output == "geopackage":
            params["outputFormat"] = "geopackage"
            _, content = clients.geo.request("GET", base_url, params=params)
            page = parse_geopackage(content, layer, level, source)
            done = not page
        else:
            params |= {"outputFormat": "application/json", "srsName": "EPSG:4326"}
            doc = clients.geo.get_json(base_url, params)
            page = parse_layer(doc, level, source)
            matched = doc.get("numberMatched") if isinstance(doc, dict) else None
            done = not page or not isinstance(matched, int) or len(shapes) + len(page) >= matched
        shapes += page
        if done:
            return shapes


def run_area_boundaries(
    engine: Engine,
    catalogue: SmallAreaCatalogue,
    base_url: str,
    clients: SourceClients,
    output: WfsOutput = "geojson",
) -> JobResult:
    """Fetch, simplify and store every vintage's DeSO and RegSO boundaries per municipality."""
    result = JobResult()
    vintages = {(v.deso, v.regso) for v in catalogue.vintages}
    prepared = []
    for deso, regso in sorted(vintages):
        for level, vintage in ((AreaLevel.DESO, deso), (AreaLevel.REGSO, regso)):
            layer = f"{LAYER_PREFIX[level]}{vintage}"
            shapes = fetch_layer(clients, base_url, layer, level, output)
            if not shapes:
                raise BoundaryError(f"{layer} has no features")
            prepared.append((level, vintage, regso, shapes, layer))
    with Session(engine) as session, session.begin():
        for level, vintage, regso, shapes, layer in prepared:
            records = []
            for area in shapes:
                parsed = parse_area_code(area_code_for(area.code, level, vintage))
                if parsed is None:
                    continue
                link = (
                    area_code_for(area.regso_base, AreaLevel.REGSO, regso)
                    if area.regso_base
                    else None
                )
                records.append(AreaRecord(parsed, name=area.name, regso_code=link))
            upsert_small_areas(session, records)
            collections = municipality_collections(shapes, level, vintage, regso)
            written, unchanged = save_area_boundaries(
                session, level.value, vintage, collections, f"{base_url} {layer}"
            )
            result.load.updated += written
            result.load.unchanged += unchanged
            result.changes[layer] = len(shapes)
        if result.load.updated:
            bump_data_version(session)
    return result
