"""One user in headless Chromium: time to first render, and bytes per map interaction.

Loads the national-size data (SQLite, through the ETL from the national fakes), serves the
dashboard on loopback and opens the indicator page's map in Debian's Chromium (Playwright).
Time to first render is from navigation start until the page has rendered its address with
the map drawn. Then the user changes the year a number of times; for each change the bytes of
the page-routing answer are counted (the boundaries come once, from /geo/kommun.json, and are
cached): uncompressed, and on the wire (the app compresses with gzip; headers included).

    python -m benchmarks.browser_render [--years 20] [--interactions 10]
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import statistics
import sys
import threading
import time
from typing import Any

from flask import request
from werkzeug.serving import make_server

from benchmarks.dashboard_callbacks import national_database
from benchmarks.etl_load import machine
from levande.dashboard.app import create_app
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads.cache import Reader

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
RENDERED = (
    "() => document.documentElement.dataset.rendered === location.pathname + location.search"
    " && [...document.querySelectorAll('.dash-graph')].every(g => g.querySelector('.main-svg'))"
)


def measure(
    base: str, indicator: str, years: list[str], interactions: int, served: dict[str, int]
) -> dict[str, Any]:
    """First render times and per-interaction bytes in Chromium.

    ``served`` counts the boundary files the server sent (kept up to date by the server).
    """
    from playwright.sync_api import sync_playwright

    first_renders: list[float] = []
    sizes: list[tuple[int, int]] = []
    wire: list[int] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for _ in range(3):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            started = time.perf_counter()
            page.goto(f"{base}/indikator/{indicator}?tab=map&year={years[-1]}")
            page.wait_for_function(RENDERED, timeout=60_000)
            first_renders.append((time.perf_counter() - started) * 1000)
            context.close()
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{base}/indikator/{indicator}?tab=map&year={years[-1]}")
        page.wait_for_function(RENDERED, timeout=60_000)
        page.wait_for_load_state("networkidle")  # the boundaries of the first render are in

        responses: list[Any] = []

        def on_response(response: Any) -> None:
            # Kept, not read: reading a response inside the event handler races the next
            # navigation on a busy machine; they are read below while the page is still open.
            if "/_dash-update-component" in response.url:
                responses.append(response)

        page.on("response", on_response)
        boundaries_before = served["boundaries"]
        for i in range(interactions):
            year = years[-2 - (i % (len(years) - 1))]
            page.select_option("select[name=year]", year)
            page.wait_for_function(RENDERED + f" && location.search.includes('year={year}')",
                                   timeout=60_000)  # fmt: skip
        boundaries_during = served["boundaries"] - boundaries_before
        page.wait_for_load_state("networkidle")
        for response in responses:
            body = response.body()
            sizes.append((len(body), len(gzip.compress(body))))
            transfer = response.request.sizes()
            wire.append(transfer["responseBodySize"] + transfer["responseHeadersSize"])
        browser.close()
    plain = [s for s, _ in sizes]
    zipped = [z for _, z in sizes]
    return {
        "first_render_ms": {"runs": [round(x) for x in first_renders],
                            "median": round(statistics.median(first_renders))},
        "map_interactions": len(sizes),
        "bytes_per_interaction": {"median": int(statistics.median(plain)), "max": max(plain)},
        "wire_bytes_per_interaction": {"median": int(statistics.median(wire)), "max": max(wire)},
        "gzip_bytes_per_interaction": {"median": int(statistics.median(zipped)),
                                       "max": max(zipped)},
        "boundary_fetches_during_interactions": boundaries_during,
    }  # fmt: skip


def main() -> None:
    """Load, serve, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--interactions", type=int, default=10)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    print(f"command: python -m benchmarks.browser_render {' '.join(sys.argv[1:])}".rstrip())
    print(f"machine: {machine()}")
    with national_database(args.years) as (engine, settings, label):
        print(f"database: {label}, SQLite")
        app = create_app(settings, engine)
        served = {"boundaries": 0}

        def count_boundaries() -> None:
            if request.path in ("/geo/kommun.json", "/geo/lan.json"):
                served["boundaries"] += 1

        app.server.before_request(count_boundaries)
        server = make_server("127.0.0.1", 0, app.server, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            indicator = next(
                i.id
                for i in dims.indicators(Reader(engine))
                if dims.periods(Reader(engine), i.id, "kommun")
            )
            years = list(dims.periods(Reader(engine), indicator, "kommun"))
            base = f"http://127.0.0.1:{server.server_port}"
            figures = measure(base, indicator, years, args.interactions, served)
            print(json.dumps({"indicator": indicator, **figures}, indent=1))
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
