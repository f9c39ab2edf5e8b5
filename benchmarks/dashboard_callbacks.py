"""Server time per callback of the indicator page, median and p95.

Every view of the indicator page is one call of Dash's page-routing callback
(``POST /_dash-update-component``): choosing a county, a year or a view pushes a new URL and
the server renders the page for it. This benchmark sends those calls in process through the
app's WSGI interface (Flask's test client: no network, no browser), so the figures are the
server's own time per callback, JSON encoding included.

Two databases:

* ``test`` (default): the small Sweden of the test suite (riket, 2 counties, 3
  municipalities, 4 indicators) loaded by the real ETL from the fake sources;
* ``national``: the whole catalogue for riket, 21 counties and 290 municipalities over
  ``--years`` years, loaded by the real ETL from the national-size fakes of
  ``benchmarks.fake_sources``, with synthetic square boundaries.

    python -m benchmarks.dashboard_callbacks [--db test|national] [--repeat 30]

Prints the command, the machine, and per view and overall: calls, median and p95 in
milliseconds, plus the first (cold) call of each view.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from benchmarks.etl_load import machine
from levande.dashboard.app import create_app
from levande.dashboard.context import context_of
from levande.indicators.core.catalogue import load_catalogue
from levande.indicators.core.settings import Settings
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads.cache import Reader
from levande.indicators.store.database import make_engine, upgrade_schema
from testkit.dash_routes import route_body


def scenarios(engine: Engine) -> list[tuple[str, str, str]]:
    """(view, path, query) for an indicator page: the interactions a user makes."""
    reader = Reader(engine)
    chosen = next(
        (i for i in dims.indicators(reader) if i.gender and dims.periods(reader, i.id, "kommun")),
        None,
    ) or next(i for i in dims.indicators(reader) if dims.periods(reader, i.id, "kommun"))
    path = f"/indikator/{chosen.id}"
    kommuner = [r.code for r in dims.regions(reader, "kommun")]
    lan = [r.code for r in dims.regions(reader, "lan")]
    groups = [g.id for g in dims.peer_groups(reader)]
    years = list(dims.periods(reader, chosen.id, "kommun"))
    kommun, county, peer = kommuner[len(kommuner) // 2], lan[0], groups[0]
    out = [
        ("chart", path, ""),
        ("chart+regions+peer", path, f"?lan={county}&kommun={kommun}&peer={peer}"),
        (
            "chart+gender",
            path,
            f"?kommun={kommun}&gender=1" if chosen.gender else f"?kommun={kommun}",
        ),
        ("map", path, "?tab=map"),
        ("map+year", path, f"?tab=map&year={years[0]}"),
        ("map+lan", path, "?tab=map&level=lan"),
        ("table", path, "?tab=table"),
        ("table+sort", path, f"?tab=table&year={years[len(years) // 2]}&sort=-value"),
        ("about", path, f"?tab=about&kommun={kommun}"),
        ("download", path, "?tab=download"),
    ]
    return out


def percentile(values: list[float], share: float) -> float:
    """The ``share`` percentile (nearest rank) of some values."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def measure(engine: Engine, settings: Settings, repeat: int) -> dict[str, Any]:
    """Time every scenario ``repeat`` times after one cold call each."""
    app = create_app(settings, engine)
    client = app.server.test_client()
    client.get("/")  # registers the router
    cases = scenarios(engine)
    context_of(app.server).reader.cache.clear()
    results: dict[str, Any] = {"views": {}}
    every: list[float] = []
    for view, path, search in cases:
        timings: list[float] = []
        cold = None
        for i in range(repeat + 1):
            started = time.perf_counter()
            response = client.post("/_dash-update-component", json=route_body(path, search))
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise RuntimeError(f"{view}: HTTP {response.status_code}")
            if i == 0:
                cold = elapsed
            else:
                timings.append(elapsed)
        every += timings
        results["views"][view] = {
            "url": path + search,
            "cold_ms": round(cold or 0.0, 1),
            "median_ms": round(statistics.median(timings), 1),
            "p95_ms": round(percentile(timings, 0.95), 1),
            "bytes": len(response.data),
        }
    results["all"] = {
        "calls": len(every),
        "median_ms": round(statistics.median(every), 1),
        "p95_ms": round(percentile(every, 0.95), 1),
    }
    return results


@contextmanager
def test_database() -> Iterator[tuple[Engine, Settings, str]]:
    """The test suite's small Sweden, loaded by the real ETL from the fakes."""
    from testkit.sample_catalogue import write_sample_catalogue
    from testkit.seeded import loaded_world

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'levande.db'}"
        engine = make_engine(url)
        upgrade_schema(engine)
        config = write_sample_catalogue(folder / "config")
        with loaded_world(engine, config, folder):
            pass
        try:
            yield engine, Settings(database_url=url, config_dir=config), "test (testkit/world.py)"
        finally:
            engine.dispose()


def _square_boundaries(engine: Engine, folder: Path) -> tuple[str, str]:
    """Synthetic square boundaries for every municipality and county, as file URLs."""
    reader = Reader(engine)

    def collection(codes: list[str], field: str, row: int) -> dict[str, Any]:
        features = []
        for i, code in enumerate(codes):
            x, y = (i % 30) * 1.0, row + (i // 30) * 1.0
            ring = [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]
            features.append(
                {"type": "Feature", "properties": {field: code},
                 "geometry": {"type": "Polygon", "coordinates": [ring]}}
            )  # fmt: skip
        return {"type": "FeatureCollection", "features": features}

    kommun = folder / "kommuner.geojson"
    lan = folder / "lan.geojson"
    kommun.write_text(json.dumps(collection([r.code for r in dims.regions(reader, "kommun")],
                                            "kommun_kod", 0)), encoding="utf-8")  # fmt: skip
    lan.write_text(json.dumps(collection([r.code for r in dims.regions(reader, "lan")],
                                         "lan_kod", 20)), encoding="utf-8")  # fmt: skip
    return kommun.as_uri(), lan.as_uri()


@contextmanager
def national_database(years: int, url: str | None = None) -> Iterator[tuple[Engine, Settings, str]]:
    """The whole catalogue at national size, loaded by the real ETL from the national fakes.

    Args:
        years: years of data.
        url: the database to fill (e.g. a PostgreSQL schema); default a temporary SQLite file.
    """
    from levande.etl.pipeline import run_refresh
    from levande.etl.sources.clients import Sources
    from levande.indicators.store.statuses import recompute_statuses
    from levande.indicators.store.sync import sync_catalogue

    config_dir = Path("config")
    catalogue = load_catalogue(config_dir)
    fakes = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.fake_sources", "--config-dir", str(config_dir),
         "--years", str(years)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert fakes.stdout is not None
        sources = json.loads(fakes.stdout.readline())
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            url = url or f"sqlite:///{folder / 'levande.db'}"
            engine = make_engine(url)
            upgrade_schema(engine)
            sync_catalogue(engine, catalogue)
            settings = Settings(
                database_url=url, scb_api_url=sources["scb"], kolada_api_url=sources["kolada"],
                kolada_calls_per_second=10_000, first_year=sources["first_year"],
                config_dir=config_dir,
            )  # fmt: skip
            clients = Sources(settings).clients()
            clients.scb.config()
            clients.scb.http.limiter.reconfigure(100_000, 1.0)  # type: ignore[union-attr]
            run_refresh(engine, catalogue, settings, sources=["regions", "scb", "kolada"],
                        full=True, clients=clients)  # fmt: skip
            kommun_url, lan_url = _square_boundaries(engine, folder)
            geo = settings.model_copy(
                update={
                    "geo_municipalities_url": kommun_url,
                    "geo_counties_url": lan_url,
                    # The callbacks measured are national; no small-area boundaries are loaded.
                    "geo_small_areas_url": (folder / "no-small-areas").as_uri(),
                }
            )
            run_refresh(engine, catalogue, geo, sources=["boundaries"], clients=clients)
            recompute_statuses(engine, catalogue)
            try:
                yield engine, settings, f"national (config/, 290 kommuner, {years} years)"
            finally:
                engine.dispose()
    finally:
        if fakes.stdin:
            fakes.stdin.close()
        fakes.wait(timeout=30)


def main() -> None:
    """Load the database, time the callbacks, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=["test", "national"], default="test")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--years", type=int, default=20)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    print(f"command: python -m benchmarks.dashboard_callbacks {' '.join(sys.argv[1:])}".rstrip())
    print(f"machine: {machine()}")
    loader = test_database() if args.db == "test" else national_database(args.years)
    with loader as (engine, settings, label):
        print(f"database: {label}, SQLite")
        print(json.dumps(measure(engine, settings, args.repeat), indent=1))


if __name__ == "__main__":
    main()
