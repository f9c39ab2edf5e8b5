"""Downloads and data routes of the place pages, built from the same URL state as the pages.

* ``/ladda-ner/profil/<code>.<csv|xlsx>?peer=...``: a profile, one row per indicator, with
  the positions and reference values the page shows;
* ``/ladda-ner/jamfor.<csv|xlsx>?places=...&ind=...``: the comparison's series;
* ``/platser.json``: the names of every municipality and county for the type-ahead search;
* ``/indikatorer.json``: every indicator's title and focus area, in Swedish and English, for
  the comparison's type-ahead picker of indicators.

Values are rounded to their indicator's decimals and a missing value is an empty cell with the
source's symbol and the reason beside it, never a zero; every column says what it holds, in
the page's language (see ``dashboard/files.py`` for the CSV's dialect).
"""

from __future__ import annotations

import json
import logging
from typing import Any

import pandas as pd
from flask import Blueprint, Response, request
from sqlalchemy.exc import SQLAlchemyError

from levande.dashboard.components.values import (
    breakdown_label,
    focus_area_name,
    indicator_title,
    region_names,
    source_name,
)
from levande.dashboard.context import AppContext, current
from levande.dashboard.files import FORMATS, file_response, message_page, request_args
from levande.dashboard.i18n import parse_lang, pick, t
from levande.dashboard.indicator.data import group_label
from levande.dashboard.places.data import compare_places, peer_choice
from levande.dashboard.places.params import (
    CompareState,
    ProfileState,
    parse_compare_state,
    parse_profile_state,
)
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads import profiles as p
from levande.indicators.reads import series as obs

log = logging.getLogger(__name__)

blueprint = Blueprint("place_downloads", __name__)

PROFILE_COLUMNS = [
    "region_code",
    "region_name",
    "region_level",
    "indicator_id",
    "indicator",
    "focus_area_id",
    "subgoal_ids",
    "direction",
    "unit",
    "period",
    "value",
    "aggregation",
    "status_symbol",
    "missing_reason",
    "previous_period",
    "previous_value",
    "change",
    "status",
    "manual_status",
    "rank_all",
    "rank_all_of",
    "quartile_all",
    "peer_group",
    "peer_group_kind",
    "peer_rank",
    "peer_rank_of",
    "peer_quartile",
    "peer_median",
    "peer_n",
    "peer_n_missing",
    "riket_value",
    "riket_aggregation",
    "county_code",
    "county_value",
    "county_aggregation",
    "source",
    "source_id",
]
"""Columns of the profile download; positions are for ``period`` (quartile 1 is best)."""

COMPARE_DOWNLOAD_COLUMNS = [
    "indicator_id",
    "indicator",
    "region_code",
    "region_name",
    "region_level",
    "period",
    "breakdown",
    "breakdown_label",
    "value",
    "unit",
    "status_symbol",
    "aggregation",
    "source",
    "source_id",
]
"""Columns of the comparison download."""


def profile_frame(profile: p.Profile, peer_label: str, lang: str) -> pd.DataFrame:
    """A profile as a table: one row per indicator, every value unrounded."""
    place = profile.place
    records: list[dict[str, Any]] = []
    for row in profile.rows:
        info = row.indicator
        records.append(
            {
                "region_code": place.code,
                "region_name": place.name,
                "region_level": place.level,
                "indicator_id": info.id,
                "indicator": pick(info.title_sv, info.title_en, lang),
                "focus_area_id": info.group,
                "subgoal_ids": ",".join(info.subgoals),
                "direction": info.direction,
                "unit": pick(info.unit_sv, info.unit_en, lang),
                "period": row.period,
                "value": row.value,
                "aggregation": row.aggregation,
                "status_symbol": row.missing_symbol if row.value is None else None,
                "missing_reason": row.missing_reason,
                "previous_period": row.previous_period,
                "previous_value": row.previous_value,
                "change": row.change,
                "status": row.status,
                "manual_status": row.manual,
                "rank_all": row.position.rank,
                "rank_all_of": row.position.rank_of,
                "quartile_all": row.position.quartile,
                "peer_group": peer_label,
                "peer_group_kind": profile.peers.kind,
                "peer_rank": row.peer_position.rank,
                "peer_rank_of": row.peer_position.rank_of,
                "peer_quartile": row.peer_position.quartile,
                "peer_median": row.peer_median,
                "peer_n": row.peer_n,
                "peer_n_missing": row.peer_n_missing,
                "riket_value": row.riket_value,
                "riket_aggregation": row.riket_aggregation,
                "county_code": profile.county.code if profile.county is not None else None,
                "county_value": row.county_value,
                "county_aggregation": row.county_aggregation,
                "source": source_name(info.source),
                "source_id": info.source_id,
            }
        )
    frame = pd.DataFrame.from_records(records, columns=PROFILE_COLUMNS)
    for column in (
        "rank_all",
        "rank_all_of",
        "quartile_all",
        "peer_rank",
        "peer_rank_of",
        "peer_quartile",
    ):
        frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
    return frame


PEER_MEDIAN = "peer_median"
"""The calculation of a comparison file's median rows: the peer group's median, not a place."""


def with_peer_medians(ctx: AppContext, state: CompareState, frame: pd.DataFrame) -> pd.DataFrame:
    """The places' series and, with a peer group chosen, its median per indicator and period.

    The median rows carry the group's id as their code, level ``group`` and the calculation
    ``peer_median``, so a file holds the line the page draws.
    """
    group = dims.peer_group(ctx.reader, state.peer) if state.peer else None
    if group is None or frame.empty:
        return frame
    name = t("peer_median", state.lang, group=group_label(ctx, group, state.lang))
    parts = [frame]
    for indicator_id in state.indicators:
        band = obs.peer_band(ctx.reader, indicator_id, group.members, "T")
        if band.empty:
            continue
        parts.append(
            pd.DataFrame(
                {
                    "indicator_id": indicator_id,
                    "region_code": group.id,
                    "region_name": name,
                    "region_level": "group",
                    "period": band["period"].astype(str),
                    "breakdown": "T",
                    "value": band["median"].astype("float64"),
                    "status": None,
                    "aggregation": PEER_MEDIAN,
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def compare_frame(ctx: AppContext, state: CompareState) -> tuple[pd.DataFrame, list[int]]:
    """The comparison's series, described: one row per indicator, place and period.

    Returns:
        The rows and each row's indicator's decimals.
    """
    frame = with_peer_medians(
        ctx, state, p.compare_series(ctx.reader, state.indicators, state.places)
    )
    infos = {
        i: info for i in state.indicators if (info := dims.indicator(ctx.reader, i)) is not None
    }
    lang = state.lang
    out = frame[frame["indicator_id"].isin(list(infos))].copy()
    ids = [str(i) for i in out["indicator_id"]]
    out["indicator"] = [pick(infos[i].title_sv, infos[i].title_en, lang) for i in ids]
    out["unit"] = [pick(infos[i].unit_sv, infos[i].unit_en, lang) for i in ids]
    out["source"] = [source_name(infos[i].source) for i in ids]
    out["source_id"] = [infos[i].source_id for i in ids]
    out["region_name"] = region_names(out, lang)
    out["breakdown_label"] = [breakdown_label(b, lang) for b in out["breakdown"]]
    out["status_symbol"] = [s if isinstance(s, str) and s else None for s in out["status"]]
    out["aggregation"] = [a if isinstance(a, str) and a else None for a in out["aggregation"]]
    return out[COMPARE_DOWNLOAD_COLUMNS], [infos[i].decimals for i in ids]


def _message(lang: str, key: str, status: int, **values: object) -> Response:
    title = t("not_found_title" if status == 404 else "error_title", lang)
    return message_page(lang, title, t(key, lang, **values), status)


@blueprint.get("/ladda-ner/profil/<code>.<fmt>")
def profile_download_route(code: str, fmt: str) -> Response:
    """CSV or Excel of a profile for the URL's peer group."""
    lang, _ = parse_lang(request.args.get("lang"))
    if fmt not in FORMATS:
        return _message(lang, "not_found_text", 404)
    try:
        ctx = current()
        place = dims.region(ctx.reader, code)
        if place is None or place.level not in p.PLACE_LEVELS:
            return _message(lang, "unknown_place", 404, value=code[:60])
        state: ProfileState = parse_profile_state(
            place.level,
            place.code,
            request_args(),
            groups=frozenset(g.id for g in dims.peer_groups(ctx.reader)),
            kommuner=frozenset(r.code for r in dims.regions(ctx.reader, "kommun")),
        )
        choice = peer_choice(ctx, place, state)
        profile = p.profile(ctx.reader, place, choice.peers)
        frame = profile_frame(profile, choice.label, lang)
    except SQLAlchemyError:
        log.exception("profile download of %s failed", code)
        return _message(lang, "error_database", 503)
    decimals = [row.indicator.decimals for row in profile.rows]
    return file_response(frame, fmt, f"profil_{place.code}_{choice.value}.{fmt}", lang, decimals)


@blueprint.get("/ladda-ner/jamfor.<fmt>")
def compare_download_route(fmt: str) -> Response:
    """CSV or Excel of the comparison for the URL's places and indicators."""
    lang, _ = parse_lang(request.args.get("lang"))
    if fmt not in FORMATS:
        return _message(lang, "not_found_text", 404)
    try:
        ctx = current()
        state = parse_compare_state(
            request_args(),
            places=compare_places(ctx),
            indicators=frozenset(i.id for i in dims.indicators(ctx.reader)),
            peers=frozenset(g.id for g in dims.peer_groups(ctx.reader)),
        )
        frame, decimals = compare_frame(ctx, state)
    except SQLAlchemyError:
        log.exception("comparison download failed")
        return _message(lang, "error_database", 503)
    name = "jamfor_" + "-".join(state.places[:10]) + f".{fmt}" if state.places else f"jamfor.{fmt}"
    return file_response(frame, fmt, name, lang, decimals)


def places_json(ctx: AppContext) -> str:
    """Every municipality and county with its county's name, as JSON for the type-ahead."""

    def load() -> str:
        counties = {r.code: r.name for r in dims.regions(ctx.reader, "lan")}
        items = [
            {
                "code": r.code,
                "name": r.name,
                "level": r.level,
                "county": counties.get(r.parent_code or "", "") if r.level == "kommun" else "",
            }
            for r in dims.regions(ctx.reader)
            if r.level in p.PLACE_LEVELS
        ]
        return json.dumps(items, ensure_ascii=False, separators=(",", ":"))

    return ctx.reader.cache.get(("places_json",), load)


def indicators_json(ctx: AppContext) -> str:
    """Every indicator's id, titles and focus area in both languages, as JSON for the picker.

    Both languages in one list, so one cached file serves the Swedish and the English page;
    the script shows the page's language. In catalogue order, like the focus areas' lists.
    """

    def load() -> str:
        areas = {g.id: g for g in dims.focus_areas(ctx.reader)}
        items = []
        for info in dims.indicators(ctx.reader):
            area = areas.get(info.group)
            items.append(
                {
                    "code": info.id,
                    "name": indicator_title(info, "sv"),
                    "name_en": indicator_title(info, "en"),
                    "area": focus_area_name(area, "sv") if area else "",
                    "area_en": focus_area_name(area, "en") if area else "",
                }
            )
        return json.dumps(items, ensure_ascii=False, separators=(",", ":"))

    return ctx.reader.cache.get(("indicators_json",), load)


def names_response(body: Any, what: str) -> Response:
    """A type-ahead's JSON list; long-lived when asked with the data version (``?v=``).

    A database that cannot answer gives an empty list with status 503: the picker then
    suggests nothing and its form still works without suggestions.
    """
    try:
        text = body(current())
    except SQLAlchemyError:
        log.exception("the %s for the type-ahead cannot be read", what)
        return Response("[]", status=503, mimetype="application/json")
    response = Response(text, mimetype="application/json")
    response.cache_control.public = True
    response.cache_control.max_age = 31_536_000 if request.args.get("v") else 300
    return response


@blueprint.get("/platser.json")
def places_route() -> Response:
    """The place names for the type-ahead search and the comparison's place picker."""
    return names_response(places_json, "place names")


@blueprint.get("/indikatorer.json")
def indicators_route() -> Response:
    """The indicators' titles for the comparison's indicator picker."""
    return names_response(indicators_json, "indicator titles")
