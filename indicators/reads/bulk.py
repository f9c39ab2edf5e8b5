"""Bulk files: the whole public database as CSV and as Parquet, with a README and checksums.

After every refresh that changed data, the command line calls :func:`write_bulk`, which reads
each public table and writes, into one folder:

- ``levande-stader-csv.zip``: one CSV file per table (UTF-8, comma, header row, text quoted;
  an empty unquoted cell is a missing value; numbers exactly as stored, in their shortest
  round-trip form; written by Arrow, about twenty times faster than pandas);
- ``levande-stader-parquet.zip``: one Parquet file per table, the same rows and columns with
  their types (nullable integers and floats, UTC timestamps);
- ``README.md``: what each table and column means (also inside both zips);
- ``SHA256SUMS``: the checksums of the other files, in the format ``sha256sum -c`` reads;
- ``manifest.json``: the data version, when the files were built, each file's size and
  checksum and each table's row count, for the data page's links.

Each file is written beside its final name and moved into place, so a reader never sees half
a file. Left out are the run log and the refresh lock (operators' business, with error
details) and the map boundaries (served as GeoJSON by ``/geo/``).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
from sqlalchemy import JSON, Boolean, DateTime, Engine, Float, Integer, Select, Table, select

from levande.indicators.reads.cache import data_version
from levande.indicators.store.schema import Base

log = logging.getLogger(__name__)

CSV_ZIP = "levande-stader-csv.zip"
PARQUET_ZIP = "levande-stader-parquet.zip"
README = "README.md"
CHECKSUMS = "SHA256SUMS"
MANIFEST = "manifest.json"

TABLES = (
    "region",
    "municipality_group",
    "municipality_group_member",
    "framework",
    "focus_area",
    "subgoal",
    "indicator",
    "indicator_subgoal",
    "observation",
    "observation_rank",
    "indicator_status",
    "source_state",
    "meta",
    "small_area",
    "area_observation",
)
"""The public tables, in the order the README describes them."""

LEFT_OUT_TABLES = {
    "etl_run": "the run log: operators' business, with error details",
    "etl_run_item": "the run log's steps: operators' business, with tracebacks",
    "etl_lock": "the refresh lock: a moment's state, not data",
    "boundary": "the map boundaries: served as GeoJSON by /geo/",
    "catalogue_document": "the catalogue as one JSON document: the catalogue tables hold it",
    "value_flag": "plausibility flags: operators' review, with their names; the values are in "
    "observation as published",
    "local_dataset": "local data: municipalities' own data, not official statistics, served "
    "with its own rules for withdrawal",
    "local_dataset_version": "local data (see local_dataset)",
    "local_value": "local data (see local_dataset)",
    "local_area": "local data (see local_dataset)",
    "local_audit": "who published or withdrew local data: operators' business",
    "publisher_token": "publishers' token digests: never published",
    "area_source_state": "the small-area load's state per table: operators' business",
    "area_boundary": "the small areas' boundaries: served as GeoJSON by /geo/omraden/",
    "rank_digest": "fingerprints of the stored ranks: the status step's bookkeeping",
}
"""Every other table, and why it is not published: a new table must be placed in one list."""

LEFT_OUT_COLUMNS = {"source_state": ("last_error",)}
"""Columns that are operators' business (error messages may name internal hosts)."""

COLUMN_NOTES = {
    "code": "SCB region code: 00 riket, two digits a county, four a municipality",
    "region_code": "SCB region code (see region.code)",
    "level": "riket, lan (county) or kommun (municipality)",
    "parent_code": "the region's county (for a municipality) or riket",
    "indicator_id": "indicator id, stable (see indicator.id)",
    "focus_area_id": "focus area id, stable (FA01…FA13) or a context group",
    "subgoal_id": "sub-goal id, stable",
    "group_id": "municipality group id (Kolada's)",
    "period": "the period of the value as the source names it: a year (2023) or finer",
    "breakdown": "T total, K women, M men",
    "value": "the value exactly as published; empty where the source published none",
    "status": "the source's symbol for a missing value (e.g. ..), or the series' status",
    "aggregation": "how a value for a county or riket was made (e.g. an unweighted mean)",
    "fetched_at": "when the value was fetched (UTC)",
    "run_id": "the refresh that wrote the value",
    "rank": "position among all regions of the level, 1 best in the indicator's direction",
    "rank_of": "how many regions were ranked",
    "quartile": "1 (best quarter) to 4",
    "definition": "the whole catalogue entry as JSON",
    "source_query": "the source query as JSON",
    "explanation": "how the status was reached, as JSON",
    "previous": "status, rank and value before the latest recompute, as JSON",
    "drift": "changes seen in the source's metadata, as JSON",
    "source_meta": "the source's own metadata, as JSON",
}


@dataclass(frozen=True)
class BulkFile:
    """One file written: its name, size in bytes and SHA-256 checksum (hex)."""

    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class BulkManifest:
    """What :func:`write_bulk` wrote.

    Attributes:
        data_version: the data version the files hold.
        built_at: when they were written.
        files: the zips and the README, with sizes and checksums.
        rows: each table's row count.
    """

    data_version: str
    built_at: datetime
    files: tuple[BulkFile, ...]
    rows: dict[str, int]

    def as_dict(self) -> dict[str, Any]:
        """The manifest as JSON-ready data."""
        return {
            "data_version": self.data_version,
            "built_at": self.built_at.isoformat(),
            "files": [f.__dict__ for f in self.files],
            "rows": self.rows,
        }


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _columns(table: Table) -> list[Any]:
    left_out = LEFT_OUT_COLUMNS.get(table.name, ())
    return [c for c in table.columns if c.name not in left_out]


def _driver_rows(engine: Engine, query: Select[Any]) -> list[tuple[Any, ...]]:
    """The rows of a query as the database driver gives them: plain tuples, no conversion.

    A national database is two million rows; SQLAlchemy's per-row processing (and decoding
    every JSON value only to encode it again) cost more than half of the files' time.
    """
    text = str(query.compile(dialect=engine.dialect))
    with engine.connect() as conn:
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(text)
            return list(cursor.fetchall())
        finally:
            cursor.close()


def _json_text(value: Any) -> str | None:
    """JSON as text: SQLite hands back the stored text, PostgreSQL's driver the parsed value."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def table_frame(engine: Engine, name: str) -> pd.DataFrame:
    """One public table as a frame with nullable types, ordered by its primary key.

    JSON columns become JSON text; timestamps become UTC.
    """
    table = _table(name)
    columns = _columns(table)
    order = list(table.primary_key.columns)
    rows = _driver_rows(engine, select(*columns).order_by(*order))
    frame = pd.DataFrame.from_records(rows, columns=[c.name for c in columns], nrows=len(rows))
    for column in columns:
        series = frame[column.name]
        if isinstance(column.type, JSON):
            frame[column.name] = pd.Series([_json_text(v) for v in series], dtype="string")
        elif isinstance(column.type, Boolean):
            frame[column.name] = series.astype("boolean")
        elif isinstance(column.type, Integer):
            frame[column.name] = series.astype("Int64")
        elif isinstance(column.type, Float):
            frame[column.name] = series.astype("Float64")
        elif isinstance(column.type, DateTime):
            # SQLite's driver gives the stored text (UTC), PostgreSQL's aware datetimes.
            frame[column.name] = pd.to_datetime(series, utc=True, format="ISO8601")
        else:
            frame[column.name] = series.astype("string")
    return frame


def _type_name(column: Any) -> str:
    kind = column.type
    if isinstance(kind, JSON):
        return "JSON text"
    if isinstance(kind, Boolean):
        return "boolean"
    if isinstance(kind, Integer):
        return "integer"
    if isinstance(kind, Float):
        return "number"
    if isinstance(kind, DateTime):
        return "timestamp (UTC, ISO 8601)"
    return "text"


def readme(version: str, rows: dict[str, int]) -> str:
    """The README of the bulk files: the tables, their columns and what the columns mean."""
    lines = [
        "# Levande städer: open data",
        "",
        "The whole public database of the Swedish dashboard for following up the policy for",
        "living and safe cities (Skr. 2024/25:96), as CSV (`levande-stader-csv.zip`) and",
        "Parquet (`levande-stader-parquet.zip`): one file per table, the same rows in both.",
        "",
        f"Data version: {version}",
        "",
        "Values are exactly as the sources (SCB, Kolada) published them; a missing value is an",
        "empty cell (null in Parquet) with the source's symbol in `status`, never a zero.",
        "Identifiers (indicator, focus area, sub-goal and framework ids, SCB region codes) are",
        "stable. CSV: UTF-8, comma-separated, one header row, text in double quotes; an",
        'empty unquoted cell is a missing value, "" an empty text. Check the files with',
        "`sha256sum -c SHA256SUMS`. The same data is served by the API at /api/v1/.",
        "",
    ]
    for name in TABLES:
        table = _table(name)
        model = next(m for m in Base.registry.mappers if m.local_table is table).class_
        summary = (model.__doc__ or "").strip().splitlines()[0]
        lines += [f"## {name} ({rows.get(name, 0)} rows)", "", summary, ""]
        lines += ["| Column | Type | Meaning |", "| --- | --- | --- |"]
        for column in _columns(table):
            note = column.doc or COLUMN_NOTES.get(column.name, "")
            lines.append(f"| `{column.name}` | {_type_name(column)} | {note} |")
        lines.append("")
    lines += ["## Not included", ""]
    lines += [f"- `{name}`: {why}." for name, why in LEFT_OUT_TABLES.items()]
    lines += ["- `source_state.last_error`: operators' business (it may name internal hosts).", ""]
    return "\n".join(lines)


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            sha.update(chunk)
    return sha.hexdigest()


def _move(folder: Path, partial: Path, name: str) -> BulkFile:
    final = folder / name
    os.replace(partial, final)
    return BulkFile(name, final.stat().st_size, _digest(final))


def _place(folder: Path, name: str, text: str) -> BulkFile:
    """Write a text file beside its final name, then move it into place."""
    partial = folder / f".{name}.partial"
    partial.write_text(text, encoding="utf-8")
    return _move(folder, partial, name)


def write_bulk(engine: Engine, folder: Path, now: datetime) -> BulkManifest:
    """Write the bulk files of the database's current data into ``folder``.

    One table at a time goes into both zips, so memory holds one table, not the database.

    Args:
        engine: the database.
        folder: where the files go (made when missing).
        now: the build time recorded in the manifest.

    Returns:
        What was written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    version = data_version(engine)
    csv_partial = folder / f".{CSV_ZIP}.partial"
    parquet_partial = folder / f".{PARQUET_ZIP}.partial"
    rows: dict[str, int] = {}
    with (
        zipfile.ZipFile(csv_partial, "w", compression=zipfile.ZIP_DEFLATED) as csv_zip,
        zipfile.ZipFile(parquet_partial, "w", compression=zipfile.ZIP_STORED) as parquet_zip,
    ):
        for name in TABLES:
            table = pa.Table.from_pandas(table_frame(engine, name), preserve_index=False)
            rows[name] = table.num_rows
            csv_buffer = io.BytesIO()
            pa_csv.write_csv(table, csv_buffer)
            csv_zip.writestr(f"{name}.csv", csv_buffer.getvalue())
            parquet_buffer = io.BytesIO()
            pq.write_table(table, parquet_buffer)
            parquet_zip.writestr(f"{name}.parquet", parquet_buffer.getvalue())
        text = readme(version, rows)
        csv_zip.writestr(README, text)
        parquet_zip.writestr(README, text)
    files = (
        _move(folder, csv_partial, CSV_ZIP),
        _move(folder, parquet_partial, PARQUET_ZIP),
        _place(folder, README, text),
    )
    _place(folder, CHECKSUMS, "".join(f"{f.sha256}  {f.name}\n" for f in files))
    manifest = BulkManifest(version, now, files, rows)
    _place(folder, MANIFEST, json.dumps(manifest.as_dict(), indent=2))
    log.info("bulk files written to %s for data version %s", folder, version)
    return manifest


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """The manifest of the bulk files in ``folder``, or None when none have been built."""
    try:
        doc = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return doc if isinstance(doc, dict) else None
