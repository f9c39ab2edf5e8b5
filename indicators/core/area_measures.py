"""National indicators computed from small-area values: area-type shares and segregation.

Pure functions from stored DeSO/RegSO values (one row per area and year, with the area's
municipality and county) to one value per municipality, county and the country (``00``):

- :func:`share_in_types`: the share of the population living in areas of some socio-economic
  types (SCB's RegSO area types; types 1-2 are "areas with socio-economic challenges"). The
  types are relative to the national distribution of each year, and so is the share.
- :func:`segregation_by_region`: dissimilarity or isolation of a group over the DeSO of each
  municipality, county and the country (:func:`levande.indicators.core.inequality.segregation`);
  a group published as a share of its total (low economic standard) is first turned into counts
  by :func:`group_counts_from_shares`.

Missing stays missing: a region where an area lacks its type or population gets no share (its
status says why), and a segregation index needs ``min_areas`` areas with data.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from levande.indicators.core.inequality import GroupCount, segregation

RIKET = "00"
INCOMPLETE = ".."
"""Status of a computed value that is missing because an input area had no value."""


@dataclass(frozen=True, slots=True)
class AreaInput:
    """One area's stored value of one input in one year, with where the area lies."""

    code: str
    municipality: str
    county: str
    period: str
    value: float | None


@dataclass(frozen=True, slots=True)
class ComputedValue:
    """One computed value (or its absence, with a status) for a region and year."""

    region_code: str
    period: str
    value: float | None
    status: str | None
    areas: int
    areas_missing: int


def _regions(area: AreaInput) -> tuple[str, str, str]:
    return (area.municipality, area.county, RIKET)


def _known(value: float | None) -> bool:
    return value is not None and not math.isnan(value)


def share_in_types(
    types: Iterable[AreaInput], population: Iterable[AreaInput], wanted: Sequence[int]
) -> list[ComputedValue]:
    """Per cent of the population living in areas whose type is one of ``wanted``.

    Only years with types are computed; an area counts in its municipality, its county and the
    country. A region with any area lacking a type or a population gets no value.
    """
    people = {(a.code, a.period): a.value for a in population}
    totals: dict[tuple[str, str], list[float]] = {}
    for area in types:
        pop = people.get((area.code, area.period))
        kind = area.value
        for region in _regions(area):
            tally = totals.setdefault((region, area.period), [0.0, 0.0, 0, 0])
            tally[2] += 1
            if pop is None or kind is None or not (_known(pop) and _known(kind)):
                tally[3] += 1
                continue
            tally[1] += pop
            if round(kind) in wanted:
                tally[0] += pop
    out = []
    for (region, period), (inside, total, count, missing) in sorted(totals.items()):
        if missing or total <= 0:
            out.append(ComputedValue(region, period, None, INCOMPLETE, int(count), int(missing)))
        else:
            out.append(ComputedValue(region, period, 100 * inside / total, None, int(count), 0))
    return out


def group_counts_from_shares(
    shares: Iterable[AreaInput], total: Iterable[AreaInput]
) -> list[AreaInput]:
    """A group's count per area from its published share (per cent) of the area's total.

    SCB publishes the share with a low economic standard and the number of persons it is a
    share of, but no count of the group; the segregation indices need counts. The count is
    share x total / 100 of the same area and year, and missing when either is.
    """
    totals = {(a.code, a.period): a.value for a in total}
    out = []
    for area in shares:
        share, whole = area.value, totals.get((area.code, area.period))
        count = None
        if share is not None and whole is not None and _known(share) and _known(whole):
            count = share * whole / 100
        out.append(AreaInput(area.code, area.municipality, area.county, area.period, count))
    return out


def segregation_by_region(
    group: Iterable[AreaInput],
    total: Iterable[AreaInput],
    index: Literal["dissimilarity", "isolation"],
    *,
    min_areas: int,
) -> list[ComputedValue]:
    """One segregation index per municipality, county and the country, and year.

    Areas with a suppressed count are left out (and counted as missing); a region with fewer
    than ``min_areas`` areas with data gets no value.
    """
    totals = {(a.code, a.period): a.value for a in total}
    by_region: dict[tuple[str, str], list[GroupCount]] = {}
    for area in group:
        count = GroupCount(area.code, area.value, totals.get((area.code, area.period)))
        for region in _regions(area):
            by_region.setdefault((region, area.period), []).append(count)
    out = []
    for (region, period), counts in sorted(by_region.items()):
        result = segregation(counts, min_areas=min_areas)
        value = result.dissimilarity if index == "dissimilarity" else result.isolation
        out.append(
            ComputedValue(
                region, period, value, None if value is not None else INCOMPLETE,
                result.n_areas, len(result.missing),
            )
        )  # fmt: skip
    return out
