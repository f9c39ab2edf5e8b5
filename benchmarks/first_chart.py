"""Time to the first drawn chart of a visit, on a cold browser cache, in headless Chromium.

Serves the test suite's small Sweden (the size of the data does not matter here: the page's
scripts do) and opens an indicator's chart in a fresh browser context each run, so nothing is
cached. The time is from navigation start until the chart's SVG is drawn; the JavaScript
bytes the page fetched are counted from the responses, and the Plotly bundle's size is named.
Each run is repeated unthrottled (loopback) and with the network emulated at ``--mbps``
(Chrome DevTools' network emulation, 40 ms latency), as a reader on an ordinary connection.

    python -m benchmarks.first_chart [--runs 5] [--mbps 20]
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import threading
import time
from typing import Any

from werkzeug.serving import make_server

from benchmarks.dashboard_callbacks import test_database
from benchmarks.etl_load import machine
from levande.dashboard.app import create_app

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
DRAWN = "() => !!document.querySelector('#chart .main-svg .scatterlayer .trace')"
PAGE = "/indikator/trangboddhet?kommun=0180&lan=01"


def one_visit(browser: Any, base: str, mbps: float | None) -> tuple[float, int, dict[str, int]]:
    """One cold visit: milliseconds to the drawn chart, JavaScript bytes, the bundles' sizes."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    scripts: dict[str, int] = {}

    def on_response(response: Any) -> None:
        path = response.url.split("?")[0]
        if path.endswith(".js") and response.status == 200:
            scripts[path.rsplit("/", 1)[-1]] = len(response.body())

    page.on("response", on_response)
    if mbps is not None:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        rate = mbps * 1_000_000 / 8
        cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 40,
                 "downloadThroughput": rate, "uploadThroughput": rate})  # fmt: skip
    started = time.perf_counter()
    page.goto(base + PAGE)
    page.wait_for_function(DRAWN, timeout=120_000)
    elapsed = (time.perf_counter() - started) * 1000
    context.close()
    plotly = {name: size for name, size in scripts.items() if "plotly" in name}
    return elapsed, sum(scripts.values()), plotly


def measure(base: str, runs: int, mbps: float) -> dict[str, Any]:
    """Cold first charts, unthrottled and at ``mbps``."""
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        one_visit(browser, base, None)  # the server's first answers, not the browser's cache
        for label, rate in (("loopback", None), (f"{mbps:g} Mbit/s", mbps)):
            times: list[float] = []
            total, plotly = 0, dict[str, int]()
            for _ in range(runs):
                ms, total, plotly = one_visit(browser, base, rate)
                times.append(ms)
            out[label] = {
                "first_chart_ms": {"runs": [round(t) for t in times],
                                   "median": round(statistics.median(times))},
                "javascript_bytes": total,
                "plotly_bundle_bytes": plotly,
            }  # fmt: skip
        browser.close()
    return out


def main() -> None:
    """Load the small Sweden, serve it, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mbps", type=float, default=20.0)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    print(f"command: python -m benchmarks.first_chart {' '.join(sys.argv[1:])}".rstrip())
    print(f"machine: {machine()}")
    with test_database() as (engine, settings, label):
        print(f"database: {label}, SQLite; page: {PAGE}")
        app = create_app(settings, engine)
        server = make_server("127.0.0.1", 0, app.server, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            figures = measure(f"http://127.0.0.1:{server.server_port}", args.runs, args.mbps)
            print(json.dumps(figures, indent=1))
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
