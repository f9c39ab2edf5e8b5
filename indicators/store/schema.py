"""Database schema: SQLAlchemy 2 typed models for SQLite and PostgreSQL alike.

One tidy fact table (:class:`Observation`) with dimension tables for regions and the
catalogue, plus the ETL's run log, per-series source state and the computed statuses.
Alembic migrations in ``migrations/`` create exactly these tables; a test checks that the
models and the migrations agree.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Select,
    String,
    Text,
    UniqueConstraint,
    false,
    select,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a naming convention so migrations name constraints alike."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class Region(Base):
    """Riket, a county (län) or a municipality (kommun), keyed by its SCB code."""

    __tablename__ = "region"

    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(8), index=True)
    parent_code: Mapped[str | None] = mapped_column(String(4), ForeignKey("region.code"))
    kolada_id: Mapped[str | None] = mapped_column(String(8))
    kolada_group_id: Mapped[str | None] = mapped_column(
        String(16), doc="Kolada group whose unweighted mean stands for this county or riket"
    )
    skr_group_id: Mapped[str | None] = mapped_column(
        String(16), ForeignKey("municipality_group.id")
    )
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class MunicipalityGroup(Base):
    """A group of municipalities (SKR's kommungrupper or another Kolada group)."""

    __tablename__ = "municipality_group"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16), doc="skr | county | all | other")
    short_code: Mapped[str | None] = mapped_column(String(4), doc="A1..C9 for SKR groups")


class MunicipalityGroupMember(Base):
    """Membership of a municipality in a group."""

    __tablename__ = "municipality_group_member"

    group_id: Mapped[str] = mapped_column(
        String(16), ForeignKey("municipality_group.id", ondelete="CASCADE"), primary_key=True
    )
    region_code: Mapped[str] = mapped_column(
        String(4), ForeignKey("region.code", ondelete="CASCADE"), primary_key=True
    )


class FrameworkRow(Base):
    """A versioned set of sub-goals: the product's, the council's or the Government's.

    Synced from the catalogue; ``in_force`` marks the one whose sub-goals are in ``subgoal``.
    """

    __tablename__ = "framework"

    id: Mapped[str] = mapped_column(String(48), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    version: Mapped[str] = mapped_column(String(32))
    origin: Mapped[str] = mapped_column(String(32), doc="project | council_proposal | ...")
    name_sv: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text)
    in_force: Mapped[bool] = mapped_column(Boolean, default=False)
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)


class FocusAreaRow(Base):
    """A focus area or a context group, synced from the catalogue.

    ``kind`` is ``focus_area`` for the strategy's areas and ``context`` for a group of context
    indicators, which is shown apart and never counts in an area's status. ``definition``
    holds the public catalogue entry (headings, statistics gap, the retired ids it replaces).
    """

    __tablename__ = "focus_area"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16), server_default="focus_area")
    pillar: Mapped[str | None] = mapped_column(String(16))
    strategy_section: Mapped[str | None] = mapped_column(String(16))
    name_sv: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text)
    name_status: Mapped[str] = mapped_column(String(16))
    description_sv: Mapped[str] = mapped_column(Text)
    description_en: Mapped[str] = mapped_column(Text)
    definition: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class SubgoalRow(Base):
    """A sub-goal in force under a focus area, synced from the catalogue's framework in force."""

    __tablename__ = "subgoal"

    id: Mapped[str] = mapped_column(String(48), primary_key=True)
    focus_area_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("focus_area.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    text_sv: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)
    proposed_by: Mapped[str] = mapped_column(String(16))
    framework_id: Mapped[str | None] = mapped_column(String(48), ForeignKey("framework.id"))


class IndicatorRow(Base):
    """An indicator and where it comes from, synced from the catalogue.

    ``definition`` holds the whole catalogue entry as JSON so that readers get every field
    without the schema changing each time the catalogue grows a field.
    """

    __tablename__ = "indicator"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    focus_area_id: Mapped[str] = mapped_column(String(32), ForeignKey("focus_area.id"), index=True)
    source: Mapped[str] = mapped_column(String(16))
    source_id: Mapped[str] = mapped_column(String(200))
    source_query: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    title_sv: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str] = mapped_column(Text)
    unit_sv: Mapped[str] = mapped_column(String(100))
    unit_en: Mapped[str] = mapped_column(String(100))
    direction: Mapped[str] = mapped_column(String(20))
    target_value: Mapped[float | None] = mapped_column(Float)
    target_year: Mapped[int | None] = mapped_column(Integer)
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class IndicatorSubgoal(Base):
    """Link between an indicator and each sub-goal it follows up."""

    __tablename__ = "indicator_subgoal"

    indicator_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("indicator.id", ondelete="CASCADE"), primary_key=True
    )
    subgoal_id: Mapped[str] = mapped_column(
        String(48), ForeignKey("subgoal.id", ondelete="CASCADE"), primary_key=True
    )


class Observation(Base):
    """One published value: indicator x region x period x breakdown.

    ``value`` is NULL when the source publishes no number; ``status`` then keeps the
    source's symbol (e.g. ``..``). ``aggregation`` marks values that are unweighted means
    of municipalities rather than statistics for the region itself.
    """

    __tablename__ = "observation"
    __table_args__ = (
        UniqueConstraint("indicator_id", "region_code", "period", "breakdown"),
        Index("ix_observation_indicator_period", "indicator_id", "period", "breakdown"),
        Index("ix_observation_region", "region_code", "indicator_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    indicator_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("indicator.id", ondelete="CASCADE")
    )
    region_code: Mapped[str] = mapped_column(String(4), ForeignKey("region.code"))
    period: Mapped[str] = mapped_column(String(16))
    breakdown: Mapped[str] = mapped_column(String(8), doc="T total, K women, M men")
    value: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str | None] = mapped_column(String(16))
    aggregation: Mapped[str | None] = mapped_column(String(48))
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    run_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("etl_run.id"))


class EtlRun(Base):
    """One ETL run (a command or a scheduled job) and its outcome."""

    __tablename__ = "etl_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job: Mapped[str] = mapped_column(String(64))
    trigger: Mapped[str] = mapped_column(String(32), default="cli")
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    outcome: Mapped[str] = mapped_column(
        String(16), doc="running | success | partial | failed | aborted"
    )
    inserted: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    deleted: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    requests: Mapped[int] = mapped_column(Integer, default=0)
    bytes: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    options: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    dry_run: Mapped[bool] = mapped_column(
        Boolean,
        default=False,
        server_default=false(),
        doc="fetched, validated and checked, nothing written; its counts say what would change",
    )


def loading_runs() -> Select[int]:
    """The ids of the runs that may have written data: every run but the dry runs.

    What tells when data changed (feeds, the last refresh, source health) reads only these.
    """
    return select(EtlRun.id).where(EtlRun.dry_run.is_(False))


class EtlRunItem(Base):
    """One step of a run: an indicator, or the regions or boundaries job."""

    __tablename__ = "etl_run_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("etl_run.id", ondelete="CASCADE"), index=True
    )
    target: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(16), doc="indicator | regions | boundaries")
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    outcome: Mapped[str] = mapped_column(String(16), doc="running | success | skipped | failed")
    inserted: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    deleted: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    requests: Mapped[int] = mapped_column(Integer, default=0)
    bytes: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    error_kind: Mapped[str | None] = mapped_column(
        String(16), doc="unreachable | http | data | bug | skipped, for a failed step"
    )
    error_detail: Mapped[str | None] = mapped_column(
        Text, doc="beyond the message: the bare reason, or the traceback of a bug"
    )
    error_facts: Mapped[dict[str, Any] | None] = mapped_column(
        JSON, doc="source, cause, status and attempts of a failure, for words in any language"
    )
    changes: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class ValueFlag(Base):
    """A stored value that fails a plausibility check of its indicator.

    The value itself stays in :class:`Observation` exactly as published; the flag says why it
    cannot be right (outside the valid range, or a jump beyond the plausible change from the
    year before), keeps the source row it came from, and keeps the operator's decision.
    A flag is open until an operator accepts it (``accepted_by``, ``accepted_at``) or the
    source revises the value (``resolved_at``).
    """

    __tablename__ = "value_flag"
    __table_args__ = (Index("ix_value_flag_indicator", "indicator_id", "region_code", "period"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    indicator_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("indicator.id", ondelete="CASCADE")
    )
    region_code: Mapped[str] = mapped_column(String(4))
    period: Mapped[str] = mapped_column(String(16))
    breakdown: Mapped[str] = mapped_column(String(8))
    rule: Mapped[str] = mapped_column(String(16), doc="below_range | above_range | jump")
    value: Mapped[float] = mapped_column(Float)
    bound: Mapped[float] = mapped_column(Float, doc="the limit the value crossed")
    previous_period: Mapped[str | None] = mapped_column(String(16))
    previous_value: Mapped[float | None] = mapped_column(Float)
    source_row: Mapped[dict[str, Any]] = mapped_column(JSON)
    run_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("etl_run.id"))
    flagged_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    accepted_by: Mapped[str | None] = mapped_column(String(100))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SourceState(Base):
    """What we know of an indicator's source: its own stamp and metadata, and our checks."""

    __tablename__ = "source_state"

    indicator_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("indicator.id", ondelete="CASCADE"), primary_key=True
    )
    resolved_source_id: Mapped[str | None] = mapped_column(String(64))
    source_updated: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    source_seen_updated: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True),
        doc="the newest publication stamp the source showed, even when fetching it then failed",
    )
    last_checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_success_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_failure_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    source_meta: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    drift: Mapped[list[Any] | None] = mapped_column(JSON)


class Boundary(Base):
    """Simplified boundaries of one level, as a GeoJSON FeatureCollection for the map."""

    __tablename__ = "boundary"

    level: Mapped[str] = mapped_column(String(8), primary_key=True)
    geojson: Mapped[str] = mapped_column(Text)
    feature_count: Mapped[int] = mapped_column(Integer)
    source_url: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class IndicatorStatus(Base):
    """The computed progress status of one series, with its explanation and position."""

    __tablename__ = "indicator_status"
    __table_args__ = (Index("ix_indicator_status_region", "region_code"),)

    indicator_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("indicator.id", ondelete="CASCADE"), primary_key=True
    )
    region_code: Mapped[str] = mapped_column(String(4), ForeignKey("region.code"), primary_key=True)
    breakdown: Mapped[str] = mapped_column(String(8), primary_key=True)
    status: Mapped[str] = mapped_column(String(32))
    score: Mapped[float | None] = mapped_column(Float)
    manual: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str | None] = mapped_column(String(64))
    base_period: Mapped[str | None] = mapped_column(String(16))
    base_value: Mapped[float | None] = mapped_column(Float)
    latest_period: Mapped[str | None] = mapped_column(String(16))
    latest_value: Mapped[float | None] = mapped_column(Float)
    rank: Mapped[int | None] = mapped_column(Integer)
    rank_of: Mapped[int | None] = mapped_column(Integer)
    quartile: Mapped[int | None] = mapped_column(Integer)
    explanation: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    previous: Mapped[dict[str, Any] | None] = mapped_column(
        JSON, doc="status, rank and value before the latest recompute, for 'what changed'"
    )
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ObservationRank(Base):
    """Position of a value among all regions of its level, for one indicator, period and breakdown.

    Computed after each load by the status step (see docs/method.md) so that maps, rankings and
    profiles read positions instead of computing them per request.
    """

    __tablename__ = "observation_rank"
    __table_args__ = (Index("ix_observation_rank_region", "region_code", "indicator_id"),)

    indicator_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("indicator.id", ondelete="CASCADE"), primary_key=True
    )
    period: Mapped[str] = mapped_column(String(16), primary_key=True)
    breakdown: Mapped[str] = mapped_column(String(8), primary_key=True)
    region_code: Mapped[str] = mapped_column(String(4), ForeignKey("region.code"), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer)
    rank_of: Mapped[int] = mapped_column(Integer)
    quartile: Mapped[int | None] = mapped_column(Integer)


class RankDigest(Base):
    """A fingerprint of the ranks last stored for an indicator: unchanged ranks are kept.

    The ranks of an indicator change only when its values or its direction do, yet a status
    recompute computes them all. Comparing a digest of the new ranks (and the stored row count)
    with this row lets the step keep the rows it would otherwise delete and insert again. Only
    the status step writes ``observation_rank``; anything else that changes that table must
    delete the indicator's row here.
    """

    __tablename__ = "rank_digest"

    indicator_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("indicator.id", ondelete="CASCADE"), primary_key=True
    )
    digest: Mapped[str] = mapped_column(String(64))
    rows: Mapped[int] = mapped_column(Integer)


class EtlLock(Base):
    """The one-run-at-a-time lock per database: a row exists while a run holds it."""

    __tablename__ = "etl_lock"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    acquired_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    heartbeat_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CatalogueDocument(Base):
    """The catalogue as last synced, one validated JSON document: the runtime truth.

    Everything but ``levande db upgrade`` (which writes it) loads the catalogue from here; the
    relational catalogue tables are derived from the same document for SQL joins and filters.
    Only the latest copy is kept (``id`` is always 1): the catalogue's history is that of
    ``config/``.
    """

    __tablename__ = "catalogue_document"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    digest: Mapped[str] = mapped_column(String(64))
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    synced_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Meta(Base):
    """Key-value facts about the database, e.g. the data version used for cache keys."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# --- local data: what municipalities publish for their own areas (not official statistics) ---


class LocalDataset(Base):
    """A municipality's local dataset (Platskompassen results or an area measure), by name.

    Each publication of the same dataset is a new :class:`LocalDatasetVersion`; the dataset
    itself only says whose it is and whether it has been withdrawn.
    """

    __tablename__ = "local_dataset"
    __table_args__ = (UniqueConstraint("municipality", "slug"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    municipality: Mapped[str] = mapped_column(String(4), index=True)
    slug: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawn_by: Mapped[str | None] = mapped_column(String(100))


class LocalDatasetVersion(Base):
    """One publication of a local dataset: its method, publisher and privacy threshold."""

    __tablename__ = "local_dataset_version"
    __table_args__ = (UniqueConstraint("dataset_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dataset_id: Mapped[int] = mapped_column(ForeignKey("local_dataset.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(Text)
    min_respondents: Mapped[int] = mapped_column(Integer)
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    published_by: Mapped[str] = mapped_column(String(100))
    row_count: Mapped[int] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(64), doc="SHA-256 of the file as published")


class LocalValue(Base):
    """One value of a version: an area's theme score or measure; NULL where too few answered."""

    __tablename__ = "local_value"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("local_dataset_version.id"), index=True)
    area_code: Mapped[str] = mapped_column(String(40))
    area_kind: Mapped[str] = mapped_column(String(8))
    area_name: Mapped[str | None] = mapped_column(String(200))
    period: Mapped[str] = mapped_column(String(10))
    item: Mapped[str] = mapped_column(String(120))
    value: Mapped[float | None] = mapped_column(Float)
    respondents: Mapped[int | None] = mapped_column(Integer)
    unit: Mapped[str | None] = mapped_column(String(40))
    breakdown: Mapped[str | None] = mapped_column(String(40))
    breakdown_value: Mapped[str | None] = mapped_column(String(40))
    withheld: Mapped[bool] = mapped_column(
        Boolean, doc="fewer respondents than the version's threshold: value NULL, never a number"
    )


class LocalArea(Base):
    """A named local area published with a version, its polygon in EPSG:4326 as GeoJSON."""

    __tablename__ = "local_area"

    version_id: Mapped[int] = mapped_column(
        ForeignKey("local_dataset_version.id"), primary_key=True
    )
    area_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    geometry: Mapped[dict[str, Any]] = mapped_column(JSON)


class PublisherToken(Base):
    """A municipality's publisher token, kept only as its SHA-256 (the token is shown once)."""

    __tablename__ = "publisher_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    municipality: Mapped[str] = mapped_column(String(4), index=True)
    label: Mapped[str] = mapped_column(String(100))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class LocalAuditEntry(Base):
    """Who published, withdrew or issued what for local data, and when (never the token)."""

    __tablename__ = "local_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(16))
    municipality: Mapped[str] = mapped_column(String(4))
    dataset: Mapped[str | None] = mapped_column(String(64))
    version: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str | None] = mapped_column(Text)


# --- small areas: SCB's DeSO and RegSO below the municipality ---------------------------------


class SmallArea(Base):
    """A DeSO or RegSO area of one vintage, keyed by its code exactly as SCB publishes it.

    ``code`` keeps the vintage suffix (``0180C1010_DeSO2025``) so a series never mixes
    vintages; ``base_code`` is the code without it, as boundary layers spell it. A RegSO has a
    name; a DeSO is shown by its code and the RegSO it lies in (``regso_code``, same vintage
    year as SCB pairs them, from the boundary layer).
    """

    __tablename__ = "small_area"
    __table_args__ = (Index("ix_small_area_municipality", "municipality_code", "level"),)

    code: Mapped[str] = mapped_column(String(24), primary_key=True)
    base_code: Mapped[str] = mapped_column(String(12))
    level: Mapped[str] = mapped_column(String(8))
    vintage: Mapped[str] = mapped_column(String(4))
    municipality_code: Mapped[str] = mapped_column(String(4))
    county_code: Mapped[str] = mapped_column(String(2))
    name: Mapped[str | None] = mapped_column(String(200))
    regso_code: Mapped[str | None] = mapped_column(String(24))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AreaObservation(Base):
    """One published small-area value: indicator x area x period.

    ``value`` is NULL where SCB suppressed the cell; ``status`` keeps its symbol (``..``).
    The indicator id is one of the catalogue's small-area indicators (``small_areas.yaml``).
    """

    __tablename__ = "area_observation"
    __table_args__ = (
        UniqueConstraint("indicator_id", "area_code", "period"),
        Index("ix_area_observation_area", "area_code", "indicator_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    indicator_id: Mapped[str] = mapped_column(String(64))
    area_code: Mapped[str] = mapped_column(String(24), ForeignKey("small_area.code"))
    period: Mapped[str] = mapped_column(String(16))
    value: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str | None] = mapped_column(String(16))
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    run_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("etl_run.id"))


class AreaSourceState(Base):
    """What we know of a small-area indicator's table: its stamp, for cheap no-change refreshes."""

    __tablename__ = "area_source_state"

    indicator_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    table_id: Mapped[str | None] = mapped_column(String(16))
    source_updated: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_success_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    source_meta: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class AreaBoundary(Base):
    """One municipality's DeSO or RegSO polygons of one vintage, simplified, as GeoJSON.

    Stored per municipality so that a page fetches only its own areas; ``version`` is a digest
    of the stored text, used in the address so browsers may cache it for good.
    """

    __tablename__ = "area_boundary"

    level: Mapped[str] = mapped_column(String(8), primary_key=True)
    vintage: Mapped[str] = mapped_column(String(4), primary_key=True)
    municipality_code: Mapped[str] = mapped_column(String(4), primary_key=True)
    geojson: Mapped[str] = mapped_column(Text)
    feature_count: Mapped[int] = mapped_column(Integer)
    version: Mapped[str] = mapped_column(String(16))
    source_url: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
