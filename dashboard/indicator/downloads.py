"""Downloads of exactly what an indicator's view shows, with self-describing columns.

Values are rounded to the indicator's decimals (float noise never reaches a file), a missing
value is an empty cell with the source's symbol beside it, never a zero; a CSV follows the
page's language (``dashboard/files.py``). The route
``/ladda-ner/<indicator>.<csv|xlsx>`` (:data:`blueprint`) builds the file from the same URL
state as the page.
"""

from __future__ import annotations

import logging

import pandas as pd
from flask import Blueprint, Response, request
from sqlalchemy.exc import SQLAlchemyError

from levande.dashboard.components.values import breakdown_label, source_name
from levande.dashboard.context import AppContext, current
from levande.dashboard.files import FORMATS, file_response, message_page, request_args
from levande.dashboard.i18n import parse_lang, pick, t
from levande.dashboard.indicator.data import chart_data, facts_for, table_data
from levande.dashboard.indicator.params import IndicatorState, parse_indicator_state
from levande.indicators.core.catalogue import Indicator
from levande.indicators.reads import dimensions as dims

log = logging.getLogger(__name__)

blueprint = Blueprint("indicator_downloads", __name__)

CHART_COLUMNS = [
    "indicator_id", "indicator", "region_code", "region_name", "region_level", "period",
    "breakdown", "breakdown_label", "measure", "value", "unit", "status_symbol", "aggregation",
    "source", "source_id",
]  # fmt: skip
"""Columns of the chart download; ``measure`` is value, peer_median, peer_q1 or peer_q3."""

TABLE_COLUMNS = [
    "indicator_id", "indicator", "region_code", "region_name", "region_level", "period",
    "breakdown", "breakdown_label", "value", "unit", "status_symbol", "aggregation", "rank",
    "rank_of", "previous_period", "previous_value", "change", "series_status", "source",
    "source_id",
]  # fmt: skip
"""Columns of the map and table download."""

VIEWS = ("chart", "table")


def _describe(frame: pd.DataFrame, info: Indicator, lang: str) -> pd.DataFrame:
    out = frame.copy()
    out["indicator_id"] = info.id
    out["indicator"] = pick(info.title_sv, info.title_en, lang)
    out["unit"] = pick(info.unit_sv, info.unit_en, lang)
    out["source"] = source_name(info.source)
    out["source_id"] = info.source_id
    out["breakdown_label"] = [breakdown_label(b, lang) for b in out["breakdown"]]
    out["status_symbol"] = [
        None if s is None or (isinstance(s, float) and pd.isna(s)) or s == "" else s
        for s in out.get("status", pd.Series([None] * len(out), index=out.index))
    ]
    out["aggregation"] = [
        None if a is None or (isinstance(a, float) and pd.isna(a)) else a
        for a in out.get("aggregation", pd.Series([None] * len(out), index=out.index))
    ]
    return out


def chart_frame(ctx: AppContext, info: Indicator, state: IndicatorState) -> pd.DataFrame:
    """The chart's series and the peer group's median and quartiles, one row per value."""
    data = chart_data(ctx, info, state)
    observed = data.lines[data.lines["role"] != "peer"].copy()
    observed["measure"] = "value"
    parts = [observed]
    if data.band is not None and data.peer is not None and not data.band.empty:
        peer_name = data.lines.loc[data.lines["role"] == "peer", "region_name"]
        label = str(peer_name.iloc[0]) if not peer_name.empty else data.peer.title
        for measure, column in (("peer_median", "median"), ("peer_q1", "q1"), ("peer_q3", "q3")):
            parts.append(
                pd.DataFrame(
                    {
                        "region_code": data.peer.id,
                        "region_name": label,
                        "region_level": "group",
                        "period": data.band["period"],
                        "breakdown": state.breakdown,
                        "measure": measure,
                        "value": data.band[column].astype("float64"),
                        "status": None,
                        "aggregation": None,
                    }
                )
            )
    frame = pd.concat(parts, ignore_index=True)
    return _describe(frame, info, state.lang)[CHART_COLUMNS]


def table_frame(ctx: AppContext, info: Indicator, state: IndicatorState) -> pd.DataFrame:
    """The map's and table's values: every region of the level, in the table's order."""
    frame = table_data(ctx, info, state)
    frame = frame.assign(region_level=state.level, period=state.year, breakdown=state.breakdown)
    return _describe(frame, info, state.lang)[TABLE_COLUMNS]


def filename(info: Indicator, state: IndicatorState, view: str, fmt: str) -> str:
    """A descriptive file name: indicator, view, year or regions, breakdown."""
    if view == "table":
        detail = f"{state.level}_{state.year or 'none'}_{state.breakdown}"
    else:
        regions = "-".join(["00", *(c for c in (state.lan, state.kommun) if c)])
        detail = f"{regions}_{'KM' if state.gender else state.breakdown}"
    return f"{info.id}_{view}_{detail}.{fmt}"


@blueprint.get("/ladda-ner/<indicator_id>.<fmt>")
def download_route(indicator_id: str, fmt: str) -> Response:
    """CSV or Excel of the chart's or the table's data for the URL's state."""
    lang, _ = parse_lang(request.args.get("lang"))
    view = request.args.get("view", "chart")
    try:
        ctx = current()
        info = dims.indicator(ctx.reader, indicator_id)
        if info is None:
            return message_page(
                lang,
                t("not_found_title", lang),
                t("unknown_indicator", lang, value=indicator_id[:60]),
                404,
            )
        if fmt not in FORMATS or view not in VIEWS:
            return message_page(lang, t("not_found_title", lang), t("not_found_text", lang), 404)
        state = parse_indicator_state(info.id, request_args(), facts_for(ctx, info))
        frame = chart_frame(ctx, info, state) if view == "chart" else table_frame(ctx, info, state)
        name = filename(info, state, view, fmt)
    except SQLAlchemyError:
        log.exception("download of %s failed", indicator_id)
        return message_page(lang, t("error_title", lang), t("error_database", lang), 503)
    return file_response(frame, fmt, name, state.lang, info.decimals)
