"""Position of a place among others: ranks, quartiles and peer reference values.

A municipality's profile shows where it stands among all municipalities and among its peer
group, for one indicator, period and breakdown. The rules (see ``docs/method.md``):

* Direction-aware: higher_is_better ranks the highest value first, lower_is_better the
  lowest. A neutral (context) indicator is ranked by value, highest first, so that a table
  still has an order, but ``judgement`` is False and no quartile is given: a context
  indicator has no better or worse quarter.
* Ties share the best rank of their run and the next rank skips ("1224", competition
  ranking, pandas ``method="min"``): rank = 1 + the number of strictly better values.
* Missing values (None, NaN, +-inf) get no rank and do not count in ``rank_of``, which is
  the number of ranked values of the group; every row of the group carries it.
* Quartile 1 is the best quarter. With position p = (rank - 1) / (rank_of - 1), from 0 for the
  best to 1 for the worst, quartile = min(4, floor(4 p) + 1). It depends only on rank and
  rank_of, so tied values share a quartile, the best value is always in quartile 1 and the
  worst in quartile 4, also in small peer groups. A group of one value has no quartile.
* Peer reference values are the median and the 25th and 75th percentiles with linear
  interpolation between the ordered values (numpy's and pandas' default, type 7 of Hyndman
  and Fan), over the values that are not missing.

Pure functions over pandas objects: no database, no HTTP, no Dash.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from levande.indicators.core.vocabulary import Direction, Level

RANK_COLUMNS = ("rank", "rank_of", "quartile", "judgement")
"""Columns added by :func:`rank_values` and :func:`rank_frame`."""

GROUP_COLUMNS = ("indicator_id", "period", "breakdown", "level")
"""A ranking compares the regions of one group of these columns."""


def level_of(region_code: object) -> Level | None:
    """The administrative level of an SCB region code, or None for any other shape.

    ``00`` is riket, any other two digits a county (län), four digits a municipality.
    """
    if not isinstance(region_code, str) or not region_code.isdigit():
        return None
    if region_code == "00":
        return Level.RIKET
    if len(region_code) == 2:
        return Level.LAN
    if len(region_code) == 4:
        return Level.KOMMUN
    return None


def _finite(values: pd.Series) -> pd.Series:
    """Values as float with every missing, non-numeric or infinite entry as NaN."""
    numeric = pd.to_numeric(values, errors="coerce").astype("float64")
    return numeric.where(np.isfinite(numeric))


def _ranking_key(direction: Direction) -> float:
    """Multiplier that makes "better" mean "larger", so one descending rank serves all."""
    return -1.0 if direction is Direction.LOWER_IS_BETTER else 1.0


def _quartiles(rank: pd.Series, rank_of: pd.Series, judged: pd.Series) -> pd.Series:
    """Quartile 1..4 from rank and rank_of; missing without a rank, a judgement or peers."""
    rank_f = rank.astype("float64")
    size = rank_of.astype("float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        position = (rank_f - 1.0) / (size - 1.0)
    floor = pd.Series(np.floor((4.0 * position).to_numpy(dtype=np.float64)), index=rank.index)
    quartile = (floor + 1.0).clip(upper=4.0)
    keep = judged.astype(bool) & rank_f.notna() & (size >= 2)
    return quartile.where(keep).astype("Int64")


def _map_each_distinct(values: pd.Series, mapping: Mapping[str, object]) -> pd.Series:
    """``values.map(mapping)``, looking each distinct value up once.

    A map over a million text values goes value by value; a table's few indicator ids are
    mapped once and spread by their codes.
    """
    codes, distinct = pd.factorize(values, use_na_sentinel=False)
    mapped = pd.Series(distinct).map(mapping).take(codes)
    return mapped.set_axis(values.index)


def rank_values(values: pd.Series, direction: Direction) -> pd.DataFrame:
    """Rank one group of values (e.g. all municipalities for one indicator, year, breakdown).

    Args:
        values: the values, indexed by region code or anything else; None or NaN when
            missing.
        direction: the indicator's direction.

    Returns:
        A frame with the index of ``values`` and columns ``rank`` (Int64, missing for
        missing values), ``rank_of`` (Int64, number of ranked values), ``quartile`` (Int64,
        missing for neutral indicators, missing values and groups of one) and ``judgement``
        (bool, False for neutral indicators).
    """
    key = _finite(values) * _ranking_key(direction)
    rank = key.rank(method="min", ascending=False, na_option="keep").astype("Int64")
    rank_of = pd.Series(int(key.notna().sum()), index=values.index, dtype="Int64")
    judged = pd.Series(direction is not Direction.NEUTRAL, index=values.index, dtype=bool)
    return pd.DataFrame(
        {
            "rank": rank,
            "rank_of": rank_of,
            "quartile": _quartiles(rank, rank_of, judged),
            "judgement": judged,
        },
        index=values.index,
    )


def rank_within(values: pd.Series, peers: Iterable[str], direction: Direction) -> pd.DataFrame:
    """Rank a peer group: the same rules as :func:`rank_values`, over the peers only.

    A peer without a value in ``values`` is missing: it gets a row without a rank.

    Args:
        values: the values of one indicator, period and breakdown, indexed by region code.
        peers: the region codes of the group (duplicates are dropped, order kept).
        direction: the indicator's direction.

    Returns:
        :func:`rank_values`' frame, indexed by the peers' region codes.
    """
    codes = list(dict.fromkeys(peers))
    return rank_values(values.reindex(pd.Index(codes, dtype=object)), direction)


def rank_frame(observations: pd.DataFrame, directions: Mapping[str, Direction]) -> pd.DataFrame:
    """Rank every (indicator, period, breakdown, level) group of a tidy observations table.

    Args:
        observations: rows with indicator_id, region_code, period, breakdown and value; a
            ``level`` column is used when present, otherwise derived from the region code
            with :func:`level_of`.
        directions: each indicator's direction by id. Rows of indicators missing here get
            no rank, no rank_of and judgement False.

    Returns:
        ``observations`` (same index and columns, with ``level`` added when derived) and the
        columns of :data:`RANK_COLUMNS`.

    Raises:
        ValueError: when a required column is missing.
    """
    required = ["indicator_id", "region_code", "period", "breakdown", "value"]
    missing = [c for c in required if c not in observations.columns]
    if missing:
        raise ValueError(f"observations lack column(s) {', '.join(missing)}")
    frame = observations.copy()
    if "level" not in frame.columns:
        levels = {
            code: None if (lvl := level_of(code)) is None else lvl.value
            for code in frame["region_code"].unique()
        }
        frame["level"] = frame["region_code"].map(levels)
    # Map ids straight to numbers: pandas would turn Direction members (str) into plain str.
    known_directions = {ind: Direction(d) for ind, d in directions.items()}
    multiplier = _map_each_distinct(
        frame["indicator_id"], {ind: _ranking_key(d) for ind, d in known_directions.items()}
    ).astype("float64")
    judged = (
        _map_each_distinct(
            frame["indicator_id"],
            {ind: d is not Direction.NEUTRAL for ind, d in known_directions.items()},
        )
        .astype("boolean")
        .fillna(False)
        .astype(bool)
    )
    key = _finite(frame["value"]) * multiplier
    grouped = key.groupby([frame[c] for c in GROUP_COLUMNS], dropna=False, sort=False)
    rank = grouped.rank(method="min", ascending=False, na_option="keep").astype("Int64")
    rank_of = grouped.transform("count").astype("Int64")
    known = multiplier.notna()
    rank_of = rank_of.where(known)
    frame["rank"] = rank
    frame["rank_of"] = rank_of
    frame["quartile"] = _quartiles(rank, rank_of, judged)
    frame["judgement"] = judged
    return frame


@dataclass(frozen=True)
class PeerReference:
    """Reference values of a group: where its middle half lies.

    Attributes:
        median: the 50th percentile, None without values.
        q1: the 25th percentile (linear interpolation), None without values.
        q3: the 75th percentile (linear interpolation), None without values.
        n: values present.
        n_missing: values missing (None, NaN, +-inf), so a reader sees the coverage.
    """

    median: float | None
    q1: float | None
    q3: float | None
    n: int
    n_missing: int


def peer_reference(values: pd.Series | Iterable[float | None]) -> PeerReference:
    """Median and quartiles of a group's values for one indicator, period and breakdown.

    For a peer group, pass ``values.reindex(peer_codes)`` so that peers without a value
    count as missing rather than disappear.

    Args:
        values: the group's values; None or NaN when missing.

    Returns:
        The reference values, with how many values were present and missing.
    """
    series = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    clean = _finite(series)
    present = clean.dropna().to_numpy(dtype=np.float64)
    n = int(present.size)
    if n == 0:
        return PeerReference(None, None, None, 0, len(clean))
    q1, median, q3 = (float(x) for x in np.percentile(present, [25.0, 50.0, 75.0]))
    return PeerReference(median=median, q1=q1, q3=q3, n=n, n_missing=len(clean) - n)
