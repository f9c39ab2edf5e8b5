"""The small-area ETL's pure parts: names from table labels, codes by vintage, WFS pages."""

from __future__ import annotations

from typing import Any

import pytest

from levande.etl.area_boundaries import municipality_collections, parse_layer
from levande.etl.boundaries import BoundaryError
from levande.etl.small_areas import area_name, areas_by_vintage
from levande.etl.sources.scb import ScbVariable
from levande.indicators.core.small_areas import AreaLevel, parse_area_code


@pytest.mark.parametrize(
    ("code", "label", "name"),
    [
        ("0180R002", "0180R002 Rinkeby", "Rinkeby"),
        ("0180R002_RegSO2025", "0180R002_RegSO2025 - Rinkeby", "Rinkeby"),
        ("0180R002", "Rinkeby", "Rinkeby"),
        ("0180R002", "0180R002", None),  # a bare code is no name
        ("0180C1010", "0180C1010 Norrmalm", None),  # DeSO have no names
        ("0180R002", None, None),
    ],
)
def test_area_names_from_table_labels(code: str, label: str | None, name: str | None) -> None:
    area = parse_area_code(code)
    assert area is not None
    assert area_name(area, label) == name


def test_codes_grouped_by_level_and_vintage_in_table_order() -> None:
    region = ScbVariable(
        "Region", "region",
        ("00", "0180", "0180C1010", "0180R001", "0180C1010_DeSO2025", "0180R001_RegSO2025",
         "0180C1010_RegSO2025"),
        {}, False, None, False, False, (), {},
    )  # fmt: skip
    grouped = areas_by_vintage(region, [AreaLevel.DESO, AreaLevel.REGSO])
    assert {key: [a.code for a in areas] for key, areas in grouped.items()} == {
        (AreaLevel.DESO, "2018"): ["0180C1010"],
        (AreaLevel.REGSO, "2020"): ["0180R001"],
        (AreaLevel.DESO, "2025"): ["0180C1010_DeSO2025"],
        (AreaLevel.REGSO, "2025"): ["0180R001_RegSO2025"],
    }
    only_regso = areas_by_vintage(region, [AreaLevel.REGSO])
    assert set(only_regso) == {(AreaLevel.REGSO, "2020"), (AreaLevel.REGSO, "2025")}


def _feature(props: dict[str, Any], coords: Any = None) -> dict[str, Any]:
    ring = coords or [[18.0, 59.3], [18.01, 59.3], [18.01, 59.31], [18.0, 59.31], [18.0, 59.3]]
    return {"type": "Feature", "properties": props,
            "geometry": {"type": "Polygon", "coordinates": [ring]}}  # fmt: skip


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"type": "Feature"}, "not a GeoJSON FeatureCollection"),
        ([], "not a GeoJSON FeatureCollection"),
        ({"type": "FeatureCollection", "features": [_feature({"kommunkod": "0180"})]},
         "feature 0 has no deso code in desokod"),
        ({"type": "FeatureCollection", "features": [_feature({"desokod": "0180X1010"})]},
         "feature 0 has no deso code"),
        ({"type": "FeatureCollection",
          "features": [{"type": "Feature", "properties": {"desokod": "0180C1010"},
                        "geometry": {"type": "Polygon", "coordinates": "x"}}]},
         "0180C1010 has an invalid geometry"),
    ],
)  # fmt: skip
def test_unusable_layers_are_refused_with_the_reason(doc: Any, message: str) -> None:
    with pytest.raises(BoundaryError, match=message):
        parse_layer(doc, AreaLevel.DESO, "layer")


def test_wgs84_and_sweref_pages_give_the_same_areas() -> None:
    wgs = {"type": "FeatureCollection",
           "features": [_feature({"desokod": "0180C1010", "regsokod": "0180R001",
                                  "kommunkod": "0180"})]}  # fmt: skip
    areas = parse_layer(wgs, AreaLevel.DESO, "layer")
    x, y = areas[0].geometry.exterior.coords[0]
    assert 600_000 < x < 700_000 and 6_500_000 < y < 6_600_000  # SWEREF 99 TM metres
    ring = [list(c) for c in areas[0].geometry.exterior.coords]
    sweref = {"type": "FeatureCollection",
              "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}},
              "features": [_feature({"desokod": "0180C1010"}, ring)]}  # fmt: skip
    again = parse_layer(sweref, AreaLevel.DESO, "layer")
    assert again[0].geometry.equals_exact(areas[0].geometry, 1e-6)
    collection = municipality_collections(areas, AreaLevel.DESO, "2025", "2025")["0180"]
    feature = collection["features"][0]
    assert feature["id"] == "0180C1010_DeSO2025"
    assert feature["properties"] == {"code": "0180C1010_DeSO2025", "base": "0180C1010",
                                     "regso": "0180R001_RegSO2025"}  # fmt: skip
    assert feature["geometry"]["coordinates"][0][0] == pytest.approx([18.0, 59.3], abs=1e-5)
