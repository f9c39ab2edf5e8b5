"""The ETL commands as an operator runs them, against the fake sources over loopback.

``levande etl run``, ``etl status``, ``export``, ``status`` and ``config check --online``.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from testkit.fakes.kolada import FakeKolada
from testkit.fakes.scb import FakeScb
from testkit.world import seed_kolada, seed_scb, write_boundaries
from tests.integration.levande.cli.conftest import Invoke

pytestmark = pytest.mark.integration


@pytest.fixture
def kolada() -> Iterator[FakeKolada]:
    with FakeKolada() as fake:
        seed_kolada(fake)
        yield fake


@pytest.fixture
def env(
    db_url: str, sample_config: Path, tmp_path: Path, kolada: FakeKolada
) -> Iterator[dict[str, str]]:
    kommun_url, lan_url = write_boundaries(tmp_path / "geo")
    with FakeScb() as scb:
        seed_scb(scb)
        yield {
            "LEVANDE_DATABASE_URL": db_url,
            "LEVANDE_CONFIG_DIR": str(sample_config),
            "LEVANDE_SCB_API_URL": scb.url,
            "LEVANDE_KOLADA_API_URL": kolada.url,
            "LEVANDE_GEO_MUNICIPALITIES_URL": kommun_url,
            "LEVANDE_GEO_COUNTIES_URL": lan_url,
            "LEVANDE_KOLADA_CALLS_PER_SECOND": "500",
            "LEVANDE_FIRST_YEAR": "2018",
            "LEVANDE_HTTP_MAX_RETRIES": "1",
            "LEVANDE_OPEN_DATA_DIR": str(tmp_path / "open"),
        }


def test_run_status_and_export(cli: Invoke, env: dict[str, str], tmp_path: Path) -> None:
    assert cli("db", "upgrade", env=env).exit_code == 0
    result = cli("etl", "run", env=env)
    assert result.exit_code == 0, result.stderr
    assert "success — 6 of 6 steps succeeded" in result.stdout

    status = cli("etl", "status", env=env)
    assert status.exit_code == 0, status.stderr
    assert "success" in status.stdout
    assert "trangboddhet" in status.stdout and "rows      12" in status.stdout

    export = cli("export", "--indicator", "trangboddhet", env=env)
    assert export.exit_code == 0, export.stderr
    frame = pd.read_csv(io.StringIO(export.stdout), dtype={"region_code": str, "period": str})
    assert list(frame.columns[:11]) == [
        "indicator_id", "source", "source_id", "region_code", "region_name", "region_level",
        "period", "breakdown", "value", "unit", "status",
    ]  # fmt: skip
    row = frame[(frame.region_code == "0180") & (frame.period == "2019")].iloc[0]
    assert (row.value, row.source_id, row.region_level, row.breakdown) == (
        15.0, "N07907", "kommun", "T",
    )  # fmt: skip
    assert len(frame) == 12

    parquet = tmp_path / "obs.parquet"
    assert cli("export", "--format", "parquet", "-o", str(parquet), env=env).exit_code == 0
    assert len(pd.read_parquet(parquet)) > 12

    statuses = cli("status", "export", "--format", "json", "--indicator", "trangboddhet", env=env)
    assert statuses.exit_code == 0, statuses.stderr
    rows = json.loads(statuses.stdout)
    assert {r["region_code"] for r in rows} == {"00", "0114", "0180", "0380"}
    assert {"status", "score", "rank", "quartile", "peer_group", "peer_median"} <= set(rows[0])

    recompute = cli("status", "recompute", env=env)
    assert recompute.exit_code == 0, recompute.stderr
    assert "0 changed" in recompute.stdout
    assert "(0 rewritten)" in recompute.stdout  # the load's own recompute stored the same ranks


def test_a_run_that_changes_data_writes_the_bulk_files(
    cli: Invoke, env: dict[str, str], tmp_path: Path
) -> None:
    folder = tmp_path / "open"
    assert cli("db", "upgrade", env=env).exit_code == 0
    assert not folder.exists()
    assert cli("etl", "run", env=env).exit_code == 0
    first = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert first["rows"]["observation"] > 0
    assert {f["name"] for f in first["files"]} == {
        "levande-stader-csv.zip", "levande-stader-parquet.zip", "README.md",
    }  # fmt: skip
    # Nothing changed at the sources: the files stay as they were.
    assert cli("etl", "run", env=env).exit_code == 0
    assert json.loads((folder / "manifest.json").read_text(encoding="utf-8")) == first
    # The operator's command writes them wherever asked.
    other = tmp_path / "elsewhere"
    built = cli("bulk", "-o", str(other), env=env)
    assert built.exit_code == 0, built.stderr
    assert "levande-stader-csv.zip" in built.stdout and (other / "SHA256SUMS").is_file()


def test_failed_step_gives_non_zero_exit_and_summary(cli: Invoke, env: dict[str, str]) -> None:
    assert cli("db", "upgrade", env=env).exit_code == 0
    broken = {**env, "LEVANDE_SCB_API_URL": "http://127.0.0.1:9/api/v2"}
    result = cli("etl", "run", env=broken)
    assert result.exit_code == 1
    assert "partial" in result.stdout
    assert "failed folkmangd: scb: could not connect" in result.stderr
    assert isinstance(result.exception, SystemExit)


def test_unknown_indicator_is_a_usage_error(cli: Invoke, env: dict[str, str]) -> None:
    assert cli("db", "upgrade", env=env).exit_code == 0
    result = cli("etl", "run", "--indicator", "nope", env=env)
    assert result.exit_code == 2
    assert "unknown indicator(s): nope" in result.stderr


def test_online_check(cli: Invoke, env: dict[str, str]) -> None:
    result = cli("config", "check", "--online", env=env)
    # The sample catalogue's titles differ from the fake Kolada's: reported as mismatches.
    assert result.exit_code == 1, result.stderr
    assert "mismatch: trangboddhet: Kolada's title for N07907" in result.stderr
    offline = {**env, "LEVANDE_KOLADA_API_URL": "http://127.0.0.1:9/v3",
               "LEVANDE_SCB_API_URL": "http://127.0.0.1:9/api/v2"}  # fmt: skip
    result = cli("config", "check", "--online", env=offline)
    assert result.exit_code == 3
    assert "cannot check online" in result.stderr


def test_status_before_and_after_a_failed_step(cli: Invoke, env: dict[str, str]) -> None:
    assert cli("db", "upgrade", env=env).exit_code == 0
    empty = cli("etl", "status", env=env)
    assert empty.exit_code == 0, empty.stderr
    assert "Last runs:\n  none yet: run 'levande etl run'\nIndicators:" in empty.stdout

    broken = {**env, "LEVANDE_SCB_API_URL": "http://127.0.0.1:9/api/v2"}
    assert cli("etl", "run", env=broken).exit_code == 1
    status = cli("etl", "status", "--runs", "1", env=env)
    assert status.exit_code == 0, status.stderr
    runs = status.stdout.split("Indicators:")[0].splitlines()[1:]
    assert len(runs) == 1 and " partial " in runs[0] and "error: folkmangd: scb:" in runs[0]
    folkmangd = next(
        line for line in status.stdout.splitlines() if "folkmangd" in line and "rows" in line
    )
    assert "rows       0" in folkmangd and "FAILED scb: could not connect" in folkmangd


def test_a_run_while_another_holds_the_lock_is_refused(cli: Invoke, env: dict[str, str]) -> None:
    from levande.indicators.store.database import make_engine
    from levande.indicators.store.runlog import acquire_lock

    assert cli("db", "upgrade", env=env).exit_code == 0
    engine = make_engine(env["LEVANDE_DATABASE_URL"])
    lock = acquire_lock(engine)
    try:
        result = cli("etl", "run", "--source", "regions", env=env)
    finally:
        lock.release()
        engine.dispose()
    assert result.exit_code == 5
    assert "another refresh is running on this database" in result.stderr


def test_a_bulk_folder_that_cannot_be_written_does_not_fail_the_run(
    cli: Invoke, env: dict[str, str], tmp_path: Path
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    env = {**env, "LEVANDE_OPEN_DATA_DIR": str(blocked / "open")}
    assert cli("db", "upgrade", env=env).exit_code == 0
    result = cli("etl", "run", env=env)
    assert result.exit_code == 0, result.stderr
    assert "success" in result.stdout


def _status_of(cli: Invoke, env: dict[str, str], region: str) -> dict[str, object]:
    result = cli("status", "export", "--indicator", "trangboddhet", "--format", "json", env=env)
    assert result.exit_code == 0, result.stderr
    rows = [r for r in json.loads(result.stdout) if r["region_code"] == region]
    assert len(rows) == 1
    return dict(rows[0])


def test_an_implausible_value_is_stored_flagged_kept_out_and_accepted(
    cli: Invoke, env: dict[str, str], kolada: FakeKolada
) -> None:
    from levande.indicators.reads.flags import value_flags
    from levande.indicators.store.database import make_engine
    from testkit.world import YEARS

    latest = max(YEARS)
    assert cli("db", "upgrade", env=env).exit_code == 0
    assert cli("etl", "run", env=env).exit_code == 0
    # Kolada publishes a share of 134.5 % for Stockholm: it cannot be right.
    kolada.set_value("N07907", "0180", latest, 134.5)
    run = cli("etl", "run", "--source", "kolada", env=env)
    assert run.exit_code == 0, run.stderr
    export = cli("export", "--indicator", "trangboddhet", env=env)
    frame = pd.read_csv(io.StringIO(export.stdout), dtype={"region_code": str, "period": str})
    stored = frame[(frame.region_code == "0180") & (frame.period == str(latest))]
    assert stored["value"].tolist() == [134.5]  # stored exactly as published
    status = cli("etl", "status", env=env)
    assert "Implausible values" in status.stdout
    line = next(x for x in status.stdout.splitlines() if x.strip().startswith("flag "))
    assert "trangboddhet" in line and f"0180 {latest} T value 134.5 above 100" in line
    assert '"source_id": "N07907"' in status.stdout and '"value": 134.5' in status.stdout
    flag_id = line.split()[1]
    # The status method leaves the flagged value out: the latest it judges is the year before.
    before = _status_of(cli, env, "0180")
    assert before["latest_period"] == str(latest - 1) and before["latest_value"] != 134.5

    refused = cli("etl", "accept", flag_id, "--by", "  ", env=env)
    assert refused.exit_code != 0 and "say who accepts" in refused.stderr
    accepted = cli("etl", "accept", flag_id, "--by", "Anna Berg", env=env)
    assert accepted.exit_code == 0, accepted.stderr
    assert f"flag {flag_id} accepted by Anna Berg" in accepted.stdout
    assert f"flag {flag_id} accepted by Anna Berg" in accepted.stderr  # the log line
    engine = make_engine(env["LEVANDE_DATABASE_URL"])
    (decision,) = [f for f in value_flags(engine, only_open=False) if f["id"] == int(flag_id)]
    engine.dispose()
    assert decision["accepted_by"] == "Anna Berg" and decision["accepted_at"] is not None
    after = _status_of(cli, env, "0180")
    assert (after["latest_period"], after["latest_value"]) == (str(latest), 134.5)
    assert "flag " + flag_id not in cli("etl", "status", env=env).stdout
    again = cli("etl", "accept", flag_id, "--by", "Anna Berg", env=env)
    assert again.exit_code != 0 and f"no open flag {flag_id}" in again.stderr


def test_a_revision_at_the_source_closes_the_flag(
    cli: Invoke, env: dict[str, str], kolada: FakeKolada
) -> None:
    from testkit.world import YEARS

    latest = max(YEARS)
    assert cli("db", "upgrade", env=env).exit_code == 0
    kolada.set_value("N07907", "0114", latest, -3.0)
    assert cli("etl", "run", env=env).exit_code == 0
    assert f"0114 {latest} T value -3.0 below 0" in cli("etl", "status", env=env).stdout
    assert _status_of(cli, env, "0114")["latest_period"] == str(latest - 1)
    kolada.set_value("N07907", "0114", latest, 9.5)  # the source corrects it
    assert cli("etl", "run", "--source", "kolada", env=env).exit_code == 0
    status = cli("etl", "status", env=env).stdout
    assert "below 0" not in status
    after = _status_of(cli, env, "0114")
    assert (after["latest_period"], after["latest_value"]) == (str(latest), 9.5)


def test_a_dry_run_reports_and_writes_nothing_but_its_log(
    cli: Invoke, env: dict[str, str], kolada: FakeKolada
) -> None:
    from testkit.world import YEARS

    latest = max(YEARS)
    assert cli("db", "upgrade", env=env).exit_code == 0
    refused = cli("etl", "run", "--source", "kolada", "--dry-run", env=env)
    assert refused.exit_code != 0 and "needs the regions loaded" in refused.stderr
    assert cli("etl", "run", env=env).exit_code == 0
    before = cli("export", "--indicator", "trangboddhet", env=env).stdout
    kolada.set_value("N07907", "0180", latest, 134.5)
    dry = cli("etl", "run", "--indicator", "trangboddhet", "--dry-run", env=env)
    assert dry.exit_code == 0, dry.stderr
    lines = dry.stdout.splitlines()
    assert lines[0].endswith("succeeded; nothing written; would change rows +0 ~1 -0")
    assert lines[0].startswith("dry run ")
    assert lines[1:] == [
        "  trangboddhet: would add 0, change 1, delete 0 rows; 1 value(s) would be flagged",
        f"    would flag 0180 {latest} T = 134.5: above 100",
    ]
    assert cli("export", "--indicator", "trangboddhet", env=env).stdout == before
    status = cli("etl", "status", env=env).stdout
    assert "indicators (dry run)" in status and "Implausible values" in status
    assert "flag " not in status.split("Implausible values")[1]
    assert cli("etl", "run", "--source", "regions", "--dry-run", env=env).exit_code != 0
