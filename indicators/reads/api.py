"""What the open read API (``/api/v1/``) reads: filtered, paged rows exactly as stored.

The API publishes the fact tables as they are: an observation's value is the stored float
(``None`` where the source published none, with the source's symbol in ``status``), a rank is
the stored rank, a status the stored status. Each read takes one :class:`Filter` (what the
request's parameters ask for) and a window (offset and limit) and returns a :class:`Page`: the
rows of the window as plain dictionaries and the number of rows the filter matches, which is
cached by data version so that paging through a large answer counts once.

Rows come in a stable order (the tables' natural keys), so that page ``n`` of a filter is the
same rows until the data changes. A window starts either at an offset or just after a key (the
last row of the previous page): the offset allows jumping to any page, the key makes paging
through a large answer cost one index range per page instead of re-reading every row before it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import astuple, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select, tuple_

from levande.indicators.core.clock import aware
from levande.indicators.reads.cache import Reader
from levande.indicators.reads.profiles import latest_recompute
from levande.indicators.store.schema import (
    IndicatorStatus,
    Observation,
    ObservationRank,
    Region,
)


@dataclass(frozen=True)
class Filter:
    """What a request selects; an empty tuple or None means "any".

    Attributes:
        indicators: indicator ids.
        regions: SCB region codes.
        level: ``riket``, ``lan`` or ``kommun``.
        period_from: the first period wanted (inclusive, compared as text: ``2019``,
            ``2019M03``).
        period_to: the last period wanted (inclusive).
        breakdowns: ``T``, ``K``, ``M``.
    """

    indicators: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    level: str | None = None
    period_from: str | None = None
    period_to: str | None = None
    breakdowns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Window:
    """Which rows of an answer to read.

    Attributes:
        limit: at most this many rows.
        offset: rows of the answer to skip (when ``after`` is None).
        after: start just after the row with this key (the answer's order columns).
    """

    limit: int
    offset: int = 0
    after: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Page:
    """One window of an answer.

    Attributes:
        rows: the rows of the window, in the answer's stable order.
        total: how many rows the filter matches in all.
        last_key: the key of the window's last row (for the next window), None when empty.
    """

    rows: tuple[Mapping[str, Any], ...]
    total: int
    last_key: tuple[str, ...] | None = None


OBSERVATION_KEY = ("indicator_id", "region_code", "period", "breakdown")
SERIES_KEY = ("indicator_id", "region_code", "breakdown")
"""The order (and the key) of each answer: observations and ranks, statuses and changes."""


def _last_key(rows: tuple[Mapping[str, Any], ...], key: Sequence[str]) -> tuple[str, ...] | None:
    return tuple(str(rows[-1][k]) for k in key) if rows else None


def _conditions(
    flt: Filter,
    indicator: Any,
    region: Any,
    breakdown: Any,
    period: Any | None,
) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if flt.indicators:
        conds.append(indicator.in_(flt.indicators))
    if flt.regions:
        conds.append(region.in_(flt.regions))
    if flt.breakdowns:
        conds.append(breakdown.in_(flt.breakdowns))
    if period is not None and flt.period_from is not None:
        conds.append(period >= flt.period_from)
    if period is not None and flt.period_to is not None:
        conds.append(period <= flt.period_to)
    if flt.level is not None:
        conds.append(
            region.in_(select(Region.code).where(Region.level == flt.level).scalar_subquery())
        )
    return conds


def _page(
    reader: Reader,
    kind: str,
    query: Select[Any] | Any,
    conds: Sequence[ColumnElement[bool]],
    order: Sequence[Any],
    window: Window,
    flt: Filter,
) -> Page:
    filtered = query.where(*conds)

    def count() -> int:
        with reader.connect() as conn:
            return int(
                conn.execute(select(func.count()).select_from(filtered.subquery())).scalar() or 0
            )

    total = reader.cached(("api_count", kind, astuple(flt)), count)
    if window.after is None and window.offset >= total:
        return Page((), total)
    if window.after is not None:
        ranged = filtered.where(tuple_(*order) > tuple_(*window.after))
    else:
        ranged = filtered.offset(window.offset)
    with reader.connect() as conn:
        result = conn.execute(ranged.order_by(*order).limit(window.limit))
        keys = list(result.keys())
        rows = tuple(dict(zip(keys, row, strict=True)) for row in result)
    return Page(rows, total, _last_key(rows, [c.key for c in order]))


def observations(reader: Reader, flt: Filter, window: Window) -> Page:
    """Stored observations matching ``flt``, ordered by indicator, region, period, breakdown.

    Each row: ``indicator_id``, ``region_code``, ``period``, ``breakdown``, ``value`` (None
    where the source published no number), ``status`` (the source's symbol or None),
    ``aggregation`` (how a value for a county or riket was made, or None).
    """
    query = select(
        Observation.indicator_id,
        Observation.region_code,
        Observation.period,
        Observation.breakdown,
        Observation.value,
        Observation.status,
        Observation.aggregation,
    )
    conds = _conditions(
        flt,
        Observation.indicator_id,
        Observation.region_code,
        Observation.breakdown,
        Observation.period,
    )
    order = (
        Observation.indicator_id,
        Observation.region_code,
        Observation.period,
        Observation.breakdown,
    )
    return _page(reader, "observations", query, conds, order, window, flt)


def ranks(reader: Reader, flt: Filter, window: Window) -> Page:
    """Stored positions of values among their level, ordered like :func:`observations`.

    Each row: ``indicator_id``, ``region_code``, ``period``, ``breakdown``, ``rank`` (1 is
    best in the indicator's direction), ``rank_of`` (places ranked), ``quartile`` (1 best).
    """
    query = select(
        ObservationRank.indicator_id,
        ObservationRank.region_code,
        ObservationRank.period,
        ObservationRank.breakdown,
        ObservationRank.rank,
        ObservationRank.rank_of,
        ObservationRank.quartile,
    )
    conds = _conditions(
        flt,
        ObservationRank.indicator_id,
        ObservationRank.region_code,
        ObservationRank.breakdown,
        ObservationRank.period,
    )
    order = (
        ObservationRank.indicator_id,
        ObservationRank.region_code,
        ObservationRank.period,
        ObservationRank.breakdown,
    )
    return _page(reader, "ranks", query, conds, order, window, flt)


def _status_row(row: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(row)
    out["computed_at"] = aware(out["computed_at"])
    return out


def statuses(reader: Reader, flt: Filter, window: Window) -> Page:
    """Stored progress statuses of series, ordered by indicator, region, breakdown.

    Each row: ``indicator_id``, ``region_code``, ``breakdown``, ``status``, ``manual``,
    ``reason``, ``score``, ``base_period``, ``base_value``, ``latest_period``,
    ``latest_value``, ``rank``, ``rank_of``, ``quartile``, ``computed_at``. The period range
    of ``flt`` applies to the latest period.
    """
    query = select(
        IndicatorStatus.indicator_id,
        IndicatorStatus.region_code,
        IndicatorStatus.breakdown,
        IndicatorStatus.status,
        IndicatorStatus.manual,
        IndicatorStatus.reason,
        IndicatorStatus.score,
        IndicatorStatus.base_period,
        IndicatorStatus.base_value,
        IndicatorStatus.latest_period,
        IndicatorStatus.latest_value,
        IndicatorStatus.rank,
        IndicatorStatus.rank_of,
        IndicatorStatus.quartile,
        IndicatorStatus.computed_at,
    )
    conds = _conditions(
        flt,
        IndicatorStatus.indicator_id,
        IndicatorStatus.region_code,
        IndicatorStatus.breakdown,
        IndicatorStatus.latest_period,
    )
    order = (IndicatorStatus.indicator_id, IndicatorStatus.region_code, IndicatorStatus.breakdown)
    page = _page(reader, "statuses", query, conds, order, window, flt)
    return Page(tuple(_status_row(r) for r in page.rows), page.total, page.last_key)


CHANGE_FIELDS = ("status", "rank", "latest_period", "latest_value")


def _change_rows(reader: Reader, flt: Filter) -> tuple[Mapping[str, Any], ...]:
    stamp = latest_recompute(reader)
    if stamp is None:
        return ()
    query = select(
        IndicatorStatus.indicator_id,
        IndicatorStatus.region_code,
        IndicatorStatus.breakdown,
        IndicatorStatus.status,
        IndicatorStatus.rank,
        IndicatorStatus.latest_period,
        IndicatorStatus.latest_value,
        IndicatorStatus.previous,
        IndicatorStatus.computed_at,
    ).where(
        IndicatorStatus.computed_at == stamp,
        IndicatorStatus.previous.is_not(None),
        *_conditions(
            flt,
            IndicatorStatus.indicator_id,
            IndicatorStatus.region_code,
            IndicatorStatus.breakdown,
            IndicatorStatus.latest_period,
        ),
    )
    order = (IndicatorStatus.indicator_id, IndicatorStatus.region_code, IndicatorStatus.breakdown)
    with reader.connect() as conn:
        found = conn.execute(query.order_by(*order)).all()
    out: list[Mapping[str, Any]] = []
    for row in found:
        before: dict[str, Any] = dict(row.previous or {})
        changed = [str(c) for c in before.get("changed") or ()]
        if not changed:
            continue
        out.append(
            {
                "indicator_id": row.indicator_id,
                "region_code": row.region_code,
                "breakdown": row.breakdown,
                "changed": changed,
                "before": {f: before.get(f) for f in CHANGE_FIELDS},
                "after": {
                    "status": row.status,
                    "rank": row.rank,
                    "latest_period": row.latest_period,
                    "latest_value": row.latest_value,
                },
                "computed_at": aware(row.computed_at),
            }
        )
    return tuple(out)


def changes(reader: Reader, flt: Filter, window: Window) -> Page:
    """What changed in the latest status recompute, one record per changed series.

    Each row: ``indicator_id``, ``region_code``, ``breakdown``, ``changed`` (any of
    ``status``, ``rank``, ``period``, ``value``), ``before`` and ``after`` (status, rank,
    latest period and value) and ``computed_at``. A series seen for the first time has no
    record.
    """
    every = reader.cached(("api_changes", astuple(flt)), lambda: _change_rows(reader, flt))
    if window.after is not None:
        keys = [tuple(str(r[k]) for k in SERIES_KEY) for r in every]
        # In the database's order (its collation), not Python's: start after the key's row.
        start = next((i + 1 for i, k in enumerate(keys) if k == window.after), None)
        if start is None:  # the row is gone (the data changed): the first key beyond it
            start = next((i for i, k in enumerate(keys) if k > window.after), len(keys))
        rows = every[start:]
    else:
        rows = every[window.offset :]
    rows = rows[: window.limit]
    return Page(rows, len(every), _last_key(rows, SERIES_KEY))


def data_modified(version: str) -> datetime | None:
    """The moment a data version names (versions are ISO timestamps), or None."""
    try:
        stamp = datetime.fromisoformat(version)
    except ValueError:
        return None
    return aware(stamp)
