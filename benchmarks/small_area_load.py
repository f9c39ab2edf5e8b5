"""Small-area benchmark: the full DeSO/RegSO load, a no-change refresh, and the area page.

National shape: 290 municipalities with about 6,000 DeSO and 3,000 RegSO per vintage (the first
municipality is the largest, 550 DeSO like Stockholm), every small-area indicator of the shipped
catalogue for ``--years`` years ending 2025 (so both vintages when two or more), served by the
fake SCB in real formats over loopback, and their boundaries by the fake WFS. Then the page
``/kommun/<code>/omraden`` of the largest and of a small municipality is answered by the app
(read and page caches off), and the boundary file each page fetches is measured.

    python -m benchmarks.small_area_load [--years 2] [--calls 5] [--municipalities 290]

Prints the command, the machine, rows, wall and CPU seconds, rows/s and peak memory (of this
process, which also runs the fake servers) for the load, the no-change refresh and the
boundaries job; and per page the median server time, the answer's bytes and the boundary
file's bytes raw and gzipped (what flask-compress sends).
"""

from __future__ import annotations

import argparse
import gzip
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from benchmarks.etl_load import _cpu, _peak_mb, machine
from levande.dashboard.app import create_app
from levande.etl.area_boundaries import run_area_boundaries
from levande.etl.pipeline import run_refresh
from levande.etl.sources.clients import Sources
from levande.indicators.core.catalogue import load_catalogue
from levande.indicators.core.settings import Settings
from levande.indicators.store.database import make_engine, upgrade_schema
from levande.indicators.store.schema import AreaObservation
from levande.indicators.store.sync import sync_catalogue
from testkit.dash_routes import route, route_body
from testkit.fakes.kolada import FakeKolada
from testkit.fakes.scb import FakeScb
from testkit.fakes.wfs import FakeWfs, grid_layer
from testkit.national import seed_regions
from testkit.national_small_areas import national_areas, seed_national_small_areas

CONFIG = Path(__file__).resolve().parents[1] / "config"


def _layers(wfs: FakeWfs, kommuner: list[str]) -> None:
    areas = national_areas(kommuner)
    for key, layer in (("deso2018", "stat:DeSO_2018"), ("deso2025", "stat:DeSO_2025")):
        deso = {c.split("_")[0]: {"regsokod": f"{c[:4]}R{(int(c[5:8]) + 1) // 2:03d}"}
                for c in areas[key]}  # fmt: skip
        wfs.add_layer(grid_layer(layer, deso, "deso"))
    for key, layer in (("regso2020", "stat:RegSO_2020"), ("regso2025", "stat:RegSO_2025")):
        regso = {c.split("_")[0]: {"regsonamn": f"Område {c[5:8]}"} for c in areas[key]}
        wfs.add_layer(grid_layer(layer, regso, "regso"))


def _timed(action: Any) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), _cpu()
    result = action()
    return result, time.perf_counter() - wall, _cpu() - cpu


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.small_area_load")
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--calls", type=int, default=5)
    parser.add_argument("--municipalities", type=int, default=290)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    print("command: python -m benchmarks.small_area_load " + " ".join(sys.argv[1:]))
    print(f"machine: {machine()}")
    catalogue = load_catalogue(CONFIG)
    ids = [i.id for i in catalogue.small_areas.indicators]
    ids += [i.id for i in catalogue.indicators if i.computed is not None]
    years = list(range(2026 - args.years, 2026))
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        engine = make_engine(url)
        upgrade_schema(engine)
        sync_catalogue(engine, catalogue)
        with FakeScb() as scb, FakeKolada() as kolada, FakeWfs() as wfs:
            kommuner = list(seed_regions(kolada))[: args.municipalities]
            cells = seed_national_small_areas(catalogue, scb, kommuner, years)
            _layers(wfs, kommuner)
            settings = Settings(
                database_url=url, scb_api_url=scb.url, kolada_api_url=kolada.url,
                geo_small_areas_url=wfs.url, kolada_calls_per_second=1000, first_year=years[0],
                cache="off", config_dir=CONFIG,
            )  # fmt: skip
            print(f"size: {len(kommuner)} municipalities, {args.years} years, {cells} cells")
            summary, wall, cpu = _timed(
                lambda: run_refresh(engine, catalogue, settings, indicator_ids=ids, full=True)
            )
            with Session(engine) as session:
                rows = session.scalar(select(func.count()).select_from(AreaObservation)) or 0
            failed = [s.target for s in summary.failures]
            print(
                f"full load: {rows} area rows, {wall:.1f} s wall, {cpu:.1f} s CPU, "
                f"{rows / wall:,.0f} rows/s, peak {_peak_mb():.0f} MB, failed {failed}"
            )
            _, wall, cpu = _timed(
                lambda: run_refresh(engine, catalogue, settings, indicator_ids=ids)
            )
            print(f"no-change refresh: {wall:.2f} s wall, {cpu:.2f} s CPU")
            with Sources(settings).clients() as clients:
                result, wall, cpu = _timed(
                    lambda: run_area_boundaries(
                        engine, catalogue.small_areas, settings.geo_small_areas_url, clients
                    )
                )
            polygons = sum(result.changes.values())
            print(
                f"boundaries: {polygons} polygons, {wall:.1f} s wall, {cpu:.1f} s CPU, "
                f"peak {_peak_mb():.0f} MB"
            )
        app = create_app(settings, engine)
        client = app.server.test_client()
        for name, code in (("largest", kommuner[0]), ("small", kommuner[-1])):
            for level in ("regso", "deso"):
                path, search = f"/kommun/{code}/omraden", f"?niva={level}"
                route(client, path, search)  # first call: imports and warms
                times, size = [], 0
                for _ in range(args.calls):
                    start = time.perf_counter()
                    response = client.post("/_dash-update-component", json=route_body(path, search))
                    times.append(time.perf_counter() - start)
                    size = len(response.data)
                vintage = "2025" if years[-1] >= 2025 else "2018" if level == "deso" else "2020"
                geo = client.get(f"/geo/omraden/{level}/{vintage}/{code}.json?v=1").data
                median = statistics.median(times) * 1000
                packed = len(gzip.compress(response.data)) / 1024
                geo_packed = len(gzip.compress(geo)) / 1024
                print(
                    f"page {name} ({code}) {level}: median {median:.0f} ms, answer "
                    f"{size / 1024:.0f} kB (gzip {packed:.0f} kB), boundaries "
                    f"{len(geo) / 1024:.0f} kB (gzip {geo_packed:.0f} kB)"
                )
        engine.dispose()


if __name__ == "__main__":
    main()
