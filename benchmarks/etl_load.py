"""ETL benchmark: a full load and a no-change refresh at national size, SQLite and PostgreSQL.

Loads the whole catalogue for riket, 21 counties and 290 municipalities over 20 years from
national-size fake SCB and Kolada servers (own process, real formats, loopback), through the
production load path, then refreshes with nothing changed and recomputes statuses.

    python -m benchmarks.etl_load [--db sqlite|postgresql|both] [--years 20]

Prints the command, the machine and per database: rows, wall and CPU seconds of this process,
rows/s, requests per source, CPU seconds per 1,000 requests, peak memory, and the ratio of our
CPU time to the time the sources' published rate limits impose on the same requests
(SCB: maxCallsPerTimeWindow per timeWindow from /config, 30 per 10 s; Kolada: 5 per second).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from levande.etl.pipeline import run_refresh
from levande.etl.sources.clients import Sources
from levande.indicators.core.catalogue import load_catalogue
from levande.indicators.core.settings import Settings
from levande.indicators.store.database import make_engine, upgrade_schema
from levande.indicators.store.schema import EtlRunItem, Observation
from levande.indicators.store.statuses import recompute_statuses
from levande.indicators.store.sync import sync_catalogue

SCB_SECONDS_PER_CALL = 10 / 30
KOLADA_SECONDS_PER_CALL = 1 / 5
POSTGRES_URL = os.environ.get(
    "LEVANDE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def machine() -> str:
    """One line describing this machine."""
    return (
        f"{platform.node()} {platform.machine()} {os.cpu_count()} cores, "
        f"{platform.python_implementation()} {platform.python_version()}, {platform.system()}"
    )


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _database(kind: str, folder: Path) -> tuple[str, Any]:
    if kind == "sqlite":
        return f"sqlite:///{folder / 'bench.db'}", None
    from testkit.databases import drop_postgres_schema, postgres_schema_url

    url, schema = postgres_schema_url(POSTGRES_URL)
    return url, lambda: drop_postgres_schema(POSTGRES_URL, schema)


def _requests(engine: Any, run_id: int) -> dict[str, int]:
    with Session(engine) as session:
        rows = session.execute(
            select(EtlRunItem.target, EtlRunItem.requests, EtlRunItem.kind).where(
                EtlRunItem.run_id == run_id
            )
        ).all()
    return {target: requests for target, requests, _ in rows}


def measure(kind: str, sources: dict[str, Any], config_dir: Path) -> dict[str, Any]:
    """Full load, no-change refresh and status recompute on one database."""
    catalogue = load_catalogue(config_dir)
    with tempfile.TemporaryDirectory() as tmp:
        url, cleanup = _database(kind, Path(tmp))
        engine = make_engine(url)
        try:
            upgrade_schema(engine)
            sync_catalogue(engine, catalogue)
            settings = Settings(
                scb_api_url=sources["scb"], kolada_api_url=sources["kolada"],
                kolada_calls_per_second=10_000, first_year=sources["first_year"],
                config_dir=config_dir,
            )  # fmt: skip
            clients = Sources(settings).clients()
            # Benchmarks measure our processing: lift SCB's limiter once /config is read.
            clients.scb.config()
            clients.scb.http.limiter.reconfigure(100_000, 1.0)  # type: ignore[union-attr]
            results: dict[str, Any] = {"db": kind}
            for label, full in (("full", True), ("no_change", False)):
                cpu0, wall0 = _cpu(), time.perf_counter()
                summary = run_refresh(
                    engine, catalogue, settings, sources=["regions", "scb", "kolada"],
                    full=full, clients=clients,
                )  # fmt: skip
                cpu, wall = _cpu() - cpu0, time.perf_counter() - wall0
                by_target = _requests(engine, summary.run_id)
                # Small-area indicators read SCB tables too, under SCB's limit.
                scb_ids = {i.id for i in catalogue.indicators if i.source == "scb"} | {
                    i.id for i in catalogue.small_areas.indicators if i.source == "scb"
                }
                scb_req = sum(v for k, v in by_target.items() if k in scb_ids)
                kolada_req = sum(v for k, v in by_target.items() if k not in scb_ids)
                rows = sum(s.inserted + s.updated + s.unchanged for s in summary.steps)
                limit_seconds = (
                    scb_req * SCB_SECONDS_PER_CALL + kolada_req * KOLADA_SECONDS_PER_CALL
                )
                results[label] = {
                    "outcome": summary.outcome,
                    "failed": [s.target for s in summary.failures],
                    "rows": rows,
                    "inserted": sum(s.inserted for s in summary.steps),
                    "wall_s": round(wall, 2),
                    "cpu_s": round(cpu, 2),
                    "rows_per_s": round(rows / wall) if wall else None,
                    "requests_scb": scb_req,
                    "requests_kolada": kolada_req,
                    "cpu_s_per_1000_requests": round(1000 * cpu / max(1, scb_req + kolada_req), 2),
                    "rate_limit_s": round(limit_seconds, 1),
                    "cpu_share_of_rate_limit_time": f"{100 * cpu / limit_seconds:.1f} %"
                    if limit_seconds
                    else None,
                }
            cpu0, wall0 = _cpu(), time.perf_counter()
            report = recompute_statuses(engine, catalogue)
            results["status_recompute"] = {
                "series": report.series,
                "ranks": report.ranks,
                "wall_s": round(time.perf_counter() - wall0, 2),
                "cpu_s": round(_cpu() - cpu0, 2),
            }
            with Session(engine) as session:
                results["observations"] = session.scalar(
                    select(func.count()).select_from(Observation)
                )
            results["peak_memory_mb"] = round(_peak_mb())
            return results
        finally:
            engine.dispose()
            if cleanup:
                cleanup()


def main() -> None:
    """Start the fake sources, measure each database, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--config-dir", type=Path, default=Path("config"))
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    print(f"command: python -m benchmarks.etl_load {' '.join(sys.argv[1:])}".rstrip())
    print(f"machine: {machine()}")
    fakes = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.fake_sources", "--config-dir", str(args.config_dir),
         "--years", str(args.years)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert fakes.stdout is not None
        sources = json.loads(fakes.stdout.readline())
        counts = {k: v for k, v in sources.items() if k not in ("scb", "kolada")}
        print(f"sources: {json.dumps(counts)}")
        kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
        for kind in kinds:
            print(json.dumps(measure(kind, sources, args.config_dir), indent=1))
    finally:
        if fakes.stdin:
            fakes.stdin.close()
        fakes.wait(timeout=30)


if __name__ == "__main__":
    main()
