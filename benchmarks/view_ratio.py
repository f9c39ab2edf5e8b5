"""An indicator view against the bare read of its data: the ratio, with every cache off.

A page should cost about what reading its data costs. This benchmark measures, in one run and
interleaved call by call, each view of the indicator page (one call of Dash's page-routing
callback, ``POST /_dash-update-component``, through Flask's test client: no network, JSON
encoding included) and the bare SQL read of the indicator's data: **every stored observation
of the indicator, all columns, in one query through the same engine**::

    SELECT observation.* FROM observation WHERE observation.indicator_id = :indicator_id

fetched to the last row (``Connection.execute(...).all()``). The read cache and the page cache
are off (``cache="off"``), so each view reads everything it shows from the database.

It prints, per view and over all views, the median and p95 of the view and of the bare reads
taken beside it, and the ratio view / bare read for both. It also times a municipality's
profile on its first view (a different municipality each call), whose goal is a median of
60 ms or less: once with every cache off, and once with the read cache on in memory, as
``benchmarks.profile_render`` measures a first view (the reads every profile shares, such as
the catalogue and the peer groups, are warm; the profile's own reads are not).

    python -m benchmarks.view_ratio --db national --years 10 [--backend sqlite|postgresql]
        [--repeat 20] [--profiles 30]
    python -m benchmarks.view_ratio --database-url sqlite:///national-10.db
    python -m benchmarks.view_ratio --db national --years 10 --save-sqlite national-10.db

``--save-sqlite`` keeps a copy of the loaded SQLite database, so that runs before and after a
change can alternate on the same data with ``--database-url`` (the load itself takes longer
than the measurements).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import Engine, Select, select

from benchmarks.api_observations import database
from benchmarks.dashboard_callbacks import percentile, scenarios
from benchmarks.etl_load import machine
from levande.dashboard.app import create_app
from levande.indicators.core.settings import Settings
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads.cache import Reader
from levande.indicators.store.database import make_engine
from levande.indicators.store.schema import Observation
from testkit.dash_routes import route_body

log = logging.getLogger(__name__)


def bare_read(indicator_id: str) -> Select[Any]:
    """Every stored observation of one indicator, all columns: the view's data at its cheapest."""
    return select(Observation.__table__).where(Observation.indicator_id == indicator_id)


def _view_ms(client: FlaskClient, path: str, search: str) -> tuple[float, int]:
    """One page-routing call: (milliseconds, bytes of the answer)."""
    started = time.perf_counter()
    response = client.post("/_dash-update-component", json=route_body(path, search))
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200 or b"friendly-error" in response.data:
        raise RuntimeError(f"{path}{search}: HTTP {response.status_code} or an error page")
    return elapsed, len(response.data)


def _read_ms(engine: Engine, query: Select[Any]) -> tuple[float, int]:
    """The bare read: (milliseconds, rows)."""
    started = time.perf_counter()
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return (time.perf_counter() - started) * 1000, len(rows)


def _summary(views: list[float], reads: list[float]) -> dict[str, Any]:
    """Median and p95 of the views and of their bare reads, and the ratios."""
    view_median, read_median = statistics.median(views), statistics.median(reads)
    view_p95, read_p95 = percentile(views, 0.95), percentile(reads, 0.95)
    return {
        "calls": len(views),
        "view_median_ms": round(view_median, 1),
        "read_median_ms": round(read_median, 1),
        "ratio_median": round(view_median / read_median, 2),
        "view_p95_ms": round(view_p95, 1),
        "read_p95_ms": round(read_p95, 1),
        "ratio_p95": round(view_p95 / read_p95, 2),
    }


def measure_views(engine: Engine, settings: Settings, repeat: int) -> dict[str, Any]:
    """Each view ``repeat`` times, a bare read of the indicator before every call."""
    client = create_app(settings, engine).server.test_client()
    client.get("/")  # registers the router
    cases = scenarios(engine)
    indicator_id = cases[0][1].rsplit("/", 1)[-1]
    query = bare_read(indicator_id)
    rows = 0
    for _view, path, search in cases:  # one cold call each (imports, first compiles)
        _view_ms(client, path, search)
        rows = _read_ms(engine, query)[1]
    timings: dict[str, tuple[list[float], list[float]]] = {v: ([], []) for v, _, _ in cases}
    sizes: dict[str, int] = {}
    for _ in range(repeat):
        for view, path, search in cases:
            views, reads = timings[view]
            reads.append(_read_ms(engine, query)[0])
            elapsed, sizes[view] = _view_ms(client, path, search)
            views.append(elapsed)
    every_view = [ms for views, _ in timings.values() for ms in views]
    every_read = [ms for _, reads in timings.values() for ms in reads]
    return {
        "indicator": indicator_id,
        "bare_read_rows": rows,
        "views": {
            view: {"url": path + search, "bytes": sizes[view], **_summary(*timings[view])}
            for view, path, search in cases
        },
        "all": _summary(every_view, every_read),
    }


def measure_profiles(engine: Engine, settings: Settings, calls: int) -> dict[str, Any]:
    """A municipality's profile on its first view: a different municipality each call."""
    client = create_app(settings, engine).server.test_client()
    client.get("/")
    kommuner = [r.code for r in dims.regions(Reader(engine), "kommun")]
    _view_ms(client, f"/kommun/{kommuner[0]}", "")  # imports, first compiles
    timings = [_view_ms(client, f"/kommun/{kommuner[1 + i % (len(kommuner) - 1)]}", "")[0]
               for i in range(calls)]  # fmt: skip
    return {
        "calls": calls,
        "first_view_median_ms": round(statistics.median(timings), 1),
        "first_view_p95_ms": round(percentile(timings, 0.95), 1),
    }


@contextmanager
def _loaded(args: argparse.Namespace) -> Iterator[tuple[Engine, Settings, str]]:
    """The database to time: an existing one (``--database-url``) or a fresh load."""
    if args.database_url:
        engine = make_engine(args.database_url, readonly_ok=True)
        settings = Settings(database_url=args.database_url, config_dir=Path("config"))
        try:
            yield engine, settings, engine.url.render_as_string(hide_password=True)
        finally:
            engine.dispose()
        return
    with database(args.db, args.years, args.backend) as loaded:
        engine = loaded[0]
        if args.save_sqlite and engine.dialect.name == "sqlite" and engine.url.database:
            engine.dispose()
            shutil.copyfile(engine.url.database, args.save_sqlite)
            log.warning("database saved as %s", args.save_sqlite)
        yield loaded


def main() -> None:
    """Load (or open) the database, time views, reads and profiles, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=["test", "national"], default="national")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=20, help="calls per view")
    parser.add_argument("--profiles", type=int, default=30, help="profile first views")
    parser.add_argument("--database-url", help="time an already loaded database instead")
    parser.add_argument("--save-sqlite", help="keep a copy of the loaded SQLite database")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    print(f"command: python -m benchmarks.view_ratio {' '.join(sys.argv[1:])}".rstrip())
    print(f"machine: {machine()}")
    with _loaded(args) as (engine, settings, label):
        off = settings.model_copy(update={"cache": "off"})
        warm = settings.model_copy(update={"cache": "memory", "page_cache_shared": False})
        print(f"database: {label}, {engine.dialect.name}, caches off")
        print(f"load average before: {os.getloadavg()}")
        results = {
            "views": measure_views(engine, off, args.repeat),
            "profile_caches_off": measure_profiles(engine, off, args.profiles),
            "profile_read_cache_on": measure_profiles(engine, warm, args.profiles),
        }
        print(json.dumps(results, indent=1))
        print(f"load average after: {os.getloadavg()}")
        for view, row in [*results["views"]["views"].items(), ("ALL", results["views"]["all"])]:
            print(
                f"{view:20} view {row['view_median_ms']:7.1f} / {row['view_p95_ms']:7.1f} ms"
                f"  read {row['read_median_ms']:6.1f} / {row['read_p95_ms']:6.1f} ms"
                f"  ratio {row['ratio_median']:5.2f} / {row['ratio_p95']:5.2f}"
            )


if __name__ == "__main__":
    main()
