"""Exports of the catalogue for review by agency staff and for other tools."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from indicators.catalogue import Catalogue
from indicators.schema import IndicatorRow, Observation, Region


def catalogue_as_dict(catalogue: Catalogue) -> dict[str, Any]:
    """The catalogue as plain data: ``goal``, ``focus_areas`` with ``subgoals``, ``indicators``."""
    return {
        "goal": catalogue.goal.model_dump(mode="json"),
        "sources": [s.model_dump(mode="json") for s in catalogue.sources.values()],
        "focus_areas": [fa.model_dump(mode="json") for fa in catalogue.focus_areas],
        "indicators": [
            {
                **ind.model_dump(mode="json", exclude={"scb"}),
                "selection": ind.scb.model_dump(mode="json") if ind.scb else None,
                "credit_sv": ind.credit_sv or catalogue.sources[ind.source].credit_sv,
                "credit_en": ind.credit_en or catalogue.sources[ind.source].credit_en,
            }
            for ind in catalogue.indicators
        ],
        "method": catalogue.method.model_dump(mode="json"),
    }


def catalogue_to_json(catalogue: Catalogue) -> str:
    """The catalogue as indented UTF-8 JSON."""
    return json.dumps(catalogue_as_dict(catalogue), ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = [
    "id", "focus_area", "focus_area_name_sv", "subgoals", "source", "source_id", "selection",
    "title_sv", "title_en", "description_sv", "description_en", "unit_sv", "unit_en",
    "direction", "levels", "municipal_mean_levels", "gender", "target_value", "target_year",
    "manual_status", "credit_sv", "verification", "notes_sv", "notes_en",
]  # fmt: skip


def catalogue_to_csv(catalogue: Catalogue) -> str:
    """One row per indicator with its focus area and sub-goals, for spreadsheets."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    names = {fa.id: fa.name_sv for fa in catalogue.focus_areas}
    for ind in catalogue.indicators:
        writer.writerow(
            {
                "id": ind.id,
                "focus_area": ind.focus_area,
                "focus_area_name_sv": names.get(ind.focus_area, ""),
                "subgoals": ";".join(ind.subgoals),
                "source": ind.source,
                "source_id": ind.source_id,
                "selection": json.dumps(ind.scb.model_dump(mode="json"), ensure_ascii=False)
                if ind.scb
                else "",
                "title_sv": ind.title_sv,
                "title_en": ind.title_en,
                "description_sv": ind.description_sv,
                "description_en": ind.description_en,
                "unit_sv": ind.unit_sv,
                "unit_en": ind.unit_en,
                "direction": ind.direction.value,
                "levels": ";".join(level.value for level in ind.levels),
                "municipal_mean_levels": ";".join(lv.value for lv in ind.municipal_mean_levels),
                "gender": str(ind.gender).lower(),
                "target_value": "" if ind.target is None else ind.target.value,
                "target_year": "" if ind.target is None else ind.target.year,
                "manual_status": ind.manual_status.status if ind.manual_status else "",
                "credit_sv": ind.credit_sv or catalogue.sources[ind.source].credit_sv,
                "verification": ind.verification,
                "notes_sv": ind.notes_sv or "",
                "notes_en": ind.notes_en or "",
            }
        )
    return out.getvalue()


OBSERVATION_COLUMNS = [
    "indicator_id", "source", "source_id", "region_code", "region_name", "region_level",
    "period", "breakdown", "value", "unit", "status", "aggregation", "fetched_at",
]  # fmt: skip


def observations_frame(engine: Engine, indicator_ids: list[str] | None = None) -> pd.DataFrame:
    """Observations in the tidy shape, one row per value, with self-describing columns.

    Region codes are SCB's (``00``, two or four digits); breakdown is ``T``, ``K`` or ``M``;
    ``value`` is empty where the source published none, with its symbol in ``status``.
    """
    query = (
        select(
            Observation.indicator_id,
            IndicatorRow.source,
            IndicatorRow.source_id,
            Observation.region_code,
            Region.name,
            Region.level,
            Observation.period,
            Observation.breakdown,
            Observation.value,
            IndicatorRow.unit_sv,
            Observation.status,
            Observation.aggregation,
            Observation.fetched_at,
        )
        .join(IndicatorRow, IndicatorRow.id == Observation.indicator_id)
        .join(Region, Region.code == Observation.region_code)
        .order_by(
            IndicatorRow.position,
            Observation.region_code,
            Observation.period,
            Observation.breakdown,
        )
    )
    if indicator_ids:
        query = query.where(Observation.indicator_id.in_(indicator_ids))
    with Session(engine) as session:
        rows = session.execute(query).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=OBSERVATION_COLUMNS)
    frame["value"] = frame["value"].astype("Float64")
    return frame
