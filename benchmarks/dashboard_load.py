"""Many users: gunicorn workers on PostgreSQL under a load generator, cache on and off.

Fills a PostgreSQL schema with the national-size data (the whole catalogue, riket, 21 counties,
290 municipalities, ``--years`` years) through the ETL from the national fakes, starts
``gunicorn levande.dashboard.app:server`` with ``--workers`` workers on loopback, and replays
realistic page visits with wrk (Debian package ``wrk``): each visit is the page's HTML (GET) and the
page-routing callback that renders it (POST /_dash-update-component), over a mix of overview,
focus areas, indicator views (chart, map, table, about) for random places, data status and
profiles. Each combination of cache mode and concurrent users runs ``--seconds`` seconds after a
warm-up.

    python -m benchmarks.dashboard_load [--users 50 200] [--cache memory redis://… off]
                                        [--seconds 20] [--no-warm]

Before measuring, every distinct visit of the list is rendered once (``--no-warm`` skips that):
the figures then show the steady state in which the pages people open are already rendered for
the current data version. With ``--cache redis://…`` all workers share those renders.

Prints the command, the machine, and per run: requests/s, median, p95 and p99 latency in ms,
and errors (socket errors and non-2xx answers).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from benchmarks.dashboard_callbacks import national_database
from benchmarks.etl_load import POSTGRES_URL, machine
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads.cache import Reader
from testkit.dash_routes import route_body

WRK_SCRIPT = r"""
local requests = {}
local counter = 0

init = function(args)
  local f = io.open(args[1], "r")
  for line in f:lines() do
    local method, path, body = line:match("^(%S+)\t(%S+)\t?(.*)$")
    local headers = {}
    if method == "POST" then headers["Content-Type"] = "application/json" end
    requests[#requests + 1] = wrk.format(method, path, headers, body ~= "" and body or nil)
  end
  f:close()
  counter = math.random(#requests)
end

request = function()
  counter = counter % #requests + 1
  return requests[counter]
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "RESULT %d %.1f %.1f %.1f %.1f %d %d %d %d %d\n",
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000,
    errors.connect, errors.read, errors.write, errors.timeout, errors.status))
end
"""


def visits(engine: Any, count: int, seed: int = 7) -> list[tuple[str, str]]:
    """A mix of page visits (path, query) as users make them."""
    reader = Reader(engine)
    rng = random.Random(seed)
    areas = [fa.id for fa in dims.focus_areas(reader)]
    indicators = [i.id for i in dims.indicators(reader)]
    kommuner = [r.code for r in dims.regions(reader, "kommun")]
    lan = [r.code for r in dims.regions(reader, "lan")]
    out: list[tuple[str, str]] = []
    for _ in range(count):
        roll = rng.random()
        kommun = rng.choice(kommuner)
        if roll < 0.15:
            out.append(("/", ""))
        elif roll < 0.30:
            out.append((f"/omrade/{rng.choice(areas)}", ""))
        elif roll < 0.85:
            tab = rng.choice(["", "?tab=map", "?tab=table", "?tab=about"])
            extra = f"kommun={kommun}&lan={kommun[:2]}" if not tab or tab.endswith("about") else ""
            search = tab + (("&" if tab else "?") + extra if extra else "")
            out.append((f"/indikator/{rng.choice(indicators)}", search))
        elif roll < 0.92:
            out.append((f"/kommun/{kommun}", ""))
        elif roll < 0.97:
            out.append((f"/lan/{rng.choice(lan)}", ""))
        else:
            out.append(("/data", ""))
    return out


def request_file(visit_list: list[tuple[str, str]], folder: Path) -> Path:
    """One line per HTTP request for wrk: the page's HTML, then its layout callback."""
    path = folder / "requests.tsv"
    with path.open("w", encoding="utf-8") as fh:
        for pathname, search in visit_list:
            fh.write(f"GET\t{pathname}{search}\t\n")
            body = json.dumps(route_body(pathname, search), separators=(",", ":"))
            fh.write(f"POST\t/_dash-update-component\t{body}\n")
    return path


def free_port() -> int:
    """A free TCP port on loopback for the server under test."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


PER_PROCESS = "memory-per-process"
"""The per-process cache without page files: each worker renders every page itself."""


def start_gunicorn(
    url: str, cache: str, workers: int, port: int, threads: int = 1, pages: Path | None = None
) -> subprocess.Popen[bytes]:
    """Gunicorn serving the dashboard, ready when / answers.

    ``cache`` is ``LEVANDE_CACHE``, or :data:`PER_PROCESS` for ``memory`` with no page files;
    ``pages`` is the (empty) folder where the workers share rendered pages.
    """
    env = dict(os.environ)
    env.update(
        LEVANDE_DATABASE_URL=url, LEVANDE_CONFIG_DIR=str(Path("config").resolve()),
        LEVANDE_CACHE="memory" if cache == PER_PROCESS else cache, LEVANDE_LOG_LEVEL="WARNING",
        LEVANDE_PAGE_CACHE_SHARED="false" if cache == PER_PROCESS else "true",
    )  # fmt: skip
    if pages is not None:
        env["LEVANDE_PAGE_CACHE_DIR"] = str(pages)
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    proc = subprocess.Popen(
        [gunicorn, "levande.dashboard.app:server", "--workers", str(workers), "--bind",
         f"127.0.0.1:{port}", "--timeout", "120", "--log-level", "warning",
         "--backlog", "2048", "--threads", str(threads)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as resp:
                if resp.status == 200:
                    return proc
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError("gunicorn did not become ready")


def warm(port: int, visit_list: list[tuple[str, str]]) -> float:
    """Render every distinct visit once; return the seconds it took.

    The pages people open are rendered before others ask for them, so this is the cold cost
    of the whole visit list.
    """
    started = time.perf_counter()
    for pathname, search in dict.fromkeys(visit_list):
        body = json.dumps(route_body(pathname, search)).encode()
        req = urllib.request.Request(
            f"http://127.0.0.1:{port}/_dash-update-component", data=body,
            headers={"Content-Type": "application/json"},
        )  # fmt: skip
        with urllib.request.urlopen(req, timeout=120) as resp:
            resp.read()
    return time.perf_counter() - started


def run_wrk(port: int, users: int, seconds: int, requests: Path, script: Path) -> dict[str, Any]:
    """One wrk run; its figures."""
    threads = min(2, users)
    out = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(users), "-d", f"{seconds}s", "--timeout", "10s",
         "-s", str(script), f"http://127.0.0.1:{port}", "--", str(requests)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    match = re.search(r"^RESULT (.*)$", out, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"wrk printed no result:\n{out}")
    n, duration, p50, p95, p99, *errors = (float(x) for x in match.group(1).split())
    return {
        "users": users,
        "requests": int(n),
        "requests_per_s": round(n / duration, 1),
        "median_ms": round(p50, 1),
        "p95_ms": round(p95, 1),
        "p99_ms": round(p99, 1),
        "errors": {
            "connect": int(errors[0]),
            "read": int(errors[1]),
            "write": int(errors[2]),
            "timeout": int(errors[3]),
            "non_2xx": int(errors[4]),
        },
    }


def main() -> None:
    """Load, serve, replay, print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, nargs="+", default=[50, 200])
    parser.add_argument(
        "--cache",
        nargs="+",
        default=["memory", PER_PROCESS, "off"],
        help=f"LEVANDE_CACHE values, or {PER_PROCESS} (memory without shared page files)",
    )
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--visits", type=int, default=400)
    parser.add_argument(
        "--no-warm", action="store_true", help="do not render each visit once before measuring"
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk (Debian)")
    print(f"command: python -m benchmarks.dashboard_load {' '.join(sys.argv[1:])}".rstrip())
    print(f"machine: {machine()}")
    from testkit.databases import drop_postgres_schema, postgres_schema_url

    url, schema = postgres_schema_url(POSTGRES_URL)
    try:
        with national_database(args.years, url) as (engine, _settings, label), \
                tempfile.TemporaryDirectory() as tmp:  # fmt: skip
            print(
                f"database: {label}, PostgreSQL; gunicorn workers: {args.workers}, "
                f"threads: {args.threads}"
            )
            folder = Path(tmp)
            visit_list = visits(engine, args.visits)
            requests = request_file(visit_list, folder)
            script = folder / "visits.lua"
            script.write_text(WRK_SCRIPT, encoding="utf-8")
            for cache in args.cache:
                port = free_port()
                pages = folder / f"pages-{cache.replace('/', '_').replace(':', '_')}"
                server = start_gunicorn(url, cache, args.workers, port, args.threads, pages)
                try:
                    warm_s = None if args.no_warm else round(warm(port, visit_list), 1)
                    run_wrk(port, 10, 3, requests, script)
                    for users in args.users:
                        result = run_wrk(port, users, args.seconds, requests, script)
                        print(json.dumps({"cache": cache, "warm_s": warm_s, **result}))
                finally:
                    server.send_signal(signal.SIGTERM)
                    server.wait(timeout=60)
    finally:
        drop_postgres_schema(POSTGRES_URL, schema)


if __name__ == "__main__":
    main()
