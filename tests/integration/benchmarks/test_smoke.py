"""Every benchmark runs at a tiny size, so none of them can rot (figures are not checked).

The figures themselves are recorded in benchmarks/RESULTS.md from full-size runs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[3]


def run(module: str, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEVANDE_")}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.startswith(f"command: python -m {module}")
    assert "machine:" in result.stdout
    return result.stdout


def _json_objects(text: str) -> list[dict[str, Any]]:
    decoder = json.JSONDecoder()
    out, i = [], text.find("{")
    while i != -1:
        obj, end = decoder.raw_decode(text, i)
        out.append(obj)
        i = text.find("{", end)
    return out


def test_etl_load(postgres_server: str) -> None:
    results = [r for r in _json_objects(run("benchmarks.etl_load", "--db", "both", "--years",
                                             "1")) if "db" in r]  # fmt: skip
    assert [r["db"] for r in results] == ["sqlite", "postgresql"]
    assert all(r["full"]["outcome"] == "success" for r in results)


def test_status_recompute() -> None:
    results = _json_objects(run("benchmarks.status_recompute", "--years", "1"))
    assert results[0]["series"] > 0


def test_dashboard_callbacks() -> None:
    results = _json_objects(run("benchmarks.dashboard_callbacks", "--db", "test", "--repeat", "1"))
    assert results[0]["all"]["calls"] > 0


def test_view_ratio_and_profile_view(tmp_path: Path) -> None:
    saved = tmp_path / "small.db"
    out = run("benchmarks.view_ratio", "--db", "test", "--repeat", "1", "--profiles", "2",
              "--save-sqlite", str(saved))  # fmt: skip
    results = next(r for r in _json_objects(out) if "views" in r)
    assert results["views"]["all"]["ratio_median"] > 0
    assert results["views"]["bare_read_rows"] > 0
    assert results["profile_caches_off"]["calls"] == 2
    profiled = run("benchmarks.profile_view", "--database-url", f"sqlite:///{saved}",
                   "--path", "/kommun/{kommun}", "--search", "", "--calls", "1",
                   "--top", "5")  # fmt: skip
    assert "cumulative" in profiled
    beside = run("benchmarks.areas_beside_national", "--from", str(saved),
                 "--to", str(tmp_path / "areas.db"), "--years", "1")  # fmt: skip
    assert "success:" in beside and " 0 area rows" not in beside


def test_browser_render() -> None:
    results = _json_objects(run("benchmarks.browser_render", "--years", "2", "--interactions", "1"))
    # That boundaries travel once per visit is asserted by the browser suite
    # (tests/browser/test_dashboard.py); here the benchmark must only produce its figures.
    assert results[0]["map_interactions"] == 1
    assert results[0]["wire_bytes_per_interaction"]["median"] > 0


def test_first_chart() -> None:
    results = _json_objects(run("benchmarks.first_chart", "--runs", "1"))
    loopback = results[0]["loopback"]
    assert loopback["first_chart_ms"]["median"] > 0
    assert list(loopback["plotly_bundle_bytes"]) == ["plotly-levande.min.js"]


def test_dashboard_load(postgres_server: str) -> None:
    if shutil.which("wrk") is None and not os.environ.get("CI"):
        pytest.skip("wrk not installed (make system-deps)")
    out = run("benchmarks.dashboard_load", "--users", "2", "--cache", "memory", "--seconds",
              "1", "--years", "1", "--visits", "10", "--workers", "2")  # fmt: skip
    results = _json_objects(out.split("threads:", 1)[1])
    assert results[0]["requests"] > 0
    assert sum(results[0]["errors"].values()) == 0


def test_profile_render() -> None:
    out = run("benchmarks.profile_render", "--db", "test", "--repeat", "1")
    assert _json_objects(out)


def test_api_observations() -> None:
    results = _json_objects(
        run("benchmarks.api_observations", "--db", "test", "--repeat", "2", "--bulk")
    )
    assert results[0]["everything"]["rows"] > 0
    assert results[0]["not_modified"]["rows"] == 0
    assert results[1]["rows"] > 0


def test_small_area_load() -> None:
    out = run("benchmarks.small_area_load", "--years", "2", "--calls", "1",
              "--municipalities", "3")  # fmt: skip
    assert "failed []" in out
    assert out.count("page ") == 4
