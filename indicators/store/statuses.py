"""The status step: compute statuses and positions from the stored observations and keep them.

Runs at the end of every ETL run and on ``levande status recompute``. The dashboard reads
what this step stored; nothing is recomputed per request. The previous status, rank and
value of each series are kept beside the new ones so the product can show what changed.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, delete, select
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
    Region,
    ValueFlag,
)
from levande.indicators.store.writes import bump_data_version, insert_rows

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
    """How many series, ranks and changes the step produced."""

    series: int = 0
    ranks: int = 0
    changed: int = 0


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
        out.append([v.item() if hasattr(v, "item") else v for v in values])
    return out


def load_observations(conn: Connection, indicator_ids: Sequence[str] | None) -> pd.DataFrame:
    """Observations of the given (or all active) indicators with each region's level.

    A value with an open plausibility flag (not accepted, not revised) is left out: the
    status method ignores it until an operator accepts it or the source revises it.
    """
    flagged = (
        select(ValueFlag.id)
        .where(
            ValueFlag.indicator_id == Observation.indicator_id,
            ValueFlag.region_code == Observation.region_code,
            ValueFlag.period == Observation.period,
            ValueFlag.breakdown == Observation.breakdown,
            ValueFlag.accepted_at.is_(None),
            ValueFlag.resolved_at.is_(None),
        )
        .exists()
    )
    query = (
        select(
            Observation.indicator_id,
            Observation.region_code,
            Observation.period,
            Observation.breakdown,
            Observation.value,
            Region.level,
        )
        .join(Region, Region.code == Observation.region_code)
        .join(IndicatorRow, IndicatorRow.id == Observation.indicator_id)
        .where(IndicatorRow.active.is_(True), ~flagged)
    )
    if indicator_ids is not None:
        query = query.where(Observation.indicator_id.in_(list(indicator_ids)))
    # The driver's plain tuples: the selected types need no result conversion, and a row
    # object per value would cost more than the whole status computation.
    result = conn.execute(query)
    rows = result.cursor.fetchall() if result.cursor is not None else []
    result.close()
    return pd.DataFrame(
        rows, columns=["indicator_id", "region_code", "period", "breakdown", "value", "level"]
    )


CHUNK = 10
"""Indicators computed and written together: bounds memory at national size."""


def recompute_statuses(
    engine: Engine, catalogue: Catalogue, indicator_ids: Sequence[str] | None = None
) -> RecomputeReport:
    """Compute and store the status of every series and the rank of every value.

    Indicators are handled a few at a time inside one transaction, so readers see the old or
    the new results, never a mix, and memory stays bounded.

    Args:
        engine: the database.
        catalogue: directions, targets, manual statuses and the method settings.
        indicator_ids: only these indicators; default all in the catalogue.
    """
    chosen = None if indicator_ids is None else set(indicator_ids)
    wanted = [i for i in catalogue.indicators if chosen is None or i.id in chosen]
    report = RecomputeReport()
    stamp = now_utc()
    with engine.begin() as conn:
        for start in range(0, len(wanted), CHUNK):
            _recompute_chunk(conn, wanted[start : start + CHUNK], catalogue, report, stamp)
        with Session(bind=conn) as session:
            bump_data_version(session)
            session.flush()
    log.info(
        "statuses recomputed: %d series, %d ranks, %d changed",
        report.series,
        report.ranks,
        report.changed,
    )
    return report


def _recompute_chunk(
    conn: Connection,
    wanted: list[Indicator],
    catalogue: Catalogue,
    report: RecomputeReport,
    stamp: datetime,
) -> None:
    ids = [i.id for i in wanted]
    observations = load_observations(conn, ids)
    statuses = compute_statuses(observations, wanted, catalogue.method)
    ranked = rank_frame(observations, {i.id: i.direction for i in wanted})
    ranked = ranked[ranked["rank"].notna()]
    report.series += len(statuses)
    report.ranks += len(ranked)
    latest_rank = _latest_ranks(statuses, ranked)
    previous = {
        (r.indicator_id, r.region_code, r.breakdown): r
        for r in conn.execute(
            select(
                IndicatorStatus.indicator_id,
                IndicatorStatus.region_code,
                IndicatorStatus.breakdown,
                IndicatorStatus.status,
                IndicatorStatus.rank,
                IndicatorStatus.latest_period,
                IndicatorStatus.latest_value,
                IndicatorStatus.computed_at,
            ).where(IndicatorStatus.indicator_id.in_(ids))
        )
    }
    names = list(STATUS_FRAME_COLUMNS) + list(EXPLANATION_FIELDS)
    records: list[tuple[Any, ...]] = []
    for values, rank in zip(zip(*_columns(statuses, names), strict=True), latest_rank, strict=True):
        row = dict(zip(names, values, strict=True))
        key = (row["indicator_id"], row["region_code"], row["breakdown"])
        record = {name: row[name] for name in STATUS_FRAME_COLUMNS}
        record["manual"] = bool(record["manual"])
        record.update(
            rank=rank[0],
            rank_of=rank[1],
            quartile=rank[2],
            explanation={f: row[f] for f in EXPLANATION_FIELDS},
            computed_at=stamp,
        )
        record["previous"] = _previous(previous.get(key), record)
        if record["previous"] and record["previous"]["changed"]:
            report.changed += 1
        records.append(tuple(record[c] for c in STATUS_TABLE_COLUMNS))
    conn.execute(delete(IndicatorStatus).where(IndicatorStatus.indicator_id.in_(ids)))
    insert_rows(conn, IndicatorStatus, STATUS_TABLE_COLUMNS, records)
    conn.execute(delete(ObservationRank).where(ObservationRank.indicator_id.in_(ids)))
    insert_rows(conn, ObservationRank, RANK_TABLE_COLUMNS, _rank_rows(ranked))


STATUS_TABLE_COLUMNS = (
    *STATUS_FRAME_COLUMNS, "rank", "rank_of", "quartile", "explanation", "computed_at",
    "previous",
)  # fmt: skip


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
) -> list[tuple[int | None, int | None, int | None]]:
    """Each series' rank, rank_of and quartile in its latest period, aligned with ``statuses``.

    A series without a ranked value in its latest period (or without a latest period) gets
    (None, None, None).
    """
    keys = ["indicator_id", "region_code", "breakdown"]
    right = ranked[[*keys, "period", "rank", "rank_of", "quartile"]].rename(
        columns={"period": "latest_period"}
    )
    left = statuses[[*keys, "latest_period"]].astype(object)
    right = right.astype({c: object for c in [*keys, "latest_period"]})
    merged = left.merge(right, how="left", on=[*keys, "latest_period"], sort=False)
    if len(merged) != len(statuses):  # pragma: no cover - keys are unique in both frames
        raise RuntimeError("a series matched more than one ranked value")
    return list(
        zip(
            _int_list(merged["rank"]),
            _int_list(merged["rank_of"]),
            _int_list(merged["quartile"]),
            strict=True,
        )
    )


def _previous(old: Any, new: dict[str, Any]) -> dict[str, Any] | None:
    """What the series looked like before, and which of status, rank and value changed."""
    if old is None:
        return None
    changed = []
    if old.status != new["status"]:
        changed.append("status")
    if old.rank != new["rank"]:
        changed.append("rank")
    if old.latest_period != new["latest_period"]:
        changed.append("period")
    elif old.latest_value != new["latest_value"]:
        changed.append("value")
    return {
        "status": old.status,
        "rank": old.rank,
        "latest_period": old.latest_period,
        "latest_value": old.latest_value,
        "computed_at": old.computed_at.isoformat() if old.computed_at else None,
        "changed": changed,
    }
