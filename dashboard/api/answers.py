"""What each endpoint answers, as plain data in the shape of :mod:`levande.dashboard.api.models`.

Every function takes the app's reader, the checked query and the path's parts, and returns
the answer's fields other than the envelope (data version, paging), which the routes add.
The catalogue's answers are built from the synced catalogue; the facts come from
:mod:`levande.indicators.reads.api` exactly as stored.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from levande.dashboard.api.params import ApiError, Query
from levande.dashboard.areas.data import yearly_spreads
from levande.indicators.core.catalogue import Catalogue, Indicator
from levande.indicators.core.inequality import Spread
from levande.indicators.core.numbers import optional_float
from levande.indicators.core.small_areas import SmallAreaCatalogue, SmallAreaIndicator
from levande.indicators.reads import api as reads
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads.cache import Reader
from levande.indicators.reads.catalogue import require_catalogue
from levande.indicators.reads.ops import data_status
from levande.indicators.reads.small_areas import area_values

Answer = dict[str, Any]
SOURCE_FIELDS = {"id", "name", "credit_sv", "credit_en", "homepage", "licence"}
FRAMEWORK_SUBGOAL_FIELDS = {"id", "focus_area", "text_sv", "text_en"}
AREA_INDICATOR_FIELDS = {
    "id", "title_sv", "title_en", "description_sv", "description_en", "unit_sv", "unit_en",
    "decimals", "direction", "kind", "denominator", "source", "source_id", "notes_sv", "notes_en",
}  # fmt: skip
FactRead = Callable[[Reader, reads.Filter, reads.Window], reads.Page]
PagedRead = Callable[[Reader, Query, reads.Window], reads.Page]


def not_found(what: str, value: str) -> ApiError:
    """The 404 of an unknown identifier in the path."""
    return ApiError(404, "not_found", f"there is no {what} {value!r}", parameter=what)


# --- catalogue --------------------------------------------------------------------------------


def catalogue(reader: Reader, query: Query, path: Mapping[str, str]) -> Answer:
    """The goal, sources, focus areas and context groups, and frameworks."""
    cat = require_catalogue(reader)
    goal = cat.goal
    in_force = cat.framework_in_force
    return {
        "goal": {
            "text_sv": goal.text_sv,
            "text_en": goal.text_en,
            "ambition_sv": goal.ambition_sv,
            "ambition_en": goal.ambition_en,
            "source_document": goal.source_document,
            "source_url": goal.source_url,
            "decided": goal.decided.isoformat(),
        },
        "sources": [s.model_dump(mode="json", include=SOURCE_FIELDS) for s in cat.sources.values()],
        "framework_in_force": in_force,
        "focus_areas": [
            *(_area(fa.model_dump(mode="json"), "focus_area") for fa in cat.focus_areas),
            *(_area(g.model_dump(mode="json"), "context") for g in cat.context_groups),
        ],
        "frameworks": [
            {
                "id": f.id,
                "version": f.version,
                "origin": f.origin,
                "name_sv": f.name_sv,
                "name_en": f.name_en,
                "in_force": f.id == in_force,
                "published": f.published.isoformat() if f.published else None,
                "source_url": f.source_url,
                "subgoals": [
                    s.model_dump(mode="json", include=FRAMEWORK_SUBGOAL_FIELDS) for s in f.subgoals
                ],
            }
            for f in cat.frameworks
        ],
    }


def _area(doc: dict[str, Any], kind: str) -> Answer:
    return {
        "id": doc["id"],
        "kind": kind,
        "pillar": doc.get("pillar"),
        "name_sv": doc["name_sv"],
        "name_en": doc["name_en"],
        "description_sv": doc["description_sv"],
        "description_en": doc["description_en"],
        "subgoals": [
            {
                "id": s["id"],
                "text_sv": s["text_sv"],
                "text_en": s["text_en"],
                "proposed_by": s["proposed_by"],
                "framework": s.get("framework"),
            }
            for s in doc.get("subgoals") or []
        ],
    }


def indicator_out(cat: Catalogue, ind: Indicator) -> Answer:
    """One indicator as the API publishes it (maintainers' notes and query details left out)."""
    source = cat.sources.get(ind.source)
    return {
        "id": ind.id,
        "former_ids": list(ind.former_ids),
        "focus_area": ind.focus_area,
        "context_group": ind.context_group,
        "subgoals": list(ind.subgoals),
        "source": ind.source,
        "source_id": ind.source_id,
        "source_title": ind.source_title,
        "title_sv": ind.title_sv,
        "title_en": ind.title_en,
        "description_sv": ind.description_sv,
        "description_en": ind.description_en,
        "unit_sv": ind.unit_sv,
        "unit_en": ind.unit_en,
        "decimals": ind.decimals,
        "direction": ind.direction.value,
        "levels": [lv.value for lv in ind.levels],
        "municipal_mean_levels": [lv.value for lv in ind.municipal_mean_levels],
        "gender": ind.gender,
        "target_value": ind.target.value if ind.target else None,
        "target_year": ind.target.year if ind.target else None,
        "manual_status": ind.manual_status.status.value if ind.manual_status else None,
        "credit_sv": ind.credit_sv or (source.credit_sv if source else ind.source),
        "credit_en": ind.credit_en or (source.credit_en if source else ind.source),
        "notes_sv": ind.notes_sv,
        "notes_en": ind.notes_en,
        "verification": ind.verification,
    }


def indicators(reader: Reader, query: Query, path: Mapping[str, str]) -> Answer:
    """Indicators in catalogue order, of one focus area or context group if asked."""
    cat = require_catalogue(reader)
    wanted = query.get("focus_area")
    # A retired focus-area id still answers, with the area that replaced it.
    wanted = cat.redirects.get(wanted, wanted) if wanted is not None else None
    chosen = cat.indicators if wanted is None else cat.indicators_of(wanted)
    return {"data": [indicator_out(cat, ind) for ind in chosen]}


def indicator(reader: Reader, query: Query, path: Mapping[str, str]) -> Answer:
    """One indicator, or a 404."""
    cat = require_catalogue(reader)
    ind = next((i for i in cat.indicators if i.id == path["indicator_id"]), None)
    if ind is None:
        raise not_found("indicator", path["indicator_id"])
    return {"data": indicator_out(cat, ind)}


# --- regions ----------------------------------------------------------------------------------


def _memberships(reader: Reader) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for group in dims.peer_groups(reader):
        for code in group.members:
            out.setdefault(code, []).append(group.id)
    return out


def _region_out(region: dims.RegionInfo, groups: Mapping[str, list[str]]) -> Answer:
    return {
        "code": region.code,
        "name": region.name,
        "level": region.level,
        "parent_code": region.parent_code,
        "skr_group_id": region.skr_group_id,
        "peer_groups": groups.get(region.code, []),
    }


def regions(reader: Reader, query: Query, path: Mapping[str, str]) -> Answer:
    """Regions ordered by code, of one level or parent if asked."""
    parent = query.get("parent")
    groups = _memberships(reader)
    return {
        "data": [
            _region_out(r, groups)
            for r in dims.regions(reader, query.get("level"))
            if parent is None or r.parent_code == parent
        ]
    }


def region(reader: Reader, query: Query, path: Mapping[str, str]) -> Answer:
    """One region, or a 404."""
    found = dims.region(reader, path["code"])
    if found is None:
        raise not_found("region", path["code"])
    return {"data": _region_out(found, _memberships(reader))}


def peer_groups(reader: Reader, query: Query, path: Mapping[str, str]) -> Answer:
    """The peer groups and their members."""
    return {
        "data": [
            {
                "id": g.id,
                "title": g.title,
                "kind": g.kind,
                "short_code": g.short_code,
                "members": list(g.members),
            }
            for g in dims.peer_groups(reader)
        ]
    }


# --- facts ------------------------------------------------------------------------------------


def fact_filter(query: Query) -> reads.Filter:
    """The reads' filter from the checked query."""
    return reads.Filter(
        indicators=query.get("indicator", ()),
        regions=query.get("region", ()),
        level=query.get("level"),
        period_from=query.get("from"),
        period_to=query.get("to"),
        breakdowns=query.get("breakdown", ()),
    )


def _facts(read: FactRead) -> PagedRead:
    """A read of the stored facts, given the filter the checked query makes."""

    def paged(reader: Reader, query: Query, window: reads.Window) -> reads.Page:
        return read(reader, fact_filter(query), window)

    return paged


def _area_observations_page(reader: Reader, query: Query, window: reads.Window) -> reads.Page:
    return window_of(area_observations(reader, query), AREA_OBSERVATION_KEY, window)


AREA_OBSERVATION_KEY = ("indicator_id", "area_code", "period")
"""The order (and the key) of small-area observations."""

PAGED_READS: dict[str, tuple[PagedRead, tuple[str, ...]]] = {
    "observations": (_facts(reads.observations), reads.OBSERVATION_KEY),
    "ranks": (_facts(reads.ranks), reads.OBSERVATION_KEY),
    "statuses": (_facts(reads.statuses), reads.SERIES_KEY),
    "changes": (_facts(reads.changes), reads.SERIES_KEY),
    "area_observations": (_area_observations_page, AREA_OBSERVATION_KEY),
}
"""Each paged endpoint's read and the key its cursor carries."""


def freshness(reader: Reader, query: Query, path: Mapping[str, str]) -> Answer:
    """Every indicator's freshness now."""
    cat = require_catalogue(reader)
    frame = data_status(reader.engine, cat, datetime.now(UTC))
    rows = []
    for row in frame.to_dict("records"):
        rows.append(
            {
                "indicator_id": row["indicator_id"],
                "source": row["source"],
                "source_id": row["source_id"],
                "source_published": _stamp(row["source_published"]),
                "held_published": _stamp(row["held_published"]),
                "last_success_at": _stamp(row["last_success_at"]),
                "last_failure_at": _stamp(row["last_failure_at"]),
                "next_refresh": _stamp(row["next_refresh"]),
                "max_age_hours": _number(row["max_age_hours"]),
                "stale": bool(row["stale"]),
                "stale_reasons": list(row["stale_reasons"]),
                "observations": int(row["observations"]),
                "latest_period": row["latest_period"] if isinstance(row["latest_period"], str)
                else None,
            }
        )  # fmt: skip
    return {"data": rows}


def _stamp(value: Any) -> datetime | None:
    if isinstance(value, datetime) and value == value:  # NaT is not equal to itself
        return value.to_pydatetime() if hasattr(value, "to_pydatetime") else value
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, int | float) and value == value:
        return float(value)
    return None


# --- small areas ------------------------------------------------------------------------------


def area_indicators(reader: Reader, query: Query, path: Mapping[str, str]) -> Answer:
    """The small-area indicators in catalogue order, with the measures' thresholds."""
    small = require_catalogue(reader).small_areas
    return {
        "population_indicator": small.population,
        "small_population": small.small_population,
        "min_areas": small.min_areas,
        "data": [
            {
                **ind.model_dump(mode="json", include=AREA_INDICATOR_FIELDS),
                "geographies": [lv.value for lv in ind.levels],
            }
            for ind in small.indicators
        ],
    }


def _municipality(reader: Reader, query: Query) -> str:
    code: str = query.get("municipality")
    found = dims.region(reader, code)
    if found is None or found.level != "kommun":
        raise not_found("municipality", code)
    return code


def _area_indicators(
    small: SmallAreaCatalogue, query: Query, *, measurable: bool
) -> list[SmallAreaIndicator]:
    """The small-area indicators asked for (all of the geography when none is named).

    Raises:
        ApiError: 404 for an id the catalogue does not know; 400 for an area type asked for
            inequality measures (a category code has no spread).
    """
    geography = query.get("geography")
    candidates = [
        i for i in small.indicators
        if geography in i.levels and not (measurable and i.kind == "type")
    ]  # fmt: skip
    wanted: tuple[str, ...] = query.get("indicator", ())
    if not wanted:
        return candidates
    by_id = {i.id: i for i in candidates}
    for indicator_id in wanted:
        if indicator_id in by_id:
            continue
        if any(i.id == indicator_id for i in small.indicators):
            what = "inequality measures" if measurable else "values"
            status, code, message = (
                400, "invalid_value", f"{indicator_id!r} has no {what} per {geography}"
            )  # fmt: skip
        else:
            status, code, message = (
                404, "not_found", f"there is no small-area indicator {indicator_id!r}"
            )  # fmt: skip
        raise ApiError(status, code, message, parameter="indicator", allowed=list(by_id))
    return [by_id[i] for i in wanted]


def _in_years(period: str, query: Query) -> bool:
    first, last = query.get("from"), query.get("to")
    return (first is None or period >= first) and (last is None or period <= last)


def window_of(rows: Sequence[Answer], key: tuple[str, ...], window: reads.Window) -> reads.Page:
    """One window of rows already read and ordered by ``key`` (one municipality's, cached).

    The cursor's key is found by bisection, so following ``next`` costs the same on every page.
    """
    if window.after is not None:
        keys = [tuple(str(row[k]) for k in key) for row in rows]
        start = bisect_right(keys, window.after)
    else:
        start = window.offset
    chosen = tuple(rows[start : start + window.limit])
    last = tuple(str(chosen[-1][k]) for k in key) if chosen else None
    return reads.Page(chosen, len(rows), last)


def area_observations(reader: Reader, query: Query) -> list[Answer]:
    """One municipality's small-area values of one geography, exactly as stored.

    In the order of :data:`AREA_OBSERVATION_KEY` (the read's order).
    """
    code = _municipality(reader, query)
    small = require_catalogue(reader).small_areas
    chosen = _area_indicators(small, query, measurable=False)
    frame = area_values(reader, code, [i.id for i in chosen], query.get("geography"))
    rows = []
    for row in frame.itertuples(index=False):
        if not _in_years(str(row.period), query):
            continue
        rows.append(
            {
                "indicator_id": row.indicator_id,
                "area_code": row.area_code,
                "base_code": row.base_code,
                "geography": row.level,
                "vintage": row.vintage,
                "name": row.name if isinstance(row.name, str) else None,
                "regso_code": row.regso_code if isinstance(row.regso_code, str) else None,
                "municipality_code": code,
                "period": row.period,
                "value": optional_float(row.value),
                "status": row.status if isinstance(row.status, str) else None,
            }
        )
    return rows


def _area_value(pair: tuple[str, float] | None) -> Answer | None:
    return {"area_code": pair[0], "value": pair[1]} if pair is not None else None


def _spread_out(ind: SmallAreaIndicator, period: str, vintage: str | None, sp: Spread) -> Answer:
    return {
        "indicator_id": ind.id,
        "period": period,
        "vintage": vintage,
        "shown_as": "published" if ind.denominator is None else "share_of_denominator",
        "denominator": ind.denominator,
        "n_areas": sp.n_areas,
        "n_with_data": sp.n_with_data,
        "missing": list(sp.missing),
        "small": list(sp.small),
        "highest": _area_value(sp.highest),
        "lowest": _area_value(sp.lowest),
        "p90": sp.p90,
        "p10": sp.p10,
        "p90_p10": sp.p90_p10,
        "gini": sp.gini,
        "theil": sp.theil,
        "reason": sp.reason,
    }


def inequality(reader: Reader, query: Query, path: Mapping[str, str]) -> Answer:
    """The spread between one municipality's areas, per indicator and year, as the page has it."""
    code = _municipality(reader, query)
    small = require_catalogue(reader).small_areas
    geography = query.get("geography")
    rows = [
        _spread_out(ind, year.period, year.vintage, year.spread)
        for ind in _area_indicators(small, query, measurable=True)
        for year in yearly_spreads(reader, small, code, ind, geography)
        if _in_years(year.period, query)
    ]
    return {
        "municipality_code": code,
        "geography": geography,
        "small_population": small.small_population,
        "min_areas": small.min_areas,
        "data": rows,
    }


WHOLE: dict[str, Callable[[Reader, Query, Mapping[str, str]], Answer]] = {
    "catalogue": catalogue,
    "indicators": indicators,
    "indicator": indicator,
    "regions": regions,
    "region": region,
    "peer_groups": peer_groups,
    "freshness": freshness,
    "area_indicators": area_indicators,
    "inequality": inequality,
}
"""The endpoints answered in one piece, by name (the paged ones are :data:`PAGED_READS`)."""
