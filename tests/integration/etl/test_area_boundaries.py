"""DeSO/RegSO boundaries from a fake of SCB's WFS over a real socket, stored per municipality."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import shape
from shapely.ops import unary_union
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from levande.etl.pipeline import RunSummary, run_refresh
from levande.indicators.core.catalogue import Catalogue, load_catalogue
from levande.indicators.core.settings import Settings
from levande.indicators.reads.cache import Reader
from levande.indicators.reads.small_areas import area_boundary, areas
from levande.indicators.store.schema import AreaBoundary
from levande.indicators.store.sync import sync_catalogue
from testkit.fakes.kolada import FakeKolada
from testkit.fakes.wfs import FakeWfs, grid_layer
from testkit.geopackage import write_geopackage, zip_geopackage
from testkit.small_area_world import (
    DESO_2018,
    DESO_2025,
    REGSO_2020,
    REGSO_2025,
    write_small_area_catalogue,
)
from testkit.world import seed_kolada, write_boundaries

pytestmark = pytest.mark.integration


def seed_wfs(wfs: FakeWfs) -> None:
    """The four layers, with the attributes SCB's layers carry."""
    for name, deso in (("stat:DeSO_2018", DESO_2018), ("stat:DeSO_2025", DESO_2025)):
        wfs.add_layer(grid_layer(name, {c: {"regsokod": r} for c, r in deso.items()}, "deso"))
    for name, regso in (("stat:RegSO_2020", REGSO_2020), ("stat:RegSO_2025", REGSO_2025)):
        wfs.add_layer(grid_layer(name, {c: {"regsonamn": n} for c, n in regso.items()}, "regso"))


def _run(engine: Engine, catalogue: Catalogue, settings: Settings) -> RunSummary:
    return run_refresh(engine, catalogue, settings, sources=["regions", "boundaries"])


def _settings(kolada: FakeKolada, geo: Path, small_url: str, config: Path) -> Settings:
    kommun_url, lan_url = write_boundaries(geo)
    return Settings(
        kolada_api_url=kolada.url, geo_municipalities_url=kommun_url, geo_counties_url=lan_url,
        geo_small_areas_url=small_url, http_max_retries=1, http_timeout=5,
        kolada_calls_per_second=500, config_dir=config,
    )  # fmt: skip


@pytest.fixture
def catalogue(engine: Engine, sample_config: Path) -> Catalogue:
    found = load_catalogue(write_small_area_catalogue(sample_config))
    sync_catalogue(engine, found)
    return found


def _collection(engine: Engine, municipality: str, level: str, vintage: str) -> dict[str, Any]:
    stored = area_boundary(Reader(engine), municipality, level, vintage)
    assert stored is not None
    doc: dict[str, Any] = json.loads(stored.geojson)
    return doc


@pytest.fixture
def wfs() -> Iterator[FakeWfs]:
    with FakeWfs(max_features=4) as server:
        seed_wfs(server)
        yield server


def test_boundaries_per_municipality_and_vintage(
    engine: Engine, catalogue: Catalogue, wfs: FakeWfs, tmp_path: Path, sample_config: Path
) -> None:
    with FakeKolada() as kolada:
        seed_kolada(kolada)
        settings = _settings(kolada, tmp_path / "geo", wfs.url, sample_config)
        summary = _run(engine, catalogue, settings)
        assert summary.outcome == "success", [(s.target, s.error) for s in summary.failures]
        # Pages of at most four features: the layers came in several requests each.
        assert len(wfs.requests) > 4
        old = _collection(engine, "0180", "deso", "2018")
        new = _collection(engine, "0180", "deso", "2025")
        assert [f["id"] for f in old["features"]] == [f"0180C10{i}0" for i in range(1, 7)]
        assert [f["id"] for f in new["features"]][-2:] == ["0180C1061_DeSO2025",
                                                            "0180C1062_DeSO2025"]  # fmt: skip
        assert new["features"][0]["properties"] == {
            "code": "0180C1010_DeSO2025", "base": "0180C1010", "regso": "0180R001_RegSO2025",
        }  # fmt: skip
        regso = _collection(engine, "0180", "regso", "2020")
        assert regso["features"][1]["properties"]["name"] == "Rinkeby"
        # EPSG:4326 near Stockholm, rounded to five decimals.
        lon, lat = old["features"][0]["geometry"]["coordinates"][0][0]
        assert 17 < lon < 19 and 59 < lat < 60 and round(lon, 5) == lon
        # Simplified, with shared edges kept: the squares still tile the block exactly.
        polygons = [shape(f["geometry"]) for f in old["features"]]
        assert all(len(f["geometry"]["coordinates"][0]) <= 6 for f in old["features"])
        union = unary_union(polygons)
        assert union.geom_type == "Polygon"  # no gaps between neighbours
        assert union.area == pytest.approx(sum(p.area for p in polygons), rel=1e-6)  # no overlaps
        # The register learned names and each DeSO's RegSO.
        info = {a.code: a for a in areas(Reader(engine), "0180")}
        assert info["0180R002"].name == "Rinkeby"
        assert info["0180C1030"].regso_code == "0180R002"
        assert info["0180C1061_DeSO2025"].regso_code == "0180R003_RegSO2025"
        with Session(engine) as session:
            versions = dict(session.execute(
                select(AreaBoundary.municipality_code, AreaBoundary.version).where(
                    AreaBoundary.level == "deso", AreaBoundary.vintage == "2025")
            ).all())  # fmt: skip
        assert set(versions) == {"0114", "0180", "0380"}
        # A second run with the same polygons rewrites nothing and keeps the versions.
        again = _run(engine, catalogue, settings)
        step = next(s for s in again.steps if s.target == "area-boundaries")
        assert (step.updated, step.unchanged) == (0, 12)  # 3 municipalities x 4 layers
        assert area_boundary(Reader(engine), "0180", "deso", "2025").version == versions["0180"]  # type: ignore[union-attr]


def test_sweref_files_give_the_same_boundaries(
    engine: Engine, catalogue: Catalogue, wfs: FakeWfs, tmp_path: Path, sample_config: Path
) -> None:
    folder = tmp_path / "layers"
    folder.mkdir()
    for name in wfs.layers:
        # The layers' native SWEREF 99 TM, as a GeoPackage export or WFS without srsName gives.
        body = wfs_get(wfs, name, srs="EPSG:3006")
        assert body["crs"]["properties"]["name"].endswith("3006")
        (folder / f"{name.replace(':', '_')}.geojson").write_text(json.dumps(body))
    with FakeKolada() as kolada:
        seed_kolada(kolada)
        settings = _settings(kolada, tmp_path / "geo", folder.as_uri(), sample_config)
        assert _run(engine, catalogue, settings).outcome == "success"
    from_files = _collection(engine, "0114", "regso", "2025")
    assert [f["id"] for f in from_files["features"]] == ["0114R001_RegSO2025",
                                                         "0114R002_RegSO2025"]  # fmt: skip
    lon, lat = from_files["features"][0]["geometry"]["coordinates"][0][0]
    assert 17 < lon < 19 and 59 < lat < 60


def test_geopackage_files_give_the_same_boundaries(
    engine: Engine, catalogue: Catalogue, tmp_path: Path, sample_config: Path
) -> None:
    geojson, gpkg = tmp_path / "geojson", tmp_path / "gpkg"
    geojson.mkdir()
    gpkg.mkdir()
    with FakeWfs() as wfs:  # unpaged: each file holds the whole layer
        seed_wfs(wfs)
        bodies = {name: wfs_get(wfs, name, srs="EPSG:3006") for name in wfs.layers}
    for name, body in bodies.items():
        (geojson / f"{name.replace(':', '_')}.geojson").write_text(json.dumps(body))
        features = [(f["properties"], shape(f["geometry"])) for f in body["features"]]
        plain = name.split(":")[-1]
        if plain == "DeSO_2025":
            # As SCB's download: a zip named after the layer holding its GeoPackage.
            inner = write_geopackage(tmp_path / f"{plain}.gpkg", plain, 3006, features)
            zip_geopackage(inner, gpkg / f"{plain}.zip")
        else:
            write_geopackage(gpkg / f"{name.replace(':', '_')}.gpkg", plain, 3006, features)
    with FakeKolada() as kolada:
        seed_kolada(kolada)
        settings = _settings(kolada, tmp_path / "geo", geojson.as_uri(), sample_config)
        from_gpkg = settings.model_copy(update={"geo_small_areas_url": gpkg.as_uri()})
        before = _same_boundaries(engine, catalogue, settings, from_gpkg)
    assert "0180C1061_DeSO2025" in {f["id"] for f in before["features"]}


def _same_boundaries(
    engine: Engine, catalogue: Catalogue, first: Settings, second: Settings
) -> dict[str, Any]:
    """Load with ``first``, then ``second``: the same areas, simplified alike, rewrite nothing."""
    assert _run(engine, catalogue, first).outcome == "success"
    before = _collection(engine, "0180", "deso", "2025")
    summary = _run(engine, catalogue, second)
    step = next(s for s in summary.steps if s.target == "area-boundaries")
    assert (step.outcome, step.updated, step.unchanged) == ("success", 0, 12)
    assert _collection(engine, "0180", "deso", "2025") == before
    return before


def test_wfs_geopackage_gives_the_same_boundaries(
    engine: Engine, catalogue: Catalogue, wfs: FakeWfs, tmp_path: Path, sample_config: Path
) -> None:
    with FakeKolada() as kolada:
        seed_kolada(kolada)
        settings = _settings(kolada, tmp_path / "geo", wfs.url, sample_config)
        as_gpkg = settings.model_copy(update={"geo_small_areas_format": "geopackage"})
        _same_boundaries(engine, catalogue, settings, as_gpkg)
    asked = [dict(r.query) for r in wfs.requests if r.param("outputFormat") != "application/json"]
    assert {q["outputFormat"][0] for q in asked} == {"geopackage"}
    assert not any("srsName" in q for q in asked)  # the layers' own SWEREF 99 TM
    # The server caps a page at four features; pages are asked for until one is empty.
    deso_2025 = [int(q["startIndex"][0]) for q in asked if q["typeNames"] == ["stat:DeSO_2025"]]
    assert deso_2025 == list(range(0, len(DESO_2025) + 4, 4))


def wfs_get(wfs: FakeWfs, layer: str, srs: str) -> dict[str, Any]:
    import requests

    response = requests.get(
        wfs.url, params={"service": "WFS", "version": "2.0.0", "request": "GetFeature",
                         "typeNames": layer, "outputFormat": "application/json", "srsName": srs,
                         "count": "100"}, timeout=5,
    )  # fmt: skip
    doc: dict[str, Any] = response.json()
    return doc


def test_an_unreachable_wfs_keeps_the_previous_boundaries(
    engine: Engine, catalogue: Catalogue, wfs: FakeWfs, tmp_path: Path, sample_config: Path
) -> None:
    with FakeKolada() as kolada:
        seed_kolada(kolada)
        settings = _settings(kolada, tmp_path / "geo", wfs.url, sample_config)
        assert _run(engine, catalogue, settings).outcome == "success"
        before = _collection(engine, "0180", "regso", "2020")
        down = settings.model_copy(update={"geo_small_areas_url": "http://127.0.0.1:9/wfs"})
        summary = _run(engine, catalogue, down)
        step = next(s for s in summary.steps if s.target == "area-boundaries")
        assert step.outcome == "failed"
        assert _collection(engine, "0180", "regso", "2020") == before


def test_a_missing_layer_file_is_a_clear_failure(
    engine: Engine, catalogue: Catalogue, tmp_path: Path, sample_config: Path
) -> None:
    with FakeKolada() as kolada:
        seed_kolada(kolada)
        folder = (tmp_path / "empty").as_uri()
        summary = _run(
            engine, catalogue, _settings(kolada, tmp_path / "geo", folder, sample_config)
        )
    step = next(s for s in summary.steps if s.target == "area-boundaries")
    assert step.outcome == "failed" and step.failure is not None
    assert "stat_DeSO_2018.geojson cannot be read" in step.failure.message
