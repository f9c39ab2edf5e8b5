"""Writes for small areas: the DeSO/RegSO register, their values and per-municipality boundaries.

The same guarantees as the national fact table: values exactly as published, a suppressed cell
stored as NULL with its symbol, one transaction per indicator (the caller's), and a refresh
that publishes nothing new changes nothing (only differing rows are written).
"""

from __future__ import annotations

import hashlib
import json
import logging
import operator
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.orm import Session

from levande.indicators.core.clock import now_utc
from levande.indicators.core.small_areas import AreaCode
from levande.indicators.store.schema import (
    AreaBoundary,
    AreaObservation,
    AreaSourceState,
    SmallArea,
)
from levande.indicators.store.writes import LoadResult, insert_rows

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AreaRecord:
    """What is known of an area: its parsed code and, when the source gives them, names."""

    area: AreaCode
    name: str | None = None
    regso_code: str | None = None


def upsert_small_areas(session: Session, records: Iterable[AreaRecord]) -> int:
    """Add new areas and fill in names or RegSO links that were unknown; returns rows written.

    A known name is never blanked by a source that does not have one (a data table's labels
    may be bare codes while the boundary layer names the area).
    """
    wanted = {r.area.code: r for r in records}
    if not wanted:
        return 0
    # Plain (code, name, regso_code) rows of the wanted areas' levels and vintages, not mapped
    # objects read through lists of codes: every small-area step meets the same ~18,000
    # areas, and an object and a bound parameter for each cost seconds per full load.
    kinds = {(r.area.level.value, r.area.vintage) for r in wanted.values()}
    existing = {
        code: (name, regso_code)
        for code, name, regso_code in session.connection().execute(
            select(SmallArea.code, SmallArea.name, SmallArea.regso_code).where(
                or_(*(and_(SmallArea.level == lv, SmallArea.vintage == v) for lv, v in kinds))
            )
        )
        if code in wanted
    }
    stamp = now_utc()
    new: list[tuple[Any, ...]] = []
    changed: list[dict[str, Any]] = []
    for code, rec in wanted.items():
        row = existing.get(code)
        if row is None:
            area = rec.area
            new.append(
                (code, area.base, area.level.value, area.vintage, area.municipality,
                 area.county, rec.name, rec.regso_code)
            )  # fmt: skip
            continue
        name, regso_code = row
        values: dict[str, Any] = {}
        if rec.name and name != rec.name:
            values["name"] = rec.name
        if rec.regso_code and regso_code != rec.regso_code:
            values["regso_code"] = rec.regso_code
        if values:
            changed.append({"code": code, **values, "updated_at": stamp})
    # One UPDATE per set of columns changed, each an executemany by primary key.
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for values in changed:
        by_columns.setdefault(tuple(values), []).append(values)
    for group in by_columns.values():
        session.execute(update(SmallArea), group)
    written = len(changed)
    if new:
        insert_rows(
            session.connection(), SmallArea,
            ("code", "base_code", "level", "vintage", "municipality_code", "county_code", "name",
             "regso_code"),
            new, constants={"updated_at": stamp},
        )  # fmt: skip
    return written + len(new)


AreaValue = tuple[str, str, float | None, str | None]
"""(area code, period, value, status symbol) as published."""


def upsert_area_values(
    session: Session,
    indicator_id: str,
    values: Iterable[AreaValue],
    *,
    periods: set[str],
    run_id: int | None,
) -> LoadResult:
    """Bring one small-area indicator's stored values for ``periods`` in line with the source.

    ``values`` is everything the source published for those periods: rows it no longer
    publishes are deleted, equal rows are left untouched (a no-change refresh writes nothing),
    and other periods are not touched at all.
    """
    result = LoadResult()
    existing: dict[tuple[str, str], tuple[int, float | None, str | None]] = {
        (code, period): (row_id, value, status)
        for row_id, code, period, value, status in session.connection().execute(
            select(
                AreaObservation.id,
                AreaObservation.area_code,
                AreaObservation.period,
                AreaObservation.value,
                AreaObservation.status,
            ).where(AreaObservation.indicator_id == indicator_id)
        )
        if period in periods
    }
    fetched_at = now_utc()
    values = list(values)
    inserts: list[tuple[Any, ...]] = []
    changes: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    if not existing and len(set(map(operator.itemgetter(0, 1), values))) == len(values):
        # Nothing stored and no key twice: every value is an insert, in order, as the loop
        # below would find one by one.
        inserts, values = list(map(tuple, values)), []
    for code, period, value, status in values:
        key = (code, period)
        if key in seen:
            continue
        seen.add(key)
        old = existing.get(key)
        if old is None:
            inserts.append((code, period, value, status))
        elif old[1] == value and old[2] == status:
            result.unchanged += 1
        else:
            changes.append(
                {"id": old[0], "value": value, "status": status, "fetched_at": fetched_at,
                 "run_id": run_id}
            )  # fmt: skip
    gone = [existing[key][0] for key in set(existing) - seen]
    if inserts:
        insert_rows(
            session.connection(), AreaObservation, ("area_code", "period", "value", "status"),
            inserts,
            constants={"indicator_id": indicator_id, "fetched_at": fetched_at, "run_id": run_id},
        )  # fmt: skip
    if changes:
        session.execute(update(AreaObservation), changes)
    for start in range(0, len(gone), 500):
        session.execute(
            delete(AreaObservation).where(AreaObservation.id.in_(gone[start : start + 500]))
        )
    result.inserted, result.updated, result.deleted = len(inserts), len(changes), len(gone)
    result.new_periods = sorted({p for _, p, *_ in inserts} - {p for _, p in existing})
    return result


def area_source_state(session: Session, indicator_id: str) -> AreaSourceState:
    """The small-area indicator's source-state row, created empty when missing."""
    found = session.get(AreaSourceState, indicator_id)
    return (
        found if found is not None else _added(session, AreaSourceState(indicator_id=indicator_id))
    )


def _added(session: Session, row: AreaSourceState) -> AreaSourceState:
    session.add(row)
    return row


def save_area_boundaries(
    session: Session,
    level: str,
    vintage: str,
    collections: Mapping[str, Mapping[str, Any]],
    source_url: str,
) -> tuple[int, int]:
    """Store each municipality's simplified areas of one level and vintage.

    Returns (written, unchanged): a municipality whose polygons did not change keeps its row
    and its version, so browsers keep their cached copy.
    """
    current = {
        row.municipality_code: row
        for row in session.scalars(
            select(AreaBoundary).where(AreaBoundary.level == level, AreaBoundary.vintage == vintage)
        )
    }
    written = unchanged = 0
    stamp = now_utc()
    for municipality, collection in collections.items():
        text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        version = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        row = current.get(municipality)
        if row is not None and row.version == version:
            unchanged += 1
            continue
        count = len(collection.get("features", []))
        if row is None:
            session.add(
                AreaBoundary(
                    level=level, vintage=vintage, municipality_code=municipality, geojson=text,
                    feature_count=count, version=version, source_url=source_url,
                    fetched_at=stamp,
                )
            )  # fmt: skip
        else:
            row.geojson, row.feature_count, row.version = text, count, version
            row.source_url, row.fetched_at = source_url, stamp
        written += 1
    return written, unchanged
