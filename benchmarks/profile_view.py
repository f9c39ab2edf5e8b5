"""Where one view's time goes: cProfile of page-routing calls with every cache off.

Profiles ``--calls`` answers of one address (after one cold call) on an already loaded
database, e.g. the copy ``benchmarks.view_ratio --save-sqlite`` keeps, and prints the
functions with the most own time and the most cumulative time.

    python -m benchmarks.profile_view --database-url sqlite:///national-10.db \
        --path /indikator/N00001 --search '?tab=table' [--calls 10] [--top 40]

A ``{kommun}`` in the path takes a different municipality each call (a profile's first
view); ``--cache memory`` keeps the read cache on, as for the first visitor of a place on a
running server. Without ``--path`` it profiles the table view of the indicator
``benchmarks.view_ratio`` measures. ``--out FILE`` also writes the raw profile for
``snakeviz`` or ``pstats``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import logging
import pstats
import sys
from pathlib import Path

from benchmarks.dashboard_callbacks import scenarios
from benchmarks.etl_load import machine
from benchmarks.view_ratio import _view_ms
from levande.dashboard.app import create_app
from levande.indicators.core.settings import Settings
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads.cache import Reader
from levande.indicators.store.database import make_engine


def main() -> None:
    """Profile the calls and print the two tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--path", help="the address's path (default: the table view)")
    parser.add_argument("--search", default="?tab=table", help="the address's query")
    parser.add_argument("--calls", type=int, default=10)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--out", help="also write the raw profile here")
    parser.add_argument("--cache", choices=["off", "memory"], default="off")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    engine = make_engine(args.database_url, readonly_ok=True)
    settings = Settings(
        database_url=args.database_url,
        config_dir=Path("config"),
        cache=args.cache,
        page_cache_shared=False,
    )
    client = create_app(settings, engine).server.test_client()
    client.get("/")
    template = args.path or scenarios(engine)[0][1]
    kommuner = [r.code for r in dims.regions(Reader(engine), "kommun")]
    paths = [
        template.replace("{kommun}", kommuner[i % len(kommuner)]) for i in range(args.calls + 1)
    ]
    _view_ms(client, paths[0], args.search)  # cold call: imports, first compiles
    profiler = cProfile.Profile()
    profiler.enable()
    timings = [_view_ms(client, path, args.search)[0] for path in paths[1:]]
    profiler.disable()
    path = template
    print(f"command: python -m benchmarks.profile_view {' '.join(sys.argv[1:])}")
    print(f"machine: {machine()}")
    print(f"{path}{args.search}: {[round(ms, 1) for ms in timings]} ms under the profiler")
    for order in ("tottime", "cumulative"):
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats(order).print_stats(args.top)
        print(text.getvalue())
    if args.out:
        profiler.dump_stats(args.out)
    engine.dispose()


if __name__ == "__main__":
    main()
