"""Throughput of the open API's observation endpoint (``/api/v1/observations``).

The requests go in process through the app's WSGI interface (Flask's test client: no network),
one after another, so the figures are one worker's own time per request, JSON encoding
included. The scenarios are what a script does:

* ``series``: one indicator for one municipality (a small answer, the common question);
* ``indicator_all``: one indicator for every region, paged through at 5,000 rows a page;
* ``level_year``: every indicator's municipal values for the latest year, paged through;
* ``everything``: the whole table paged through at 5,000 rows a page;
* ``deep_page``: the last page of the whole table (the offset's cost);
* ``not_modified``: a conditional request answered 304 (the validator, no query).

Two databases: ``test`` (the small Sweden of the tests) or ``national`` (the whole catalogue
for riket, 21 counties and 290 municipalities over ``--years`` years, loaded by the real ETL
from the national fakes); SQLite by default, or a fresh PostgreSQL schema.

    python -m benchmarks.api_observations [--db test|national] [--years 20]
        [--backend sqlite|postgresql] [--repeat 20]

Prints the command, the machine, and per scenario: requests, rows, median and p95 in
milliseconds, requests per second and rows per second. With ``--bulk`` it also writes the bulk
files of the same database (what every refresh that changed data does) and prints the time
and the files' sizes.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import Engine, func, select

from benchmarks.dashboard_callbacks import national_database, percentile, test_database
from benchmarks.etl_load import machine
from levande.dashboard.app import create_app
from levande.indicators.core.settings import Settings
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads.bulk import write_bulk
from levande.indicators.reads.cache import Reader
from levande.indicators.store.schema import Observation

PAGE = 5000
HEADERS = {"Accept-Encoding": "identity"}


def _get(client: FlaskClient, url: str, headers: dict[str, str] | None = None) -> Any:
    response = client.get(url, headers={**HEADERS, **(headers or {})})
    if response.status_code not in (200, 304):
        raise RuntimeError(f"{url}: HTTP {response.status_code} {response.get_data()[:200]!r}")
    return response


def _paged(client: FlaskClient, url: str) -> tuple[int, int]:
    """(requests, rows) to page through an answer."""
    requests = rows = 0
    next_url: str | None = url
    while next_url is not None:
        doc = _get(client, next_url).get_json()
        requests += 1
        rows += len(doc["data"])
        next_url = doc["next"]
    return requests, rows


def scenarios(engine: Engine) -> dict[str, str]:
    """The addresses of each scenario, from what the database holds."""
    reader = Reader(engine)
    indicator = next(i for i in dims.indicators(reader) if dims.periods(reader, i.id, "kommun"))
    kommuner = [r.code for r in dims.regions(reader, "kommun")]
    latest = dims.periods(reader, indicator.id, "kommun")[-1]
    with engine.connect() as conn:
        total = int(conn.execute(select(func.count()).select_from(Observation)).scalar() or 0)
    last_page = max(1, -(-total // PAGE))
    base = "/api/v1/observations"
    return {
        "series": f"{base}?indicator={indicator.id}&region={kommuner[len(kommuner) // 2]}",
        "indicator_all": f"{base}?indicator={indicator.id}&page_size={PAGE}",
        "level_year": f"{base}?level=kommun&from={latest}&to={latest}&page_size={PAGE}",
        "everything": f"{base}?page_size={PAGE}",
        "deep_page": f"{base}?page_size={PAGE}&page={last_page}",
        "not_modified": f"{base}?indicator={indicator.id}&region={kommuner[0]}",
    }


def measure(engine: Engine, settings: Settings, repeat: int) -> dict[str, Any]:
    """Time each scenario ``repeat`` times (paged ones fewer: they are many requests each)."""
    client = create_app(settings, engine).server.test_client()
    urls = scenarios(engine)
    results: dict[str, Any] = {}
    for name, url in urls.items():
        headers: dict[str, str] = {}
        if name == "not_modified":
            headers = {"If-None-Match": _get(client, url).headers["ETag"]}
        paged = name in ("indicator_all", "level_year", "everything")
        rounds = max(1, repeat // 10) if paged else repeat
        timings: list[float] = []
        requests = rows = 0
        _get(client, url, headers)  # warm: counts cached, statements prepared
        for _ in range(rounds):
            started = time.perf_counter()
            if paged:
                n, r = _paged(client, url)
            else:
                doc = _get(client, url, headers)
                n, r = 1, len(doc.get_json()["data"]) if doc.status_code == 200 else 0
            timings.append((time.perf_counter() - started) * 1000)
            requests += n
            rows += r
        seconds = sum(timings) / 1000
        results[name] = {
            "url": url,
            "rounds": rounds,
            "requests": requests,
            "rows": rows,
            "median_ms_per_round": round(statistics.median(timings), 2),
            "p95_ms_per_round": round(percentile(timings, 0.95), 2),
            "requests_per_s": round(requests / seconds, 1) if seconds else None,
            "rows_per_s": round(rows / seconds) if seconds else None,
        }
    return results


def measure_bulk(engine: Engine) -> dict[str, Any]:
    """Write the bulk files once into a temporary folder: seconds, rows and sizes."""
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        manifest = write_bulk(engine, Path(tmp), datetime.now(UTC))
        seconds = time.perf_counter() - started
    return {
        "bulk_seconds": round(seconds, 1),
        "rows": sum(manifest.rows.values()),
        "files_mb": {f.name: round(f.size / 1e6, 1) for f in manifest.files},
    }


@contextmanager
def database(kind: str, years: int, backend: str) -> Iterator[tuple[Engine, Settings, str]]:
    """The test or national database on the chosen backend."""
    if kind == "test":
        with test_database() as loaded:
            yield loaded
        return
    if backend == "sqlite":
        with national_database(years) as loaded:
            yield loaded
        return
    from testkit.databases import drop_postgres_schema, postgres_schema_url

    base = os.environ.get(
        "LEVANDE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    )
    url, schema = postgres_schema_url(base)
    try:
        with national_database(years, url) as loaded:
            yield loaded
    finally:
        drop_postgres_schema(base, schema)


def main() -> None:
    """Load the database, time the scenarios, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=["test", "national"], default="national")
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--bulk", action="store_true", help="also time the bulk files")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    print(f"command: python -m benchmarks.api_observations {' '.join(sys.argv[1:])}".rstrip())
    print(f"machine: {machine()}")
    with database(args.db, args.years, args.backend) as (engine, settings, label):
        with engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(Observation)).scalar()
        backend = "SQLite" if engine.dialect.name == "sqlite" else "PostgreSQL"
        print(f"database: {label}, {backend}, {total} observations")
        print(json.dumps(measure(engine, settings, args.repeat), indent=1))
        if args.bulk:
            print(json.dumps(measure_bulk(engine), indent=1))


if __name__ == "__main__":
    main()
