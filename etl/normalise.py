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

from levande.indicators.core.catalogue import Indicator, ScbQuery
from levande.indicators.core.ranking import level_of
from levande.indicators.core.vocabulary import Level
from levande.indicators.store.writes import ObservationRow

MUNICIPAL_MEAN = "unweighted_mean_of_municipalities"
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
    """Rows to load, keys the source deleted, and source ids we could not place."""

    rows: list[ObservationRow] = field(default_factory=list)
    deletions: list[tuple[str, str, str]] = field(default_factory=list)
    unplaced: set[str] = field(default_factory=set)


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
    values: Iterable[KoladaValueLike],
    group_regions: dict[str, str],
) -> Normalised:
    """Map Kolada values of one KPI to observation rows.

    For levels in ``municipal_mean_levels`` the values come from Kolada's municipality groups
    (``group_regions`` maps a group id to the region it stands for) and are marked as unweighted
    means. Riket keeps Kolada's own ``0000`` value when Kolada publishes one.

    Args:
        indicator: the catalogue entry.
        values: Kolada values for the KPI, from regions and from groups.
        group_regions: Kolada group id → SCB region code (counties, riket).
    """
    out = Normalised()
    levels = set(indicator.levels)
    mean_levels = set(indicator.municipal_mean_levels)
    direct: list[tuple[str, KoladaValueLike]] = []
    from_groups: list[tuple[str, KoladaValueLike]] = []
    for item in values:
        if item.gender not in ("T", "K", "M"):
            out.unplaced.add(f"gender {item.gender}")
            continue
        if not indicator.gender and item.gender != "T":
            continue
        code = kolada_region_code(item.municipality)
        if code is not None:
            direct.append((code, item))
        elif item.municipality in group_regions:
            from_groups.append((group_regions[item.municipality], item))
        else:
            out.unplaced.add(item.municipality)
    riket_published = any(code == "00" and not it.is_deleted for code, it in direct)
    for code, item in direct:
        level = region_level(code)
        if level is None or level not in levels:
            continue
        if level in mean_levels and not (level is Level.RIKET and riket_published):
            continue
        _add(out, code, item, None)
    for code, item in from_groups:
        level = region_level(code)
        if level is None or level not in mean_levels:
            continue
        if level is Level.RIKET and riket_published:
            continue
        _add(out, code, item, MUNICIPAL_MEAN)
    return out


def _add(out: Normalised, code: str, item: KoladaValueLike, aggregation: str | None) -> None:
    key = (code, str(item.period), item.gender)
    if item.is_deleted:
        out.deletions.append(key)
        return
    out.rows.append(
        ObservationRow(
            region_code=code,
            period=str(item.period),
            breakdown=item.gender,
            value=item.value,
            status=item.status or None,
            aggregation=aggregation,
        )
    )


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
        out.rows.append(
            ObservationRow(
                region_code=region,
                period=period,
                breakdown=breakdown,
                value=cell.value,
                status=cell.status or None,
            )
        )
    return out
