"""Server time for rendering a full municipality profile, median and p95.

A profile view is one call of Dash's page-routing callback (``POST /_dash-update-component``)
for ``/kommun/<code>``: the server reads the profile (or takes it from the data-versioned
cache), builds every section and encodes the JSON. The calls go in process through the app's
WSGI interface (Flask's test client: no network, no browser), so the figures are the server's
own time, JSON encoding included.

Per peer group, two cases:

* ``first view``: a different municipality each call, so the profile is read from the
  database every time (the other cached reads, such as the catalogue, are warm), as for the
  first visitor of a place after a load;
* ``rebuild``: the same profile under a new address (an ignored extra parameter): the
  profile's reads come from the cache, the page is built and encoded again;
* ``repeat view``: the same address again, answered from the rendered-page cache
  (:mod:`dashboard.response_cache`).

The database is ``national`` by default (the whole catalogue, riket, 21 counties and 290
municipalities over ``--years`` years, loaded by the real ETL from the national-size fakes of
:mod:`benchmarks.fake_sources`, statuses and ranks computed) or the test suite's small Sweden.

    python -m benchmarks.profile_render [--db national|test] [--repeat 30] [--years 20]
    python -m benchmarks.profile_render --database-url sqlite:///copy-of-a-national-load.db
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from benchmarks.dashboard_callbacks import national_database, percentile
from benchmarks.dashboard_callbacks import test_database as small_database
from benchmarks.etl_load import machine
from levande.dashboard.app import create_app
from levande.dashboard.context import context_of
from levande.indicators.core.settings import Settings
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads.cache import Reader
from levande.indicators.store.database import make_engine
from testkit.dash_routes import route_body

log = logging.getLogger(__name__)


def peer_cases(engine: Engine) -> list[tuple[str, str]]:
    """(case, query string) for the peer groups a user picks."""
    reader = Reader(engine)
    kommuner = [r.code for r in dims.regions(reader, "kommun")]
    every = next((g.id for g in dims.peer_groups(reader) if g.kind == "all"), None)
    cases = [("SKR group (default)", ""), ("county", "?peer=lan")]
    if every is not None:
        cases.append(("all municipalities", f"?peer={every}"))
    cases.append(("custom, 20 peers", "?peer=custom&peers=" + ",".join(kommuner[:20])))
    cases.append(("print view", "?print=1"))
    return cases


def _call(client: Any, path: str, search: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.post("/_dash-update-component", json=route_body(path, search))
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{path}{search}: HTTP {response.status_code}")
    if b"friendly-error" in response.data:
        raise RuntimeError(f"{path}{search}: the page reports an error")
    return elapsed, len(response.data)


def measure(engine: Engine, settings: Settings, repeat: int) -> dict[str, Any]:
    """Time first and repeat views of profiles for every peer case."""
    reader = Reader(engine)
    app = create_app(settings, engine)
    client = app.server.test_client()
    client.get("/")  # registers the router
    kommuner = [r.code for r in dims.regions(reader, "kommun")]
    context_of(app.server).reader.cache.clear()
    _call(client, f"/kommun/{kommuner[0]}", "")  # warms the catalogue reads
    results: dict[str, Any] = {
        "indicators": len(dims.indicators(reader)),
        "municipalities": len(kommuner),
        "cases": {},
    }
    first_all: list[float] = []
    rebuild_all: list[float] = []
    repeat_all: list[float] = []
    for n, (case, search) in enumerate(peer_cases(engine)):
        firsts: list[float] = []
        size = 0
        for i in range(repeat):
            code = kommuner[(1 + n * repeat + i) % len(kommuner)]
            elapsed, size = _call(client, f"/kommun/{code}", search)
            firsts.append(elapsed)
        path = f"/kommun/{kommuner[len(kommuner) // 2]}"
        _call(client, path, search)
        # An extra parameter the page ignores makes each address new to the page cache
        # while the profile's reads stay cached: the time to build and encode the page.
        joiner = "&" if search else "?"
        rebuilds = [_call(client, path, f"{search}{joiner}bench={i}")[0] for i in range(repeat)]
        repeats = [_call(client, path, search)[0] for _ in range(repeat)]
        rebuild_all += rebuilds
        first_all += firsts
        repeat_all += repeats
        results["cases"][case] = {
            "query": search,
            "first_view_median_ms": round(statistics.median(firsts), 1),
            "first_view_p95_ms": round(percentile(firsts, 0.95), 1),
            "rebuild_median_ms": round(statistics.median(rebuilds), 1),
            "rebuild_p95_ms": round(percentile(rebuilds, 0.95), 1),
            "repeat_view_median_ms": round(statistics.median(repeats), 1),
            "repeat_view_p95_ms": round(percentile(repeats, 0.95), 1),
            "response_bytes": size,
        }
    results["all"] = {
        "calls": len(first_all) + len(rebuild_all) + len(repeat_all),
        "first_view_median_ms": round(statistics.median(first_all), 1),
        "first_view_p95_ms": round(percentile(first_all, 0.95), 1),
        "rebuild_median_ms": round(statistics.median(rebuild_all), 1),
        "rebuild_p95_ms": round(percentile(rebuild_all, 0.95), 1),
        "repeat_view_median_ms": round(statistics.median(repeat_all), 1),
        "repeat_view_p95_ms": round(percentile(repeat_all, 0.95), 1),
    }
    return results


def main() -> None:
    """Load the database, time the profiles, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=["national", "test"], default="national")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument(
        "--database-url",
        help="time an already loaded database (e.g. a copy of a national load) instead",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    print(f"command: python -m benchmarks.profile_render {' '.join(sys.argv[1:])}".rstrip())
    print(f"machine: {machine()}")
    if args.database_url:
        engine = make_engine(args.database_url, readonly_ok=True)
        settings = Settings(database_url=args.database_url, config_dir=Path("config"))
        print(f"database: {engine.url.render_as_string(hide_password=True)}")
        print(json.dumps(measure(engine, settings, args.repeat), indent=1))
        engine.dispose()
        return
    loader = national_database(args.years) if args.db == "national" else small_database()
    with loader as (engine, settings, label):
        print(f"database: {label}, SQLite")
        print(json.dumps(measure(engine, settings, args.repeat), indent=1))


if __name__ == "__main__":
    main()
