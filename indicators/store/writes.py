"""Writes into the database on behalf of the ETL: observations, regions, boundaries, state.

Every write here is set-based (one executemany per kind of change) and happens inside the
caller's transaction, so a failed indicator leaves the previous data exactly as it was.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import JSON, Connection, Table, delete, insert, select, update
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


def upsert_observations(
    session: Session,
    indicator_id: str,
    rows: Iterable[ObservationRow],
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
        rows: the values as published (a full extract or only the changes).
        run_id: the ETL run that wrote them.
        authoritative: ``rows`` is everything the source has for this indicator, so stored
            rows missing from it are deleted. False for incremental change sets.
        deletions: keys the source reported as deleted.
        region_codes: known region codes; rows for other codes are skipped and reported.

    Returns:
        Counts of inserted, updated, deleted and unchanged rows, and new periods.
    """
    result = LoadResult()
    rows = list(rows)
    deletions = list(deletions)
    if not rows and not deletions and not authoritative:
        return result  # an empty change set: nothing to compare, nothing to read
    codes = region_codes if region_codes is not None else known_region_codes(session)
    existing: dict[tuple[str, str, str], tuple[int, float | None, str | None, str | None]] = {
        (r.region_code, r.period, r.breakdown): (r.id, r.value, r.status, r.aggregation)
        for r in session.execute(
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
    known_periods = {key[1] for key in existing}
    fetched_at = now_utc()
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()
    skipped: set[str] = set()
    new_periods: set[str] = set()
    for row in rows:
        if row.region_code not in codes:
            skipped.add(row.region_code)
            continue
        if row.key in seen:
            continue
        seen.add(row.key)
        old = existing.get(row.key)
        if old is None:
            inserts.append(
                {
                    "indicator_id": indicator_id,
                    "region_code": row.region_code,
                    "period": row.period,
                    "breakdown": row.breakdown,
                    "value": row.value,
                    "status": row.status,
                    "aggregation": row.aggregation,
                    "fetched_at": fetched_at,
                    "run_id": run_id,
                }
            )
            if row.period not in known_periods:
                new_periods.add(row.period)
        elif _same(old[1], row.value) and old[2] == row.status and old[3] == row.aggregation:
            result.unchanged += 1
        else:
            updates.append(
                {
                    "id": old[0],
                    "value": row.value,
                    "status": row.status,
                    "aggregation": row.aggregation,
                    "fetched_at": fetched_at,
                    "run_id": run_id,
                }
            )
    to_delete = {key for key in deletions if key in existing and key not in seen}
    if authoritative:
        to_delete |= set(existing) - seen
    if inserts:
        _insert_observations(session, inserts)
    if updates:
        session.execute(update(Observation), updates)
    if to_delete:
        ids = [existing[key][0] for key in to_delete]
        for start in range(0, len(ids), 500):
            session.execute(delete(Observation).where(Observation.id.in_(ids[start : start + 500])))
    result.inserted = len(inserts)
    result.updated = len(updates)
    result.deleted = len(to_delete)
    result.new_periods = sorted(new_periods)
    result.skipped_regions = sorted(skipped)
    if skipped:
        log.warning("%s: skipped values for unknown region codes %s", indicator_id, sorted(skipped))
    return result


COPY_THRESHOLD = 500
"""From this many rows on, PostgreSQL gets them through COPY instead of INSERTs."""


def bulk_insert(connection: Connection, model: type[Base], rows: list[dict[str, Any]]) -> None:
    """Insert many rows: COPY on PostgreSQL for large batches, executemany otherwise.

    COPY streams the rows in the open transaction, several times faster than multi-row INSERTs
    for a first load. Values pass as the same Python objects either way (JSON columns as their
    JSON text), so what is stored does not depend on the path taken.
    """
    if not rows:
        return
    if connection.dialect.name != "postgresql" or len(rows) < COPY_THRESHOLD:
        connection.execute(insert(model), rows)
        return
    table = cast(Table, model.__table__)
    columns = [c.name for c in table.columns if c.name in rows[0]]
    as_json = {c.name for c in table.columns if isinstance(c.type, JSON)}
    driver = connection.connection.driver_connection
    statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
    with driver.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[union-attr]
        for row in rows:
            copy.write_row(
                tuple(
                    json.dumps(row[c]) if c in as_json and row[c] is not None else row[c]
                    for c in columns
                )
            )


def _insert_observations(session: Session, rows: list[dict[str, Any]]) -> None:
    bulk_insert(session.connection(), Observation, rows)


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
