"""How unequal a municipality's areas are: spread between areas and segregation indices.

Pure functions over one municipality, one indicator and one year of DeSO/RegSO values:

- :func:`spread`: the highest and lowest area, the ratio of the 90th to the 10th percentile of
  the area values, and the population-weighted Gini and Theil index between areas, computed with
  PySAL's ``inequality`` package. Population weighting gives every resident their area's
  value: the areas' values are repeated by their populations and PySAL's ``Gini`` and
  ``Theil`` measure the inequality of that distribution, which is exactly the between-area
  component (everyone in an area has the same value).
- :func:`segregation`: the dissimilarity and isolation indices of a group (e.g. persons with a
  foreign background) across DeSO, PySAL ``segregation``'s aspatial formulas (written out with
  the same NumPy operations, so the same floats, without building its objects per region).
- :func:`gap_trend`: whether the gaps closed or widened between the first and the latest year.

Small numbers are flagged, never imputed: an area whose value SCB suppressed is left out and
listed; an area with fewer residents than the threshold is kept and listed. No index is given
where fewer than ``min_areas`` areas have data (``reason`` says so).

PySAL is imported on first use: importing it takes seconds, which the pages should not pay
before someone asks for a measure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

TOO_FEW_AREAS = "too_few_areas"
"""``reason`` of a result where too few areas have data for any index."""


@dataclass(frozen=True, slots=True)
class AreaPoint:
    """One area's value in one year, its population, and SCB's symbol when suppressed."""

    code: str
    value: float | None
    population: float | None = None
    status: str | None = None


@dataclass(frozen=True)
class Spread:
    """The spread of one indicator between a municipality's areas in one year.

    ``missing`` lists the areas without a value (suppressed), ``small`` those with fewer
    residents than the threshold (their values are used but read with care). ``gini`` and
    ``theil`` are population-weighted and None when some area with a value lacks its
    population. Every index is None, with ``reason`` set, when too few areas have data.
    """

    n_areas: int
    n_with_data: int
    missing: tuple[str, ...]
    small: tuple[str, ...]
    highest: tuple[str, float] | None
    lowest: tuple[str, float] | None
    p90: float | None
    p10: float | None
    p90_p10: float | None
    gini: float | None
    theil: float | None
    reason: str | None = None


def _finite(value: float) -> bool:
    return not math.isnan(value)


def weighted_gini_theil(values: Sequence[float], weights: Sequence[int]) -> tuple[float, float]:
    """PySAL's Gini and Theil of ``values`` with each repeated ``weights`` times (residents)."""
    from inequality.gini import Gini
    from inequality.theil import Theil

    people = np.repeat(np.asarray(values, dtype="float64"), np.asarray(weights, dtype="int64"))
    gini = float(Gini(people).g)
    theil = float(np.asarray(Theil(people).T).ravel()[0])
    return gini, theil


def spread(points: Sequence[AreaPoint], *, min_areas: int, small_population: int) -> Spread:
    """The spread between areas of one indicator, municipality and year.

    Args:
        points: every area of the municipality (one level and vintage), with or without value.
        min_areas: fewest areas with data for which any index is given.
        small_population: areas with fewer residents are flagged.
    """
    known = [(p.code, p.value, p.population) for p in points if p.value is not None]
    with_data = [(code, value, people) for code, value, people in known if not math.isnan(value)]
    missing = tuple(sorted({p.code for p in points} - {code for code, _, _ in with_data}))
    small = tuple(
        sorted(
            p.code for p in points if p.population is not None and p.population < small_population
        )
    )
    if not with_data or len(with_data) < min_areas:
        return Spread(
            len(points), len(with_data), missing, small, None, None, None, None, None, None, None,
            reason=TOO_FEW_AREAS,
        )  # fmt: skip
    ordered = sorted(with_data, key=lambda row: (row[1], row[0]))
    values = np.array([value for _, value, _ in with_data], dtype="float64")
    p90, p10 = (float(np.percentile(values, q)) for q in (90, 10))
    weights = [people for _, _, people in with_data]
    gini = theil = None
    counted = [w for w in weights if w is not None and _finite(w) and w >= 0]
    if len(counted) == len(weights) and sum(counted) > 0:
        gini, theil = weighted_gini_theil(list(values), [round(w) for w in counted])
    return Spread(
        n_areas=len(points),
        n_with_data=len(with_data),
        missing=missing,
        small=small,
        highest=(ordered[-1][0], float(ordered[-1][1])),
        lowest=(ordered[0][0], float(ordered[0][1])),
        p90=p90,
        p10=p10,
        p90_p10=p90 / p10 if p10 > 0 else None,
        gini=gini,
        theil=theil,
    )


@dataclass(frozen=True, slots=True)
class GroupCount:
    """One area's count of a group (e.g. persons with a foreign background) and of everyone."""

    code: str
    group: float | None
    total: float | None


@dataclass(frozen=True)
class Segregation:
    """Dissimilarity and isolation of a group across a municipality's areas in one year.

    ``dissimilarity`` is the share of the group that would have to move for every area to have
    the same share of it (0 even, 1 complete separation); ``isolation`` is the share of the
    group among the neighbours of the average group member. ``group_share`` is the group's
    share of the whole municipality, the isolation an even spread would give.
    """

    n_areas: int
    n_with_data: int
    missing: tuple[str, ...]
    group_share: float | None
    dissimilarity: float | None
    isolation: float | None
    reason: str | None = None


def segregation(counts: Sequence[GroupCount], *, min_areas: int) -> Segregation:
    """Dissimilarity and isolation indices (PySAL ``segregation``) of one group, one year.

    Areas whose count or total is missing (suppressed), or whose total is zero or below the
    group count, are left out and listed in ``missing``.
    """
    usable: list[tuple[float, float]] = []
    used: set[str] = set()
    for c in counts:
        if c.group is None or c.total is None or not (_finite(c.group) and _finite(c.total)):
            continue
        if c.total > 0 and 0 <= c.group <= c.total:
            usable.append((c.group, c.total))
            used.add(c.code)
    missing = tuple(sorted({c.code for c in counts} - used))
    group_total = sum(g for g, _ in usable)
    people = sum(t for _, t in usable)
    share = group_total / people if people else None
    if len(usable) < min_areas or group_total <= 0 or group_total >= people:
        return Segregation(len(counts), len(usable), missing, share, None, None, TOO_FEW_AREAS)
    dissimilarity, isolation = _segregation_indices(usable)
    return Segregation(len(counts), len(usable), missing, share, dissimilarity, isolation)


def _segregation_indices(usable: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """PySAL's aspatial dissimilarity and isolation of ``usable`` (group, total) counts.

    The statistics are what ``segregation.singlegroup.Dissim`` and ``Isolation`` compute
    (their ``_dissim`` and ``_isolation``), written out with the same NumPy operations on the
    same float64 arrays, so the results are the very same floats
    (``tests/unit/indicators/core/test_inequality.py`` compares them bit for bit). Building
    PySAL's two index objects, each with its own data frames, took about 15 ms per region and
    year: most of a full load's computed indicators. Callers guarantee what PySAL's
    constructors check: no NaN, and ``0 <= group <= total`` with ``total > 0``.
    """
    x = np.array([float(g) for g, _ in usable], dtype=np.float64)
    t = np.array([float(t) for _, t in usable], dtype=np.float64)
    # Dissim (segregation/singlegroup/dissim.py, _dissim)
    total = t.sum()
    p = x.sum() / total
    pi = np.where(t == 0, 0, x / t)
    dissimilarity = ((t * abs(pi - p)) / (2 * total * p * (1 - p))).sum()
    # Isolation (segregation/singlegroup/isolation.py, _isolation)
    group = x.sum()
    isolation = np.nansum((x / group) * (x / t))
    return float(dissimilarity), float(isolation)


def gap_trend(
    first: float | None, latest: float | None, *, tolerance: float = 0.01
) -> Literal["closing", "widening", "unchanged"] | None:
    """Whether a gap measure (P90/P10, Gini, dissimilarity) fell, rose or stayed.

    ``tolerance`` is relative: changes smaller than 1 % of the first value count as unchanged.
    None when either value is missing.
    """
    if first is None or latest is None or not (_finite(first) and _finite(latest)):
        return None
    if abs(latest - first) <= abs(first) * tolerance:
        return "unchanged"
    return "closing" if latest < first else "widening"
