"""Every read the dashboard makes, as small typed functions over the database.

The dashboard never writes SQL: it calls these functions, which return frozen dataclasses or
tidy pandas frames. Values are returned exactly as stored (a missing value stays ``None`` /
``NaN`` with the source's status symbol beside it, never zero); formatting for display is the
dashboard's business.

Reads that every page needs (the catalogue tables, regions, peer groups, statuses rolled up per
focus area) are cached in process, keyed by the database's data version (``meta.data_version``,
bumped by every load and status recompute), so a refresh is visible at once without a restart
while ordinary page views cost no repeated queries. Per-request reads (a series, a map year)
go to the database each time; the indexes on ``observation`` make them cheap.
"""

from __future__ import annotations

import json
import math
import pickle
import threading
import time
import weakref
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar, cast
from urllib.parse import quote

import pandas as pd
from sqlalchemy import Engine, and_, func, select
from sqlalchemy.orm import Session

from levande.indicators.core.catalogue import Level, ScbQuery, ScbRequestPart
from levande.indicators.core.ranking import peer_reference
from levande.indicators.store.schema import (
    Boundary,
    EtlRun,
    FocusAreaRow,
    IndicatorRow,
    IndicatorStatus,
    IndicatorSubgoal,
    Meta,
    MunicipalityGroup,
    MunicipalityGroupMember,
    Observation,
    ObservationRank,
    Region,
    SourceState,
    SubgoalRow,
)

T = TypeVar("T")

MUNICIPAL_MEAN = "unweighted_mean_of_municipalities"
"""``observation.aggregation`` of values that are unweighted means of municipalities."""

LEVELS = ("riket", "lan", "kommun")
BREAKDOWNS = ("T", "K", "M")

STATUS_GROUPS: dict[str, str] = {
    "target_achieved": "improving",
    "substantial_progress": "improving",
    "moderate_progress": "improving",
    "limited_progress": "stable",
    "deterioration": "worsening",
    "too_uncertain": "not_judged",
    "context": "not_judged",
    "not_available": "no_data",
}
"""How the method's statuses fold into the overview's plain categories.

Improving means moving toward the goal at least moderately (or the target is met), stable
means limited progress (growth between 0 and the moderate threshold), worsening is
deterioration. Too uncertain and context series are judged by nobody, so they are counted
apart from series without data rather than hidden among them.
"""

STATUS_GROUP_ORDER = ("improving", "stable", "worsening", "not_judged", "no_data")

ON_TRACK_STATUSES = frozenset({"target_achieved", "substantial_progress", "moderate_progress"})
JUDGED_STATUSES = frozenset(
    {
        "target_achieved",
        "substantial_progress",
        "moderate_progress",
        "limited_progress",
        "deterioration",
    }
)

KOLADA_MAX_IDS = 25
"""Kolada accepts at most this many ids in one path segment (years included)."""


# --- cache -------------------------------------------------------------------------------


class VersionedCache:
    """A cache of read results whose entries die when the database's data version changes.

    Entries live in this process; with a Redis URL they are also shared between processes
    (several gunicorn workers compute each read once per data version). The version is re-read
    at most every ``check_seconds`` so that a burst of reads for one page costs one tiny
    query, not one per read. With ``enabled=False`` every read goes to the database (for
    measuring what the cache saves).
    """

    def __init__(
        self,
        engine: Engine,
        check_seconds: float = 2.0,
        max_entries: int = 512,
        *,
        enabled: bool = True,
        redis_url: str | None = None,
    ) -> None:
        self._engine = engine
        self._check_seconds = check_seconds
        self._max_entries = max_entries
        self._enabled = enabled
        self._lock = threading.Lock()
        self._version: str | None = None
        self._checked_at = -math.inf
        self._entries: dict[Hashable, Any] = {}
        self._redis: Any = None
        if enabled and redis_url:
            import redis

            self._redis = redis.Redis.from_url(redis_url, socket_timeout=1.0)

    def version(self) -> str:
        """The current data version, re-read when the last check is old enough."""
        now = time.monotonic()
        with self._lock:
            if self._version is not None and now - self._checked_at < self._check_seconds:
                return self._version
        current = data_version(self._engine)
        with self._lock:
            if current != self._version:
                self._entries.clear()
                self._version = current
            self._checked_at = now
        return current

    def _shared_get(self, version: str, key: Hashable) -> tuple[bool, Any]:
        try:
            raw = self._redis.get(f"levande:{version}:{key!r}")
        except Exception:  # a shared cache that is down must not take the dashboard with it
            return False, None
        return (True, pickle.loads(raw)) if raw is not None else (False, None)

    def _shared_set(self, version: str, key: Hashable, value: Any) -> None:
        try:
            self._redis.set(f"levande:{version}:{key!r}", pickle.dumps(value), ex=86_400)
        except Exception:
            return

    @property
    def enabled(self) -> bool:
        """False when caching is switched off (every read goes to the database)."""
        return self._enabled

    def lookup(self, key: Hashable) -> tuple[bool, Any]:
        """(True, value) when ``key`` is cached under the current version, else (False, None)."""
        if not self._enabled:
            return False, None
        version = self.version()
        with self._lock:
            if key in self._entries:
                return True, self._entries[key]
        if self._redis is None:
            return False, None
        found, value = self._shared_get(version, key)
        if found:
            self._remember(key, value)
        return found, value

    def store(self, key: Hashable, value: Any) -> None:
        """Keep ``value`` for ``key`` under the current version."""
        if not self._enabled:
            return
        if self._redis is not None:
            self._shared_set(self.version(), key, value)
        self._remember(key, value)

    def _remember(self, key: Hashable, value: Any) -> None:
        with self._lock:
            if key not in self._entries and len(self._entries) >= self._max_entries:
                self._entries.pop(next(iter(self._entries)))
            self._entries[key] = value

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached value for ``key`` under the current version, computing it once."""
        if not self._enabled:
            return compute()
        found, value = self.lookup(key)
        if not found:
            value = compute()
            self.store(key, value)
        return cast(T, value)

    def clear(self) -> None:
        """Forget everything (tests and operators after a catalogue sync)."""
        with self._lock:
            self._entries.clear()
            self._version = None
            self._checked_at = -math.inf


_CACHE_MODE = {"mode": "memory"}


_CACHES: weakref.WeakKeyDictionary[Engine, VersionedCache] = weakref.WeakKeyDictionary()
_RESPONSE_CACHES: weakref.WeakKeyDictionary[Engine, VersionedCache] = weakref.WeakKeyDictionary()
_CACHES_LOCK = threading.Lock()


def _cache_in(
    registry: weakref.WeakKeyDictionary[Engine, VersionedCache], engine: Engine, max_entries: int
) -> VersionedCache:
    """The registry's cache of one engine, made under the configured mode on first use."""
    with _CACHES_LOCK:
        cache = registry.get(engine)
        if cache is None:
            mode = _CACHE_MODE["mode"]
            cache = VersionedCache(
                engine,
                max_entries=max_entries,
                enabled=mode != "off",
                redis_url=mode if mode.startswith(("redis://", "rediss://", "unix://")) else None,
            )
            registry[engine] = cache
        return cache


def cache_for(engine: Engine) -> VersionedCache:
    """The cache of read results of one engine (one per database and process)."""
    return _cache_in(_CACHES, engine, 512)


def response_cache_for(engine: Engine) -> VersionedCache:
    """A second cache of one engine for whole rendered answers (bounded more tightly)."""
    return _cache_in(_RESPONSE_CACHES, engine, 256)


def configure_cache(mode: str) -> None:
    """Choose the cache of every engine: ``memory``, ``off`` or a ``redis://`` URL."""
    with _CACHES_LOCK:
        _CACHE_MODE["mode"] = mode or "memory"
        # Caches made under another mode are dropped, so the choice applies to every engine.
        _CACHES.clear()
        _RESPONSE_CACHES.clear()


def _cached(engine: Engine, key: Hashable, compute: Callable[[], T]) -> T:
    return cache_for(engine).get(key, compute)


# --- dimension records ---------------------------------------------------------------------


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


@dataclass(frozen=True)
class SubgoalInfo:
    """A sub-goal; ``proposed_by`` is ``project`` while it is the product's proposal."""

    id: str
    focus_area_id: str
    position: int
    text_sv: str
    text_en: str
    proposed_by: str


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


@dataclass(frozen=True)
class RegionInfo:
    """A region: SCB code, name, level and links to its county and SKR group."""

    code: str
    name: str
    level: str
    parent_code: str | None
    kolada_group_id: str | None
    skr_group_id: str | None


@dataclass(frozen=True)
class GroupInfo:
    """A municipality group usable as a peer group."""

    id: str
    title: str
    kind: str
    short_code: str | None
    members: tuple[str, ...]


def data_version(engine: Engine) -> str:
    """The data version stamp (empty before the first load)."""
    with engine.connect() as conn:
        value = conn.execute(select(Meta.value).where(Meta.key == "data_version")).scalar()
    return str(value) if value is not None else ""


def _load_focus_areas(engine: Engine) -> tuple[FocusAreaInfo, ...]:
    with engine.connect() as conn:
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


def focus_areas(engine: Engine) -> tuple[FocusAreaInfo, ...]:
    """All focus areas in catalogue order."""
    return _cached(engine, ("focus_areas",), lambda: _load_focus_areas(engine))


def focus_area(engine: Engine, focus_area_id: str) -> FocusAreaInfo | None:
    """One focus area, or None for an unknown id."""
    return next((fa for fa in focus_areas(engine) if fa.id == focus_area_id), None)


def _load_subgoals(engine: Engine) -> tuple[SubgoalInfo, ...]:
    with engine.connect() as conn:
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


def subgoals(engine: Engine, focus_area_id: str | None = None) -> tuple[SubgoalInfo, ...]:
    """Sub-goals of one focus area (or all), in catalogue order."""
    every = _cached(engine, ("subgoals",), lambda: _load_subgoals(engine))
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


def _load_indicators(engine: Engine) -> tuple[IndicatorInfo, ...]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(IndicatorRow)
            .where(IndicatorRow.active.is_(True))
            .order_by(IndicatorRow.position)
        ).all()
        links = conn.execute(
            select(IndicatorSubgoal.indicator_id, IndicatorSubgoal.subgoal_id)
        ).all()
    order = {sg.id: (sg.focus_area_id, sg.position) for sg in subgoals(engine)}
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


def indicators(engine: Engine, focus_area_id: str | None = None) -> tuple[IndicatorInfo, ...]:
    """Active indicators of one focus area (or all), in catalogue order."""
    every = _cached(engine, ("indicators",), lambda: _load_indicators(engine))
    if focus_area_id is None:
        return every
    return tuple(i for i in every if i.focus_area_id == focus_area_id)


def indicator(engine: Engine, indicator_id: str) -> IndicatorInfo | None:
    """One active indicator, or None for an unknown or retired id."""
    return next((i for i in indicators(engine) if i.id == indicator_id), None)


def _load_regions(engine: Engine) -> tuple[RegionInfo, ...]:
    with engine.connect() as conn:
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


def regions(engine: Engine, level: str | None = None) -> tuple[RegionInfo, ...]:
    """Regions of one level (``riket``, ``lan``, ``kommun``) or all, ordered by code."""
    every = _cached(engine, ("regions",), lambda: _load_regions(engine))
    if level is None:
        return every
    return tuple(r for r in every if r.level == level)


def region(engine: Engine, code: str) -> RegionInfo | None:
    """One region by SCB code, or None."""
    return next((r for r in regions(engine) if r.code == code), None)


def _load_groups(engine: Engine) -> tuple[GroupInfo, ...]:
    with engine.connect() as conn:
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


def peer_groups(engine: Engine) -> tuple[GroupInfo, ...]:
    """Municipality groups usable as peer groups: SKR groups first, then counties, then all."""
    return _cached(engine, ("groups",), lambda: _load_groups(engine))


def peer_group(engine: Engine, group_id: str) -> GroupInfo | None:
    """One peer group, or None."""
    return next((g for g in peer_groups(engine) if g.id == group_id), None)


# --- timing facts ---------------------------------------------------------------------------


def last_refresh(engine: Engine) -> datetime | None:
    """When the latest ETL run that loaded anything finished (success or partial)."""

    def load() -> datetime | None:
        with engine.connect() as conn:
            value = conn.execute(
                select(func.max(EtlRun.finished_at)).where(
                    EtlRun.outcome.in_(["success", "partial"])
                )
            ).scalar()
        return value if isinstance(value, datetime) else None

    return _cached(engine, ("last_refresh",), load)


def periods(engine: Engine, indicator_id: str, level: str | None = None) -> tuple[str, ...]:
    """Periods with at least one observation (of one level, if given), oldest first."""

    def load() -> tuple[str, ...]:
        query = select(Observation.period).where(Observation.indicator_id == indicator_id)
        if level is not None:
            query = query.join(Region, Region.code == Observation.region_code).where(
                Region.level == level
            )
        with engine.connect() as conn:
            rows = conn.execute(query.distinct()).scalars().all()
        return tuple(sorted(str(p) for p in rows))

    return _cached(engine, ("periods", indicator_id, level), load)


def breakdowns(engine: Engine, indicator_id: str) -> tuple[str, ...]:
    """Breakdowns present for an indicator, in the order T, K, M."""

    def load() -> tuple[str, ...]:
        with engine.connect() as conn:
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

    return _cached(engine, ("breakdowns", indicator_id), load)


# --- statuses rolled up ---------------------------------------------------------------------


@dataclass(frozen=True)
class StatusCounts:
    """How a focus area's indicators fare nationally, in plain categories.

    Attributes:
        counts: indicators per category of :data:`STATUS_GROUP_ORDER`.
        n_indicators: active indicators of the area.
        n_with_data: indicators with at least one national value.
    """

    counts: dict[str, int]
    n_indicators: int
    n_with_data: int


@dataclass(frozen=True)
class OnTrack:
    """How many municipalities are on track in a focus area.

    A municipality is on track when at least half of its judged indicators of the area
    (breakdown total) show target achieved, substantial or moderate progress.

    Attributes:
        on_track: municipalities on track.
        judged: municipalities with at least one judged indicator in the area.
        municipalities: all municipalities in the database.
    """

    on_track: int
    judged: int
    municipalities: int


def _status_rows(engine: Engine, level: str) -> pd.DataFrame:
    """Statuses of breakdown T for every region of ``level`` with each indicator's area."""

    def load() -> pd.DataFrame:
        query = (
            select(
                IndicatorStatus.indicator_id,
                IndicatorStatus.region_code,
                IndicatorStatus.status,
                IndicatorStatus.latest_period,
                IndicatorRow.focus_area_id,
            )
            .join(IndicatorRow, IndicatorRow.id == IndicatorStatus.indicator_id)
            .join(Region, Region.code == IndicatorStatus.region_code)
            .where(
                IndicatorRow.active.is_(True),
                IndicatorStatus.breakdown == "T",
                Region.level == level,
            )
        )
        with engine.connect() as conn:
            rows = conn.execute(query).all()
        return pd.DataFrame(
            [tuple(r) for r in rows],
            columns=["indicator_id", "region_code", "status", "latest_period", "focus_area_id"],
        )

    return _cached(engine, ("status_rows", level), load)


def national_status_counts(engine: Engine) -> dict[str, StatusCounts]:
    """Per focus area: national statuses (breakdown T) folded into plain categories."""

    def load() -> dict[str, StatusCounts]:
        frame = _status_rows(engine, "riket")
        by_indicator = {
            str(r.indicator_id): (str(r.status), r.latest_period)
            for r in frame.itertuples(index=False)
        }
        result: dict[str, StatusCounts] = {}
        for fa in focus_areas(engine):
            counts = dict.fromkeys(STATUS_GROUP_ORDER, 0)
            with_data = 0
            members = indicators(engine, fa.id)
            for ind in members:
                status, latest = by_indicator.get(ind.id, ("not_available", None))
                counts[STATUS_GROUPS.get(status, "no_data")] += 1
                if isinstance(latest, str):
                    with_data += 1
            result[fa.id] = StatusCounts(counts, len(members), with_data)
        return result

    return _cached(engine, ("national_status_counts",), load)


def municipalities_on_track(engine: Engine) -> dict[str, OnTrack]:
    """Per focus area: municipalities on track (see :class:`OnTrack`)."""

    def load() -> dict[str, OnTrack]:
        n_municipalities = len(regions(engine, "kommun"))
        frame = _status_rows(engine, "kommun")
        active = {i.id for i in indicators(engine)}
        frame = frame[frame["indicator_id"].isin(list(active))]
        judged = frame[frame["status"].isin(list(JUDGED_STATUSES))].copy()
        judged["good"] = judged["status"].isin(list(ON_TRACK_STATUSES))
        result: dict[str, OnTrack] = {}
        grouped = judged.groupby(["focus_area_id", "region_code"])["good"].mean()
        for fa in focus_areas(engine):
            shares = grouped[grouped.index.get_level_values(0) == fa.id]
            result[fa.id] = OnTrack(
                on_track=int((shares >= 0.5).sum()),
                judged=len(shares),
                municipalities=n_municipalities,
            )
        return result

    return _cached(engine, ("on_track",), load)


@dataclass(frozen=True)
class StatusExplanation:
    """The stored status of one series and everything "explain this status" shows."""

    indicator_id: str
    region_code: str
    breakdown: str
    status: str
    manual: bool
    reason: str | None
    score: float | None
    base_period: str | None
    base_value: float | None
    latest_period: str | None
    latest_value: float | None
    rank: int | None
    rank_of: int | None
    quartile: int | None
    computed_status: str | None
    kind: str | None
    target_value: float | None
    target_year: int | None
    observed_cagr: float | None
    required_cagr: float | None
    thresholds: tuple[float | None, float | None, float | None]
    n_points: int | None
    flip_share: float | None
    method_version: str | None
    computed_at: datetime | None
    previous_status: str | None


def _opt_float(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _opt_int(value: Any) -> int | None:
    number = _opt_float(value)
    return int(number) if number is not None else None


def _explanation(row: IndicatorStatus) -> StatusExplanation:
    exp: dict[str, Any] = dict(row.explanation or {})
    previous: dict[str, Any] = dict(row.previous or {})
    return StatusExplanation(
        indicator_id=row.indicator_id,
        region_code=row.region_code,
        breakdown=row.breakdown,
        status=row.status,
        manual=bool(row.manual),
        reason=row.reason,
        score=_opt_float(row.score),
        base_period=row.base_period,
        base_value=_opt_float(row.base_value),
        latest_period=row.latest_period,
        latest_value=_opt_float(row.latest_value),
        rank=row.rank,
        rank_of=row.rank_of,
        quartile=row.quartile,
        computed_status=exp.get("computed_status"),
        kind=exp.get("kind"),
        target_value=_opt_float(exp.get("target_value")),
        target_year=_opt_int(exp.get("target_year")),
        observed_cagr=_opt_float(exp.get("observed_cagr")),
        required_cagr=_opt_float(exp.get("required_cagr")),
        thresholds=(
            _opt_float(exp.get("threshold_substantial")),
            _opt_float(exp.get("threshold_moderate")),
            _opt_float(exp.get("threshold_limited")),
        ),
        n_points=_opt_int(exp.get("n_points")),
        flip_share=_opt_float(exp.get("flip_share")),
        method_version=exp.get("method_version"),
        computed_at=row.computed_at,
        previous_status=previous.get("status"),
    )


def status_of(
    engine: Engine, indicator_id: str, region_code: str, breakdown: str = "T"
) -> StatusExplanation | None:
    """The stored status of one series with its explanation, or None when not computed."""
    with Session(engine) as session:
        row = session.get(IndicatorStatus, (indicator_id, region_code, breakdown))
        return _explanation(row) if row is not None else None


# --- focus-area page ------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorSummary:
    """What a focus-area page shows for one indicator: national status, latest value, trend.

    Attributes:
        indicator: the catalogue entry.
        status: the national status (breakdown T); ``not_available`` without a stored status.
        latest_period: the latest national period with a value, if any.
        latest_value: its value, exactly as stored.
        aggregation: set when the national values are unweighted means of municipalities.
        points: the national series (period, value or None), oldest first.
    """

    indicator: IndicatorInfo
    status: str
    latest_period: str | None
    latest_value: float | None
    aggregation: str | None
    points: tuple[tuple[str, float | None], ...]

    @property
    def has_data(self) -> bool:
        """True when there is at least one national value."""
        return any(v is not None for _, v in self.points)


def focus_area_summaries(engine: Engine, focus_area_id: str) -> tuple[IndicatorSummary, ...]:
    """National status, latest value and series of every indicator of a focus area."""

    def load() -> tuple[IndicatorSummary, ...]:
        members = indicators(engine, focus_area_id)
        ids = [i.id for i in members]
        if not ids:
            return ()
        with engine.connect() as conn:
            obs = conn.execute(
                select(
                    Observation.indicator_id,
                    Observation.period,
                    Observation.value,
                    Observation.aggregation,
                )
                .where(
                    Observation.indicator_id.in_(ids),
                    Observation.region_code == "00",
                    Observation.breakdown == "T",
                )
                .order_by(Observation.indicator_id, Observation.period)
            ).all()
            statuses = {
                r.indicator_id: r.status
                for r in conn.execute(
                    select(IndicatorStatus.indicator_id, IndicatorStatus.status).where(
                        IndicatorStatus.indicator_id.in_(ids),
                        IndicatorStatus.region_code == "00",
                        IndicatorStatus.breakdown == "T",
                    )
                ).all()
            }
        points: dict[str, list[tuple[str, float | None]]] = {}
        aggregation: dict[str, str | None] = {}
        for ind_id, period, value, agg in obs:
            points.setdefault(ind_id, []).append((str(period), _opt_float(value)))
            if agg:
                aggregation[ind_id] = agg
        out: list[IndicatorSummary] = []
        for ind in members:
            series = tuple(points.get(ind.id, []))
            valued = [(p, v) for p, v in series if v is not None]
            latest = valued[-1] if valued else (None, None)
            out.append(
                IndicatorSummary(
                    indicator=ind,
                    status=str(statuses.get(ind.id, "not_available")),
                    latest_period=latest[0],
                    latest_value=latest[1],
                    aggregation=aggregation.get(ind.id),
                    points=series,
                )
            )
        return tuple(out)

    return _cached(engine, ("focus_area_summaries", focus_area_id), load)


# --- indicator page: series, peers, map and ranking -------------------------------------------

SERIES_COLUMNS = [
    "region_code", "region_name", "region_level", "period", "breakdown", "value", "status",
    "aggregation",
]  # fmt: skip


OBSERVATION_ROW_COLUMNS = ["indicator_id", *SERIES_COLUMNS]


def observation_rows(
    engine: Engine,
    indicator_ids: Sequence[str],
    region_codes: Sequence[str],
    breakdowns_wanted: Sequence[str],
) -> pd.DataFrame:
    """Stored observations of some indicators, places and breakdowns, with region names.

    Returns:
        Columns :data:`OBSERVATION_ROW_COLUMNS` in no particular order; ``value`` is float with
        NaN where the source published none (the status symbol says why).
    """
    query = (
        select(
            Observation.indicator_id,
            Observation.region_code,
            Region.name,
            Region.level,
            Observation.period,
            Observation.breakdown,
            Observation.value,
            Observation.status,
            Observation.aggregation,
        )
        .join(Region, Region.code == Observation.region_code)
        .where(
            Observation.indicator_id.in_(list(indicator_ids)),
            Observation.region_code.in_(list(region_codes)),
            Observation.breakdown.in_(list(breakdowns_wanted)),
        )
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=OBSERVATION_ROW_COLUMNS)
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce").astype("float64")
    return frame


def series(
    engine: Engine,
    indicator_id: str,
    region_codes: Sequence[str],
    breakdowns_wanted: Sequence[str] = ("T",),
) -> pd.DataFrame:
    """Observations of some regions and breakdowns over time, as stored.

    Returns:
        Columns :data:`SERIES_COLUMNS`, sorted by the order of ``region_codes``, then
        breakdown and period. ``value`` is float with NaN where the source published none.
    """
    codes = list(dict.fromkeys(region_codes))
    if not codes:
        return _empty(SERIES_COLUMNS)
    frame = observation_rows(engine, [indicator_id], codes, breakdowns_wanted)[SERIES_COLUMNS]
    order = {c: i for i, c in enumerate(codes)}
    border = {b: i for i, b in enumerate(breakdowns_wanted)}
    frame["_r"] = frame["region_code"].map(order)
    frame["_b"] = frame["breakdown"].map(border)
    frame = frame.sort_values(["_r", "_b", "period"], kind="stable").drop(columns=["_r", "_b"])
    return frame.reset_index(drop=True)


PEER_COLUMNS = ["period", "median", "q1", "q3", "n", "n_missing"]


def _peer_band(
    engine: Engine, indicator_id: str, members: Sequence[str], breakdown: str = "T"
) -> pd.DataFrame:
    """Uncached read behind :func:`peer_band`."""
    codes = sorted(set(members))
    if not codes:
        return _empty(PEER_COLUMNS)
    with engine.connect() as conn:
        rows = conn.execute(
            select(Observation.period, Observation.region_code, Observation.value).where(
                Observation.indicator_id == indicator_id,
                Observation.breakdown == breakdown,
                Observation.region_code.in_(codes),
            )
        ).all()
    if not rows:
        return _empty(PEER_COLUMNS)
    frame = pd.DataFrame([tuple(r) for r in rows], columns=["period", "region_code", "value"])
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce").astype("float64")
    index = pd.Index(codes, dtype=object)
    records: list[dict[str, Any]] = []
    for period, group in frame.groupby("period", sort=True):
        values = group.set_index("region_code")["value"].reindex(index)
        ref = peer_reference(values)
        if ref.n == 0:
            continue
        records.append(
            {
                "period": str(period),
                "median": ref.median,
                "q1": ref.q1,
                "q3": ref.q3,
                "n": ref.n,
                "n_missing": ref.n_missing,
            }
        )
    if not records:
        return _empty(PEER_COLUMNS)
    return pd.DataFrame.from_records(records, columns=PEER_COLUMNS)


def peer_band(
    engine: Engine, indicator_id: str, members: Sequence[str], breakdown: str = "T"
) -> pd.DataFrame:
    """Median and interquartile range of a peer group per period.

    Members without a value in a period count as missing (``n_missing``), never as zero.
    Periods where no member has a value are left out.

    Returns:
        Columns :data:`PEER_COLUMNS`, oldest period first.

    Cached per data version; the caller gets its own copy to change.
    """
    key = ("peer_band", indicator_id, tuple(members), breakdown)
    return _cached(engine, key, lambda: _peer_band(engine, indicator_id, members, breakdown)).copy()


MAP_COLUMNS = [
    "region_code", "region_name", "value", "status", "aggregation", "rank", "rank_of", "quartile",
]  # fmt: skip


def _map_values(
    engine: Engine, indicator_id: str, period: str, breakdown: str, level: str
) -> pd.DataFrame:
    """Uncached read behind :func:`map_values`."""
    obs = (
        select(
            Observation.region_code,
            Observation.value,
            Observation.status,
            Observation.aggregation,
        )
        .where(
            Observation.indicator_id == indicator_id,
            Observation.period == period,
            Observation.breakdown == breakdown,
        )
        .subquery()
    )
    ranks = (
        select(
            ObservationRank.region_code,
            ObservationRank.rank,
            ObservationRank.rank_of,
            ObservationRank.quartile,
        )
        .where(
            ObservationRank.indicator_id == indicator_id,
            ObservationRank.period == period,
            ObservationRank.breakdown == breakdown,
        )
        .subquery()
    )
    query = (
        select(
            Region.code,
            Region.name,
            obs.c.value,
            obs.c.status,
            obs.c.aggregation,
            ranks.c.rank,
            ranks.c.rank_of,
            ranks.c.quartile,
        )
        .outerjoin(obs, obs.c.region_code == Region.code)
        .outerjoin(ranks, ranks.c.region_code == Region.code)
        .where(Region.level == level)
        .order_by(Region.code)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=MAP_COLUMNS)
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce").astype("float64")
    for col in ("rank", "rank_of", "quartile"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("Int64")
    return frame


def map_values(
    engine: Engine, indicator_id: str, period: str, breakdown: str, level: str
) -> pd.DataFrame:
    """Every region of a level with its value, source symbol and rank for one period.

    Regions without an observation are included with value NaN, so a map and a table show
    them as missing instead of leaving them out.

    Returns:
        Columns :data:`MAP_COLUMNS`, ordered by region code; rank columns are Int64.

    Cached per data version; the caller gets its own copy to change.
    """
    key = ("map_values", indicator_id, period, breakdown, level)
    return _cached(
        engine, key, lambda: _map_values(engine, indicator_id, period, breakdown, level)
    ).copy()


RANKING_COLUMNS = [
    *MAP_COLUMNS, "previous_period", "previous_value", "change", "series_status",
]  # fmt: skip


def previous_period(engine: Engine, indicator_id: str, period: str, level: str) -> str | None:
    """The latest period before ``period`` with data at ``level``, or None."""
    earlier = [p for p in periods(engine, indicator_id, level) if p < period]
    return earlier[-1] if earlier else None


def _ranking(
    engine: Engine, indicator_id: str, period: str, breakdown: str, level: str
) -> pd.DataFrame:
    """Uncached read behind :func:`ranking`."""
    current = map_values(engine, indicator_id, period, breakdown, level)
    before = previous_period(engine, indicator_id, period, level)
    if before is not None:
        prev = map_values(engine, indicator_id, before, breakdown, level)[["region_code", "value"]]
        prev = prev.rename(columns={"value": "previous_value"})
        current = current.merge(prev, on="region_code", how="left")
    else:
        current["previous_value"] = float("nan")
    current["previous_value"] = current["previous_value"].astype("float64")
    current["previous_period"] = before
    current["change"] = current["value"] - current["previous_value"]
    with engine.connect() as conn:
        rows = conn.execute(
            select(IndicatorStatus.region_code, IndicatorStatus.status)
            .join(Region, Region.code == IndicatorStatus.region_code)
            .where(
                IndicatorStatus.indicator_id == indicator_id,
                IndicatorStatus.breakdown == breakdown,
                Region.level == level,
            )
        ).all()
    statuses = {str(code): str(status) for code, status in rows}
    current["series_status"] = current["region_code"].map(statuses)
    current["_missing"] = current["rank"].isna()
    current = current.sort_values(
        ["_missing", "rank", "region_name"], kind="stable", na_position="last"
    ).drop(columns=["_missing"])
    return current[RANKING_COLUMNS].reset_index(drop=True)


def ranking(
    engine: Engine, indicator_id: str, period: str, breakdown: str, level: str
) -> pd.DataFrame:
    """The ranking table: every region of a level, best first, missing values last.

    Adds the value of the previous period, the change since then (only where both values
    exist) and the status of the region's series (which judges the whole series up to its
    latest period).

    Returns:
        Columns :data:`RANKING_COLUMNS`.

    Cached per data version; the caller gets its own copy to change.
    """
    key = ("ranking", indicator_id, period, breakdown, level)
    return _cached(
        engine, key, lambda: _ranking(engine, indicator_id, period, breakdown, level)
    ).copy()


def boundaries(engine: Engine, level: str) -> str | None:
    """The simplified GeoJSON of a level (``kommun`` or ``lan``), or None before loading."""

    def load() -> str | None:
        with engine.connect() as conn:
            value = conn.execute(select(Boundary.geojson).where(Boundary.level == level)).scalar()
        return str(value) if value is not None else None

    return _cached(engine, ("boundaries", level), load)


# --- about: source, freshness, reproduce ---------------------------------------------------


@dataclass(frozen=True)
class SourceRequest:
    """One request that reproduces stored values at the source.

    Attributes:
        method: ``GET`` or ``POST``.
        url: the full URL.
        body: the JSON body of a POST, pretty-printed; None for GET.
        scope: what the request returns (``all`` or a level such as ``lan``).
    """

    method: str
    url: str
    body: str | None
    scope: str


@dataclass(frozen=True)
class AboutInfo:
    """What the About tab shows of an indicator's source and freshness."""

    source: str
    source_id: str
    table_id: str | None
    source_title: str | None
    source_link: str
    source_updated: datetime | None
    publication_date: str | None
    last_fetched: datetime | None
    last_checked: datetime | None
    last_error: str | None
    requests: tuple[SourceRequest, ...]


def kolada_kpi_link(kpi_id: str) -> str:
    """The page of a KPI in Kolada's free search, for people rather than programs."""
    return f"https://www.kolada.se/verktyg/fri-sokning/?kpis={quote(kpi_id)}"


def scb_table_link(source_id: str, table_id: str | None, scb_api_url: str) -> str:
    """A link to an SCB table: the Statistikdatabasen page for a v1 path, else its metadata."""
    if "/" in source_id:
        path = "__".join(source_id.split("/")[:-1])
        name = source_id.split("/")[-1]
        return f"https://www.statistikdatabasen.scb.se/pxweb/sv/ssd/START__{path}/{name}/"
    tab = table_id or source_id
    return f"{scb_api_url.rstrip('/')}/tables/{quote(tab)}/metadata?lang=sv"


def _chunks(items: Sequence[str], size: int) -> list[list[str]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def kolada_requests(
    info: IndicatorInfo,
    years: Iterable[str],
    group_ids: Sequence[str],
    kolada_api_url: str,
) -> tuple[SourceRequest, ...]:
    """The Kolada API v3 URLs that return the stored values of a KPI.

    The ETL asks for every municipality and region by year, and, for KPIs published only for
    municipalities, for the groups whose unweighted means stand for counties and the nation.
    Kolada takes at most 25 ids in one segment, so long year lists become several URLs.
    """
    base = kolada_api_url.rstrip("/")
    year_list = sorted({y[:4] for y in years if y[:4].isdigit()})
    out: list[SourceRequest] = []
    for chunk in _chunks(year_list, KOLADA_MAX_IDS):
        out.append(
            SourceRequest(
                "GET", f"{base}/data/kpi/{info.source_id}/year/{','.join(chunk)}", None, "all"
            )
        )
    if group_ids and info.municipal_mean_levels:
        for groups in _chunks(sorted(group_ids), KOLADA_MAX_IDS):
            for chunk in _chunks(year_list, KOLADA_MAX_IDS):
                out.append(
                    SourceRequest(
                        "GET",
                        f"{base}/data/kpi/{info.source_id}/municipality/{','.join(groups)}"
                        f"/year/{','.join(chunk)}",
                        None,
                        "municipal_mean",
                    )
                )
    return tuple(out)


def scb_requests(info: IndicatorInfo, table_id: str, scb_api_url: str) -> tuple[SourceRequest, ...]:
    """The PxWebApi 2.0 POST requests (URL and body) that return the stored values.

    Mirrors how the ETL asks: the catalogue's fixed selection, every period, every region (per
    level with the catalogue's codelists, when it names them) and the gender codes.
    """
    query = ScbQuery.model_validate(info.source_query or {})
    url = f"{scb_api_url.rstrip('/')}/tables/{quote(table_id)}/data?lang=sv&outputFormat=json-stat2"

    def body(part: ScbRequestPart) -> str:
        parts: list[dict[str, Any]] = []
        for variable, values in part.selection.items():
            item: dict[str, Any] = {"variableCode": variable, "valueCodes": values}
            if variable == query.region_variable and part.codelist:
                item["codelist"] = part.codelist
            parts.append(item)
        return json.dumps({"selection": parts}, ensure_ascii=False, indent=2)

    return tuple(
        SourceRequest("POST", url, body(part), part.label)
        for part in query.request_parts(
            gender=info.gender, levels=[Level(lv) for lv in info.levels]
        )
    )


def about(
    engine: Engine, indicator_id: str, *, kolada_api_url: str, scb_api_url: str
) -> AboutInfo | None:
    """Source, links, freshness and the requests that reproduce an indicator's values."""
    info = indicator(engine, indicator_id)
    if info is None:
        return None
    with Session(engine, expire_on_commit=False) as session:
        st = session.get(SourceState, indicator_id)
    meta: dict[str, Any] = dict(st.source_meta or {}) if st is not None else {}
    resolved = st.resolved_source_id if st is not None else None
    years = periods(engine, indicator_id)
    if info.source == "kolada":
        group_levels = set(info.municipal_mean_levels)
        group_ids = [
            r.kolada_group_id
            for r in regions(engine)
            if r.kolada_group_id and r.level in group_levels
        ]
        requests = kolada_requests(info, years, group_ids, kolada_api_url)
        link = kolada_kpi_link(info.source_id)
        title = meta.get("title")
        table_id: str | None = None
    else:
        table_id = resolved or (info.source_id if info.source_id.startswith("TAB") else None)
        requests = scb_requests(info, table_id, scb_api_url) if table_id else ()
        link = scb_table_link(info.source_id, table_id, scb_api_url)
        title = meta.get("label")
    return AboutInfo(
        source=info.source,
        source_id=info.source_id,
        table_id=table_id,
        source_title=str(title) if title else None,
        source_link=link,
        source_updated=st.source_updated if st is not None else None,
        publication_date=meta.get("publication_date"),
        last_fetched=st.last_success_at if st is not None else None,
        last_checked=st.last_checked_at if st is not None else None,
        last_error=st.last_error if st is not None else None,
        requests=requests,
    )


def indicator_has_data(engine: Engine, indicator_id: str) -> bool:
    """True when at least one value (not only missing markers) is stored."""

    def load() -> bool:
        with engine.connect() as conn:
            found = conn.execute(
                select(Observation.id)
                .where(
                    and_(Observation.indicator_id == indicator_id, Observation.value.is_not(None))
                )
                .limit(1)
            ).first()
        return found is not None

    return _cached(engine, ("has_data", indicator_id), load)


def _empty(columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
