"""Turn what the sources publish into the tidy observation rows of the database.

This is the one place where Kolada's region ids and SCB's region, time and gender codes are
mapped to our keys (SCB region codes, period text, breakdown T/K/M). Values pass through
untouched: no rounding, no summing of parts, missing stays None with the source's symbol.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
import pandas as pd

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
    if not len(cols.municipality):
        return out
    levels = set(indicator.levels)
    mean_levels = set(indicator.municipal_mean_levels)
    # Every decision below depends on the municipality id or the gender only: it is taken once
    # per distinct id (a few hundred) and spread over the values (a million) as NumPy masks.
    ids, at = _factorised(cols.municipality)
    sexes, sex = _factorised(cols.gender)
    for gender in sexes:
        if gender not in ("T", "K", "M"):
            out.unplaced.add(f"gender {gender}")
    wanted_sex = np.array(
        [g in ("T", "K", "M") and (indicator.gender or g == "T") for g in sexes], dtype=bool
    )
    eligible = wanted_sex[sex]
    # Per id: the SCB code it stands for and whether it is a group, or no place at all.
    code_of = np.empty(len(ids), dtype=object)
    placed = np.zeros(len(ids), dtype=bool)
    group = np.zeros(len(ids), dtype=bool)
    for municipality, i in ids.items():
        code = kolada_region_code(municipality)
        if code is not None:
            code_of[i], placed[i] = code, True
        elif municipality in group_regions:
            code_of[i], placed[i], group[i] = group_regions[municipality], True, True
    seen_ids = np.zeros(len(ids), dtype=bool)
    seen_ids[at[eligible]] = True
    out.unplaced.update(m for m, i in ids.items() if seen_ids[i] and not placed[i])
    deleted = np.array(cols.is_deleted, dtype=bool)
    direct_rows = eligible & (placed & ~group)[at]
    group_rows = eligible & group[at]
    is_riket = np.array([c == "00" for c in code_of], dtype=bool)
    riket_published = bool(np.any(direct_rows & is_riket[at] & ~deleted))
    keep_direct = np.zeros(len(ids), dtype=bool)
    keep_group = np.zeros(len(ids), dtype=bool)
    for i in range(len(ids)):
        if not placed[i]:
            continue
        level = region_level(code_of[i])
        riket_kept = level is Level.RIKET and riket_published
        if group[i]:
            keep_group[i] = level is not None and level in mean_levels and not riket_kept
        else:
            keep_direct[i] = (
                level is not None
                and level in levels
                and not (level in mean_levels and not riket_kept)
            )
    # Rows from regions first, then rows from groups, each in the order Kolada gave them.
    direct = np.flatnonzero(direct_rows & keep_direct[at])
    grouped = np.flatnonzero(group_rows & keep_group[at])
    order = np.concatenate([direct, grouped])
    if not len(order):
        return out
    from_group = np.zeros(len(order), dtype=bool)
    from_group[len(direct) :] = True
    gone = deleted[order]
    codes = code_of[at[order]]
    periods = np.array(cols.period, dtype=object)[order]
    texts = {period: str(period) for period in dict.fromkeys(periods.tolist())}
    genders = np.array(cols.gender, dtype=object)[order]
    if gone.any():
        out.deletions.extend(
            (code, texts[period], gender)
            for code, period, gender in zip(
                codes[gone].tolist(), periods[gone].tolist(), genders[gone].tolist(), strict=True
            )
        )
    kept = ~gone
    order, from_group = order[kept], from_group[kept]
    rows = out.columns
    rows.region_code = codes[kept].tolist()
    rows.period = [texts[period] for period in periods[kept].tolist()]
    rows.breakdown = genders[kept].tolist()
    rows.value = np.array(cols.value, dtype=object)[order].tolist()
    rows.status = [status or None for status in np.array(cols.status, dtype=object)[order].tolist()]
    rows.aggregation = [MUNICIPAL_MEAN if g else None for g in from_group.tolist()]
    return out


def _factorised(values: list[str]) -> tuple[dict[str, int], np.ndarray[Any, Any]]:
    """The distinct values in order of first appearance, numbered, and each value's number.

    Strings are numbered by pandas in C; anything else (values given as objects) by a dict,
    which is what pandas does for strings.
    """
    if set(map(type, values)) == {str}:
        numbers, distinct = pd.factorize(np.array(values, dtype=object), sort=False)
        return {value: i for i, value in enumerate(distinct.tolist())}, numbers.astype(np.intp)
    ids: dict[str, int] = {}
    return ids, np.array([ids.setdefault(v, len(ids)) for v in values], dtype=np.intp)


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
