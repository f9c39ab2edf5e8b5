"""What the pages are built around: focus areas, sub-goals, indicators, regions, peer groups.

Focus areas, sub-goals and indicators are the synced catalogue's models; regions and peer
groups are records of the database's own tables.

Also the facts about what data exists: the last refresh, the periods and breakdowns of an
indicator. Every read here is cached by data version (:mod:`levande.indicators.reads.cache`);
values are returned exactly as stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TypeAlias

from sqlalchemy import and_, func, select

from levande.indicators.core.catalogue import ContextGroup, FocusArea, Indicator, Subgoal
from levande.indicators.reads.cache import Reader
from levande.indicators.reads.catalogue import load_catalogue
from levande.indicators.reads.codec import shareable
from levande.indicators.store.schema import (
    EtlRun,
    MunicipalityGroup,
    MunicipalityGroupMember,
    Observation,
    Region,
)

LEVELS = ("riket", "lan", "kommun")
BREAKDOWNS = ("T", "K", "M")


# --- the catalogue's entries ----------------------------------------------------------------
#
# Focus areas, sub-goals and indicators are the catalogue's own models, from the database's
# copy of the catalogue (:mod:`levande.indicators.reads.catalogue`, cached per data version).
# Indicators dropped from the catalogue (inactive rows, kept for their history) are not in it.

#: A focus area, or a group of context indicators shown beside the focus areas.
Group: TypeAlias = FocusArea | ContextGroup


def focus_areas(reader: Reader) -> tuple[Group, ...]:
    """The focus areas, then the context groups, in catalogue order (none before a sync)."""
    catalogue = load_catalogue(reader)
    if catalogue is None:
        return ()
    return (*catalogue.focus_areas, *catalogue.context_groups)


def focus_area(reader: Reader, focus_area_id: str) -> Group | None:
    """One focus area or context group, or None for an unknown id."""
    return next((fa for fa in focus_areas(reader) if fa.id == focus_area_id), None)


def subgoals(reader: Reader, focus_area_id: str) -> tuple[Subgoal, ...]:
    """The sub-goals in force of one focus area, in catalogue order (none for a context group)."""
    area = focus_area(reader, focus_area_id)
    return tuple(area.subgoals) if isinstance(area, FocusArea) else ()


def indicators(reader: Reader, focus_area_id: str | None = None) -> tuple[Indicator, ...]:
    """The catalogue's indicators of one focus area or context group (or all), in order."""
    catalogue = load_catalogue(reader)
    if catalogue is None:
        return ()
    if focus_area_id is None:
        return tuple(catalogue.indicators)
    return tuple(catalogue.indicators_of(focus_area_id))


def indicator(reader: Reader, indicator_id: str) -> Indicator | None:
    """One indicator of the catalogue, or None for an unknown or retired id."""
    return next((i for i in indicators(reader) if i.id == indicator_id), None)


@shareable
@dataclass(frozen=True)
class RegionInfo:
    """A region: SCB code, name, level and links to its county and SKR group."""

    code: str
    name: str
    level: str
    parent_code: str | None
    kolada_group_id: str | None
    skr_group_id: str | None


@shareable
@dataclass(frozen=True)
class GroupInfo:
    """A municipality group usable as a peer group."""

    id: str
    title: str
    kind: str
    short_code: str | None
    members: tuple[str, ...]


def _load_regions(reader: Reader) -> tuple[RegionInfo, ...]:
    with reader.connect() as conn:
        rows = conn.execute(
            select(
                Region.code,
                Region.name,
                Region.level,
                Region.parent_code,
                Region.kolada_group_id,
                Region.skr_group_id,
            ).order_by(Region.code)
        ).all()
    return tuple(RegionInfo(*r) for r in rows)


def regions(reader: Reader, level: str | None = None) -> tuple[RegionInfo, ...]:
    """Regions of one level (``riket``, ``lan``, ``kommun``) or all, ordered by code."""
    every = reader.cached(("regions",), lambda: _load_regions(reader))
    if level is None:
        return every
    return tuple(r for r in every if r.level == level)


def region(reader: Reader, code: str) -> RegionInfo | None:
    """One region by SCB code, or None."""
    return next((r for r in regions(reader) if r.code == code), None)


def _load_groups(reader: Reader) -> tuple[GroupInfo, ...]:
    with reader.connect() as conn:
        groups = conn.execute(
            select(
                MunicipalityGroup.id,
                MunicipalityGroup.title,
                MunicipalityGroup.kind,
                MunicipalityGroup.short_code,
            )
        ).all()
        members = conn.execute(
            select(MunicipalityGroupMember.group_id, MunicipalityGroupMember.region_code)
        ).all()
    by_group: dict[str, list[str]] = {}
    for group_id, code in members:
        by_group.setdefault(group_id, []).append(code)
    kind_order = {"skr": 0, "county": 1, "all": 2}
    ordered = sorted(groups, key=lambda g: (kind_order.get(g.kind, 3), g.short_code or "", g.title))
    return tuple(
        GroupInfo(g.id, g.title, g.kind, g.short_code, tuple(sorted(by_group.get(g.id, []))))
        for g in ordered
    )


def peer_groups(reader: Reader) -> tuple[GroupInfo, ...]:
    """Municipality groups usable as peer groups: SKR groups first, then counties, then all."""
    return reader.cached(("groups",), lambda: _load_groups(reader))


def peer_group(reader: Reader, group_id: str) -> GroupInfo | None:
    """One peer group, or None."""
    return next((g for g in peer_groups(reader) if g.id == group_id), None)


# --- timing facts ---------------------------------------------------------------------------


def last_refresh(reader: Reader) -> datetime | None:
    """When the latest ETL run that loaded anything finished (success or partial)."""

    def load() -> datetime | None:
        with reader.connect() as conn:
            value = conn.execute(
                select(func.max(EtlRun.finished_at)).where(
                    EtlRun.outcome.in_(["success", "partial"]), EtlRun.dry_run.is_(False)
                )
            ).scalar()
        return value if isinstance(value, datetime) else None

    return reader.cached(("last_refresh",), load)


def periods_by_level(reader: Reader, indicator_id: str) -> dict[str, tuple[str, ...]]:
    """Per level, the periods with at least one observation of the indicator, oldest first.

    One query for every level: a page that needs the periods of several levels (the
    indicator page's choices) reads the indicator's rows once, not once per level.
    """

    def load() -> dict[str, tuple[str, ...]]:
        query = (
            select(Region.level, Observation.period)
            .join(Region, Region.code == Observation.region_code)
            .where(Observation.indicator_id == indicator_id)
            .distinct()
        )
        with reader.connect() as conn:
            rows = conn.execute(query).all()
        found: dict[str, set[str]] = {}
        for level, period in rows:
            found.setdefault(str(level), set()).add(str(period))
        return {level: tuple(sorted(found[level])) for level in sorted(found)}

    return dict(reader.cached(("periods_by_level", indicator_id), load))


def periods(reader: Reader, indicator_id: str, level: str | None = None) -> tuple[str, ...]:
    """Periods with at least one observation (of one level, if given), oldest first."""
    if level is not None:
        return periods_by_level(reader, indicator_id).get(level, ())

    def load() -> tuple[str, ...]:
        query = select(Observation.period).where(Observation.indicator_id == indicator_id)
        with reader.connect() as conn:
            rows = conn.execute(query.distinct()).scalars().all()
        return tuple(sorted(str(p) for p in rows))

    return reader.cached(("periods", indicator_id, level), load)


def breakdowns(reader: Reader, indicator_id: str) -> tuple[str, ...]:
    """Breakdowns present for an indicator, in the order T, K, M."""

    def load() -> tuple[str, ...]:
        with reader.connect() as conn:
            rows = set(
                conn.execute(
                    select(Observation.breakdown)
                    .where(Observation.indicator_id == indicator_id)
                    .distinct()
                )
                .scalars()
                .all()
            )
        return tuple(b for b in BREAKDOWNS if b in rows) + tuple(sorted(rows - set(BREAKDOWNS)))

    return reader.cached(("breakdowns", indicator_id), load)


def indicator_has_data(reader: Reader, indicator_id: str) -> bool:
    """True when at least one value (not only missing markers) is stored."""

    def load() -> bool:
        with reader.connect() as conn:
            found = conn.execute(
                select(Observation.id)
                .where(
                    and_(Observation.indicator_id == indicator_id, Observation.value.is_not(None))
                )
                .limit(1)
            ).first()
        return found is not None

    return reader.cached(("has_data", indicator_id), load)
