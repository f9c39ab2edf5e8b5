"""What the subscription feeds say, read from the change records each refresh already writes.

Every indicator step of a refresh keeps what it changed (``etl_run_item.changes``: the new
periods, the values revised and deleted), and every status computation keeps, per series,
what it looked like before (``indicator_status.previous``: status, rank, quartile). A feed
entry is one such record, and its key is made from the record's own identity (the step's id,
or the series and the computation's time), so a reader never sees one change twice.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from levande.indicators.core.clock import aware
from levande.indicators.store.schema import (
    EtlRunItem,
    IndicatorStatus,
    Observation,
    loading_runs,
)

NEW_PERIODS = "new_periods"
REVISED = "revised"
STATUS = "status"
QUARTILE = "quartile"


@dataclass(frozen=True)
class FeedEntry:
    """One change worth telling a subscriber.

    Attributes:
        key: stable identity of the change, the same in every feed that carries it.
        kind: :data:`NEW_PERIODS`, :data:`REVISED`, :data:`STATUS` or :data:`QUARTILE`.
        indicator_id: the indicator it is about.
        at: when the change was recorded.
        periods: the new periods (new data).
        count: the values revised or deleted (a revision).
        region_code: the place (status and quartile changes).
        before: the status or quartile before.
        after: the status or quartile after.
    """

    key: str
    kind: str
    indicator_id: str
    at: datetime
    periods: tuple[str, ...] = ()
    count: int = 0
    region_code: str | None = None
    before: str | None = None
    after: str | None = None


def refresh_changes(
    engine: Engine, indicator_ids: Collection[str] | None = None, limit: int = 50
) -> list[FeedEntry]:
    """New periods and revisions of the indicators (all when None), newest first.

    Args:
        engine: the database.
        indicator_ids: only these indicators; None for every one.
        limit: at most this many entries.
    """
    query = (
        select(EtlRunItem.id, EtlRunItem.target, EtlRunItem.finished_at, EtlRunItem.changes)
        .where(
            EtlRunItem.kind == "indicator",
            EtlRunItem.outcome == "success",
            EtlRunItem.changes.is_not(None),
            EtlRunItem.finished_at.is_not(None),
            EtlRunItem.run_id.in_(loading_runs()),
        )
        .order_by(EtlRunItem.id.desc())
        .limit(limit * 4)
    )
    if indicator_ids is not None:
        query = query.where(EtlRunItem.target.in_(list(indicator_ids)))
    entries: list[FeedEntry] = []
    with Session(engine) as session:
        for item_id, target, finished, changes in session.execute(query):
            entries.extend(_step_entries(item_id, target, aware(finished), changes or {}))
    return entries[:limit]


def _step_entries(
    item_id: int, target: str, at: datetime | None, changes: dict[str, Any]
) -> list[FeedEntry]:
    if at is None:
        return []
    out = []
    periods = tuple(str(p) for p in changes.get(NEW_PERIODS) or ())
    if periods:
        out.append(FeedEntry(f"step-{item_id}-new", NEW_PERIODS, target, at, periods=periods))
    count = int(changes.get("revised") or 0) + int(changes.get("deleted") or 0)
    if count:
        out.append(FeedEntry(f"step-{item_id}-revised", REVISED, target, at, count=count))
    return out


def place_changes(engine: Engine, region_code: str, limit: int = 50) -> list[FeedEntry]:
    """A place's new data, status changes and quartile changes among peers, newest first.

    New data counts for the place when it has a value in one of the step's new periods.
    """
    entries = [
        e
        for e in refresh_changes(engine, None, limit * 4)
        if e.kind == NEW_PERIODS and _has_values(engine, e, region_code)
    ]
    with Session(engine) as session:
        rows = session.execute(
            select(
                IndicatorStatus.indicator_id,
                IndicatorStatus.status,
                IndicatorStatus.quartile,
                IndicatorStatus.previous,
                IndicatorStatus.computed_at,
            ).where(IndicatorStatus.region_code == region_code, IndicatorStatus.breakdown == "T")
        ).all()
    for indicator_id, status, quartile, previous, computed_at in rows:
        at = aware(computed_at)
        before = dict(previous or {})
        if at is None or not before:
            continue
        stamp = f"{at:%Y%m%dT%H%M%S}"
        series = f"{indicator_id}-{region_code}-T-{stamp}"
        if STATUS in (before.get("changed") or ()):
            entries.append(
                FeedEntry(
                    f"status-{series}",
                    STATUS,
                    indicator_id,
                    at,
                    region_code=region_code,
                    before=str(before.get("status")),
                    after=str(status),
                )
            )
        old = before.get(QUARTILE)
        if old is not None and quartile is not None and int(old) != int(quartile):
            entries.append(
                FeedEntry(
                    f"quartile-{series}",
                    QUARTILE,
                    indicator_id,
                    at,
                    region_code=region_code,
                    before=str(int(old)),
                    after=str(int(quartile)),
                )
            )
    entries.sort(key=lambda e: (e.at, e.key), reverse=True)
    return entries[:limit]


def _has_values(engine: Engine, entry: FeedEntry, region_code: str) -> bool:
    with Session(engine) as session:
        found = session.scalar(
            select(Observation.id)
            .where(
                Observation.indicator_id == entry.indicator_id,
                Observation.region_code == region_code,
                Observation.period.in_(list(entry.periods)),
                Observation.value.is_not(None),
            )
            .limit(1)
        )
    return found is not None
