"""What the pages are built around: focus areas, sub-goals, indicators, regions, peer groups.

Also the facts about what data exists: the last refresh, the periods and breakdowns of an
indicator. Every read here is cached by data version (:mod:`levande.indicators.reads.cache`);
values are returned exactly as stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, select

from levande.indicators.reads.cache import Reader
from levande.indicators.reads.codec import shareable
from levande.indicators.store.schema import (
    EtlRun,
    FocusAreaRow,
    IndicatorRow,
    IndicatorSubgoal,
    MunicipalityGroup,
    MunicipalityGroupMember,
    Observation,
    Region,
    SubgoalRow,
)

LEVELS = ("riket", "lan", "kommun")
BREAKDOWNS = ("T", "K", "M")


# --- dimension records ---------------------------------------------------------------------


@shareable
@dataclass(frozen=True)
class FocusAreaInfo:
    """A focus area as stored from the catalogue."""

    id: str
    position: int
    pillar: str
    name_sv: str
    name_en: str
    name_status: str
    description_sv: str
    description_en: str

    @property
    def working_title(self) -> bool:
        """True while the name is the product's placeholder, not the strategy's heading."""
        return self.name_status == "working_title"


@shareable
@dataclass(frozen=True)
class SubgoalInfo:
    """A sub-goal; ``proposed_by`` is ``project`` while it is the product's proposal."""

    id: str
    focus_area_id: str
    position: int
    text_sv: str
    text_en: str
    proposed_by: str


@shareable
@dataclass(frozen=True)
class IndicatorInfo:
    """An indicator with every catalogue field the dashboard shows."""

    id: str
    position: int
    focus_area_id: str
    source: str
    source_id: str
    title_sv: str
    title_en: str
    description_sv: str
    description_en: str
    unit_sv: str
    unit_en: str
    direction: str
    decimals: int
    levels: tuple[str, ...]
    municipal_mean_levels: tuple[str, ...]
    gender: bool
    target_value: float | None
    target_year: int | None
    subgoal_ids: tuple[str, ...]
    notes_sv: str | None = None
    notes_en: str | None = None
    credit_sv: str | None = None
    credit_en: str | None = None
    manual_status: str | None = None
    manual_comment_sv: str | None = None
    manual_comment_en: str | None = None
    source_query: dict[str, Any] | None = field(default=None, compare=False, hash=False)


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


def _load_focus_areas(reader: Reader) -> tuple[FocusAreaInfo, ...]:
    with reader.engine.connect() as conn:
        rows = conn.execute(select(FocusAreaRow).order_by(FocusAreaRow.position)).all()
    return tuple(
        FocusAreaInfo(
            id=r.id,
            position=r.position,
            pillar=r.pillar,
            name_sv=r.name_sv,
            name_en=r.name_en,
            name_status=r.name_status,
            description_sv=r.description_sv,
            description_en=r.description_en,
        )
        for r in rows
    )


def focus_areas(reader: Reader) -> tuple[FocusAreaInfo, ...]:
    """All focus areas in catalogue order."""
    return reader.cached(("focus_areas",), lambda: _load_focus_areas(reader))


def focus_area(reader: Reader, focus_area_id: str) -> FocusAreaInfo | None:
    """One focus area, or None for an unknown id."""
    return next((fa for fa in focus_areas(reader) if fa.id == focus_area_id), None)


def _load_subgoals(reader: Reader) -> tuple[SubgoalInfo, ...]:
    with reader.engine.connect() as conn:
        rows = conn.execute(
            select(SubgoalRow).order_by(SubgoalRow.focus_area_id, SubgoalRow.position)
        ).all()
    return tuple(
        SubgoalInfo(
            id=r.id,
            focus_area_id=r.focus_area_id,
            position=r.position,
            text_sv=r.text_sv,
            text_en=r.text_en,
            proposed_by=r.proposed_by,
        )
        for r in rows
    )


def subgoals(reader: Reader, focus_area_id: str | None = None) -> tuple[SubgoalInfo, ...]:
    """Sub-goals of one focus area (or all), in catalogue order."""
    every = reader.cached(("subgoals",), lambda: _load_subgoals(reader))
    if focus_area_id is None:
        return every
    return tuple(sg for sg in every if sg.focus_area_id == focus_area_id)


def _indicator_info(row: Any, subgoal_ids: tuple[str, ...]) -> IndicatorInfo:
    definition: dict[str, Any] = dict(row.definition or {})
    manual = definition.get("manual_status") or {}
    return IndicatorInfo(
        id=row.id,
        position=row.position,
        focus_area_id=row.focus_area_id,
        source=row.source,
        source_id=row.source_id,
        title_sv=row.title_sv,
        title_en=row.title_en,
        description_sv=str(definition.get("description_sv", "")),
        description_en=str(definition.get("description_en", "")),
        unit_sv=row.unit_sv,
        unit_en=row.unit_en,
        direction=row.direction,
        decimals=int(definition.get("decimals", 1)),
        levels=tuple(definition.get("levels", LEVELS)),
        municipal_mean_levels=tuple(definition.get("municipal_mean_levels", ())),
        gender=bool(definition.get("gender", False)),
        target_value=row.target_value,
        target_year=row.target_year,
        subgoal_ids=subgoal_ids,
        notes_sv=definition.get("notes_sv"),
        notes_en=definition.get("notes_en"),
        credit_sv=definition.get("credit_sv"),
        credit_en=definition.get("credit_en"),
        manual_status=manual.get("status"),
        manual_comment_sv=manual.get("comment_sv"),
        manual_comment_en=manual.get("comment_en"),
        source_query=row.source_query,
    )


def _load_indicators(reader: Reader) -> tuple[IndicatorInfo, ...]:
    with reader.engine.connect() as conn:
        rows = conn.execute(
            select(IndicatorRow)
            .where(IndicatorRow.active.is_(True))
            .order_by(IndicatorRow.position)
        ).all()
        links = conn.execute(
            select(IndicatorSubgoal.indicator_id, IndicatorSubgoal.subgoal_id)
        ).all()
    order = {sg.id: (sg.focus_area_id, sg.position) for sg in subgoals(reader)}
    by_indicator: dict[str, list[str]] = {}
    for ind_id, sg_id in links:
        by_indicator.setdefault(ind_id, []).append(sg_id)
    return tuple(
        _indicator_info(
            r,
            tuple(sorted(by_indicator.get(r.id, []), key=lambda s: order.get(s, ("", 0)))),
        )
        for r in rows
    )


def indicators(reader: Reader, focus_area_id: str | None = None) -> tuple[IndicatorInfo, ...]:
    """Active indicators of one focus area (or all), in catalogue order."""
    every = reader.cached(("indicators",), lambda: _load_indicators(reader))
    if focus_area_id is None:
        return every
    return tuple(i for i in every if i.focus_area_id == focus_area_id)


def indicator(reader: Reader, indicator_id: str) -> IndicatorInfo | None:
    """One active indicator, or None for an unknown or retired id."""
    return next((i for i in indicators(reader) if i.id == indicator_id), None)


def _load_regions(reader: Reader) -> tuple[RegionInfo, ...]:
    with reader.engine.connect() as conn:
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
    with reader.engine.connect() as conn:
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
        with reader.engine.connect() as conn:
            value = conn.execute(
                select(func.max(EtlRun.finished_at)).where(
                    EtlRun.outcome.in_(["success", "partial"])
                )
            ).scalar()
        return value if isinstance(value, datetime) else None

    return reader.cached(("last_refresh",), load)


def periods(reader: Reader, indicator_id: str, level: str | None = None) -> tuple[str, ...]:
    """Periods with at least one observation (of one level, if given), oldest first."""

    def load() -> tuple[str, ...]:
        query = select(Observation.period).where(Observation.indicator_id == indicator_id)
        if level is not None:
            query = query.join(Region, Region.code == Observation.region_code).where(
                Region.level == level
            )
        with reader.engine.connect() as conn:
            rows = conn.execute(query.distinct()).scalars().all()
        return tuple(sorted(str(p) for p in rows))

    return reader.cached(("periods", indicator_id, level), load)


def breakdowns(reader: Reader, indicator_id: str) -> tuple[str, ...]:
    """Breakdowns present for an indicator, in the order T, K, M."""

    def load() -> tuple[str, ...]:
        with reader.engine.connect() as conn:
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
        with reader.engine.connect() as conn:
            found = conn.execute(
                select(Observation.id)
                .where(
                    and_(Observation.indicator_id == indicator_id, Observation.value.is_not(None))
                )
                .limit(1)
            ).first()
        return found is not None

    return reader.cached(("has_data", indicator_id), load)
