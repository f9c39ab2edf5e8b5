"""Exports of the catalogue for review by agency staff and for other tools."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from levande.indicators.core.catalogue import Catalogue
from levande.indicators.core.ranking import rank_frame
from levande.indicators.core.vocabulary import Direction
from levande.indicators.store.schema import IndicatorRow, Observation, Region


def catalogue_as_dict(catalogue: Catalogue) -> dict[str, Any]:
    """The catalogue as plain data for review.

    ``goal``, ``framework_in_force``, ``focus_areas`` with the sub-goals in force,
    ``context_groups``, every framework, and ``indicators`` (maintainer notes included: the
    export is for the people who curate it).
    """
    return {
        "goal": catalogue.goal.model_dump(mode="json"),
        "sources": [s.model_dump(mode="json") for s in catalogue.sources.values()],
        "framework_in_force": catalogue.framework_in_force,
        "focus_areas": [fa.model_dump(mode="json") for fa in catalogue.focus_areas],
        "context_groups": [g.model_dump(mode="json") for g in catalogue.context_groups],
        "frameworks": [f.model_dump(mode="json") for f in catalogue.frameworks],
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
    "context_group", "source_title", "maintainer_notes",
]  # fmt: skip


def catalogue_to_csv(catalogue: Catalogue) -> str:
    """One row per indicator for spreadsheets.

    Each row has its focus area (or context group) and sub-goals.
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    names = {fa.id: fa.name_sv for fa in catalogue.focus_areas}
    names.update({group.id: group.name_sv for group in catalogue.context_groups})
    for ind in catalogue.indicators:
        writer.writerow(
            {
                "id": ind.id,
                "focus_area": ind.focus_area or "",
                "focus_area_name_sv": names.get(ind.group, ""),
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
                "context_group": ind.context_group or "",
                "source_title": ind.source_title or "",
                "maintainer_notes": ind.maintainer_notes or "",
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


STATUS_EXPORT_COLUMNS = [
    "indicator_id", "region_code", "region_name", "region_level", "breakdown", "status",
    "manual", "reason", "score", "base_period", "base_value", "latest_period", "latest_value",
    "target_value", "target_year", "rank", "rank_of", "quartile", "peer_group", "peer_median",
    "peer_rank", "peer_rank_of", "peer_quartile",
]  # fmt: skip


def status_frame(engine: Engine, indicator_ids: list[str] | None = None) -> pd.DataFrame:
    """One row per series: status, explanation, position and the SKR peer group's median.

    ``peer_median`` is the median of the latest values of the region's SKR municipality group
    for the same indicator, period and breakdown (missing values ignored).
    """
    from levande.indicators.store.schema import IndicatorStatus, MunicipalityGroupMember

    query = (
        select(
            IndicatorStatus.indicator_id,
            IndicatorStatus.region_code,
            Region.name,
            Region.level,
            IndicatorStatus.breakdown,
            IndicatorStatus.status,
            IndicatorStatus.manual,
            IndicatorStatus.reason,
            IndicatorStatus.score,
            IndicatorStatus.base_period,
            IndicatorStatus.base_value,
            IndicatorStatus.latest_period,
            IndicatorStatus.latest_value,
            IndicatorRow.target_value,
            IndicatorRow.target_year,
            IndicatorStatus.rank,
            IndicatorStatus.rank_of,
            IndicatorStatus.quartile,
            Region.skr_group_id,
        )
        .join(Region, Region.code == IndicatorStatus.region_code)
        .join(IndicatorRow, IndicatorRow.id == IndicatorStatus.indicator_id)
        .order_by(IndicatorRow.position, IndicatorStatus.region_code, IndicatorStatus.breakdown)
    )
    obs_query = select(
        Observation.indicator_id,
        Observation.region_code,
        Observation.period,
        Observation.breakdown,
        Observation.value,
    )
    if indicator_ids:
        query = query.where(IndicatorStatus.indicator_id.in_(indicator_ids))
        obs_query = obs_query.where(Observation.indicator_id.in_(indicator_ids))
    with Session(engine) as session:
        rows = session.execute(query).all()
        members = session.execute(
            select(MunicipalityGroupMember.region_code, MunicipalityGroupMember.group_id).join(
                Region, Region.skr_group_id == MunicipalityGroupMember.group_id
            )
        ).all()
        observations = pd.DataFrame(
            [tuple(r) for r in session.execute(obs_query).all()],
            columns=["indicator_id", "region_code", "period", "breakdown", "value"],
        )
    columns = [*STATUS_EXPORT_COLUMNS[:-5], "peer_group"]
    frame = pd.DataFrame([tuple(r) for r in rows], columns=columns)
    membership = pd.DataFrame(
        sorted({tuple(m) for m in members}), columns=["region_code", "peer_group"]
    )
    peers = observations.merge(membership, on="region_code")
    medians = (
        peers.dropna(subset=["value"])
        .groupby(["indicator_id", "peer_group", "period", "breakdown"])["value"]
        .median()
        .rename("peer_median")
        .reset_index()
        .rename(columns={"period": "latest_period"})
    )
    frame = frame.merge(
        medians, on=["indicator_id", "peer_group", "latest_period", "breakdown"], how="left"
    )
    # Position within the peer group: the same direction-aware ranking, grouped by peer group.
    with Session(engine) as session:
        directions = {
            i: Direction(d)
            for i, d in session.execute(select(IndicatorRow.id, IndicatorRow.direction))
        }
    peer_ranks = rank_frame(peers.rename(columns={"peer_group": "level"}), directions)[
        ["indicator_id", "region_code", "period", "breakdown", "rank", "rank_of", "quartile"]
    ].rename(
        columns={
            "period": "latest_period",
            "rank": "peer_rank",
            "rank_of": "peer_rank_of",
            "quartile": "peer_quartile",
        }
    )
    frame = frame.merge(
        peer_ranks, on=["indicator_id", "region_code", "latest_period", "breakdown"], how="left"
    )
    for col in ("rank", "rank_of", "quartile", "target_year", "peer_rank", "peer_rank_of",
                "peer_quartile"):  # fmt: skip
        frame[col] = frame[col].astype("Int64")
    return frame[STATUS_EXPORT_COLUMNS]
