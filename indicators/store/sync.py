"""Copy the catalogue from ``config/`` into the database's dimension tables.

Idempotent: syncing the same catalogue twice changes nothing. An indicator dropped from the
catalogue is marked inactive, never deleted, so its history stays available for download.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from levande.indicators.core.catalogue import Catalogue, Indicator
from levande.indicators.store.schema import FocusAreaRow, IndicatorRow, IndicatorSubgoal, SubgoalRow

log = logging.getLogger(__name__)


@dataclass
class SyncReport:
    """How many catalogue rows a sync added, changed and retired."""

    added: int = 0
    changed: int = 0
    retired: int = 0

    @property
    def touched(self) -> int:
        """Rows written in total."""
        return self.added + self.changed + self.retired


def _indicator_values(ind: Indicator, position: int) -> dict[str, Any]:
    definition = ind.model_dump(mode="json", exclude_none=True)
    return {
        "position": position,
        "focus_area_id": ind.focus_area,
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
        "definition": definition,
        "active": True,
    }


def _apply(session: Session, row: Any, values: dict[str, Any], report: SyncReport) -> None:
    changed = False
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)
            changed = True
    if changed:
        report.changed += 1


def sync_catalogue(engine: Engine, catalogue: Catalogue) -> SyncReport:
    """Write focus areas, sub-goals, indicators and their links; one transaction.

    Returns:
        Counts of rows added, changed and retired.
    """
    report = SyncReport()
    with Session(engine) as session, session.begin():
        focus_rows = {r.id: r for r in session.scalars(select(FocusAreaRow))}
        for pos, fa in enumerate(catalogue.focus_areas):
            values = {
                "position": pos,
                "pillar": fa.pillar,
                "strategy_section": fa.strategy_section,
                "name_sv": fa.name_sv,
                "name_en": fa.name_en,
                "name_status": fa.name_status,
                "description_sv": fa.description_sv,
                "description_en": fa.description_en,
            }
            if fa.id in focus_rows:
                _apply(session, focus_rows[fa.id], values, report)
            else:
                session.add(FocusAreaRow(id=fa.id, **values))
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
        wanted_links = {(ind.id, sg) for ind in catalogue.indicators for sg in ind.subgoals}
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
    log.info(
        "catalogue synced: %d added, %d changed, %d retired",
        report.added,
        report.changed,
        report.retired,
    )
    return report
