"""``levande up``, the README's main job: schema, first load, then the dashboard answers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from levande.indicators.store.database import head_revision
from testkit.fakes.kolada import FakeKolada
from testkit.fakes.scb import FakeScb
from testkit.world import seed_kolada, seed_scb, write_boundaries
from tests.integration.levande.cli.conftest import Invoke
from tests.integration.levande.cli.test_cli import ROOT

pytestmark = pytest.mark.integration


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(tmp_path: Path, sample_config: Path, scb: str, kolada: str) -> dict[str, str]:
    kommun_url, lan_url = write_boundaries(tmp_path / "geo")
    return {
        "LEVANDE_DATABASE_URL": f"sqlite:///{tmp_path / 'data' / 'levande.db'}",
        "LEVANDE_CONFIG_DIR": str(sample_config),
        "LEVANDE_SCB_API_URL": scb,
        "LEVANDE_KOLADA_API_URL": kolada,
        "LEVANDE_GEO_MUNICIPALITIES_URL": kommun_url,
        "LEVANDE_GEO_COUNTIES_URL": lan_url,
        "LEVANDE_KOLADA_CALLS_PER_SECOND": "500",
        "LEVANDE_FIRST_YEAR": "2018",
        "LEVANDE_HTTP_MAX_RETRIES": "1",
    }


def test_up_loads_an_empty_database_and_serves(tmp_path: Path, sample_config: Path) -> None:
    port = _free_port()
    with FakeScb() as scb, FakeKolada() as kolada:
        seed_scb(scb)
        seed_kolada(kolada)
        env = {k: v for k, v in os.environ.items() if not k.startswith("LEVANDE_")}
        env.update(_env(tmp_path, sample_config, scb.url, kolada.url))
        proc = subprocess.Popen(
            [sys.executable, "-m", "levande", "up", "--port", str(port)],
            env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            body = ""
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and proc.poll() is None:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as resp:
                        body = resp.read().decode()
                        break
                except OSError:
                    time.sleep(0.5)
            assert body, proc.stderr.read() if proc.poll() is not None and proc.stderr else ""
            assert "<html" in body.lower()
        finally:
            proc.terminate()
            out, _err = proc.communicate(timeout=30)
    assert "the database is empty: loading every source" in out
    assert "load success: 6 of 6 steps succeeded" in out


def test_up_without_sources_says_so_in_one_line_each(
    cli: Invoke, tmp_path: Path, sample_config: Path
) -> None:
    env = _env(tmp_path, sample_config, "http://127.0.0.1:9/api/v2", "http://127.0.0.1:9/v3")
    result = cli("up", "--no-serve", env=env)
    assert result.exit_code == 0, result.stderr
    assert "load failed: 0 of 6 steps succeeded" in result.stdout
    lines = [line for line in result.stderr.splitlines() if line.startswith("levande:")]
    assert len(lines) == 3, result.stderr
    assert lines[0].startswith("levande: kolada could not be reached or answered with errors: 4 ")
    assert lines[1].startswith("levande: scb could not be reached or answered with errors: 1 ")
    assert lines[2] == (
        "levande: boundaries: no regions in the database yet; run the regions job first"
    )
    assert result.exception is None


def test_up_loads_only_an_empty_database(cli: Invoke, tmp_path: Path, sample_config: Path) -> None:
    with FakeScb() as scb, FakeKolada() as kolada:
        seed_scb(scb)
        seed_kolada(kolada)
        env = _env(tmp_path, sample_config, scb.url, kolada.url)
        first = cli("up", "--no-serve", env=env)
        assert first.exit_code == 0, first.stderr
        assert first.stdout.splitlines()[1:] == [
            "the database is empty: loading every source (this takes a while)",
            "load success: 6 of 6 steps succeeded",
        ]
        again = cli("up", "--no-serve", env=env)
    assert again.exit_code == 0, again.stderr
    assert again.stdout.splitlines() == [
        f"schema at revision {head_revision()}; catalogue synced (0 changes)"
    ]
