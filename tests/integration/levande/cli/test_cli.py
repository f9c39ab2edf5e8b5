"""The ``levande`` command as an operator runs it: exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from levande.indicators.store.database import DatabaseError, make_engine, table_names
from tests.integration.levande.cli.conftest import Invoke

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[4]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The command as a real process, for the few tests that are about the process itself."""
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


# -- as a process ------------------------------------------------------------------------


def test_python_dash_m_levande_answers_help() -> None:
    result = run("--help")
    assert result.returncode == 0, result.stderr
    assert "Usage" in result.stdout and "etl" in result.stdout


def test_the_installed_command_upgrades_an_sqlite_database(
    tmp_path: Path, sample_config: Path
) -> None:
    levande = Path(sys.executable).with_name("levande")
    assert levande.exists(), "the console script is installed with the package"
    db = tmp_path / "data" / "levande.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEVANDE_")}
    env.update(LEVANDE_DATABASE_URL=f"sqlite:///{db}", LEVANDE_CONFIG_DIR=str(sample_config))
    result = subprocess.run(
        [str(levande), "db", "upgrade"], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "catalogue: 14 added, 0 changed, 0 retired" in result.stdout
    assert db.exists()


# -- in this process ---------------------------------------------------------------------


def test_config_check_passes_on_valid_catalogue(cli: Invoke, sample_config: Path) -> None:
    result = cli("config", "check", env={"LEVANDE_CONFIG_DIR": str(sample_config)})
    assert result.exit_code == 0, result.stderr
    assert "valid — 2 focus areas, 3 sub-goals, 4 indicators, 2 scheduled jobs" in result.stdout


def test_config_check_names_file_and_entry(cli: Invoke, sample_config: Path) -> None:
    path = sample_config / "indicators" / "fa06.yaml"
    path.write_text(path.read_text().replace("subgoals: [FA06-D1]", "subgoals: [FA06-D9]"))
    result = cli("config", "check", "--config-dir", str(sample_config))
    assert result.exit_code == 2
    assert "fa06.yaml [trangboddhet]: unknown sub-goal 'FA06-D9'" in result.stderr
    assert isinstance(result.exception, SystemExit)  # a clean exit, no traceback


def test_db_upgrade_twice(cli: Invoke, db_url: str, sample_config: Path) -> None:
    env = {"LEVANDE_DATABASE_URL": db_url, "LEVANDE_CONFIG_DIR": str(sample_config)}
    first = cli("db", "upgrade", env=env)
    assert first.exit_code == 0, first.stderr
    assert "catalogue: 14 added, 0 changed, 0 retired" in first.stdout  # with the framework
    second = cli("db", "upgrade", env=env)
    assert second.exit_code == 0, second.stderr
    assert "catalogue: 0 added, 0 changed, 0 retired" in second.stdout


def test_default_database_is_created_under_data(
    cli: Invoke, tmp_path: Path, sample_config: Path
) -> None:
    db = tmp_path / "data" / "levande.db"
    result = cli(
        "db", "upgrade",
        env={"LEVANDE_DATABASE_URL": f"sqlite:///{db}", "LEVANDE_CONFIG_DIR": str(sample_config)},
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert db.exists()


def test_an_invalid_catalogue_leaves_the_database_untouched(
    cli: Invoke, tmp_path: Path, sample_config: Path
) -> None:
    path = sample_config / "indicators" / "fa06.yaml"
    path.write_text(path.read_text().replace("subgoals: [FA06-D1]", "subgoals: [FA06-D9]"))
    url = f"sqlite:///{tmp_path / 'levande.db'}"
    result = cli(
        "db", "upgrade", env={"LEVANDE_DATABASE_URL": url, "LEVANDE_CONFIG_DIR": str(sample_config)}
    )
    assert result.exit_code == 2
    assert "levande: invalid catalogue:" in result.stderr
    engine = make_engine(url)
    assert table_names(engine) == []
    engine.dispose()


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
    cli: Invoke, env: dict[str, str], code: int, message: str, sample_config: Path
) -> None:
    result = cli("db", "upgrade", env={"LEVANDE_CONFIG_DIR": str(sample_config), **env})
    assert result.exit_code == code
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert isinstance(result.exception, SystemExit)  # a clean exit, no traceback


def test_debug_shows_the_traceback(cli: Invoke, sample_config: Path) -> None:
    env = {"LEVANDE_CONFIG_DIR": str(sample_config), "LEVANDE_DATABASE_URL": "nosuchdb://x/y"}
    result = cli("--debug", "db", "upgrade", env=env)
    assert result.exit_code != 0
    # The error propagates: the interpreter prints its traceback.
    assert isinstance(result.exception, DatabaseError)
    assert "cannot use database URL" in str(result.exception)


def test_catalogue_export_json(cli: Invoke, sample_config: Path) -> None:
    result = cli("catalogue", "export", env={"LEVANDE_CONFIG_DIR": str(sample_config)})
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"goal", "focus_areas", "indicators"}
    fa = data["focus_areas"][1]
    assert (fa["id"], fa["name_status"], fa["subgoals"][0]["id"]) == ("FA06", "verified", "FA06-D1")
    ind = {i["id"]: i for i in data["indicators"]}["folkmangd"]
    assert ind["selection"]["selection"]["ContentsCode"] == ["BE0101N1"]
    assert ind["levels"] == ["riket", "lan", "kommun"]
    assert ind["credit_sv"] == "Källa: SCB"


def test_catalogue_export_csv(cli: Invoke, sample_config: Path, tmp_path: Path) -> None:
    result = cli("catalogue", "export", "--format", "csv",
                 env={"LEVANDE_CONFIG_DIR": str(sample_config)})  # fmt: skip
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("id,focus_area,focus_area_name_sv,subgoals,source,source_id")
    assert len(lines) == 1 + 4
    out = tmp_path / "catalogue.csv"
    written = cli("catalogue", "export", "--format", "csv", "-o", str(out),
                  env={"LEVANDE_CONFIG_DIR": str(sample_config)})  # fmt: skip
    assert written.exit_code == 0 and written.stdout == ""
    assert out.read_text(encoding="utf-8").splitlines() == lines


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["catalogue", "export", "--format", "xml"], "unknown format 'xml'; use json or csv"),
        (["export", "--format", "xlsx"], "unknown format 'xlsx'; use csv or parquet"),
        (["export", "--format", "parquet"], "parquet needs --output FILE"),
        (["status", "export", "--format", "xml"], "unknown format 'xml'; use csv or json"),
    ],
)
def test_unknown_formats_are_usage_errors(
    cli: Invoke, sample_config: Path, args: list[str], message: str
) -> None:
    result = cli(*args, env={"LEVANDE_CONFIG_DIR": str(sample_config)})
    assert result.exit_code == 2
    assert result.stderr.strip() == f"levande: {message}"


@pytest.mark.parametrize(
    "args",
    [["etl", "status"], ["export"], ["status", "export"], ["serve"], ["etl", "run"],
     ["status", "recompute"], ["scheduler"]],
)  # fmt: skip
def test_commands_other_than_upgrade_never_migrate(
    cli: Invoke, args: list[str], db_url: str, sample_config: Path
) -> None:
    env = {"LEVANDE_DATABASE_URL": db_url, "LEVANDE_CONFIG_DIR": str(sample_config)}
    result = cli(*args, env=env)
    assert result.exit_code == 3
    file = make_url(db_url).database if db_url.startswith("sqlite") else None
    if file is not None:  # SQLite: not even an empty file is left behind
        assert result.stderr.strip() == (
            f"levande: there is no database at {file} yet: run 'levande db upgrade' to create it"
        )
        assert not Path(file).exists()
    else:
        assert result.stderr.strip() == (
            "levande: the database has no schema yet: run 'levande db upgrade'"
        )
    engine = make_engine(db_url)
    assert table_names(engine) == []
    engine.dispose()


def test_a_reading_command_names_a_missing_database_and_creates_nothing(
    cli: Invoke, tmp_path: Path, sample_config: Path
) -> None:
    file = tmp_path / "not-yet" / "levande.db"
    env = {"LEVANDE_DATABASE_URL": f"sqlite:///{file}", "LEVANDE_CONFIG_DIR": str(sample_config)}
    result = cli("etl", "status", env=env)
    assert result.exit_code == 3
    assert result.stderr.strip() == (
        f"levande: there is no database at {file} yet: run 'levande db upgrade' to create it"
    )
    assert not file.parent.exists()


@pytest.mark.parametrize(
    "command",
    [[], ["db"], ["db", "upgrade"], ["config", "check"], ["catalogue", "export"], ["etl", "run"],
     ["etl", "status"], ["export"], ["status", "recompute"], ["status", "export"], ["scheduler"],
     ["serve"], ["up"]],
)  # fmt: skip
def test_every_command_has_help(cli: Invoke, command: list[str]) -> None:
    result = cli(*command, "--help")
    assert result.exit_code == 0, result.stderr
    assert "Usage" in result.stdout
