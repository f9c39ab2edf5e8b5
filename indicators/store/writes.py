"""Writes into the database on behalf of the ETL: observations, regions, boundaries, state.

Every write here is set-based (one executemany per kind of change) and happens inside the
caller's transaction, so a failed indicator leaves the previous data exactly as it was.
"""

from __future__ import annotations

import io
import itertools
import json
import logging
import math
import operator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from json.encoder import encode_basestring_ascii
from typing import Any, cast

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Float,
    Integer,
    String,
    Table,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Session

from levande.indicators.core.clock import now_utc
from levande.indicators.store.schema import (
    Base,
    Boundary,
    Meta,
    MunicipalityGroup,
    MunicipalityGroupMember,
    Observation,
    Region,
    SourceState,
)

log = logging.getLogger(__name__)

DATA_VERSION_KEY = "data_version"


@dataclass(frozen=True)
class ObservationRow:
    """One normalised value ready to load: the natural key, the value and its flags."""

    region_code: str
    period: str
    breakdown: str
    value: float | None
    status: str | None = None
    aggregation: str | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        """The natural key within one indicator."""
        return (self.region_code, self.period, self.breakdown)


@dataclass
class LoadResult:
    """What an upsert did to one indicator's rows."""

    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    new_periods: list[str] = field(default_factory=list)
    skipped_regions: list[str] = field(default_factory=list)

    def as_changes(self) -> dict[str, Any]:
        """The parts worth showing to operators as 'what changed'."""
        return {
            "new_periods": self.new_periods,
            "revised": self.updated,
            "deleted": self.deleted,
            "skipped_regions": self.skipped_regions,
        }


def known_region_codes(session: Session) -> set[str]:
    """The SCB codes of all regions in the database."""
    return set(session.scalars(select(Region.code)))


def _same(a: float | None, b: float | None) -> bool:
    return a == b if a is not None and b is not None else a is None and b is None


@dataclass
class ObservationColumns:
    """Normalised values as parallel columns: what :class:`ObservationRow` holds, per column.

    A page of a million values costs a fraction of the CPU as lists than as one object per
    value, which is why the ETL's sources hand over columns. Row ``i`` is the ``i``-th entry
    of every list.
    """

    region_code: list[str] = field(default_factory=list)
    period: list[str] = field(default_factory=list)
    breakdown: list[str] = field(default_factory=list)
    value: list[float | None] = field(default_factory=list)
    status: list[str | None] = field(default_factory=list)
    aggregation: list[str | None] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.region_code)

    def append(self, row: ObservationRow) -> None:
        """Add one row at the end."""
        self.region_code.append(row.region_code)
        self.period.append(row.period)
        self.breakdown.append(row.breakdown)
        self.value.append(row.value)
        self.status.append(row.status)
        self.aggregation.append(row.aggregation)

    def extend(self, other: ObservationColumns) -> None:
        """Add the rows of ``other`` at the end."""
        self.region_code.extend(other.region_code)
        self.period.extend(other.period)
        self.breakdown.extend(other.breakdown)
        self.value.extend(other.value)
        self.status.extend(other.status)
        self.aggregation.extend(other.aggregation)

    def rows(self) -> list[ObservationRow]:
        """The rows as objects (for tests and small change sets)."""
        return [
            ObservationRow(*values)
            for values in zip(
                self.region_code, self.period, self.breakdown, self.value, self.status,
                self.aggregation, strict=True,
            )
        ]  # fmt: skip

    @classmethod
    def of(cls, rows: Iterable[ObservationRow]) -> ObservationColumns:
        """Columns holding ``rows``, in order."""
        out = cls()
        for row in rows:
            out.append(row)
        return out


OBSERVATION_INSERT_COLUMNS = (
    "indicator_id", "region_code", "period", "breakdown", "value", "status", "aggregation",
    "fetched_at", "run_id",
)  # fmt: skip


@dataclass
class ObservationPlan:
    """What bringing one indicator's observations in line with a source would do.

    Computed from the stored rows without changing any: :func:`upsert_observations` applies
    it, a dry run reports it.

    Attributes:
        result: the counts (inserted, updated, deleted, unchanged), new periods and the
            region codes skipped as unknown.
        inserts: new rows as (region, period, breakdown, value, status, aggregation).
        updates: (stored id, key, value, status, aggregation) of changed rows.
        deletes: (stored id, key) of rows to delete.
        stored: the stored values by (region, period, breakdown) before the change.
    """

    result: LoadResult
    inserts: list[tuple[str, str, str, float | None, str | None, str | None]]
    updates: list[tuple[int, tuple[str, str, str], float | None, str | None, str | None]]
    deletes: list[tuple[int, tuple[str, str, str]]]
    stored: dict[tuple[str, str, str], float | None]

    def values_after(self) -> dict[tuple[str, str, str], float | None]:
        """Every value of the indicator as it would be stored once the plan is applied."""
        after = dict(self.stored)
        for _, key in self.deletes:
            after.pop(key, None)
        for _, key, value, _, _ in self.updates:
            after[key] = value
        for region, period, breakdown, value, _, _ in self.inserts:
            after[(region, period, breakdown)] = value
        return after


def plan_observations(
    session: Session,
    indicator_id: str,
    rows: Iterable[ObservationRow] | ObservationColumns,
    *,
    authoritative: bool,
    deletions: Iterable[tuple[str, str, str]] = (),
    region_codes: set[str] | None = None,
) -> ObservationPlan:
    """What :func:`upsert_observations` would do with ``rows``; reads only.

    Args: as :func:`upsert_observations`.
    """
    result = LoadResult()
    columns = rows if isinstance(rows, ObservationColumns) else ObservationColumns.of(rows)
    deletions = list(deletions)
    if not len(columns) and not deletions and not authoritative:
        return ObservationPlan(result, [], [], [], {})  # an empty change set: nothing to read
    codes = region_codes if region_codes is not None else known_region_codes(session)
    existing: dict[tuple[str, str, str], tuple[int, float | None, str | None, str | None]] = {
        (r.region_code, r.period, r.breakdown): (r.id, r.value, r.status, r.aggregation)
        for r in session.connection().execute(  # Core rows: no ORM loading layer per row
            select(
                Observation.id,
                Observation.region_code,
                Observation.period,
                Observation.breakdown,
                Observation.value,
                Observation.status,
                Observation.aggregation,
            ).where(Observation.indicator_id == indicator_id)
        )
    }
    if not existing and (first := _first_load(columns, codes)) is not None:
        result.inserted = len(first)
        result.new_periods = sorted(set(columns.period))
        return ObservationPlan(result, first, [], [], {})
    known_periods = {key[1] for key in existing}
    inserts: list[tuple[str, str, str, float | None, str | None, str | None]] = []
    updates: list[tuple[int, tuple[str, str, str], float | None, str | None, str | None]] = []
    seen: set[tuple[str, str, str]] = set()
    skipped: set[str] = set()
    new_periods: set[str] = set()
    for region, period, breakdown, value, status, aggregation in zip(
        columns.region_code, columns.period, columns.breakdown, columns.value, columns.status,
        columns.aggregation, strict=True,
    ):  # fmt: skip
        if region not in codes:
            skipped.add(region)
            continue
        key = (region, period, breakdown)
        if key in seen:
            continue
        seen.add(key)
        old = existing.get(key)
        if old is None:
            inserts.append((region, period, breakdown, value, status, aggregation))
            if period not in known_periods:
                new_periods.add(period)
        elif _same(old[1], value) and old[2] == status and old[3] == aggregation:
            result.unchanged += 1
        else:
            updates.append((old[0], key, value, status, aggregation))
    to_delete = {key for key in deletions if key in existing and key not in seen}
    if authoritative:
        to_delete |= set(existing) - seen
    result.inserted = len(inserts)
    result.updated = len(updates)
    result.deleted = len(to_delete)
    result.new_periods = sorted(new_periods)
    result.skipped_regions = sorted(skipped)
    return ObservationPlan(
        result,
        inserts,
        updates,
        [(existing[key][0], key) for key in sorted(to_delete)],
        {key: row[1] for key, row in existing.items()},
    )


def _first_load(
    columns: ObservationColumns, codes: set[str]
) -> list[tuple[str, str, str, float | None, str | None, str | None]] | None:
    """Every row as an insert, when nothing is stored yet and nothing needs the row loop.

    With no stored row, the general plan inserts each row of a known region once. When every
    region is known and no key repeats, that is every row, in order: built in C by ``zip``
    instead of a million turns of the loop. Otherwise None, and the loop decides.
    """
    if not set(columns.region_code) <= codes:
        return None
    keys = set(zip(columns.region_code, columns.period, columns.breakdown, strict=True))
    if len(keys) != len(columns):
        return None
    return list(
        zip(
            columns.region_code, columns.period, columns.breakdown, columns.value,
            columns.status, columns.aggregation, strict=True,
        )
    )  # fmt: skip


def upsert_observations(
    session: Session,
    indicator_id: str,
    rows: Iterable[ObservationRow] | ObservationColumns,
    *,
    run_id: int | None,
    authoritative: bool,
    deletions: Iterable[tuple[str, str, str]] = (),
    region_codes: set[str] | None = None,
) -> LoadResult:
    """Bring one indicator's observations in line with what the source published.

    Args:
        session: an open session; the caller owns the transaction.
        indicator_id: the catalogue id.
        rows: the values as published (a full extract or only the changes), as rows or as
            columns.
        run_id: the ETL run that wrote them.
        authoritative: ``rows`` is everything the source has for this indicator, so stored
            rows missing from it are deleted. False for incremental change sets.
        deletions: keys the source reported as deleted.
        region_codes: known region codes; rows for other codes are skipped and reported.

    Returns:
        Counts of inserted, updated, deleted and unchanged rows, and new periods.
    """
    plan = plan_observations(
        session, indicator_id, rows, authoritative=authoritative, deletions=deletions,
        region_codes=region_codes,
    )  # fmt: skip
    fetched_at = now_utc()
    if plan.inserts:
        # Plain tuples in OBSERVATION_INSERT_COLUMNS order without indicator_id, fetched_at
        # and run_id, which are the same for every row and added by insert_rows.
        insert_rows(
            session.connection(), Observation, OBSERVATION_INSERT_COLUMNS[1:7], plan.inserts,
            constants={"indicator_id": indicator_id, "fetched_at": fetched_at, "run_id": run_id},
        )  # fmt: skip
    if plan.updates:
        session.execute(
            update(Observation),
            [
                {"id": row_id, "value": value, "status": status, "aggregation": aggregation,
                 "fetched_at": fetched_at, "run_id": run_id}
                for row_id, _, value, status, aggregation in plan.updates
            ],
        )  # fmt: skip
    if plan.deletes:
        ids = [row_id for row_id, _ in plan.deletes]
        for start in range(0, len(ids), 500):
            session.execute(delete(Observation).where(Observation.id.in_(ids[start : start + 500])))
    if plan.result.skipped_regions:
        log.warning(
            "%s: skipped values for unknown region codes %s",
            indicator_id,
            plan.result.skipped_regions,
        )
    return plan.result


COPY_THRESHOLD = 500
"""From this many rows on, PostgreSQL gets them through COPY instead of INSERTs."""


def bulk_insert(connection: Connection, model: type[Base], rows: list[dict[str, Any]]) -> None:
    """Insert many rows given as dicts (see :func:`insert_rows`, which this wraps)."""
    if not rows:
        return
    names = list(rows[0])
    insert_rows(connection, model, names, [tuple(row[c] for c in names) for row in rows])


def insert_rows(
    connection: Connection,
    model: type[Base] | Table,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    constants: Mapping[str, Any] | None = None,
    json_text: bool = False,
) -> None:
    """Insert many rows given as plain tuples, with columns every row shares given once.

    PostgreSQL gets large batches through COPY, which streams the rows in the open
    transaction several times faster than INSERTs. SQLite gets one executemany on the driver
    cursor: the statement is compiled once and each value goes through the same type
    conversion SQLAlchemy applies (column by column, and once for the shared ``constants``),
    so what is stored is the same as through ``insert(model)`` while the per-row cost of
    building and processing parameter dicts is gone. Small PostgreSQL batches take
    ``insert(model)``.

    Args:
        connection: the caller's connection; its transaction is used.
        model: the table's mapped class, or the table.
        columns: names of the values in each row, in order.
        rows: the rows, each a sequence of plain Python values (None for NULL).
        constants: column name -> value shared by every row (e.g. the load's timestamp).
        json_text: the values of JSON columns in ``rows`` are already the text
            :func:`json.dumps` gives (see :func:`json_objects`), None where there is no
            document; they are stored as if the documents had been given.
    """
    if not rows:
        return
    shared = dict(constants or {})
    table = model if isinstance(model, Table) else cast(Table, model.__table__)
    names = [*columns, *shared]
    dialect = connection.dialect
    if dialect.name == "postgresql" and len(rows) >= COPY_THRESHOLD:
        _copy_rows(connection, table, columns, rows, shared, json_text=json_text)
    elif dialect.name != "sqlite":
        if json_text:
            as_json = _json_columns(table)
            rows = _parsed_json(rows, [i for i, name in enumerate(columns) if name in as_json])
        connection.execute(
            insert(model), [dict(zip(names, (*row, *shared.values()), strict=True)) for row in rows]
        )
    else:
        _sqlite_rows(connection, table, columns, rows, shared, json_text=json_text)


def _json_columns(table: Table) -> set[str]:
    """The names of the table's JSON columns."""
    return {c.name for c in table.columns if isinstance(c.type, JSON)}


def _copy_rows(
    connection: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    shared: Mapping[str, Any],
    *,
    json_text: bool,
) -> None:
    """:func:`insert_rows` on PostgreSQL: one COPY, as CSV written by Arrow when it can."""
    as_json = _json_columns(table)
    names = [*columns, *shared]
    json_at = [i for i, name in enumerate(names) if name in as_json]
    tail = tuple(json.dumps(v) if k in as_json and v is not None else v for k, v in shared.items())
    driver = connection.connection.driver_connection
    if (not as_json or json_text) and (
        data := _csv_block(table, columns, rows, shared, json_text=json_text)
    ) is not None:
        statement = f"COPY {table.name} ({', '.join(names)}) FROM STDIN WITH (FORMAT csv)"
        with driver.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[union-attr]
            copy.write(data)
        return
    statement = f"COPY {table.name} ({', '.join(names)}) FROM STDIN"
    with driver.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[union-attr]
        write = copy.write_row
        if json_at and not json_text:
            for row in rows:
                values = list(row)
                for i in json_at:
                    if i < len(values) and values[i] is not None:
                        values[i] = json.dumps(values[i])
                write((*values, *tail))
        elif tail:
            for row in rows:
                write((*row, *tail))
        else:
            for row in rows:
                write(row)


def _sqlite_rows(
    connection: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    shared: Mapping[str, Any],
    *,
    json_text: bool,
) -> None:
    """:func:`insert_rows` on SQLite: SQLAlchemy's conversions by column, one executemany."""
    as_json = _json_columns(table)
    names = [*columns, *shared]
    dialect = connection.dialect
    processors = [
        _json_text_processor
        if json_text and name in as_json
        else None
        if _already_floats(table, name, rows, i)
        else _bind_processor(table, name, dialect)
        for i, name in enumerate(columns)
    ]
    tail = tuple(
        v if (p := _bind_processor(table, k, dialect)) is None else p(v) for k, v in shared.items()
    )
    prepared: Iterable[Sequence[Any]]
    if any(p is not None for p in processors):
        # Column by column: each conversion is mapped over a column in C, no frame per row.
        by_column = [
            values if p is None else list(map(p, values))  # None too: JSON stores 'null'
            for values, p in zip(zip(*rows, strict=True), processors, strict=True)
        ]
        repeated = [itertools.repeat(v, len(rows)) for v in tail]
        prepared = zip(*by_column, *repeated, strict=True)
    elif tail and set(map(type, rows)) == {tuple}:
        prepared = map(operator.add, rows, itertools.repeat(tail))  # in C, no frame per row
    elif tail:
        prepared = ((*row, *tail) for row in rows)
    else:
        prepared = rows
    placeholders = ", ".join("?" for _ in names)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        # Table and column names come from the schema, never from input; values are bound.
        statement = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({placeholders})"  # noqa: S608
        cursor.executemany(statement, prepared)
    finally:
        cursor.close()


def _json_text_processor(value: str | None) -> str:
    """What SQLAlchemy's JSON conversion stores for a document given as its text.

    A missing document is stored as the JSON text ``null``, as SQLAlchemy stores None.
    """
    return "null" if value is None else value


def _parsed_json(rows: Sequence[Sequence[Any]], at: Sequence[int]) -> list[tuple[Any, ...]]:
    """Rows with the JSON text at positions ``at`` parsed back into documents."""
    return [
        tuple(json.loads(v) if i in at and v is not None else v for i, v in enumerate(row))
        for row in rows
    ]


def _json_float(value: float) -> str:
    """A float as :func:`json.dumps` writes it (its repr; NaN and infinities by name)."""
    if value != value:
        return "NaN"
    if value in (math.inf, -math.inf):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _json_list(value: list[Any]) -> str:
    """A list as :func:`json.dumps` writes it; a list of strings without a call per item."""
    if all(type(item) is str for item in value):
        return "[" + ", ".join(map(encode_basestring_ascii, value)) + "]"
    return json.dumps(value)


_JSON_SCALARS: dict[type[Any], Any] = {
    str: encode_basestring_ascii,
    float: _json_float,
    int: int.__repr__,
    bool: lambda value: "true" if value else "false",
    type(None): lambda _value: "null",
    list: _json_list,
}


def json_values(values: Iterable[Any]) -> list[str]:
    """Each value as the text :func:`json.dumps` gives for it, with its default settings.

    Strings, floats, ints, booleans, None and lists of strings are written by the same C
    routines :func:`json.dumps` uses, without its per-call set-up; anything else is passed
    to :func:`json.dumps` itself.
    """
    values = list(values)
    kinds = set(map(type, values))
    if kinds <= {float, type(None)}:  # the common numeric column: repr in C, names fixed after
        texts = ["null" if value is None else float.__repr__(value) for value in values]
        return (
            list(map(_NON_FINITE.get, texts, texts)) if _NON_FINITE.keys() & set(texts) else texts
        )
    table = _JSON_SCALARS
    return [
        table[kind](value) if (kind := type(value)) in table else json.dumps(value)
        for value in values
    ]


_NON_FINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}
"""float's repr of the non-finite values and how :func:`json.dumps` writes them instead."""


def json_objects(names: Sequence[str], columns: Sequence[Sequence[Any]]) -> list[str]:
    """For each row, the text :func:`json.dumps` gives for ``dict(zip(names, row))``.

    Built column by column: each column's values are written once and every row's text is
    put together by one ``str.format`` in C. A status step writes about 60,000 documents of
    a dozen fields, which :func:`json.dumps` one dict at a time spends about a second on.

    Args:
        names: the keys, in order (without duplicates).
        columns: one sequence of values per key, all of the same length.
    """
    if len(set(names)) != len(names):
        raise ValueError("json_objects needs distinct names")
    if not names:
        return ["{}"] * (len(columns[0]) if columns else 0)
    template = (
        "{{"
        + ", ".join(
            json.dumps(name).replace("{", "{{").replace("}", "}}") + f": {{{k}}}"
            for k, name in enumerate(names)
        )
        + "}}"
    )
    return list(map(template.format, *(json_values(column) for column in columns)))


_ARROW_TYPES: dict[type[Any], Any] = {
    String: pa.string(),
    Float: pa.float64(),
    Integer: pa.int64(),
    Boolean: pa.bool_(),
}


def _csv_block(
    table: Table,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    shared: Mapping[str, Any],
    *,
    json_text: bool = False,
) -> bytes | None:
    """The rows as one CSV block for COPY, written column by column by Arrow; or None.

    Writing a million rows one ``write_row`` at a time costs seconds of Python; Arrow writes
    the same columns in C. Strings are always quoted and NULLs left empty and unquoted, which
    is how PostgreSQL's CSV format tells them apart; doubles are written in their shortest
    round-trip form, so PostgreSQL reads back the very same float. Anything outside these
    plain types (or a non-finite float, or a value of another type) returns None and the
    rows go through ``write_row`` instead. With ``json_text``, JSON columns hold their
    documents' text and are written as strings; booleans are written as true and false.
    """
    kinds = [
        String if json_text and isinstance(table.columns[name].type, JSON) else
        type(table.columns[name].type)
        for name in columns
    ]  # fmt: skip
    if any(kind not in _ARROW_TYPES for kind in kinds):
        return None
    n = len(rows)
    repeat = pa.array(np.zeros(n, dtype=np.int64))
    constants: dict[str, Any] = {}
    for name, value in shared.items():
        if isinstance(value, datetime) and value.tzinfo is not None:
            one = pa.array([value.isoformat()], pa.string())
        elif type(value) in (str, int, float, type(None)) and (
            type(table.columns[name].type) in _ARROW_TYPES
        ):
            one = pa.array([value], _ARROW_TYPES[type(table.columns[name].type)])
        else:
            return None
        constants[name] = one.take(repeat)
    columns_of_rows = list(zip(*rows, strict=True))
    try:
        arrays = [
            pa.array(values, _ARROW_TYPES[kind])
            for values, kind in zip(columns_of_rows, kinds, strict=True)
        ]
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        return None
    none = type(None)
    for array, values in zip(arrays, columns_of_rows, strict=True):
        found = set(map(type, values))
        if pa.types.is_floating(array.type):
            if not found <= {float, int, none} or pc.all(pc.is_finite(array)).as_py() is False:
                return None
        elif pa.types.is_integer(array.type):
            if not found <= {int, none}:
                return None
        elif not found <= ({bool, none} if pa.types.is_boolean(array.type) else {str, none}):
            return None
    block = pa.table(arrays + list(constants.values()), names=[*columns, *constants])
    buffer = io.BytesIO()
    pa_csv.write_csv(block, buffer, pa_csv.WriteOptions(include_header=False))
    return buffer.getvalue()


def _already_floats(table: Table, name: str, rows: Sequence[Sequence[Any]], at: int) -> bool:
    """True when column ``name`` is a plain Float and every value in it is a float or None.

    SQLAlchemy's bind conversion for such a column is ``float(value)``, which returns such a
    value unchanged: checking the types once, in C, spares a Python call per row.
    """
    kind = table.columns[name].type
    if not isinstance(kind, Float) or kind.asdecimal:
        return False
    return set(map(type, map(operator.itemgetter(at), rows))) <= {float, type(None)}


def _bind_processor(table: Table, name: str, dialect: Any) -> Any:
    """SQLAlchemy's conversion of a Python value for ``name`` on ``dialect``, or None."""
    return table.columns[name].type.dialect_impl(dialect).bind_processor(dialect)


def bump_data_version(session: Session) -> str:
    """Record that the data changed, so caches keyed by the version are invalidated."""
    version = now_utc().isoformat()
    row = session.get(Meta, DATA_VERSION_KEY)
    if row is None:
        session.add(Meta(key=DATA_VERSION_KEY, value=version))
    else:
        row.value = version
    return version


@dataclass(frozen=True)
class RegionRecord:
    """A region to store: SCB code, names and links."""

    code: str
    name: str
    level: str
    parent_code: str | None = None
    kolada_id: str | None = None
    kolada_group_id: str | None = None
    skr_group_id: str | None = None


@dataclass(frozen=True)
class GroupRecord:
    """A municipality group to store, with its members' SCB codes."""

    id: str
    title: str
    kind: str
    short_code: str | None
    members: Sequence[str]


def replace_regions(
    session: Session, regions: Sequence[RegionRecord], groups: Sequence[GroupRecord]
) -> dict[str, int]:
    """Upsert regions and groups; groups' memberships are replaced wholesale.

    Regions are never deleted (observations refer to them); a region no longer listed keeps
    its row. Returns counts of regions added and changed and groups stored.
    """
    counts = {"regions_added": 0, "regions_changed": 0, "groups": len(groups)}
    stamp = now_utc()
    current = {r.code: r for r in session.scalars(select(Region))}
    for group in groups:
        group_row = session.get(MunicipalityGroup, group.id)
        if group_row is None:
            session.add(
                MunicipalityGroup(
                    id=group.id, title=group.title, kind=group.kind, short_code=group.short_code
                )
            )
        else:
            group_row.title, group_row.kind = group.title, group.kind
            group_row.short_code = group.short_code
    session.flush()
    # Parents first so the self-reference is satisfied.
    order = {"riket": 0, "lan": 1, "kommun": 2}
    for rec in sorted(regions, key=lambda r: order[r.level]):
        values = {
            "name": rec.name,
            "level": rec.level,
            "parent_code": rec.parent_code,
            "kolada_id": rec.kolada_id,
            "kolada_group_id": rec.kolada_group_id,
            "skr_group_id": rec.skr_group_id,
        }
        row = current.get(rec.code)
        if row is None:
            session.add(Region(code=rec.code, updated_at=stamp, **values))
            counts["regions_added"] += 1
        elif any(getattr(row, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(row, key, value)
            row.updated_at = stamp
            counts["regions_changed"] += 1
        session.flush()
    group_ids = [g.id for g in groups]
    if group_ids:
        session.execute(
            delete(MunicipalityGroupMember).where(MunicipalityGroupMember.group_id.in_(group_ids))
        )
    region_codes = {r.code for r in regions} | set(current)
    members = [
        {"group_id": g.id, "region_code": code}
        for g in groups
        for code in dict.fromkeys(g.members)
        if code in region_codes
    ]
    if members:
        session.execute(insert(MunicipalityGroupMember), members)
    return counts


def save_boundary(
    session: Session, level: str, feature_collection: Mapping[str, Any], source_url: str
) -> None:
    """Store one level's simplified boundaries (replacing the previous ones)."""
    text = json.dumps(feature_collection, ensure_ascii=False, separators=(",", ":"))
    row = session.get(Boundary, level)
    count = len(feature_collection.get("features", []))
    if row is None:
        session.add(
            Boundary(
                level=level,
                geojson=text,
                feature_count=count,
                source_url=source_url,
                fetched_at=now_utc(),
            )
        )
    else:
        row.geojson, row.feature_count = text, count
        row.source_url, row.fetched_at = source_url, now_utc()


def source_state(session: Session, indicator_id: str) -> SourceState:
    """The indicator's source-state row, created empty when missing."""
    row = session.get(SourceState, indicator_id)
    if row is None:
        row = SourceState(indicator_id=indicator_id)
        session.add(row)
    return row
