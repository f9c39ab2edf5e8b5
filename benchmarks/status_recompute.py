"""Status recompute at national size, and how it grows with the number of years.

For each number of years, loads the whole catalogue for riket, 21 counties and 290
municipalities through the ETL from the national fakes, then times a full recompute of every
series' status and every value's rank (the step that runs after each load).

    python -m benchmarks.status_recompute [--years 5 10 20] [--db sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import sys
import time
from pathlib import Path

from benchmarks.dashboard_callbacks import national_database
from benchmarks.etl_load import POSTGRES_URL, machine
from levande.indicators.core.catalogue import load_catalogue
from levande.indicators.store.statuses import recompute_statuses


def main() -> None:
    """Load at each size, recompute, print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, nargs="+", default=[5, 10, 20])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    print(f"command: python -m benchmarks.status_recompute {' '.join(sys.argv[1:])}".rstrip())
    print(f"machine: {machine()}")
    catalogue = load_catalogue(Path("config"))
    for years in args.years:
        url = schema = None
        if args.db == "postgresql":
            from testkit.databases import postgres_schema_url

            url, schema = postgres_schema_url(POSTGRES_URL)
        try:
            with national_database(years, url) as (engine, _settings, _label):
                usage = resource.getrusage(resource.RUSAGE_SELF)
                cpu0 = usage.ru_utime + usage.ru_stime
                started = time.perf_counter()
                report = recompute_statuses(engine, catalogue)
                wall = time.perf_counter() - started
                usage = resource.getrusage(resource.RUSAGE_SELF)
                print(json.dumps({
                    "db": args.db, "years": years, "series": report.series,
                    "ranked_values": report.ranks, "wall_s": round(wall, 2),
                    "cpu_s": round(usage.ru_utime + usage.ru_stime - cpu0, 2),
                    "values_per_s": round(report.ranks / wall),
                }))  # fmt: skip
        finally:
            if schema is not None:
                from testkit.databases import drop_postgres_schema

                drop_postgres_schema(POSTGRES_URL, schema)


if __name__ == "__main__":
    main()
