"""Exports of the catalogue for review by agency staff and for other tools."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from indicators.catalogue import Catalogue


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
