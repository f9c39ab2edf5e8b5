"""Local data as pages and exports read it: a municipality's published datasets and values.

Withdrawn datasets are not listed. Values withheld because too few answered arrive as missing
with their number of respondents, so a page can say "för få svar" and never show a number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from shapely.geometry.base import BaseGeometry
from sqlalchemy import select

from levande.indicators.core.local_areas import outline
from levande.indicators.core.vocabulary import Level
from levande.indicators.reads import series
from levande.indicators.reads.cache import Reader
from levande.indicators.reads.codec import shareable
from levande.indicators.store.schema import (
    LocalArea,
    LocalAuditEntry,
    LocalDataset,
    LocalDatasetVersion,
    LocalValue,
    Observation,
)

VALUE_COLUMNS = [
    "area_code",
    "area_kind",
    "area_name",
    "period",
    "item",
    "value",
    "respondents",
    "unit",
    "breakdown",
    "breakdown_value",
    "withheld",
]


@shareable
@dataclass(frozen=True)
class DatasetVersion:
    """One published version of a local dataset, with what a page must say beside it."""

    municipality: str
    slug: str
    kind: str
    title: str
    version: int
    method: str
    min_respondents: int
    published_at: datetime
    published_by: str
    row_count: int
    latest: bool


def _versions(reader: Reader, municipality: str, slug: str | None) -> list[DatasetVersion]:
    query = (
        select(
            LocalDataset.municipality,
            LocalDataset.slug,
            LocalDataset.kind,
            LocalDataset.title,
            LocalDatasetVersion.version,
            LocalDatasetVersion.method,
            LocalDatasetVersion.min_respondents,
            LocalDatasetVersion.published_at,
            LocalDatasetVersion.published_by,
            LocalDatasetVersion.row_count,
        )
        .join(LocalDatasetVersion, LocalDatasetVersion.dataset_id == LocalDataset.id)
        .where(LocalDataset.municipality == municipality)
        .where(LocalDataset.withdrawn_at.is_(None))
        .order_by(LocalDataset.slug, LocalDatasetVersion.version)
    )
    if slug is not None:
        query = query.where(LocalDataset.slug == slug)
    with reader.connect() as conn:
        rows = conn.execute(query).all()
    latest: dict[str, int] = {}
    for row in rows:
        latest[row.slug] = max(latest.get(row.slug, 0), row.version)
    return [DatasetVersion(**row._asdict(), latest=row.version == latest[row.slug]) for row in rows]


def datasets(reader: Reader, municipality: str) -> list[DatasetVersion]:
    """The latest version of each published (not withdrawn) dataset of a municipality."""
    return reader.cached(
        ("local_datasets", municipality),
        lambda: [v for v in _versions(reader, municipality, None) if v.latest],
    )


def versions(reader: Reader, municipality: str, slug: str) -> list[DatasetVersion]:
    """Every version of a published dataset, oldest first (empty when withdrawn or unknown)."""
    return reader.cached(
        ("local_versions", municipality, slug), lambda: _versions(reader, municipality, slug)
    )


def values(
    reader: Reader, municipality: str, slug: str, version: int | None = None
) -> pd.DataFrame:
    """The values of one version (the latest when None), one row per area, period and item."""

    def load() -> pd.DataFrame:
        with reader.connect() as conn:
            query = (
                select(LocalDatasetVersion.id)
                .join(LocalDataset, LocalDataset.id == LocalDatasetVersion.dataset_id)
                .where(LocalDataset.municipality == municipality)
                .where(LocalDataset.slug == slug)
                .where(LocalDataset.withdrawn_at.is_(None))
                .order_by(LocalDatasetVersion.version.desc())
                .limit(1)
            )
            if version is not None:
                query = query.where(LocalDatasetVersion.version == version)
            version_id = conn.execute(query).scalar()
            if version_id is None:
                return pd.DataFrame(columns=VALUE_COLUMNS)
            rows = conn.execute(
                select(*(getattr(LocalValue, c) for c in VALUE_COLUMNS))
                .where(LocalValue.version_id == version_id)
                .order_by(LocalValue.area_code, LocalValue.period, LocalValue.item, LocalValue.id)
            ).all()
        frame = pd.DataFrame(rows, columns=VALUE_COLUMNS)
        frame["value"] = frame["value"].astype("float64")
        frame["respondents"] = frame["respondents"].astype("Int64")
        frame["withheld"] = frame["withheld"].astype(bool)
        return frame

    return reader.cached(("local_values", municipality, slug, version), load)


def areas(reader: Reader, municipality: str, slug: str) -> dict[str, object]:
    """The named local areas of a dataset's latest version as a GeoJSON FeatureCollection."""

    def load() -> dict[str, object]:
        latest = datasets(reader, municipality)
        match = next((d for d in latest if d.slug == slug), None)
        if match is None:
            return {"type": "FeatureCollection", "features": []}
        with reader.connect() as conn:
            rows = conn.execute(
                select(LocalArea.area_code, LocalArea.name, LocalArea.geometry)
                .join(LocalDatasetVersion, LocalDatasetVersion.id == LocalArea.version_id)
                .join(LocalDataset, LocalDataset.id == LocalDatasetVersion.dataset_id)
                .where(LocalDataset.municipality == municipality)
                .where(LocalDataset.slug == slug)
                .where(LocalDatasetVersion.version == match.version)
                .order_by(LocalArea.area_code)
            ).all()
        return {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"area_code": code, "name": name},
                    "geometry": geometry,
                }
                for code, name, geometry in rows
            ],
        }

    return reader.cached(("local_areas", municipality, slug), load)


@dataclass(frozen=True)
class AuditEntry:
    """One logged action on local data."""

    at: datetime
    actor: str
    action: str
    municipality: str
    dataset: str | None
    version: int | None
    detail: str | None


def audit_log(
    reader: Reader, municipality: str | None = None, limit: int = 200
) -> list[AuditEntry]:
    """The latest logged actions on local data, newest first (for operators)."""
    query = select(
        LocalAuditEntry.at,
        LocalAuditEntry.actor,
        LocalAuditEntry.action,
        LocalAuditEntry.municipality,
        LocalAuditEntry.dataset,
        LocalAuditEntry.version,
        LocalAuditEntry.detail,
    ).order_by(LocalAuditEntry.at.desc(), LocalAuditEntry.id.desc())
    if municipality is not None:
        query = query.where(LocalAuditEntry.municipality == municipality)
    with reader.connect() as conn:
        return [AuditEntry(*row) for row in conn.execute(query.limit(limit)).all()]


AREA_STATISTICS_COLUMNS = ["indicator_id", "period", "value", "status", "fetched_at"]


def area_statistics(reader: Reader, area_code: str) -> pd.DataFrame:
    """The register statistics of one area (a DeSO or RegSO), the latest total per indicator.

    Shown beside local data for the same area; empty where no small-area statistics are loaded.
    """

    def load() -> pd.DataFrame:
        with reader.connect() as conn:
            rows = conn.execute(
                select(
                    Observation.indicator_id,
                    Observation.period,
                    Observation.value,
                    Observation.status,
                    Observation.fetched_at,
                )
                .where(Observation.region_code == area_code)
                .where(Observation.breakdown == "T")
                .order_by(Observation.indicator_id, Observation.period.desc())
            ).all()
        frame = pd.DataFrame(rows, columns=AREA_STATISTICS_COLUMNS)
        frame = frame.drop_duplicates("indicator_id", keep="first").reset_index(drop=True)
        frame["value"] = frame["value"].astype("float64")
        return frame

    return reader.cached(("local_area_statistics", area_code), load)


def municipality_outline(reader: Reader, municipality: str) -> BaseGeometry | None:
    """The municipality's stored boundary, which named local areas must lie inside.

    None before the boundaries are loaded: the areas are then checked for everything but
    their position, and the caller says so.
    """
    boundaries = series.boundaries(reader, Level.KOMMUN)
    return outline(boundaries, municipality) if boundaries is not None else None
