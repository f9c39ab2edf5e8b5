"""The status step: compute statuses and positions from the stored observations and keep them.

Runs at the end of every ETL run and on ``levande status recompute``. The dashboard reads
what this step stored; nothing is recomputed per request. The previous status, rank and
value of each series are kept beside the new ones so the product can show what changed.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Executable,
    Float,
    MetaData,
    Select,
    String,
    Table,
    bindparam,
    delete,
    func,
    select,
    type_coerce,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from levande.indicators.core.catalogue import Catalogue, Indicator
from levande.indicators.core.clock import now_utc
from levande.indicators.core.ranking import rank_frame
from levande.indicators.core.status import compute_statuses
from levande.indicators.store.schema import (
    IndicatorRow,
    IndicatorStatus,
    Observation,
    ObservationRank,
    RankDigest,
    Region,
    ValueFlag,
)
from levande.indicators.store.writes import bump_data_version, insert_rows, json_objects

log = logging.getLogger(__name__)

EXPLANATION_FIELDS = (
    "computed_status", "kind", "target_value", "target_year", "observed_cagr", "required_cagr",
    "threshold_substantial", "threshold_moderate", "threshold_limited", "n_points",
    "flip_share", "method_version",
)  # fmt: skip


RANK_TABLE_COLUMNS = ("indicator_id", "period", "breakdown", "region_code", "rank", "rank_of",
                      "quartile")  # fmt: skip


@dataclass
class RecomputeReport:
    """How many series, ranks and changes the step produced, and how many ranks it wrote."""

    series: int = 0
    ranks: int = 0
    changed: int = 0
    ranks_written: int = 0
    """Rank rows written: only indicators whose ranks differ from the stored ones are rewritten."""


STATUS_FRAME_COLUMNS = (
    "indicator_id", "region_code", "breakdown", "status", "score", "manual", "reason",
    "base_period", "base_value", "latest_period", "latest_value",
)  # fmt: skip


def _columns(frame: pd.DataFrame, names: Sequence[str]) -> list[list[Any]]:
    """Columns as lists of plain Python values with every missing value as None.

    Column-wise conversion is an order of magnitude faster than per-cell cleaning and gives
    the database drivers plain ints, floats and strings.
    """
    out = []
    for name in names:
        column = frame[name]
        values = column.astype(object).where(column.notna(), None).tolist()
        if any(hasattr(kind, "item") for kind in set(map(type, values))):  # numpy scalars
            values = [v.item() if hasattr(v, "item") else v for v in values]
        out.append(values)
    return out


def load_observations(conn: Connection, indicator_ids: Sequence[str] | None) -> pd.DataFrame:
    """Observations of the given (or all active) indicators with each region's level.

    A value with an open plausibility flag (not accepted, not revised) is left out: the
    status method ignores it until an operator accepts it or the source revises it.

    The observations are read with a plain indexed select; the region levels, the active
    indicators and the open flags are small and are matched in pandas. Joining them in SQL
    (a correlated NOT EXISTS per value) cost more than reading the values themselves.
    """
    active = set(
        conn.execute(select(IndicatorRow.id).where(IndicatorRow.active.is_(True))).scalars()
    )
    ids = sorted(active if indicator_ids is None else active.intersection(indicator_ids))
    columns = ["indicator_id", "region_code", "period", "breakdown", "value"]
    if not ids:
        return pd.DataFrame(columns=[*columns, "level"])
    query = select(
        Observation.indicator_id,
        Observation.region_code,
        Observation.period,
        Observation.breakdown,
        Observation.value,
    )
    if indicator_ids is not None:
        # Without a filter the table is read front to back, cheaper per value than an index
        # search; inactive indicators' values are dropped below.
        query = query.where(Observation.indicator_id.in_(ids))
    frame = _read_frame(conn, query, columns)
    levels = {code: level for code, level in conn.execute(select(Region.code, Region.level))}
    # Each distinct code is looked up once: a map over a million text values goes value by
    # value.
    codes, regions = pd.factorize(frame["region_code"], use_na_sentinel=False)
    frame["level"] = pd.Series(regions).map(levels).take(codes).set_axis(frame.index)
    keep = frame["level"].notna()
    if indicator_ids is None:
        keep &= frame["indicator_id"].isin(ids)
    open_flags = conn.execute(
        select(ValueFlag.indicator_id, ValueFlag.region_code, ValueFlag.period, ValueFlag.breakdown)
        .where(
            ValueFlag.indicator_id.in_(ids),
            ValueFlag.accepted_at.is_(None),
            ValueFlag.resolved_at.is_(None),
        )
        .distinct()
    ).all()
    if open_flags:
        flags = pd.DataFrame([tuple(f) for f in open_flags], columns=columns[:4])
        # Compare whole keys only where indicator and region can match: flags are few.
        near = frame["indicator_id"].isin(flags["indicator_id"]) & frame["region_code"].isin(
            flags["region_code"]
        )
        candidates = frame.loc[near, columns[:4]]
        flagged = pd.MultiIndex.from_frame(candidates).isin(pd.MultiIndex.from_frame(flags))
        keep.loc[candidates.index[flagged]] = False
    if not keep.all():
        frame = frame[keep.to_numpy()].reset_index(drop=True)
    return frame


def _read_frame(
    conn: Connection, query: Select[*tuple[Any, ...]], columns: list[str]
) -> pd.DataFrame:
    """The query's rows as a frame, read column-wise where the database allows it.

    PostgreSQL sends the rows through ``COPY ... TO STDOUT`` as CSV, which Arrow parses in
    C, without a Python object per value. SQLite reads the driver's tuples (see
    :func:`_tuple_frame`).

    Args:
        conn: the connection.
        query: a select of text and float columns only.
        columns: the frame's column names, one per selected column.
    """
    kinds = [_column_kind(c) for c in query.selected_columns]
    if conn.dialect.name == "postgresql" and None not in kinds:
        return _copy_frame(conn, query, columns, kinds)
    return _tuple_frame(conn, query, columns)


def _column_kind(column: Any) -> Any:
    """The Arrow type a selected text or float column is read as; None for any other type."""
    kind = getattr(column, "type", None)
    if isinstance(kind, Float) and not kind.asdecimal:
        return pa.float64()
    return pa.string() if isinstance(kind, String) else None


def _copy_frame(
    conn: Connection, query: Select[*tuple[Any, ...]], columns: list[str], kinds: list[Any]
) -> pd.DataFrame:
    """A PostgreSQL query's rows through ``COPY (query) TO STDOUT`` as CSV, parsed by Arrow.

    ``extra_float_digits`` 3 makes the server write each double in its shortest form that
    reads back as the same double (whatever the session's setting), and Arrow's parser
    rounds correctly, so every value arrives bit for bit. NULL is an empty unquoted field:
    missing in a float column, never read as zero; an empty string is quoted and stays "".
    """
    sql = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    driver = conn.connection.driver_connection
    buffer = io.BytesIO()
    with driver.cursor() as cursor:  # type: ignore[union-attr]
        setting = cursor.execute("SHOW extra_float_digits").fetchone()[0]
        cursor.execute("SET extra_float_digits = 3")
        try:
            with cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)") as copy:
                for block in copy:
                    buffer.write(block)
        finally:
            cursor.execute("SELECT set_config('extra_float_digits', %s, false)", (setting,))
    if not buffer.getbuffer().nbytes:
        return pd.DataFrame(columns=columns)
    table = pa_csv.read_csv(
        io.BytesIO(buffer.getbuffer()),
        read_options=pa_csv.ReadOptions(column_names=columns),
        parse_options=pa_csv.ParseOptions(newlines_in_values=True),
        convert_options=pa_csv.ConvertOptions(
            column_types=dict(zip(columns, kinds, strict=True)),
            null_values=[""],
            quoted_strings_can_be_null=False,
        ),
    )
    frame: pd.DataFrame = table.to_pandas()
    return frame


def _tuple_frame(conn: Connection, query: Executable, columns: list[str]) -> pd.DataFrame:
    """The query's rows as a frame from the driver's plain tuples, a batch at a time.

    The selected types need no result conversion, and a row object per value would cost
    more than the whole status computation. Batches keep only a part of the rows as Python
    objects at any time.
    """
    result = conn.execute(query)
    cursor = result.cursor
    parts = []
    while cursor is not None and (rows := cursor.fetchmany(FETCH_BATCH)):
        parts.append(pd.DataFrame(rows, columns=columns))
    result.close()
    if not parts:
        return pd.DataFrame(columns=columns)
    return parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)


FETCH_BATCH = 200_000
"""Values turned into a frame at a time when the status step reads observations."""

CHUNK = 10
"""Indicators computed and written together: bounds memory at national size."""


def recompute_statuses(
    engine: Engine,
    catalogue: Catalogue,
    indicator_ids: Sequence[str] | None = None,
    *,
    chunk_size: int = CHUNK,
) -> RecomputeReport:
    """Compute and store the status of every series and the rank of every value.

    Indicators are handled a few at a time inside one transaction, so readers see the old or
    the new results, never a mix, and memory stays bounded.

    Args:
        engine: the database.
        catalogue: directions, targets, manual statuses and the method settings.
        indicator_ids: only these indicators; default all in the catalogue.
        chunk_size: indicators computed and written together.
    """
    chosen = None if indicator_ids is None else set(indicator_ids)
    wanted = [i for i in catalogue.indicators if chosen is None or i.id in chosen]
    report = RecomputeReport()
    stamp = now_utc()
    with engine.begin() as conn:
        every = indicator_ids is None
        stored = _stored_ranks(conn, [i.id for i in wanted])
        for chunk, observations in _chunks(conn, wanted, chunk_size, every=every):
            _recompute_chunk(conn, chunk, observations, catalogue, report, stamp, stored)
        with Session(bind=conn) as session:
            bump_data_version(session)
            session.flush()
    log.info(
        "statuses recomputed: %d series, %d ranks (%d rewritten), %d changed",
        report.series,
        report.ranks,
        report.ranks_written,
        report.changed,
    )
    return report


def _chunks(
    conn: Connection, wanted: list[Indicator], size: int, *, every: bool
) -> Iterator[tuple[list[Indicator], pd.DataFrame]]:
    """The indicators a few at a time, each group with its observations.

    For a recompute of every indicator the observations are read in one pass over the table
    (about 80 MB as a frame at national size, 20 years) and split by indicator; reading them
    per group through the index cost about 40 % more. A recompute of some indicators reads
    each group's observations through the index.
    """
    groups = [wanted[start : start + size] for start in range(0, len(wanted), size)]
    if not every:
        for group in groups:
            yield group, load_observations(conn, [i.id for i in group])
        return
    everything = load_observations(conn, None)
    if len(groups) == 1:
        yield groups[0], everything
        return
    positions = everything.groupby("indicator_id", sort=False).indices
    for group in groups:
        found = [positions[i.id] for i in group if i.id in positions]
        rows = np.sort(np.concatenate(found)) if found else np.array([], dtype=np.int64)
        yield group, everything.take(rows).reset_index(drop=True)


def _recompute_chunk(
    conn: Connection,
    wanted: list[Indicator],
    observations: pd.DataFrame,
    catalogue: Catalogue,
    report: RecomputeReport,
    stamp: datetime,
    stored: StoredRanks,
) -> None:
    ids = [i.id for i in wanted]
    statuses = compute_statuses(observations, wanted, catalogue.method)
    ranked = rank_frame(observations, {i.id: i.direction for i in wanted})
    ranked = ranked[ranked["rank"].notna()]
    report.series += len(statuses)
    report.ranks += len(ranked)
    ranks = _latest_ranks(statuses, ranked)
    previous = _previous_statuses(conn, ids)
    columns = _columns(statuses, [*STATUS_FRAME_COLUMNS, *EXPLANATION_FIELDS])
    # columns follow STATUS_FRAME_COLUMNS: indicator_id, region_code, breakdown, status, score,
    # manual, reason, base_period, base_value, latest_period, latest_value; then the
    # explanation's fields.
    row_columns = columns[: len(STATUS_FRAME_COLUMNS)]
    row_columns[5] = list(map(bool, row_columns[5]))
    explanations = json_objects(EXPLANATION_FIELDS, columns[len(STATUS_FRAME_COLUMNS) :])
    befores, changed = _previous_texts(previous, row_columns, ranks[0])
    report.changed += changed
    records = list(zip(*row_columns, *ranks, explanations, befores, strict=True))
    if conn.dialect.name == "postgresql" and previous:
        _update_statuses(conn, ids, records, previous, stamp)
    else:
        conn.execute(delete(IndicatorStatus).where(IndicatorStatus.indicator_id.in_(ids)))
        insert_rows(
            conn, IndicatorStatus, STATUS_TABLE_COLUMNS, records,
            constants={"computed_at": stamp}, json_text=True,
        )  # fmt: skip
    _store_ranks(conn, ids, ranked, report, stored)


_STAGING = "indicator_status_new"
"""The temporary table new status rows are copied into on PostgreSQL before they replace the old."""


def _update_statuses(
    conn: Connection,
    ids: Sequence[str],
    records: list[tuple[Any, ...]],
    previous: dict[tuple[str, ...], Any],
    stamp: datetime,
) -> None:
    """Replace the indicators' stored status rows in place on PostgreSQL.

    The rows of series already stored are copied into a temporary table and the stored rows
    updated from it; rows of new series are inserted and rows of series that are gone
    deleted. Deleting every row and inserting it again stores the same rows, but the server
    then checks both foreign keys of each inserted row (locking the indicator and region
    rows it points to), about half of the cost of writing the 60,000 rows; an update that
    keeps the keys skips those checks.

    Args:
        conn: the connection.
        ids: the group's indicators.
        records: the new rows in :data:`STATUS_TABLE_COLUMNS` order.
        previous: the stored rows of these indicators, by key (:func:`_previous_statuses`).
        stamp: when the rows were computed.
    """
    table = cast(Table, IndicatorStatus.__table__)
    kept = [r for r in records if r[:3] in previous]
    added = [r for r in records if r[:3] not in previous]
    gone = set(previous) - {r[:3] for r in records}
    if gone:
        conn.execute(
            delete(IndicatorStatus).where(
                IndicatorStatus.indicator_id == bindparam("i"),
                IndicatorStatus.region_code == bindparam("r"),
                IndicatorStatus.breakdown == bindparam("b"),
            ),
            [{"i": i, "r": r, "b": b} for i, r, b in sorted(gone)],
        )
    if kept:
        staging = Table(_STAGING, MetaData(), *(Column(c.name, c.type) for c in table.columns))
        values = [c.name for c in table.columns if c.name not in KEY_NAMES]
        match = " AND ".join(f"s.{c} = n.{c}" for c in KEY_NAMES)
        conn.execute(
            sql_text(f"CREATE TEMPORARY TABLE {_STAGING} (LIKE {table.name}) ON COMMIT DROP")
        )
        insert_rows(
            conn, staging, STATUS_TABLE_COLUMNS, kept, constants={"computed_at": stamp},
            json_text=True,
        )  # fmt: skip
        # Table and column names come from the schema; the indicator ids are bound. The
        # condition on the ids lets the server reach the group's rows through the key.
        update = sql_text(
            f"UPDATE {table.name} s SET ({', '.join(values)}) = "  # noqa: S608
            f"({', '.join('n.' + c for c in values)}) FROM {_STAGING} n "
            f"WHERE s.indicator_id IN :ids AND {match}"
        ).bindparams(bindparam("ids", expanding=True))
        conn.execute(update, {"ids": list(ids)})
        conn.execute(sql_text(f"DROP TABLE {_STAGING}"))
    insert_rows(
        conn, IndicatorStatus, STATUS_TABLE_COLUMNS, added, constants={"computed_at": stamp},
        json_text=True,
    )  # fmt: skip


KEY_NAMES = ("indicator_id", "region_code", "breakdown")
"""The key of a status row: one series."""


def rank_digests(ranked: pd.DataFrame, ids: Sequence[str]) -> dict[str, tuple[str, int]]:
    """Each indicator's fingerprint of its rank rows and their number.

    The fingerprint does not depend on the order of the rows: each row (period, breakdown,
    region, rank, rank_of and quartile) is hashed to 64 bits with pandas' fixed-key hash, an
    indicator's row hashes are sorted and the sorted array is hashed with BLAKE2b. An indicator
    without ranked values gets the fingerprint of no rows.

    Args:
        ranked: the ranked values, with the columns of :data:`RANK_TABLE_COLUMNS`.
        ids: the indicators to fingerprint.
    """
    # The indicator is the group, so each row's hash covers the rest of its key and values.
    row_hashes = pd.util.hash_pandas_object(
        ranked[list(RANK_TABLE_COLUMNS[1:])], index=False
    ).to_numpy()
    codes, owners = pd.factorize(ranked["indicator_id"])
    order = np.lexsort((row_hashes, codes))
    bounds = np.searchsorted(codes[order], np.arange(len(owners) + 1))
    sorted_hashes = row_hashes[order]
    out = {i: (_digest(np.array([], dtype=np.uint64)), 0) for i in ids}
    for k, owner in enumerate(owners):
        start, end = int(bounds[k]), int(bounds[k + 1])
        out[str(owner)] = (_digest(sorted_hashes[start:end]), end - start)
    return out


def _digest(sorted_hashes: np.ndarray[Any, Any]) -> str:
    """BLAKE2b of sorted 64-bit row hashes, written little-endian on every machine."""
    return hashlib.blake2b(sorted_hashes.astype("<u8").tobytes(), digest_size=32).hexdigest()


StoredRanks = tuple[dict[str, tuple[str, int]], dict[str, int]]
"""Each indicator's stored rank fingerprint and row count, and its rank rows in the table."""


def _stored_ranks(conn: Connection, ids: Sequence[str]) -> StoredRanks:
    """The fingerprints kept with the indicators' ranks and how many rank rows each has.

    Read once for the whole recompute: each group of indicators only rewrites its own
    ranks, so what a later group finds is what was there at the start. One count over the
    rank table costs about what one group's count did, since PostgreSQL scans the table for
    either.
    """
    stored = {
        row.indicator_id: (row.digest, row.rows)
        for row in conn.execute(
            select(RankDigest.indicator_id, RankDigest.digest, RankDigest.rows).where(
                RankDigest.indicator_id.in_(list(ids))
            )
        )
    }
    counts: dict[str, int] = {
        indicator_id: count
        for indicator_id, count in conn.execute(
            select(ObservationRank.indicator_id, func.count())
            .where(ObservationRank.indicator_id.in_(list(ids)))
            .group_by(ObservationRank.indicator_id)
        )
    }
    return stored, counts


def _store_ranks(
    conn: Connection,
    ids: Sequence[str],
    ranked: pd.DataFrame,
    report: RecomputeReport,
    state: StoredRanks,
) -> None:
    """Replace the ranks of the indicators whose ranks changed; keep the others' rows.

    An indicator's stored ranks are kept when the fingerprint of the new ranks equals the one
    stored with them and the table still holds as many of its rows as were written. Ranks
    depend only on values and direction, so a recompute after a change of the status method
    (or a refresh that changed a few indicators) rewrites only what changed instead of about
    a million rows.

    Args:
        conn: the connection.
        ids: the group's indicators.
        ranked: their ranked values.
        report: counts what was written.
        state: :func:`_stored_ranks` for (at least) these indicators.
    """
    new = rank_digests(ranked, ids)
    stored, counts = state
    changed = [i for i in ids if stored.get(i) != new[i] or counts.get(i, 0) != new[i][1]]
    if not changed:
        return
    conn.execute(delete(ObservationRank).where(ObservationRank.indicator_id.in_(changed)))
    rows = ranked[ranked["indicator_id"].isin(changed)] if len(changed) < len(ids) else ranked
    insert_rows(conn, ObservationRank, RANK_TABLE_COLUMNS, _rank_rows(rows))
    conn.execute(delete(RankDigest).where(RankDigest.indicator_id.in_(changed)))
    insert_rows(
        conn, RankDigest, ("indicator_id", "digest", "rows"),
        [(i, *new[i]) for i in changed],
    )  # fmt: skip
    report.ranks_written += len(rows)


STATUS_TABLE_COLUMNS = (
    *STATUS_FRAME_COLUMNS, "rank", "rank_of", "quartile", "explanation", "previous",
)  # fmt: skip
"""The columns of each status row written; ``computed_at`` is given once for all."""


def _int_list(column: pd.Series) -> list[int | None]:
    """A nullable integer column as Python ints, None where missing."""
    missing = column.isna().to_numpy()
    numbers = column.fillna(0).to_numpy(dtype="int64").tolist()
    if not missing.any():
        return numbers
    return [None if m else n for n, m in zip(numbers, missing.tolist(), strict=True)]


def _rank_rows(ranked: pd.DataFrame) -> list[tuple[Any, ...]]:
    """The ranked values as plain tuples in :data:`RANK_TABLE_COLUMNS` order."""
    return list(
        zip(
            *(ranked[c].astype(object).tolist() for c in RANK_TABLE_COLUMNS[:4]),
            *(_int_list(ranked[c]) for c in RANK_TABLE_COLUMNS[4:]),
            strict=True,
        )
    )


def _latest_ranks(
    statuses: pd.DataFrame, ranked: pd.DataFrame
) -> tuple[list[int | None], list[int | None], list[int | None]]:
    """Each series' rank, rank_of and quartile in its latest period, aligned with ``statuses``.

    A series without a ranked value in its latest period (or without a latest period) gets
    (None, None, None).
    """
    keys = ["indicator_id", "region_code", "breakdown"]
    # Only values of a period that is some series' latest can match: most years drop out
    # before the (costlier) merge on object columns.
    latest = ranked["period"].isin(statuses["latest_period"].dropna().unique())
    right = ranked.loc[latest, [*keys, "period", "rank", "rank_of", "quartile"]].rename(
        columns={"period": "latest_period"}
    )
    left = statuses[[*keys, "latest_period"]].astype(object)
    right = right.astype({c: object for c in [*keys, "latest_period"]})
    merged = left.merge(right, how="left", on=[*keys, "latest_period"], sort=False)
    if len(merged) != len(statuses):  # pragma: no cover - keys are unique in both frames
        raise RuntimeError("a series matched more than one ranked value")
    return _int_list(merged["rank"]), _int_list(merged["rank_of"]), _int_list(merged["quartile"])


PreviousStatus = tuple[str, int | None, int | None, str | None, float | None, datetime | None]
"""A stored series' status, rank, quartile, latest period and value, and when it was computed."""


def _previous_statuses(conn: Connection, ids: Sequence[str]) -> dict[tuple[str, ...], Any]:
    """The stored status of each series of these indicators, by (indicator, region, breakdown).

    Read as the driver's plain tuples. ``computed_at`` goes through the column's own
    conversion once per distinct stored value: a recompute stamps all its rows alike.
    """
    column = IndicatorStatus.__table__.c.computed_at
    convert = column.type.dialect_impl(conn.dialect).result_processor(conn.dialect, None)
    result = conn.execute(
        select(
            IndicatorStatus.indicator_id,
            IndicatorStatus.region_code,
            IndicatorStatus.breakdown,
            IndicatorStatus.status,
            IndicatorStatus.rank,
            IndicatorStatus.quartile,
            IndicatorStatus.latest_period,
            IndicatorStatus.latest_value,
            type_coerce(IndicatorStatus.computed_at, String),
        ).where(IndicatorStatus.indicator_id.in_(list(ids)))
    )
    rows = result.all()
    stamps = {raw: raw if convert is None else convert(raw) for raw in {r[8] for r in rows}}
    return {(r[0], r[1], r[2]): (*r[3:8], stamps[r[8]]) for r in rows}


def _previous(
    old: PreviousStatus | None,
    status: str,
    rank: int | None,
    latest_period: str | None,
    latest_value: float | None,
) -> dict[str, Any] | None:
    """What the series looked like before, and which of status, rank and value changed.

    The quartile among peers is kept beside them, so a feed can tell a place it moved. This
    is the readable one-series form: :func:`_previous_texts` writes the same document for
    every series at once, as JSON text (a test compares the two).
    """
    if old is None:
        return None
    old_status, old_rank, old_quartile, old_period, old_value, old_computed_at = old
    changed = []
    if old_status != status:
        changed.append("status")
    if old_rank != rank:
        changed.append("rank")
    if old_period != latest_period:
        changed.append("period")
    elif old_value != latest_value:
        changed.append("value")
    return {
        "status": old_status,
        "rank": old_rank,
        "quartile": old_quartile,
        "latest_period": old_period,
        "latest_value": old_value,
        "computed_at": old_computed_at.isoformat() if old_computed_at else None,
        "changed": changed,
    }


_PREVIOUS_FIELDS = ("status", "rank", "quartile", "latest_period", "latest_value", "computed_at",
                    "changed")  # fmt: skip


def _previous_texts(
    previous: dict[tuple[str, ...], Any], rows: list[list[Any]], ranks: list[int | None]
) -> tuple[list[str | None], int]:
    """Each series' :func:`_previous` document as JSON text (None without a stored status).

    Written column by column with :func:`json_objects`; the text is what :func:`json.dumps`
    gives for :func:`_previous`' dict. Also returns how many series changed.

    Args:
        previous: :func:`_previous_statuses`' stored statuses.
        rows: the new status rows' columns in :data:`STATUS_FRAME_COLUMNS` order.
        ranks: each series' new rank in its latest period.
    """
    olds: list[Any] = list(map(previous.get, zip(rows[0], rows[1], rows[2], strict=True)))
    found = [k for k, old in enumerate(olds) if old is not None]
    out: list[str | None] = [None] * len(olds)
    if not found:
        return out, 0
    status, period, value = rows[3], rows[9], rows[10]
    iso: dict[datetime | None, str | None] = {}
    fields: list[list[Any]] = [[] for _ in _PREVIOUS_FIELDS]
    changed_count = 0
    for k in found:
        old_status, old_rank, old_quartile, old_period, old_value, old_computed_at = olds[k]
        changed = []
        if old_status != status[k]:
            changed.append("status")
        if old_rank != ranks[k]:
            changed.append("rank")
        if old_period != period[k]:
            changed.append("period")
        elif old_value != value[k]:
            changed.append("value")
        if changed:
            changed_count += 1
        if old_computed_at not in iso:
            iso[old_computed_at] = old_computed_at.isoformat() if old_computed_at else None
        for target, item in zip(
            fields,
            (old_status, old_rank, old_quartile, old_period, old_value, iso[old_computed_at],
             changed),
            strict=True,
        ):  # fmt: skip
            target.append(item)
    for k, text in zip(found, json_objects(_PREVIOUS_FIELDS, fields), strict=True):
        out[k] = text
    return out, changed_count
