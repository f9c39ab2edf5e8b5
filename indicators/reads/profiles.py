"""Reads behind the place pages: search, profiles, peer groups, coverage, changes, comparison.

A profile shows every catalogue indicator for one municipality or county against the nation,
its county and a peer group. Everything is read in a handful of queries per place (the place's,
the nation's and the county's series in one, the positions in one, the statuses in one, the
peers' values in one per latest period the place has) and kept in the data-versioned cache of
:mod:`levande.indicators.reads.cache`, so a profile costs its queries once per data version
and peer group.

Positions follow :mod:`levande.indicators.core.ranking`: among all places of the level they come
from the stored ranks; within a peer group they are computed here (:func:`position_in`, the
rules of :func:`levande.indicators.core.ranking.rank_within`) over the peers' values for the
same period, the place itself always a member of its group. Values are returned exactly as
stored; a missing value stays ``None`` with the reason it is missing.

Pure helpers (name folding, search, coverage counts) take plain values, so they are tested
without a database.
"""

from __future__ import annotations

import logging
import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import func, select

from levande.indicators.core.catalogue import FocusArea, Indicator
from levande.indicators.core.numbers import optional_float, optional_int
from levande.indicators.core.ranking import PeerReference
from levande.indicators.core.vocabulary import Direction, Status
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads import series as obs
from levande.indicators.reads.cache import Reader
from levande.indicators.reads.codec import shareable
from levande.indicators.store.schema import (
    IndicatorStatus,
    Observation,
    ObservationRank,
    Region,
    SourceState,
)

log = logging.getLogger(__name__)

MAX_CUSTOM_PEERS = 20
"""Longest custom peer list a URL may carry (beyond it the rest is ignored, with a notice)."""

MAX_COMPARE_PLACES = 10
"""Most places the comparison page draws at once."""

MAX_COMPARE_INDICATORS = 6
"""Most indicators the comparison page draws at once (one chart each)."""

MISSING_REASONS = ("not_published", "suppressed", "not_applicable", "not_run")
"""Why an indicator has no value for a place, in the coverage matrix's column order.

* ``not_published``: the source has published nothing at the place's level (yet);
* ``suppressed``: the place has rows, but without a value (the source's symbol says why);
* ``not_applicable``: the catalogue does not follow the indicator at the place's level;
* ``not_run``: other places of the level have values, this place has none at all (a survey
  not run there, or a municipality that did not report).
"""

PLACE_LEVELS = ("kommun", "lan")


# --- search ----------------------------------------------------------------------------------


def fold(text: str) -> str:
    """A name folded for matching: no diacritics, no case, single spaces.

    "Gävle", "GÄVLE" and "gavle" all fold to "gavle"; å, ä and ö lose their marks as
    typed on a keyboard without them. The browser's type-ahead folds the same way
    (``normalize("NFD")`` and removing combining marks).
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def _match_rank(query: str, name: str, code: str) -> int | None:
    """0 exact name or code, 1 name prefix, 2 prefix of a later word, 3 anywhere; None."""
    folded = fold(name)
    if query in (folded, code):
        return 0
    if folded.startswith(query) or code.startswith(query):
        return 1
    if any(word.startswith(query) for word in folded.replace("-", " ").split()[1:]):
        return 2
    if query in folded:
        return 3
    return None


def search_places(
    places: Iterable[dims.RegionInfo], text: str, limit: int = 10
) -> list[dims.RegionInfo]:
    """Municipalities and counties whose name (or code) matches ``text``, best first.

    Matching ignores case and diacritics. Exact matches come first, then names starting with
    the text, then names with a later word starting with it, then any other occurrence;
    within a rank municipalities before counties, then by name.

    Args:
        places: the regions to search (riket is never a result).
        text: what the user typed.
        limit: at most this many results.

    Returns:
        The matching regions.
    """
    query = fold(text)
    if not query:
        return []
    level_order = {"kommun": 0, "lan": 1}
    scored: list[tuple[int, int, str, dims.RegionInfo]] = []
    for place in places:
        if place.level not in level_order:
            continue
        rank = _match_rank(query, place.name, place.code)
        if rank is not None:
            scored.append((rank, level_order[place.level], fold(place.name), place))
    scored.sort(key=lambda item: item[:3])
    return [item[3] for item in scored[:limit]]


def find_places(reader: Reader, text: str, limit: int = 10) -> list[dims.RegionInfo]:
    """:func:`search_places` over the municipalities and counties in the database."""
    return search_places(dims.regions(reader), text, limit)


# --- peer groups -----------------------------------------------------------------------------


@shareable
@dataclass(frozen=True)
class PeerSet:
    """The places a profile is compared with.

    Attributes:
        kind: ``skr`` (an SKR municipality group), ``county`` (a county's municipalities),
            ``all`` (all municipalities), ``custom`` (a list from the URL) or ``counties``
            (all counties, for a county's profile).
        group_id: the municipality group's id for ``skr``, ``county`` and ``all``.
        members: the members' codes, the place itself included, sorted.
    """

    kind: str
    group_id: str | None
    members: tuple[str, ...]


def county_members(reader: Reader, county: str) -> tuple[str, ...]:
    """The municipalities of a county, by their parent code."""
    return tuple(r.code for r in dims.regions(reader, "kommun") if r.parent_code == county)


def peer_set(reader: Reader, place: dims.RegionInfo, kind: str, group_id: str | None,
             custom: Sequence[str] = ()) -> PeerSet:  # fmt: skip
    """The members of a peer group for a place, the place always among them.

    Args:
        reader: the database and its read cache.
        place: the profile's place.
        kind: as in :class:`PeerSet`; a county's profile is always compared with all counties.
        group_id: the group for ``skr``, ``county`` and ``all``.
        custom: municipality codes for ``custom``.
    """
    if place.level == "lan":
        return PeerSet("counties", None, tuple(r.code for r in dims.regions(reader, "lan")))
    if kind in ("skr", "county", "all") and group_id:
        group = dims.peer_group(reader, group_id)
        members = set(group.members) if group is not None else set()
        return PeerSet(kind, group_id, tuple(sorted(members | {place.code})))
    if kind == "county" and place.parent_code:
        members = set(county_members(reader, place.parent_code))
        group = next(
            (
                g
                for g in dims.peer_groups(reader)
                if g.kind == "county" and g.short_code == place.parent_code
            ),
            None,
        )
        group_members = set(group.members) if group is not None else set()
        return PeerSet(
            "county",
            group.id if group is not None else None,
            tuple(sorted(members | group_members | {place.code})),
        )
    return PeerSet("custom", None, tuple(sorted(set(custom) | {place.code})))


# --- profile ---------------------------------------------------------------------------------


@shareable
@dataclass(frozen=True)
class Position:
    """A place's position in a group for one indicator and period.

    Attributes:
        rank: 1 is best (for a neutral indicator: the highest value); None without a value.
        rank_of: how many places of the group have a value.
        quartile: 1 (best quarter) to 4; None for neutral indicators and tiny groups.
    """

    rank: int | None
    rank_of: int | None
    quartile: int | None


NO_POSITION = Position(None, None, None)


@shareable
@dataclass(frozen=True)
class ProfileRow:
    """One indicator in a place's profile (breakdown total).

    Attributes:
        indicator: the catalogue entry.
        period: the latest period with a value for the place, or None.
        value: that value, exactly as stored.
        aggregation: set when the place's value is an unweighted mean of municipalities.
        previous_period: the place's period with a value before ``period``.
        previous_value: its value.
        change: ``value - previous_value`` when both exist.
        newer_missing: a later period than ``period`` where the place has a row without a
            value, with the source's symbol: (period, symbol).
        status: the place's stored status (``not_available`` when none).
        manual: True when the status is set in the catalogue.
        position: among all places of the level (stored ranks) for ``period``.
        peer_position: within the peer group for ``period``.
        peer_median: the peer group's median for ``period``.
        peer_n: peers with a value for ``period``.
        peer_n_missing: peers without one.
        riket_value: the nation's value for ``period``.
        riket_aggregation: set when that is an unweighted mean of municipalities.
        county_value: the county's value for ``period`` (municipalities only).
        county_aggregation: as for riket.
        missing_reason: one of :data:`MISSING_REASONS` when the place has no value.
        missing_symbol: the source's symbol of the place's latest row without a value.
        points: the place's series (period, value), oldest first.
        riket_points: the nation's series, for the small multiples.
    """

    indicator: Indicator
    period: str | None = None
    value: float | None = None
    aggregation: str | None = None
    previous_period: str | None = None
    previous_value: float | None = None
    change: float | None = None
    newer_missing: tuple[str, str | None] | None = None
    status: str = Status.NOT_AVAILABLE.value
    manual: bool = False
    position: Position = NO_POSITION
    peer_position: Position = NO_POSITION
    peer_median: float | None = None
    peer_n: int = 0
    peer_n_missing: int = 0
    riket_value: float | None = None
    riket_aggregation: str | None = None
    county_value: float | None = None
    county_aggregation: str | None = None
    missing_reason: str | None = None
    missing_symbol: str | None = None
    points: tuple[tuple[str, float | None], ...] = field(default=(), compare=False)
    riket_points: tuple[tuple[str, float | None], ...] = field(default=(), compare=False)

    @property
    def has_value(self) -> bool:
        """True when the place has a value for the indicator."""
        return self.value is not None


@shareable
@dataclass(frozen=True)
class Profile:
    """A place's profile: its region, its county, the peer group and one row per indicator."""

    place: dims.RegionInfo
    county: dims.RegionInfo | None
    peers: PeerSet
    rows: tuple[ProfileRow, ...]

    def row(self, indicator_id: str) -> ProfileRow | None:
        """The row of one indicator, or None."""
        return next((r for r in self.rows if r.indicator.id == indicator_id), None)


def indicators_with_values(reader: Reader, level: str) -> frozenset[str]:
    """Indicators with at least one value at a level: "published there" for the coverage."""

    def load() -> frozenset[str]:
        query = (
            select(Observation.indicator_id)
            .join(Region, Region.code == Observation.region_code)
            .where(Region.level == level, Observation.value.is_not(None))
            .distinct()
        )
        with reader.connect() as conn:
            return frozenset(str(i) for i in conn.execute(query).scalars().all())

    return reader.cached(("indicators_with_values", level), load)


def _finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def position_in(
    value: float | None, group: Sequence[float | None], direction: Direction
) -> Position:
    """One value's position in its group, by the rules of :mod:`levande.indicators.core.ranking`.

    The same numbers as :func:`levande.indicators.core.ranking.rank_within` gives for that value
    (a test     checks it on random groups), computed directly: a profile needs one position per
    indicator, and building a ranked frame for each costs more than the rest of the profile.

    Args:
        value: the place's value (it is also a member of ``group``).
        group: every member's value, None or NaN when missing.
        direction: the indicator's direction.
    """
    present = [v for v in group if v is not None and _finite(v)]
    if value is None or not _finite(value):
        return NO_POSITION
    sign = -1.0 if direction is Direction.LOWER_IS_BETTER else 1.0
    rank = 1 + sum(1 for v in present if v * sign > value * sign)
    rank_of = len(present)
    quartile = None
    if direction is not Direction.NEUTRAL and rank_of >= 2:
        quartile = min(4, math.floor(4 * (rank - 1) / (rank_of - 1)) + 1)
    return Position(rank, rank_of, quartile)


def group_reference(group: Sequence[float | None]) -> PeerReference:
    """Median and quartiles of a group, as ``ranking.peer_reference`` gives them."""
    present = [float(v) for v in group if v is not None and _finite(v)]
    if not present:
        return PeerReference(None, None, None, 0, len(group))
    q1, median, q3 = (float(x) for x in np.percentile(present, [25.0, 50.0, 75.0]))
    return PeerReference(median, q1, q3, len(present), len(group) - len(present))


def missing_reason(
    indicator: Indicator,
    level: str,
    has_rows: bool,
    published_at_level: bool,
) -> str:
    """Why a place has no value for an indicator (see :data:`MISSING_REASONS`).

    Args:
        indicator: the catalogue entry.
        level: the place's level.
        has_rows: True when the place has rows for the indicator, all without a value.
        published_at_level: True when some place of the level has a value.
    """
    if level not in indicator.levels:
        return "not_applicable"
    if has_rows:
        return "suppressed"
    if published_at_level:
        return "not_run"
    return "not_published"


def _direction(indicator: Indicator) -> Direction:
    try:
        return Direction(indicator.direction)
    except ValueError:
        return Direction.NEUTRAL


def _series_rows(
    reader: Reader, codes: Sequence[str]
) -> dict[tuple[str, str], list[tuple[str, float | None, str | None, str | None]]]:
    """(indicator, region) -> [(period, value, symbol, aggregation)], oldest first."""
    query = select(
        Observation.indicator_id,
        Observation.region_code,
        Observation.period,
        Observation.value,
        Observation.status,
        Observation.aggregation,
    ).where(Observation.region_code.in_(list(codes)), Observation.breakdown == "T")
    out: dict[tuple[str, str], list[tuple[str, float | None, str | None, str | None]]] = {}
    with reader.connect() as conn:
        rows = conn.execute(query).all()  # one fetch: iterating the result fetches row by row
        for ind, region, period, value, symbol, agg in rows:
            out.setdefault((str(ind), str(region)), []).append(
                (str(period), optional_float(value), symbol or None, agg or None)
            )
    for points in out.values():
        points.sort(key=lambda p: p[0])
    return out


def _peer_values(
    reader: Reader, members: Sequence[str], wanted: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], dict[str, float | None]]:
    """(indicator, period) -> {region: value} of the peers for the wanted pairs."""
    by_period: dict[str, list[str]] = {}
    for ind, period in sorted(set(wanted)):
        by_period.setdefault(period, []).append(ind)
    out: dict[tuple[str, str], dict[str, float | None]] = {}
    if not by_period or not members:
        return out
    # One query per period (a profile's latest periods are few), each an index range on
    # (indicator_id, period, breakdown): a row-value IN over the pairs scans the whole table.
    with reader.connect() as conn:
        for period, ids in by_period.items():
            query = select(
                Observation.indicator_id,
                Observation.region_code,
                Observation.value,
            ).where(
                Observation.indicator_id.in_(ids),
                Observation.period == period,
                Observation.breakdown == "T",
                Observation.region_code.in_(list(members)),
            )
            for ind, region, value in conn.execute(query).all():
                out.setdefault((str(ind), period), {})[str(region)] = optional_float(value)
    return out


def _build_profile(reader: Reader, place: dims.RegionInfo, peers: PeerSet) -> Profile:
    county = (
        dims.region(reader, place.parent_code)
        if place.level == "kommun" and place.parent_code
        else None
    )
    codes = [place.code, "00"] + ([county.code] if county is not None else [])
    series = _series_rows(reader, codes)
    with reader.connect() as conn:
        ranks = {
            (str(ind), str(period)): Position(
                optional_int(rank), optional_int(of), optional_int(quart)
            )
            for ind, period, rank, of, quart in conn.execute(
                select(
                    ObservationRank.indicator_id,
                    ObservationRank.period,
                    ObservationRank.rank,
                    ObservationRank.rank_of,
                    ObservationRank.quartile,
                ).where(ObservationRank.region_code == place.code, ObservationRank.breakdown == "T")
            ).all()
        }
        statuses = {
            str(ind): (str(status), bool(manual))
            for ind, status, manual in conn.execute(
                select(
                    IndicatorStatus.indicator_id, IndicatorStatus.status, IndicatorStatus.manual
                ).where(IndicatorStatus.region_code == place.code, IndicatorStatus.breakdown == "T")
            ).all()
        }
    published = indicators_with_values(reader, place.level)
    latest: dict[str, str] = {}
    for info in dims.indicators(reader):
        own = [p for p in series.get((info.id, place.code), []) if p[1] is not None]
        if own:
            latest[info.id] = own[-1][0]
    peer_values = _peer_values(reader, peers.members, latest.items())
    rows: list[ProfileRow] = []
    for info in dims.indicators(reader):
        rows.append(
            _row(info, place, county, peers, series, ranks, statuses, published, peer_values)
        )
    return Profile(place=place, county=county, peers=peers, rows=tuple(rows))


def _row(
    info: Indicator,
    place: dims.RegionInfo,
    county: dims.RegionInfo | None,
    peers: PeerSet,
    series: Mapping[tuple[str, str], list[tuple[str, float | None, str | None, str | None]]],
    ranks: Mapping[tuple[str, str], Position],
    statuses: Mapping[str, tuple[str, bool]],
    published: frozenset[str],
    peer_values: Mapping[tuple[str, str], Mapping[str, float | None]],
) -> ProfileRow:
    own = series.get((info.id, place.code), [])
    riket = series.get((info.id, "00"), [])
    valued = [p for p in own if p[1] is not None]
    status, manual = statuses.get(info.id, (Status.NOT_AVAILABLE.value, False))
    points = tuple((p[0], p[1]) for p in own)
    riket_points = tuple((p[0], p[1]) for p in riket)
    if not valued:
        symbol = next((p[2] for p in reversed(own) if p[2]), None)
        return ProfileRow(
            indicator=info,
            status=status,
            manual=manual,
            missing_reason=missing_reason(info, place.level, bool(own), info.id in published),
            missing_symbol=symbol,
            points=points,
            riket_points=riket_points,
        )
    period, value, _, aggregation = valued[-1]
    before = valued[-2] if len(valued) > 1 else None
    newer = next(((p[0], p[2]) for p in reversed(own) if p[0] > period and p[1] is None), None)
    riket_at = next((p for p in riket if p[0] == period), None)
    county_at = (
        next((p for p in series.get((info.id, county.code), []) if p[0] == period), None)
        if county is not None
        else None
    )
    values = peer_values.get((info.id, period), {})
    group = [values.get(code) for code in peers.members]
    reference = group_reference(group)
    change = (
        value - before[1]
        if before is not None and before[1] is not None and value is not None
        else None
    )
    return ProfileRow(
        indicator=info,
        period=period,
        value=value,
        aggregation=aggregation,
        previous_period=before[0] if before else None,
        previous_value=before[1] if before else None,
        change=change,
        newer_missing=newer,
        status=status,
        manual=manual,
        position=ranks.get((info.id, period), NO_POSITION),
        peer_position=position_in(values.get(place.code), group, _direction(info)),
        peer_median=reference.median,
        peer_n=reference.n,
        peer_n_missing=reference.n_missing,
        riket_value=riket_at[1] if riket_at else None,
        riket_aggregation=riket_at[3] if riket_at else None,
        county_value=county_at[1] if county_at else None,
        county_aggregation=county_at[3] if county_at else None,
        points=points,
        riket_points=riket_points,
    )


def profile(reader: Reader, place: dims.RegionInfo, peers: PeerSet) -> Profile:
    """Every active indicator for a place against riket, its county and its peers.

    Cached per data version, place and peer group.

    Args:
        reader: the database and its read cache.
        place: a municipality or a county.
        peers: the peer group (see :func:`peer_set`).
    """
    key = ("profile", place.code, peers.kind, peers.group_id, peers.members)
    return reader.cached(key, lambda: _build_profile(reader, place, peers))


@shareable
@dataclass(frozen=True)
class Freshness:
    """When an indicator's values were last fetched, and last updated at the source."""

    last_fetched: datetime | None
    source_updated: datetime | None


def freshness(reader: Reader) -> Mapping[str, Freshness]:
    """Every indicator's fetch and source-update times, for the source lines of a profile."""

    def load() -> dict[str, Freshness]:
        with reader.connect() as conn:
            rows = conn.execute(
                select(
                    SourceState.indicator_id,
                    SourceState.last_success_at,
                    SourceState.source_updated,
                )
            ).all()
        return {str(ind): Freshness(fetched, updated) for ind, fetched, updated in rows}

    return reader.cached(("freshness",), load)


# --- coverage --------------------------------------------------------------------------------


@shareable
@dataclass(frozen=True)
class CoverageCell:
    """How many indicators of one sub-goal have data for a place, and why the rest do not.

    Attributes:
        focus_area_id: the focus area.
        subgoal_id: the sub-goal.
        total: its indicators.
        with_data: indicators with a value for the place.
        missing: per reason of :data:`MISSING_REASONS`, the indicators without one.
    """

    focus_area_id: str
    subgoal_id: str
    total: int
    with_data: int
    missing: Mapping[str, tuple[str, ...]]

    def count(self, reason: str) -> int:
        """How many indicators are missing for ``reason``."""
        return len(self.missing.get(reason, ()))


def coverage(
    rows: Sequence[ProfileRow], focus_areas: Sequence[dims.Group]
) -> tuple[CoverageCell, ...]:
    """The coverage matrix of a profile: one cell per sub-goal in force, in catalogue order.

    An indicator that follows up several sub-goals counts in each of them; context groups
    have no sub-goals and no cells.
    """
    cells: list[CoverageCell] = []
    for fa in focus_areas:
        for sg in fa.subgoals if isinstance(fa, FocusArea) else ():
            members = [r for r in rows if sg.id in r.indicator.subgoals]
            missing: dict[str, tuple[str, ...]] = {
                reason: tuple(r.indicator.id for r in members if r.missing_reason == reason)
                for reason in MISSING_REASONS
            }
            cells.append(
                CoverageCell(
                    focus_area_id=fa.id,
                    subgoal_id=sg.id,
                    total=len(members),
                    with_data=sum(1 for r in members if r.has_value),
                    missing=missing,
                )
            )
    return tuple(cells)


# --- what changed ----------------------------------------------------------------------------


@shareable
@dataclass(frozen=True)
class Change:
    """A series of a place that changed in the latest status recompute.

    Attributes:
        indicator: the catalogue entry.
        changed: what changed: any of ``status``, ``rank``, ``period`` (a new latest
            period) and ``value`` (a revised latest value).
        status_before: the status before.
        status_after: the status now.
        rank_before: the rank (among all places of the level) before.
        rank_after: the rank now.
        period_before: the latest period before.
        period_after: the latest period now.
        value_before: the latest value before, exactly as stored then.
        value_after: the latest value now.
    """

    indicator: Indicator
    changed: tuple[str, ...]
    status_before: str | None
    status_after: str
    rank_before: int | None
    rank_after: int | None
    period_before: str | None
    period_after: str | None
    value_before: float | None
    value_after: float | None


def latest_recompute(reader: Reader) -> datetime | None:
    """When statuses were last recomputed (the latest refresh's status step)."""

    def load() -> datetime | None:
        with reader.connect() as conn:
            value = conn.execute(select(func.max(IndicatorStatus.computed_at))).scalar()
        return value if isinstance(value, datetime) else None

    return reader.cached(("latest_recompute",), load)


def changes(reader: Reader, region_code: str) -> tuple[Change, ...]:
    """The place's series (breakdown total) whose value, status or rank changed last time.

    Only series recomputed in the latest status step count: their ``previous`` record says
    what they looked like before it and what changed. A series seen for the first time has
    no previous record and is not a change.
    """

    def load() -> tuple[Change, ...]:
        stamp = latest_recompute(reader)
        if stamp is None:
            return ()
        with reader.connect() as conn:
            rows = conn.execute(
                select(
                    IndicatorStatus.indicator_id,
                    IndicatorStatus.status,
                    IndicatorStatus.rank,
                    IndicatorStatus.latest_period,
                    IndicatorStatus.latest_value,
                    IndicatorStatus.previous,
                    IndicatorStatus.computed_at,
                ).where(
                    IndicatorStatus.region_code == region_code,
                    IndicatorStatus.breakdown == "T",
                )
            ).all()
        by_id = {i.id: i for i in dims.indicators(reader)}
        order = {ind_id: n for n, ind_id in enumerate(by_id)}
        out: list[Change] = []
        for ind, status, rank, period, value, previous, computed_at in rows:
            info = by_id.get(str(ind))
            before: dict[str, Any] = dict(previous or {})
            changed = tuple(str(c) for c in before.get("changed") or ())
            if info is None or not changed or computed_at != stamp:
                continue
            out.append(
                Change(
                    indicator=info,
                    changed=changed,
                    status_before=before.get("status"),
                    status_after=str(status),
                    rank_before=optional_int(before.get("rank")),
                    rank_after=optional_int(rank),
                    period_before=before.get("latest_period"),
                    period_after=period,
                    value_before=optional_float(before.get("latest_value")),
                    value_after=optional_float(value),
                )
            )
        out.sort(key=lambda c: order[c.indicator.id])
        return tuple(out)

    return reader.cached(("changes", region_code), load)


# --- comparison ------------------------------------------------------------------------------

COMPARE_COLUMNS = [
    "indicator_id", "region_code", "region_name", "region_level", "period", "breakdown",
    "value", "status", "aggregation",
]  # fmt: skip


def compare_series(
    reader: Reader,
    indicator_ids: Sequence[str],
    region_codes: Sequence[str],
    breakdown: str = "T",
) -> pd.DataFrame:
    """Several places' series of several indicators, as stored, in one query.

    Returns:
        Columns :data:`COMPARE_COLUMNS`, ordered by the given indicators, then the given
        places, then period; ``value`` is float with NaN where the source published none.
    """
    ids = list(dict.fromkeys(indicator_ids))
    codes = list(dict.fromkeys(region_codes))
    if not ids or not codes:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COMPARE_COLUMNS})
    frame = obs.observation_rows(reader, ids, codes, [breakdown])[COMPARE_COLUMNS]
    frame["_i"] = frame["indicator_id"].map({i: n for n, i in enumerate(ids)})
    frame["_r"] = frame["region_code"].map({c: n for n, c in enumerate(codes)})
    frame = frame.sort_values(["_i", "_r", "period"], kind="stable").drop(columns=["_i", "_r"])
    return frame.reset_index(drop=True)
