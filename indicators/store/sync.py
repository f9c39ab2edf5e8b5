"""Copy the catalogue from ``config/`` into the database: its document and dimension tables.

The catalogue document (:class:`~levande.indicators.store.schema.CatalogueDocument`) is the
runtime truth every reader loads; the relational rows are derived from the same model in the
same transaction, for SQL joins and filters. When either changes, the data version is bumped so
cached reads (and the catalogue cached with them) are loaded afresh.

Idempotent: syncing the same catalogue twice changes nothing. An indicator dropped from the
catalogue is marked inactive, never deleted, so its history stays available for download.
A focus area dropped from the catalogue is retired: the area or context group that lists it
under ``replaces`` takes over its retired indicators (their observations stay), and the old
row and its sub-goals go. Only the sub-goals of the framework in force are written.
Maintainer notes are never written to the database.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import Session

from levande.indicators.core.catalogue import (
    PRIVATE_FIELDS,
    Catalogue,
    ContextGroup,
    FocusArea,
    Indicator,
    catalogue_digest,
    catalogue_document,
)
from levande.indicators.core.clock import now_utc
from levande.indicators.store.schema import (
    CatalogueDocument,
    FocusAreaRow,
    FrameworkRow,
    IndicatorRow,
    IndicatorSubgoal,
    SubgoalRow,
)
from levande.indicators.store.writes import bump_data_version

log = logging.getLogger(__name__)

#: The one row of :class:`CatalogueDocument` (only the latest catalogue is kept).
DOCUMENT_ID = 1


class SyncError(RuntimeError):
    """The catalogue cannot be synced into this database; the message says what to change."""


@dataclass
class SyncReport:
    """How many catalogue rows a sync added, changed and retired.

    Also whether the catalogue's document changed (it changes with fields no row holds too,
    such as the method's).
    """

    added: int = 0
    changed: int = 0
    retired: int = 0
    document_changed: bool = False

    @property
    def touched(self) -> int:
        """Rows written in total."""
        return self.added + self.changed + self.retired

    @property
    def catalogue_changed(self) -> bool:
        """True when the database's catalogue is not what it was before the sync."""
        return self.document_changed or self.touched > 0


def _public(model: Any, exclude: set[str] | None = None) -> dict[str, Any]:
    """The catalogue entry as JSON data without the fields that are never shown."""
    dumped: dict[str, Any] = model.model_dump(
        mode="json", exclude_none=True, exclude=set(PRIVATE_FIELDS) | (exclude or set())
    )
    for key, value in list(dumped.items()):
        if isinstance(value, list):
            dumped[key] = [
                {k: v for k, v in item.items() if k not in PRIVATE_FIELDS}
                if isinstance(item, dict)
                else item
                for item in value
            ]
    return dumped


def _indicator_values(ind: Indicator, position: int) -> dict[str, Any]:
    return {
        "position": position,
        "focus_area_id": ind.group,
        "source": ind.source,
        "source_id": ind.source_id,
        "source_query": ind.scb.model_dump(mode="json") if ind.scb else None,
        "title_sv": ind.title_sv,
        "title_en": ind.title_en,
        "unit_sv": ind.unit_sv,
        "unit_en": ind.unit_en,
        "direction": ind.direction.value,
        "target_value": ind.target.value if ind.target else None,
        "target_year": ind.target.year if ind.target else None,
        "definition": _public(ind),
        "active": True,
    }


def _group_values(group: FocusArea | ContextGroup, position: int) -> dict[str, Any]:
    if isinstance(group, FocusArea):
        return {
            "position": position,
            "kind": "focus_area",
            "pillar": group.pillar,
            "strategy_section": group.strategy_section,
            "name_sv": group.name_sv,
            "name_en": group.name_en,
            "name_status": group.name_status,
            "description_sv": group.description_sv,
            "description_en": group.description_en,
            "definition": _public(group, {"subgoals"}),
        }
    return {
        "position": position,
        "kind": "context",
        "pillar": None,
        "strategy_section": group.strategy_section,
        "name_sv": group.name_sv,
        "name_en": group.name_en,
        "name_status": "verified",
        "description_sv": group.description_sv,
        "description_en": group.description_en,
        "definition": _public(group),
    }


def _apply(session: Session, row: Any, values: dict[str, Any], report: SyncReport) -> None:
    changed = False
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)
            changed = True
    if changed:
        report.changed += 1


def _sync_frameworks(session: Session, catalogue: Catalogue, report: SyncReport) -> set[str]:
    rows = {r.id: r for r in session.scalars(select(FrameworkRow))}
    for pos, framework in enumerate(catalogue.frameworks):
        values = {
            "position": pos,
            "version": framework.version,
            "origin": framework.origin,
            "name_sv": framework.name_sv,
            "name_en": framework.name_en,
            "in_force": framework.id == catalogue.framework_in_force,
            "definition": _public(framework, {"subgoals"}),
        }
        if framework.id in rows:
            _apply(session, rows[framework.id], values, report)
        else:
            session.add(FrameworkRow(id=framework.id, **values))
            report.added += 1
    session.flush()
    return set(rows) - {f.id for f in catalogue.frameworks}


def _retire_focus_areas(session: Session, catalogue: Catalogue, report: SyncReport) -> None:
    """Hand the retired areas' remaining indicators to their heirs, then delete the areas."""
    current = {fa.id for fa in catalogue.focus_areas} | {g.id for g in catalogue.context_groups}
    stale = sorted(set(session.scalars(select(FocusAreaRow.id))) - current)
    if not stale:
        return
    heirs = catalogue.redirects
    orphans = [old for old in stale if old not in heirs]
    if orphans:
        raise SyncError(
            f"focus area(s) {', '.join(orphans)} are in the database but no longer in the "
            "catalogue; list each under 'replaces:' of the focus area or context group that "
            "takes over, so old addresses and retired indicators keep a home"
        )
    for old in stale:
        session.execute(
            update(IndicatorRow)
            .where(IndicatorRow.focus_area_id == old)
            .values(focus_area_id=heirs[old])
        )
        session.execute(delete(SubgoalRow).where(SubgoalRow.focus_area_id == old))
        session.execute(delete(FocusAreaRow).where(FocusAreaRow.id == old))
        report.retired += 1
        log.info("focus area %s retired; %s replaces it", old, heirs[old])


def _sync_document(session: Session, catalogue: Catalogue, report: SyncReport) -> None:
    """Keep the catalogue's document: written when its digest differs from the stored one."""
    document = catalogue_document(catalogue)
    digest = catalogue_digest(document)
    row = session.get(CatalogueDocument, DOCUMENT_ID)
    if row is None:
        session.add(
            CatalogueDocument(id=DOCUMENT_ID, digest=digest, document=document, synced_at=now_utc())
        )
        report.document_changed = True
    elif row.digest != digest:
        row.digest = digest
        row.document = document
        row.synced_at = now_utc()
        report.document_changed = True


def sync_catalogue(engine: Engine, catalogue: Catalogue) -> SyncReport:
    """Write the catalogue's document and rows in one transaction.

    The document, then frameworks, focus areas, context groups, sub-goals in force, indicators
    and their links. The data version is bumped when anything changed.

    Returns:
        Counts of rows added, changed and retired.

    Raises:
        SyncError: a focus area in the database has left the catalogue without an heir.
    """
    report = SyncReport()
    with Session(engine) as session, session.begin():
        _sync_document(session, catalogue, report)
        stale_frameworks = _sync_frameworks(session, catalogue, report)

        focus_rows = {r.id: r for r in session.scalars(select(FocusAreaRow))}
        groups: list[FocusArea | ContextGroup] = [
            *catalogue.focus_areas,
            *catalogue.context_groups,
        ]
        for pos, group in enumerate(groups):
            values = _group_values(group, pos)
            if group.id in focus_rows:
                _apply(session, focus_rows[group.id], values, report)
            else:
                session.add(FocusAreaRow(id=group.id, **values))
                report.added += 1
        session.flush()

        subgoal_rows = {r.id: r for r in session.scalars(select(SubgoalRow))}
        wanted_subgoals: set[str] = set()
        for fa in catalogue.focus_areas:
            for pos, sg in enumerate(fa.subgoals):
                wanted_subgoals.add(sg.id)
                values = {
                    "focus_area_id": fa.id,
                    "position": pos,
                    "text_sv": sg.text_sv,
                    "text_en": sg.text_en,
                    "proposed_by": sg.proposed_by,
                    "framework_id": sg.framework,
                }
                if sg.id in subgoal_rows:
                    _apply(session, subgoal_rows[sg.id], values, report)
                else:
                    session.add(SubgoalRow(id=sg.id, **values))
                    report.added += 1
        session.flush()

        indicator_rows = {r.id: r for r in session.scalars(select(IndicatorRow))}
        for pos, ind in enumerate(catalogue.indicators):
            values = _indicator_values(ind, pos)
            if ind.id in indicator_rows:
                _apply(session, indicator_rows[ind.id], values, report)
            else:
                session.add(IndicatorRow(id=ind.id, **values))
                report.added += 1
        wanted_indicators = {ind.id for ind in catalogue.indicators}
        for ind_id, row in indicator_rows.items():
            if ind_id not in wanted_indicators and row.active:
                row.active = False
                report.retired += 1
        session.flush()

        links = {(r.indicator_id, r.subgoal_id) for r in session.scalars(select(IndicatorSubgoal))}
        wanted_links = {
            (ind.id, sg)
            for ind in catalogue.indicators
            for sg in ind.subgoals
            if sg in wanted_subgoals
        }
        for ind_id, sg_id in sorted(wanted_links - links):
            session.add(IndicatorSubgoal(indicator_id=ind_id, subgoal_id=sg_id))
            report.added += 1
        for ind_id, sg_id in sorted(links - wanted_links):
            session.execute(
                delete(IndicatorSubgoal).where(
                    IndicatorSubgoal.indicator_id == ind_id, IndicatorSubgoal.subgoal_id == sg_id
                )
            )
            report.retired += 1
        session.flush()
        stale = set(subgoal_rows) - wanted_subgoals
        if stale:
            session.execute(delete(SubgoalRow).where(SubgoalRow.id.in_(stale)))
            report.retired += len(stale)
        session.flush()
        _retire_focus_areas(session, catalogue, report)
        if stale_frameworks:
            session.execute(delete(FrameworkRow).where(FrameworkRow.id.in_(stale_frameworks)))
            report.retired += len(stale_frameworks)
        if report.catalogue_changed:
            bump_data_version(session)
    log.info(
        "catalogue synced: %d added, %d changed, %d retired",
        report.added,
        report.changed,
        report.retired,
    )
    return report
