"""Turn what the sources publish into the tidy observation rows of the database.

This is the one place where Kolada's region ids and SCB's region, time and gender codes are
mapped to our keys (SCB region codes, period text, breakdown T/K/M). Values pass through
untouched: no rounding, no summing of parts, missing stays None with the source's symbol.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from levande.etl.sources.kolada import KoladaColumns
from levande.indicators.core.catalogue import Indicator, ScbQuery
from levande.indicators.core.ranking import level_of
from levande.indicators.core.vocabulary import MUNICIPAL_MEAN, Level
from levande.indicators.store.writes import ObservationColumns, ObservationRow

_COUNTY_ID = re.compile(r"^00(\d{2})$")
_MUNICIPALITY_ID = re.compile(r"^\d{4}$")


def kolada_region_code(kolada_id: str) -> str | None:
    """SCB code for a Kolada municipality id: ``0000`` → ``00``, ``0001`` → ``01``, kommun as is.

    Returns None for ids that are not regions (groups ``G…``, units).
    """
    if kolada_id == "0000":
        return "00"
    county = _COUNTY_ID.match(kolada_id)
    if county:
        return county.group(1)
    if _MUNICIPALITY_ID.match(kolada_id):
        return kolada_id
    return None


def region_level(code: str) -> Level | None:
    """The level of an SCB region code, or None when the code has no known shape."""
    return level_of(code)


@dataclass
class Normalised:
    """Rows to load (as columns), keys the source deleted, and source ids we could not place."""

    columns: ObservationColumns = field(default_factory=ObservationColumns)
    deletions: list[tuple[str, str, str]] = field(default_factory=list)
    unplaced: set[str] = field(default_factory=set)

    @property
    def rows(self) -> list[ObservationRow]:
        """The rows to load as objects, in order."""
        return self.columns.rows()


class KoladaValueLike(Protocol):
    """Structural type of one Kolada value (see ``etl.sources.kolada.KoladaValue``)."""

    @property
    def municipality(self) -> str:
        """The municipality code as the source writes it."""

    @property
    def period(self) -> int:
        """The year."""

    @property
    def gender(self) -> str:
        """The breakdown: T, K or M."""

    @property
    def value(self) -> float | None:
        """The value, or None when the source publishes none."""

    @property
    def status(self) -> str | None:
        """The source's status symbol for a missing or marked value."""

    @property
    def is_deleted(self) -> bool:
        """True when the source withdrew the value."""


def normalise_kolada(
    indicator: Indicator,
    values: Iterable[KoladaValueLike] | KoladaColumns,
    group_regions: dict[str, str],
) -> Normalised:
    """Map Kolada values of one KPI to observation rows.

    For levels in ``municipal_mean_levels`` the values come from Kolada's municipality groups
    (``group_regions`` maps a group id to the region it stands for) and are marked as unweighted
    means. Riket keeps Kolada's own ``0000`` value when Kolada publishes one. Rows from
    regions come first, then rows from groups, each in the order Kolada gave them.

    Where a value goes depends only on its municipality id, so that is worked out once per id
    (a few hundred) rather than once per value (a million in a full load).

    Args:
        indicator: the catalogue entry.
        values: Kolada values for the KPI, from regions and from groups, as objects or as
            columns.
        group_regions: Kolada group id → SCB region code (counties, riket).
    """
    cols = values if isinstance(values, KoladaColumns) else _columns_of(values)
    out = Normalised()
    levels = set(indicator.levels)
    mean_levels = set(indicator.municipal_mean_levels)
    # Municipality id -> (SCB code, from a group?) or None when it cannot be placed.
    placed: dict[str, tuple[str, bool] | None] = {}
    direct: list[int] = []
    from_groups: list[int] = []
    codes: list[str | None] = []
    totals_only = not indicator.gender
    for i, (municipality, gender) in enumerate(zip(cols.municipality, cols.gender, strict=True)):
        codes.append(None)
        if gender not in ("T", "K", "M"):
            out.unplaced.add(f"gender {gender}")
            continue
        if totals_only and gender != "T":
            continue
        if municipality in placed:
            where = placed[municipality]
        else:
            code = kolada_region_code(municipality)
            if code is not None:
                where = (code, False)
            elif municipality in group_regions:
                where = (group_regions[municipality], True)
            else:
                where = None
            placed[municipality] = where
        if where is None:
            out.unplaced.add(municipality)
            continue
        codes[i] = where[0]
        (from_groups if where[1] else direct).append(i)
    deleted = cols.is_deleted
    riket_published = any(codes[i] == "00" and not deleted[i] for i in direct)
    keep_direct: dict[str, bool] = {}
    for code in {c for i in direct if (c := codes[i]) is not None}:
        level = region_level(code)
        keep_direct[code] = (
            level is not None
            and level in levels
            and not (level in mean_levels and not (level is Level.RIKET and riket_published))
        )
    keep_group: dict[str, bool] = {}
    for code in {c for i in from_groups if (c := codes[i]) is not None}:
        level = region_level(code)
        keep_group[code] = (
            level is not None
            and level in mean_levels
            and not (level is Level.RIKET and riket_published)
        )
    period_text: dict[int, str] = {}
    rows = out.columns
    for indexes, keep, aggregation in (
        (direct, keep_direct, None),
        (from_groups, keep_group, MUNICIPAL_MEAN),
    ):
        for i in indexes:
            code = codes[i]
            if code is None or not keep[code]:
                continue
            period = cols.period[i]
            text = period_text.get(period)
            if text is None:
                text = period_text[period] = str(period)
            if deleted[i]:
                out.deletions.append((code, text, cols.gender[i]))
                continue
            rows.region_code.append(code)
            rows.period.append(text)
            rows.breakdown.append(cols.gender[i])
            rows.value.append(cols.value[i])
            rows.status.append(cols.status[i] or None)
            rows.aggregation.append(aggregation)
    return out


def _columns_of(values: Iterable[KoladaValueLike]) -> KoladaColumns:
    out = KoladaColumns()
    for item in values:
        out.municipality.append(item.municipality)
        out.period.append(item.period)
        out.gender.append(item.gender)
        out.value.append(item.value)
        out.status.append(item.status)
        out.is_deleted.append(item.is_deleted)
    return out


class ScbCellLike(Protocol):
    """Structural type of one SCB cell (see ``etl.sources.scb.ScbCell``)."""

    @property
    def codes(self) -> Mapping[str, str]:
        """The cell's code per dimension."""

    @property
    def value(self) -> float | None:
        """The value, or None when the source publishes none."""

    @property
    def status(self) -> str | None:
        """The source's status symbol for a missing or marked value."""


def normalise_scb(
    indicator: Indicator, query: ScbQuery, cells: Iterable[ScbCellLike]
) -> Normalised:
    """Map SCB cells of one table query to observation rows.

    Cells of regions outside the indicator's levels are dropped; cells whose region code has
    no known shape, or whose gender code is not in ``gender_codes``, are reported as unplaced.
    """
    out = Normalised()
    levels = set(indicator.levels)
    gender_of = {code: ours for ours, code in (query.gender_codes or {"T": ""}).items()}
    for cell in cells:
        region = cell.codes.get(query.region_variable)
        period = cell.codes.get(query.time_variable)
        if region is None or period is None:
            out.unplaced.add(f"cell without {query.region_variable}/{query.time_variable}")
            continue
        level = region_level(region)
        if level is None:
            out.unplaced.add(region)
            continue
        if level not in levels:
            continue
        if query.gender_variable:
            breakdown = gender_of.get(cell.codes.get(query.gender_variable, ""))
            if breakdown is None:
                out.unplaced.add(f"{query.gender_variable}={cell.codes.get(query.gender_variable)}")
                continue
        else:
            breakdown = "T"
        out.columns.append(
            ObservationRow(
                region_code=region,
                period=period,
                breakdown=breakdown,
                value=cell.value,
                status=cell.status or None,
            )
        )
    return out
