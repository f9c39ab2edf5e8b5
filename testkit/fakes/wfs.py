"""A fake of SCB's GeoServer WFS (``geodata.scb.se/geoserver/stat/wfs``) for DeSO and RegSO.

It answers ``GetFeature`` in WFS 2.0 key-value form the way GeoServer does: ``typeNames`` (or
``typeName``) names the layer (``stat:DeSO_2025``...), ``outputFormat=application/json`` gives
GeoJSON with ``numberMatched``/``numberReturned`` and a ``crs`` member, ``srsName`` picks
EPSG:4326 or the layer's native EPSG:3006 (SWEREF 99 TM), and ``count``/``startIndex`` page
through the features; ``outputFormat=geopackage`` gives the page as a GeoPackage instead (one
features table named after the layer, in the asked system). Attributes use the layers' names:
``desokod``, ``regsokod``,
``kommunkod``, ``lanskod``, ``regsonamn``. Features are held in EPSG:3006 and reprojected with
pyproj when EPSG:4326 is asked for, as the real service does.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from pyproj import Transformer
from shapely.geometry import box, mapping

from testkit.fakes.server import FakeServer, RecordedRequest, Reply

_TO_WGS84 = Transformer.from_crs("EPSG:3006", "EPSG:4326", always_xy=True)


@dataclass
class FakeLayer:
    """One layer: features as (properties, shapely geometry in EPSG:3006)."""

    name: str
    features: list[tuple[dict[str, Any], Any]] = field(default_factory=list)


class FakeWfs(FakeServer):
    """The fake WFS, served under ``/geoserver/stat/wfs``."""

    def __init__(self, max_features: int | None = None) -> None:
        """Create an empty fake; ``max_features`` caps a page as GeoServer's settings do."""
        super().__init__("/geoserver/stat/wfs")
        self.layers: dict[str, FakeLayer] = {}
        self.max_features = max_features

    def add_layer(self, layer: FakeLayer) -> FakeLayer:
        """Add (or replace) a layer."""
        self.layers[layer.name] = layer
        return layer

    def route(self, request: RecordedRequest) -> Reply:
        """Answer GetFeature; anything else is GeoServer's exception report."""
        params = {k.lower(): v[0] for k, v in request.query.items()}
        if params.get("request", "").lower() != "getfeature":
            return Reply.text("<ows:ExceptionReport>unsupported request</ows:ExceptionReport>", 400)
        name = params.get("typenames") or params.get("typename") or ""
        layer = self.layers.get(name)
        if layer is None:
            return Reply.text(
                f'<ows:ExceptionReport><ows:Exception exceptionCode="InvalidParameterValue">'
                f"Feature type {name} unknown</ows:Exception></ows:ExceptionReport>",
                400,
            )
        start = int(params.get("startindex", "0"))
        count = int(params.get("count", str(len(layer.features))))
        if self.max_features is not None:
            count = min(count, self.max_features)
        page = layer.features[start : start + count]
        wgs84 = "4326" in params.get("srsname", "")
        if params.get("outputformat", "").lower() in GEOPACKAGE_FORMATS:
            return _geopackage_reply(name, page, wgs84)
        features = []
        for index, (props, geometry) in enumerate(page, start=start):
            geom = (
                shapely.transform(geometry, _TO_WGS84.transform, interleaved=False)
                if wgs84
                else geometry
            )
            features.append(
                {"type": "Feature", "id": f"{name.split(':')[-1]}.{index + 1}",
                 "geometry": mapping(geom), "geometry_name": "geom", "properties": props}
            )  # fmt: skip
        crs = "urn:ogc:def:crs:EPSG::4326" if wgs84 else "urn:ogc:def:crs:EPSG::3006"
        return Reply.json(
            {
                "type": "FeatureCollection",
                "features": features,
                "totalFeatures": len(layer.features),
                "numberMatched": len(layer.features),
                "numberReturned": len(features),
                "timeStamp": "2026-03-01T07:00:00.000Z",
                "crs": {"type": "name", "properties": {"name": crs}},
            }
        )


GEOPACKAGE_FORMATS = ("geopackage", "geopkg", "gpkg", "application/geopackage+sqlite3")
"""The outputFormat names GeoServer's GeoPackage output answers to."""


def _geopackage_reply(name: str, page: list[tuple[dict[str, Any], Any]], wgs84: bool) -> Reply:
    from testkit.geopackage import write_geopackage

    with tempfile.TemporaryDirectory() as folder:
        table = name.split(":")[-1]
        features = [
            (props, shapely.transform(g, _TO_WGS84.transform, interleaved=False) if wgs84 else g)
            for props, g in page
        ]
        path = write_geopackage(Path(folder) / f"{table}.gpkg", table, 4326 if wgs84 else 3006,
                                features)  # fmt: skip
        return Reply(
            status=200, body=path.read_bytes(), content_type="application/geopackage+sqlite3"
        )


def grid_layer(name: str, areas: dict[str, dict[str, Any]], level: str) -> FakeLayer:
    """A layer of square areas tiling each municipality's block in SWEREF 99 TM.

    ``areas`` maps a base code to its extra properties (``regsokod``, ``regsonamn``). Each
    municipality gets its own block of 1 km squares near Stockholm, side by side, so that
    neighbouring areas share edges exactly as a real coverage does.
    """
    layer = FakeLayer(name)
    blocks: dict[str, int] = {}
    for code, extra in areas.items():
        kommun = code[:4]
        column = blocks.setdefault(kommun, 0)
        blocks[kommun] += 1
        row = sorted({c[:4] for c in areas}).index(kommun)
        x, y = 670_000 + column * 1000, 6_580_000 + row * 3000
        # A wiggly edge with many vertices, which simplification can thin out.
        square = box(x, y, x + 1000, y + 1000).segmentize(50)
        props = {"kommunkod": kommun, "lanskod": code[:2], **extra}
        props["desokod" if level == "deso" else "regsokod"] = code
        layer.features.append((props, square))
    return layer
