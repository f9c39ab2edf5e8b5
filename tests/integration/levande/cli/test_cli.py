"""The ``levande`` command as an operator runs it: exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[4]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("LEVANDE_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "levande", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=ROOT,
        timeout=120,
    )


def test_config_check_passes_on_valid_catalogue(sample_config: Path) -> None:
    result = run("config", "check", env={"LEVANDE_CONFIG_DIR": str(sample_config)})
    assert result.returncode == 0, result.stderr
    assert "valid — 2 focus areas, 3 sub-goals, 4 indicators, 2 scheduled jobs" in result.stdout


def test_config_check_names_file_and_entry(sample_config: Path) -> None:
    path = sample_config / "indicators" / "fa06.yaml"
    path.write_text(path.read_text().replace("subgoals: [FA06-D1]", "subgoals: [FA06-D9]"))
    result = run("config", "check", "--config-dir", str(sample_config))
    assert result.returncode == 2
    assert "fa06.yaml [trangboddhet]: unknown sub-goal 'FA06-D9'" in result.stderr
    assert "Traceback" not in result.stderr


def test_db_upgrade_twice(db_url: str, sample_config: Path) -> None:
    env = {"LEVANDE_DATABASE_URL": db_url, "LEVANDE_CONFIG_DIR": str(sample_config)}
    first = run("db", "upgrade", env=env)
    assert first.returncode == 0, first.stderr
    assert "catalogue: 14 added, 0 changed, 0 retired" in first.stdout  # with the framework
    second = run("db", "upgrade", env=env)
    assert second.returncode == 0, second.stderr
    assert "catalogue: 0 added, 0 changed, 0 retired" in second.stdout


def test_default_database_is_created_under_data(tmp_path: Path, sample_config: Path) -> None:
    db = tmp_path / "data" / "levande.db"
    result = run(
        "db", "upgrade",
        env={"LEVANDE_DATABASE_URL": f"sqlite:///{db}", "LEVANDE_CONFIG_DIR": str(sample_config)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert db.exists()


@pytest.mark.parametrize(
    ("env", "code", "message"),
    [
        ({"LEVANDE_LOG_LEVEL": "LOUD"}, 2, "LEVANDE_LOG_LEVEL='LOUD'"),
        ({"LEVANDE_SCB_API_URL": "statistikdatabasen"}, 2, "must start with http://"),
        ({"LEVANDE_DATABASE_URL": "levande.db"}, 2, "must be an SQLAlchemy URL"),
        ({"LEVANDE_DATABASE_URL": "postgresql://x@127.0.0.1:1/none"}, 1, "cannot reach"),
        ({"LEVANDE_DATABASE_URL": "nosuchdb://x/y"}, 1, "cannot use database URL"),
    ],
)
def test_bad_settings_give_one_line(
    env: dict[str, str], code: int, message: str, sample_config: Path
) -> None:
    result = run("db", "upgrade", env={"LEVANDE_CONFIG_DIR": str(sample_config), **env})
    assert result.returncode == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_debug_shows_the_traceback(sample_config: Path) -> None:
    env = {"LEVANDE_CONFIG_DIR": str(sample_config), "LEVANDE_DATABASE_URL": "nosuchdb://x/y"}
    result = run("--debug", "db", "upgrade", env=env)
    assert result.returncode != 0
    assert "Traceback" in result.stderr


def test_catalogue_export_json(sample_config: Path) -> None:
    result = run("catalogue", "export", env={"LEVANDE_CONFIG_DIR": str(sample_config)})
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"goal", "focus_areas", "indicators"}
    fa = data["focus_areas"][1]
    assert (fa["id"], fa["name_status"], fa["subgoals"][0]["id"]) == ("FA06", "verified", "FA06-D1")
    ind = {i["id"]: i for i in data["indicators"]}["folkmangd"]
    assert ind["selection"]["selection"]["ContentsCode"] == ["BE0101N1"]
    assert ind["levels"] == ["riket", "lan", "kommun"]
    assert ind["credit_sv"] == "Källa: SCB"


def test_catalogue_export_csv(sample_config: Path) -> None:
    result = run("catalogue", "export", "--format", "csv",
                 env={"LEVANDE_CONFIG_DIR": str(sample_config)})  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("id,focus_area,focus_area_name_sv,subgoals,source,source_id")
    assert len(lines) == 1 + 4


@pytest.mark.parametrize(
    "command",
    [[], ["db"], ["db", "upgrade"], ["config", "check"], ["catalogue", "export"], ["etl", "run"],
     ["etl", "status"], ["scheduler"], ["serve"], ["up"]],
)  # fmt: skip
def test_every_command_has_help(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.returncode == 0, result.stderr
    assert "Usage" in result.stdout
