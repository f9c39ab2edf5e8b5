"""The status step: compute statuses and positions from the stored observations and keep them.

Runs at the end of every ETL run and on ``levande status recompute``. The dashboard reads
what this step stored; nothing is recomputed per request. The previous status, rank and
value of each series are kept beside the new ones so the product can show what changed.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.orm import Session

from indicators.catalogue import Catalogue
from indicators.ranking import rank_frame
from indicators.schema import (
    IndicatorRow,
    IndicatorStatus,
    Observation,
    ObservationRank,
    Region,
)
from indicators.status import compute_statuses
from indicators.store import bump_data_version, now_utc

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


def _clean(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalar
        return _clean(value.item())
    return value


def load_observations(engine: Engine, indicator_ids: Sequence[str] | None) -> pd.DataFrame:
    """Observations of the given (or all active) indicators with each region's level."""
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
        .where(IndicatorRow.active.is_(True))
    )
    if indicator_ids is not None:
        query = query.where(Observation.indicator_id.in_(list(indicator_ids)))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame(
        [tuple(r) for r in rows],
        columns=["indicator_id", "region_code", "period", "breakdown", "value", "level"],
    )


def recompute_statuses(
    engine: Engine, catalogue: Catalogue, indicator_ids: Sequence[str] | None = None
) -> RecomputeReport:
    """Compute and store the status of every series and the rank of every value.

    Args:
        engine: the database.
        catalogue: directions, targets, manual statuses and the method settings.
        indicator_ids: only these indicators; default all in the catalogue.
    """
    wanted = [
        i for i in catalogue.indicators if indicator_ids is None or i.id in set(indicator_ids)
    ]
    ids = [i.id for i in wanted]
    observations = load_observations(engine, ids)
    statuses = compute_statuses(observations, wanted, catalogue.method)
    ranked = rank_frame(observations, {i.id: i.direction for i in wanted})
    ranked = ranked[ranked["rank"].notna()]
    report = RecomputeReport(series=len(statuses), ranks=len(ranked))

    latest_rank = {
        (r.indicator_id, r.region_code, r.breakdown, r.period): (r.rank, r.rank_of, r.quartile)
        for r in ranked.itertuples(index=False)
    }
    stamp = now_utc()
    with Session(engine) as session, session.begin():
        previous = {
            (row.indicator_id, row.region_code, row.breakdown): row
            for row in session.scalars(
                select(IndicatorStatus).where(IndicatorStatus.indicator_id.in_(ids))
            )
        }
        records: list[dict[str, Any]] = []
        for row in statuses.to_dict("records"):
            key = (row["indicator_id"], row["region_code"], row["breakdown"])
            rank = latest_rank.get((*key, row["latest_period"]), (None, None, None))
            record = {
                "indicator_id": key[0],
                "region_code": key[1],
                "breakdown": key[2],
                "status": row["status"],
                "score": _clean(row["score"]),
                "manual": bool(row["manual"]),
                "reason": _clean(row["reason"]),
                "base_period": _clean(row["base_period"]),
                "base_value": _clean(row["base_value"]),
                "latest_period": _clean(row["latest_period"]),
                "latest_value": _clean(row["latest_value"]),
                "rank": _clean(rank[0]),
                "rank_of": _clean(rank[1]),
                "quartile": _clean(rank[2]),
                "explanation": {f: _clean(row[f]) for f in EXPLANATION_FIELDS},
                "computed_at": stamp,
            }
            old = previous.get(key)
            record["previous"] = _previous(old, record)
            if record["previous"] and record["previous"]["changed"]:
                report.changed += 1
            records.append(record)
        session.execute(delete(IndicatorStatus).where(IndicatorStatus.indicator_id.in_(ids)))
        if records:
            session.execute(insert(IndicatorStatus), records)
        session.execute(delete(ObservationRank).where(ObservationRank.indicator_id.in_(ids)))
        rank_rows = [
            {str(k): _clean(v) for k, v in row.items()}
            for row in ranked[list(RANK_TABLE_COLUMNS)].to_dict("records")
        ]
        for start in range(0, len(rank_rows), 20_000):
            session.execute(insert(ObservationRank), rank_rows[start : start + 20_000])
        bump_data_version(session)
    log.info(
        "statuses recomputed: %d series, %d ranks, %d changed",
        report.series,
        report.ranks,
        report.changed,
    )
    return report


def _previous(old: IndicatorStatus | None, new: dict[str, Any]) -> dict[str, Any] | None:
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
