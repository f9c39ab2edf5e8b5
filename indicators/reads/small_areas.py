"""Small-area reads: a municipality's DeSO/RegSO areas, their values and their boundaries.

Values come back exactly as stored: NaN where SCB suppressed a cell, with its symbol beside
it. Every read is for one municipality, so a page never loads another municipality's areas.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy import select

from levande.indicators.reads.cache import Reader
from levande.indicators.reads.codec import shareable
from levande.indicators.store.schema import (
    AreaBoundary,
    AreaObservation,
    AreaSourceState,
    SmallArea,
)

AREA_VALUE_COLUMNS = [
    "indicator_id", "area_code", "base_code", "level", "vintage", "name", "regso_code", "period",
    "value", "status",
]  # fmt: skip


def area_values(
    reader: Reader, municipality: str, indicator_ids: Sequence[str], level: str | None = None
) -> pd.DataFrame:
    """Every stored value of some small-area indicators for one municipality's areas.

    Returns:
        Columns :data:`AREA_VALUE_COLUMNS`, sorted by indicator, area code and period.
    """
    ids = list(dict.fromkeys(indicator_ids))
    if not ids:
        return pd.DataFrame(columns=AREA_VALUE_COLUMNS)

    def compute() -> pd.DataFrame:
        query = (
            select(
                AreaObservation.indicator_id,
                SmallArea.code,
                SmallArea.base_code,
                SmallArea.level,
                SmallArea.vintage,
                SmallArea.name,
                SmallArea.regso_code,
                AreaObservation.period,
                AreaObservation.value,
                AreaObservation.status,
            )
            .join(SmallArea, SmallArea.code == AreaObservation.area_code)
            .where(
                SmallArea.municipality_code == municipality,
                AreaObservation.indicator_id.in_(ids),
            )
        )
        if level is not None:
            query = query.where(SmallArea.level == level)
        with reader.connect() as conn:
            rows = conn.execute(query).all()
        frame = pd.DataFrame([tuple(r) for r in rows], columns=AREA_VALUE_COLUMNS)
        frame["value"] = pd.to_numeric(frame["value"], errors="coerce").astype("float64")
        return frame.sort_values(["indicator_id", "area_code", "period"]).reset_index(drop=True)

    return reader.cached(("area_values", municipality, tuple(ids), level), compute)


@shareable
@dataclass(frozen=True)
class AreaInfo:
    """One DeSO or RegSO as the register holds it."""

    code: str
    base_code: str
    level: str
    vintage: str
    municipality_code: str
    county_code: str
    name: str | None
    regso_code: str | None


def areas(reader: Reader, municipality: str) -> tuple[AreaInfo, ...]:
    """The municipality's DeSO and RegSO of every vintage, sorted by code."""

    def compute() -> tuple[AreaInfo, ...]:
        with reader.connect() as conn:
            rows = conn.execute(
                select(
                    SmallArea.code,
                    SmallArea.base_code,
                    SmallArea.level,
                    SmallArea.vintage,
                    SmallArea.municipality_code,
                    SmallArea.county_code,
                    SmallArea.name,
                    SmallArea.regso_code,
                )
                .where(SmallArea.municipality_code == municipality)
                .order_by(SmallArea.code)
            ).all()
        return tuple(AreaInfo(*r) for r in rows)

    return reader.cached(("small_areas", municipality), compute)


@shareable
@dataclass(frozen=True)
class AreaBoundaryInfo:
    """A municipality's simplified polygons of one level and vintage, and their version."""

    level: str
    vintage: str
    municipality_code: str
    version: str
    geojson: str
    feature_count: int


def area_boundary(
    reader: Reader, municipality: str, level: str, vintage: str
) -> AreaBoundaryInfo | None:
    """The stored boundaries of one municipality's areas, or None when not loaded."""

    def compute() -> AreaBoundaryInfo | None:
        with reader.connect() as conn:
            row = conn.execute(
                select(
                    AreaBoundary.level, AreaBoundary.vintage, AreaBoundary.municipality_code,
                    AreaBoundary.version, AreaBoundary.geojson, AreaBoundary.feature_count,
                ).where(
                    AreaBoundary.level == level,
                    AreaBoundary.vintage == vintage,
                    AreaBoundary.municipality_code == municipality,
                )
            ).first()  # fmt: skip
        return AreaBoundaryInfo(*row) if row is not None else None

    return reader.cached(("area_boundary", municipality, level, vintage), compute)


@shareable
@dataclass(frozen=True)
class AreaSourceInfo:
    """When a small-area indicator's table was updated at SCB and when we last fetched it."""

    indicator_id: str
    table_id: str | None
    source_updated: datetime | None
    last_success_at: datetime | None


def area_sources(reader: Reader, indicator_ids: Sequence[str]) -> tuple[AreaSourceInfo, ...]:
    """The source state of some small-area indicators (those never loaded are left out)."""
    ids = list(dict.fromkeys(indicator_ids))

    def compute() -> tuple[AreaSourceInfo, ...]:
        with reader.connect() as conn:
            rows = conn.execute(
                select(
                    AreaSourceState.indicator_id, AreaSourceState.table_id,
                    AreaSourceState.source_updated, AreaSourceState.last_success_at,
                ).where(AreaSourceState.indicator_id.in_(ids))
            ).all()  # fmt: skip
        return tuple(AreaSourceInfo(*r) for r in rows)

    return reader.cached(("area_sources", tuple(ids)), compute)
