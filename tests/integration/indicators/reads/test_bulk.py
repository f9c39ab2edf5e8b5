"""The bulk files load back into pandas with the database's rows and values, on both backends."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from levande.indicators.core.clock import aware
from levande.indicators.reads.bulk import (
    CHECKSUMS,
    CSV_ZIP,
    MANIFEST,
    PARQUET_ZIP,
    README,
    TABLES,
    read_manifest,
    write_bulk,
)
from levande.indicators.store.schema import Base, IndicatorRow, Observation
from testkit.seeded import World
from testkit.stored import stored_observations

pytestmark = pytest.mark.integration

NOW = datetime(2026, 11, 29, 6, 0, tzinfo=UTC)


def counts(world: World) -> dict[str, int]:
    with Session(world.engine) as session:
        return {
            name: int(
                session.scalar(select(func.count()).select_from(Base.metadata.tables[name])) or 0
            )
            for name in TABLES
        }


def csv_tables(folder: Path) -> dict[str, pd.DataFrame]:
    with zipfile.ZipFile(folder / CSV_ZIP) as archive:
        return {
            name.removesuffix(".csv"): pd.read_csv(
                io.BytesIO(archive.read(name)), dtype=str, keep_default_na=False
            )
            for name in archive.namelist()
            if name.endswith(".csv")
        }


def parquet_tables(folder: Path) -> dict[str, pd.DataFrame]:
    with zipfile.ZipFile(folder / PARQUET_ZIP) as archive:
        return {
            name.removesuffix(".parquet"): pd.read_parquet(io.BytesIO(archive.read(name)))
            for name in archive.namelist()
            if name.endswith(".parquet")
        }


def test_every_table_loads_back_with_its_row_count(world: World, tmp_path: Path) -> None:
    manifest = write_bulk(world.engine, tmp_path, NOW)
    expected = counts(world)
    assert manifest.rows == expected
    assert expected["observation"] > 0 and expected["indicator_status"] > 0
    csvs, parquets = csv_tables(tmp_path), parquet_tables(tmp_path)
    assert set(csvs) == set(parquets) == set(TABLES)
    for name in TABLES:
        assert len(csvs[name]) == expected[name], name
        assert len(parquets[name]) == expected[name], name
        assert list(csvs[name].columns) == list(parquets[name].columns), name


def key(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return row[:4]


def test_values_are_exactly_the_stored_ones(world: World, tmp_path: Path) -> None:
    write_bulk(world.engine, tmp_path, NOW)
    stored = sorted((r[:6] for r in stored_observations(world.engine)), key=key)
    assert any(v is None for *_, v, _s in stored)  # a missing value is in the sample
    parquet = parquet_tables(tmp_path)["observation"]
    from_parquet = [
        (r["indicator_id"], r["region_code"], r["period"], r["breakdown"],
         None if pd.isna(r["value"]) else float(r["value"]),
         None if pd.isna(r["status"]) else r["status"])
        for r in parquet.to_dict("records")
    ]  # fmt: skip
    assert sorted(from_parquet, key=key) == stored
    csv = csv_tables(tmp_path)["observation"]
    from_csv = [
        (r["indicator_id"], r["region_code"], r["period"], r["breakdown"],
         float(r["value"]) if r["value"] else None, r["status"] or None)
        for r in csv.to_dict("records")
    ]  # fmt: skip
    assert sorted(from_csv, key=key) == stored
    # A missing value is an empty cell, never a zero.
    missing = csv[csv["status"] == "Saknas"]
    assert not missing.empty and (missing["value"] == "").all()


def test_checksums_readme_and_manifest(world: World, tmp_path: Path) -> None:
    manifest = write_bulk(world.engine, tmp_path, NOW)
    sums = (tmp_path / CHECKSUMS).read_text(encoding="utf-8").splitlines()
    assert len(sums) == 3
    for line in sums:
        digest, name = line.split("  ")
        assert hashlib.sha256((tmp_path / name).read_bytes()).hexdigest() == digest
    readme = (tmp_path / README).read_text(encoding="utf-8")
    for name in TABLES:
        assert f"## {name} (" in readme
    for column in ("`value`", "`breakdown`", "`region_code`", "`rank_of`"):
        assert column in readme
    assert "| `last_error` |" not in readme  # operators' business stays out
    doc = read_manifest(tmp_path)
    assert doc is not None
    assert doc == json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    assert doc["data_version"] == manifest.data_version != ""
    assert [f["name"] for f in doc["files"]] == [CSV_ZIP, PARQUET_ZIP, README]
    assert not list(tmp_path.glob(".*partial"))


def test_json_and_timestamps_come_back_as_stored(world: World, tmp_path: Path) -> None:
    write_bulk(world.engine, tmp_path, NOW)
    with Session(world.engine) as session:
        definitions: dict[str, Any] = {
            i: d for i, d in session.execute(select(IndicatorRow.id, IndicatorRow.definition))
        }
        stamps = [aware(t) for t in session.scalars(select(Observation.fetched_at))]
    fetched = sorted(t for t in stamps if t is not None)
    assert len(fetched) == len(stamps)
    csv = csv_tables(tmp_path)["indicator"]
    assert {r["id"]: json.loads(r["definition"]) for r in csv.to_dict("records")} == definitions
    parquet = parquet_tables(tmp_path)["observation"]
    assert sorted(t.to_pydatetime() for t in parquet["fetched_at"]) == fetched
    assert str(parquet["fetched_at"].dt.tz) == "UTC"
