"""Where the CPU of a full load, a no-change refresh and a status recompute goes, national size.

Loads the whole catalogue from the national fakes (own process, as in
``benchmarks.etl_load``) into a fresh database under cProfile, then profiles a refresh with
nothing changed and one full status recompute, and prints the functions with the most own
and cumulative time for each. The figures guide optimisation; the timings to quote come from
``benchmarks.etl_load`` and ``benchmarks.status_recompute``, which run without the profiler's
overhead.

The profiler counts this process's CPU time (``time.process_time``), not wall time: the fake
sources run in another process on the same cores, and waiting for their answers is not ours to
reduce. ``--timer wall`` counts wall time instead.

    python -m benchmarks.profile_etl [--db sqlite|postgresql] [--years 20] [--top 25]
        [--save DIR] [--timer cpu|wall]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import logging
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.etl_load import POSTGRES_URL, machine
from levande.etl.pipeline import run_refresh
from levande.etl.sources.clients import Sources
from levande.indicators.core.catalogue import load_catalogue
from levande.indicators.core.settings import Settings
from levande.indicators.store.database import make_engine, upgrade_schema
from levande.indicators.store.statuses import recompute_statuses
from levande.indicators.store.sync import sync_catalogue


def _report(profile: cProfile.Profile, title: str, top: int, save: Path | None) -> None:
    """Print the heaviest functions by own time and by cumulative time."""
    if save is not None:
        profile.dump_stats(str(save / f"{title}.prof"))
    for order in ("tottime", "cumulative"):
        buffer = io.StringIO()
        pstats.Stats(profile, stream=buffer).strip_dirs().sort_stats(order).print_stats(top)
        print(f"=== {title}, by {order} ===")
        print(buffer.getvalue().split("\n\n", 1)[-1])


def main() -> None:
    """Start the fakes, profile a full load, a no-change refresh and a recompute; print them."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--save", type=Path, default=None, help="also write .prof files here")
    parser.add_argument("--timer", choices=["cpu", "wall"], default="cpu")
    args = parser.parse_args()
    timer = time.process_time if args.timer == "cpu" else time.perf_counter
    logging.basicConfig(level=logging.WARNING)
    print(f"command: python -m benchmarks.profile_etl {' '.join(sys.argv[1:])}".rstrip())
    print(f"machine: {machine()}")
    config_dir = Path("config")
    catalogue = load_catalogue(config_dir)
    fakes = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.fake_sources", "--config-dir", str(config_dir),
         "--years", str(args.years)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    cleanup: Any = None
    try:
        assert fakes.stdout is not None
        sources = json.loads(fakes.stdout.readline())
        with tempfile.TemporaryDirectory() as tmp:
            if args.db == "sqlite":
                url = f"sqlite:///{Path(tmp) / 'profile.db'}"
            else:
                from testkit.databases import drop_postgres_schema, postgres_schema_url

                url, schema = postgres_schema_url(POSTGRES_URL)
                cleanup = lambda: drop_postgres_schema(POSTGRES_URL, schema)  # noqa: E731
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
                clients.scb.config()
                clients.scb.http.limiter.reconfigure(100_000, 1.0)  # type: ignore[union-attr]
                load = cProfile.Profile(timer)
                load.enable()
                run_refresh(
                    engine, catalogue, settings, sources=["regions", "scb", "kolada"],
                    full=True, clients=clients,
                )  # fmt: skip
                load.disable()
                _report(load, f"full_load_{args.db}", args.top, args.save)
                refresh = cProfile.Profile(timer)
                refresh.enable()
                run_refresh(
                    engine, catalogue, settings, sources=["regions", "scb", "kolada"],
                    full=False, clients=clients,
                )  # fmt: skip
                refresh.disable()
                _report(refresh, f"no_change_refresh_{args.db}", args.top, args.save)
                recompute = cProfile.Profile(timer)
                recompute.enable()
                recompute_statuses(engine, catalogue)
                recompute.disable()
                _report(recompute, f"status_recompute_{args.db}", args.top, args.save)
            finally:
                engine.dispose()
    finally:
        if cleanup is not None:
            cleanup()
        if fakes.stdin:
            fakes.stdin.close()
        fakes.wait(timeout=30)


if __name__ == "__main__":
    main()
