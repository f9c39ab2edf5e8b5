"""Observations as the indicator and comparison pages show them.

Series of places over time, the peer group's band, a level's values for the map, the ranking
table and the map's boundaries. Values are returned exactly as stored: a missing value stays
``NaN`` with the source's status symbol beside it, never zero; formatting for display is the
dashboard's business. Per-request reads (a series) go to the database each time; the indexes on
``observation`` make them cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Select, Subquery, select

from levande.indicators.core.periods import annual_periods, is_annual
from levande.indicators.core.ranking import peer_reference
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads.cache import Reader
from levande.indicators.store.schema import (
    Boundary,
    IndicatorStatus,
    Observation,
    ObservationRank,
    Region,
)

# --- indicator page: series, peers, map and ranking -------------------------------------------

SERIES_COLUMNS = [
    "region_code", "region_name", "region_level", "period", "breakdown", "value", "status",
    "aggregation",
]  # fmt: skip


OBSERVATION_ROW_COLUMNS = ["indicator_id", *SERIES_COLUMNS]


def observation_rows(
    reader: Reader,
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
    with reader.connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=OBSERVATION_ROW_COLUMNS)
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce").astype("float64")
    return frame


def series(
    reader: Reader,
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
    frame = observation_rows(reader, [indicator_id], codes, breakdowns_wanted)[SERIES_COLUMNS]
    order = {c: i for i, c in enumerate(codes)}
    border = {b: i for i, b in enumerate(breakdowns_wanted)}
    frame["_r"] = frame["region_code"].map(order)
    frame["_b"] = frame["breakdown"].map(border)
    frame = frame.sort_values(["_r", "_b", "period"], kind="stable").drop(columns=["_r", "_b"])
    return frame.reset_index(drop=True)


PEER_COLUMNS = ["period", "median", "q1", "q3", "n", "n_missing"]


def _peer_band(
    reader: Reader, indicator_id: str, members: Sequence[str], breakdown: str = "T"
) -> pd.DataFrame:
    """Uncached read behind :func:`peer_band`."""
    codes = sorted(set(members))
    if not codes:
        return _empty(PEER_COLUMNS)
    with reader.connect() as conn:
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
    reader: Reader, indicator_id: str, members: Sequence[str], breakdown: str = "T"
) -> pd.DataFrame:
    """Median and interquartile range of a peer group per period.

    Members without a value in a period count as missing (``n_missing``), never as zero.
    Periods where no member has a value are left out.

    Returns:
        Columns :data:`PEER_COLUMNS`, oldest period first.

    Cached per data version; the caller gets its own copy to change.
    """
    key = ("peer_band", indicator_id, tuple(members), breakdown)
    return reader.cached(key, lambda: _peer_band(reader, indicator_id, members, breakdown)).copy()


MAP_COLUMNS = [
    "region_code", "region_name", "value", "status", "aggregation", "rank", "rank_of", "quartile",
]  # fmt: skip


def _observations_of(indicator_id: str, period: str, breakdown: str) -> Subquery:
    """One period's stored observations of an indicator and breakdown, by region."""
    return (
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


def _level_values(
    indicator_id: str,
    period: str,
    breakdown: str,
    level: str,
    previous: str | None = None,
    with_status: bool = False,
) -> Select[Any]:
    """Every region of a level with its value and rank, in one query.

    With ``previous`` the query also carries each region's value of that period
    (``previous_value``), and with ``with_status`` its series status (``series_status``): the
    ranking table is then one round trip to the database instead of three.
    """
    obs = _observations_of(indicator_id, period, breakdown)
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
    columns: list[Any] = [
        Region.code, Region.name, obs.c.value, obs.c.status, obs.c.aggregation, ranks.c.rank,
        ranks.c.rank_of, ranks.c.quartile,
    ]  # fmt: skip
    query = (
        select(*columns)
        .outerjoin(obs, obs.c.region_code == Region.code)
        .outerjoin(ranks, ranks.c.region_code == Region.code)
    )
    if previous is not None:
        before = _observations_of(indicator_id, previous, breakdown)
        query = query.add_columns(before.c.value.label("previous_value")).outerjoin(
            before, before.c.region_code == Region.code
        )
    if with_status:
        query = query.add_columns(IndicatorStatus.status.label("series_status")).outerjoin(
            IndicatorStatus,
            (IndicatorStatus.region_code == Region.code)
            & (IndicatorStatus.indicator_id == indicator_id)
            & (IndicatorStatus.breakdown == breakdown),
        )
    return query.where(Region.level == level).order_by(Region.code)


def _typed_map_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Values as float (NaN where none was published) and ranks as nullable integers."""
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce").astype("float64")
    for col in ("rank", "rank_of", "quartile"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("Int64")
    return frame


def _map_values(
    reader: Reader, indicator_id: str, period: str, breakdown: str, level: str
) -> pd.DataFrame:
    """Uncached read behind :func:`map_values`."""
    with reader.connect() as conn:
        rows = conn.execute(_level_values(indicator_id, period, breakdown, level)).all()
    return _typed_map_frame(pd.DataFrame([tuple(r) for r in rows], columns=MAP_COLUMNS))


def map_values(
    reader: Reader, indicator_id: str, period: str, breakdown: str, level: str
) -> pd.DataFrame:
    """Every region of a level with its value, source symbol and rank for one period.

    Regions without an observation are included with value NaN, so a map and a table show
    them as missing instead of leaving them out.

    Returns:
        Columns :data:`MAP_COLUMNS`, ordered by region code; rank columns are Int64.

    Cached per data version; the caller gets its own copy to change.
    """
    key = ("map_values", indicator_id, period, breakdown, level)
    return reader.cached(
        key, lambda: _map_values(reader, indicator_id, period, breakdown, level)
    ).copy()


RANKING_COLUMNS = [
    *MAP_COLUMNS, "previous_period", "previous_value", "change", "series_status",
]  # fmt: skip


def previous_period(
    reader: Reader, indicator_id: str, period: str, level: str, annual_month: int | None = None
) -> str | None:
    """The latest period before ``period`` with data at ``level``, or None.

    For a monthly table whose ``period`` stands for its year (``annual_month``), the previous
    period is the previous year's: December 2025 is compared with December 2024, not with
    November.
    """
    earlier = [p for p in dims.periods(reader, indicator_id, level) if p < period]
    if is_annual(period, annual_month):
        earlier = list(annual_periods(earlier, annual_month))
    return earlier[-1] if earlier else None


def _ranking(
    reader: Reader,
    indicator_id: str,
    period: str,
    breakdown: str,
    level: str,
    annual_month: int | None = None,
) -> pd.DataFrame:
    """Uncached read behind :func:`ranking`: the level's values, previous values and statuses."""
    before = previous_period(reader, indicator_id, period, level, annual_month)
    query = _level_values(indicator_id, period, breakdown, level, before, with_status=True)
    with reader.connect() as conn:
        rows = conn.execute(query).all()
    extra = ["series_status"] if before is None else ["previous_value", "series_status"]
    read = pd.DataFrame([tuple(r) for r in rows], columns=[*MAP_COLUMNS, *extra])
    statuses = {
        str(code): str(status)
        for code, status in zip(read["region_code"], read.pop("series_status"), strict=True)
        if status is not None
    }
    current = _typed_map_frame(read)
    if before is None:
        current["previous_value"] = float("nan")
    else:
        current["previous_value"] = pd.to_numeric(current["previous_value"], errors="coerce")
    current["previous_value"] = current["previous_value"].astype("float64")
    current["previous_period"] = before
    current["change"] = current["value"] - current["previous_value"]
    current["series_status"] = current["region_code"].map(statuses)
    current["_missing"] = current["rank"].isna()
    current = current.sort_values(
        ["_missing", "rank", "region_name"], kind="stable", na_position="last"
    ).drop(columns=["_missing"])
    return current[RANKING_COLUMNS].reset_index(drop=True)


def ranking(
    reader: Reader,
    indicator_id: str,
    period: str,
    breakdown: str,
    level: str,
    annual_month: int | None = None,
) -> pd.DataFrame:
    """The ranking table: every region of a level, best first, missing values last.

    Adds the value of the previous period, the change since then (only where both values
    exist) and the status of the region's series (which judges the whole series up to its
    latest period). ``annual_month`` (the catalogue's, for a monthly table) makes the previous
    period the previous year's when ``period`` stands for its year.

    Returns:
        Columns :data:`RANKING_COLUMNS`.

    Cached per data version; the caller gets its own copy to change.
    """
    key = ("ranking", indicator_id, period, breakdown, level, annual_month)
    return reader.cached(
        key, lambda: _ranking(reader, indicator_id, period, breakdown, level, annual_month)
    ).copy()


def boundaries(reader: Reader, level: str) -> str | None:
    """The simplified GeoJSON of a level (``kommun`` or ``lan``), or None before loading."""

    def load() -> str | None:
        with reader.connect() as conn:
            value = conn.execute(select(Boundary.geojson).where(Boundary.level == level)).scalar()
        return str(value) if value is not None else None

    return reader.cached(("boundaries", level), load)


def has_boundaries(reader: Reader, level: str) -> bool:
    """Whether boundaries of a level are loaded, without reading them.

    A page that only needs to know whether it can draw a map (the browser fetches the
    boundaries itself, once per visit) should not read half a megabyte of GeoJSON to learn it.
    """

    def load() -> bool:
        with reader.connect() as conn:
            found = conn.execute(
                select(Boundary.level).where(Boundary.level == level, Boundary.geojson.is_not(None))
            ).first()
        return found is not None

    return reader.cached(("has_boundaries", level), load)


def _empty(columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
