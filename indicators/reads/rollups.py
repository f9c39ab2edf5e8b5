"""Statuses rolled up: counts per focus area, municipalities on track, one status explained.

Also the focus-area page's summary of each indicator (national status, latest value, series).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from levande.indicators.core.catalogue import Indicator
from levande.indicators.core.numbers import optional_float, optional_int
from levande.indicators.core.vocabulary import (
    JUDGED_STATUSES,
    ON_TRACK_STATUSES,
    STATUS_GROUP_ORDER,
    STATUS_GROUPS,
    Status,
    StatusGroup,
)
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads.cache import Reader
from levande.indicators.reads.codec import shareable
from levande.indicators.store.schema import (
    IndicatorRow,
    IndicatorStatus,
    Observation,
    Region,
)

# --- statuses rolled up ---------------------------------------------------------------------


@shareable
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


@shareable
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


def _status_rows(reader: Reader, level: str) -> pd.DataFrame:
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
        with reader.connect() as conn:
            rows = conn.execute(query).all()
        return pd.DataFrame(
            [tuple(r) for r in rows],
            columns=["indicator_id", "region_code", "status", "latest_period", "focus_area_id"],
        )

    return reader.cached(("status_rows", level), load)


def national_status_counts(reader: Reader) -> dict[str, StatusCounts]:
    """Per focus area: national statuses (breakdown T) folded into plain categories."""

    def load() -> dict[str, StatusCounts]:
        frame = _status_rows(reader, "riket")
        by_indicator = {
            str(r.indicator_id): (str(r.status), r.latest_period)
            for r in frame.itertuples(index=False)
        }
        result: dict[str, StatusCounts] = {}
        for fa in dims.focus_areas(reader):
            counts = dict.fromkeys(STATUS_GROUP_ORDER, 0)
            with_data = 0
            members = dims.indicators(reader, fa.id)
            for ind in members:
                status, latest = by_indicator.get(ind.id, (Status.NOT_AVAILABLE.value, None))
                counts[STATUS_GROUPS.get(status, StatusGroup.NO_DATA).value] += 1
                if isinstance(latest, str):
                    with_data += 1
            result[fa.id] = StatusCounts(counts, len(members), with_data)
        return result

    return reader.cached(("national_status_counts",), load)


def _on_track_shares(reader: Reader, level: str) -> pd.DataFrame:
    """Per focus area and region of ``level``: the share of judged indicators improving.

    Columns ``focus_area_id``, ``region_code``, ``good`` (the share). Only regions with at
    least one judged indicator (breakdown total) in an area appear; a share of at least one
    half is on track (see :class:`OnTrack`).
    """

    def load() -> pd.DataFrame:
        frame = _status_rows(reader, level)
        active = {i.id for i in dims.indicators(reader)}
        frame = frame[frame["indicator_id"].isin(list(active))]
        judged = frame[frame["status"].isin([s.value for s in JUDGED_STATUSES])].copy()
        judged["good"] = judged["status"].isin([s.value for s in ON_TRACK_STATUSES])
        shares = judged.groupby(["focus_area_id", "region_code"])["good"].mean()
        return shares.reset_index()

    return reader.cached(("on_track_shares", level), load)


def municipalities_on_track(reader: Reader) -> dict[str, OnTrack]:
    """Per focus area: municipalities on track (see :class:`OnTrack`)."""

    def load() -> dict[str, OnTrack]:
        n_municipalities = len(dims.regions(reader, "kommun"))
        grouped = _on_track_shares(reader, "kommun")
        result: dict[str, OnTrack] = {}
        for fa in dims.focus_areas(reader):
            shares = grouped.loc[grouped["focus_area_id"] == fa.id, "good"]
            result[fa.id] = OnTrack(
                on_track=int((shares >= 0.5).sum()),
                judged=len(shares),
                municipalities=n_municipalities,
            )
        return result

    return reader.cached(("on_track",), load)


def on_track_by_region(reader: Reader, level: str = "kommun") -> dict[str, dict[str, bool]]:
    """Per region of ``level``: per focus area it could be judged in, whether it is on track.

    A focus area missing from a region's mapping could not be judged there (no judged
    indicator of the area); the rule is that of :class:`OnTrack`, applied to each region.
    Regions without any judged area are left out.
    """

    def load() -> dict[str, dict[str, bool]]:
        grouped = _on_track_shares(reader, level)
        areas = {fa.id for fa in dims.focus_areas(reader)}
        result: dict[str, dict[str, bool]] = {}
        for area, region, share in grouped.itertuples(index=False):
            if area in areas:
                result.setdefault(str(region), {})[str(area)] = bool(share >= 0.5)
        return result

    return reader.cached(("on_track_by_region", level), load)


def status_groups_of(reader: Reader, indicator_id: str, level: str = "kommun") -> dict[str, int]:
    """How many regions of ``level`` fall in each status category for one indicator.

    Breakdown total; a region without a stored status counts as having no data. Keyed by the
    categories of :data:`STATUS_GROUP_ORDER`, all present. Reads only this indicator's
    statuses (a few hundred rows) rather than every indicator's of the level: an indicator
    page asks for one indicator, and with the read cache off the whole level cost more than
    the rest of the page.
    """

    def load() -> dict[str, int]:
        query = (
            select(IndicatorStatus.status)
            .join(IndicatorRow, IndicatorRow.id == IndicatorStatus.indicator_id)
            .join(Region, Region.code == IndicatorStatus.region_code)
            .where(
                IndicatorStatus.indicator_id == indicator_id,
                IndicatorRow.active.is_(True),
                IndicatorStatus.breakdown == "T",
                Region.level == level,
            )
        )
        with reader.connect() as conn:
            statuses = conn.execute(query).scalars().all()
        counts = dict.fromkeys(STATUS_GROUP_ORDER, 0)
        for status in statuses:
            counts[STATUS_GROUPS.get(str(status), StatusGroup.NO_DATA).value] += 1
        no_data = max(0, len(dims.regions(reader, level)) - len(statuses))
        counts[StatusGroup.NO_DATA.value] += no_data
        return counts

    return dict(reader.cached(("status_groups_of", indicator_id, level), load))


@shareable
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
        score=optional_float(row.score),
        base_period=row.base_period,
        base_value=optional_float(row.base_value),
        latest_period=row.latest_period,
        latest_value=optional_float(row.latest_value),
        rank=row.rank,
        rank_of=row.rank_of,
        quartile=row.quartile,
        computed_status=exp.get("computed_status"),
        kind=exp.get("kind"),
        target_value=optional_float(exp.get("target_value")),
        target_year=optional_int(exp.get("target_year")),
        observed_cagr=optional_float(exp.get("observed_cagr")),
        required_cagr=optional_float(exp.get("required_cagr")),
        thresholds=(
            optional_float(exp.get("threshold_substantial")),
            optional_float(exp.get("threshold_moderate")),
            optional_float(exp.get("threshold_limited")),
        ),
        n_points=optional_int(exp.get("n_points")),
        flip_share=optional_float(exp.get("flip_share")),
        method_version=exp.get("method_version"),
        computed_at=row.computed_at,
        previous_status=previous.get("status"),
    )


def status_of(
    reader: Reader, indicator_id: str, region_code: str, breakdown: str = "T"
) -> StatusExplanation | None:
    """The stored status of one series with its explanation, or None when not computed."""
    with reader.connect() as conn, Session(conn) as session:
        row = session.get(IndicatorStatus, (indicator_id, region_code, breakdown))
        return _explanation(row) if row is not None else None


# --- focus-area page ------------------------------------------------------------------------


@shareable
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

    indicator: Indicator
    status: str
    latest_period: str | None
    latest_value: float | None
    aggregation: str | None
    points: tuple[tuple[str, float | None], ...]

    @property
    def has_data(self) -> bool:
        """True when there is at least one national value."""
        return any(v is not None for _, v in self.points)


def focus_area_summaries(reader: Reader, focus_area_id: str) -> tuple[IndicatorSummary, ...]:
    """National status, latest value and series of every indicator of a focus area."""
    return reader.cached(
        ("focus_area_summaries", focus_area_id),
        lambda: _summaries(reader, list(dims.indicators(reader, focus_area_id))),
    )


def indicator_summaries(
    reader: Reader, indicators: Sequence[Indicator]
) -> tuple[IndicatorSummary, ...]:
    """National status, latest value and series of the given indicators, in their order.

    The overview's headline indicators are read here: a few, named by the catalogue.
    """
    key = ("indicator_summaries", *(ind.id for ind in indicators))
    return reader.cached(key, lambda: _summaries(reader, list(indicators)))


def _summaries(reader: Reader, members: list[Indicator]) -> tuple[IndicatorSummary, ...]:
    """One query for the nation's values and statuses of ``members`` (breakdown total)."""
    ids = [i.id for i in members]
    if not ids:
        return ()
    with reader.connect() as conn:
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
        points.setdefault(ind_id, []).append((str(period), optional_float(value)))
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
                status=str(statuses.get(ind.id, Status.NOT_AVAILABLE.value)),
                latest_period=latest[0],
                latest_value=latest[1],
                aggregation=aggregation.get(ind.id),
                points=series,
            )
        )
    return tuple(out)
