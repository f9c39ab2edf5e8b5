"""Downloads of exactly what a view shows, as CSV and Excel with self-describing columns.

Values are written as stored (no rounding: the display's decimals are for reading only), a
missing value is an empty cell with the source's symbol beside it, never a zero. The route
``/ladda-ner/<indicator>.<csv|xlsx>`` (:data:`blueprint`) builds the file from the same URL
state as the page.
"""

from __future__ import annotations

import html
import io
import logging

import pandas as pd
from flask import Blueprint, Response, request
from sqlalchemy.exc import SQLAlchemyError

from levande.dashboard.context import AppContext, current
from levande.dashboard.i18n import parse_lang, pick, t
from levande.dashboard.indicator.data import breakdown_label, chart_data, table_data
from levande.dashboard.indicator.params import IndicatorState, parse_indicator_state
from levande.indicators.reads import queries as q

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
FORMATS = ("csv", "xlsx")


def _source_name(info: q.IndicatorInfo) -> str:
    return {"scb": "SCB", "kolada": "Kolada"}.get(info.source, info.source)


def _describe(frame: pd.DataFrame, info: q.IndicatorInfo, lang: str) -> pd.DataFrame:
    out = frame.copy()
    out["indicator_id"] = info.id
    out["indicator"] = pick(info.title_sv, info.title_en, lang)
    out["unit"] = pick(info.unit_sv, info.unit_en, lang)
    out["source"] = _source_name(info)
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


def chart_frame(ctx: AppContext, info: q.IndicatorInfo, state: IndicatorState) -> pd.DataFrame:
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


def table_frame(ctx: AppContext, info: q.IndicatorInfo, state: IndicatorState) -> pd.DataFrame:
    """The map's and table's values: every region of the level, in the table's order."""
    frame = table_data(ctx, info, state)
    frame = frame.assign(region_level=state.level, period=state.year, breakdown=state.breakdown)
    return _describe(frame, info, state.lang)[TABLE_COLUMNS]


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV, comma-separated, point decimals, values at full precision."""
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def to_xlsx(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """An Excel workbook with one sheet; empty cells where values are missing."""
    buffer = io.BytesIO()
    clean = frame.astype(object).where(frame.notna(), None)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        clean.to_excel(writer, sheet_name=sheet, index=False)
    return buffer.getvalue()


def filename(info: q.IndicatorInfo, state: IndicatorState, view: str, fmt: str) -> str:
    """A descriptive file name: indicator, view, year or regions, breakdown."""
    if view == "table":
        detail = f"{state.level}_{state.year or 'none'}_{state.breakdown}"
    else:
        regions = "-".join(["00", *(c for c in (state.lan, state.kommun) if c)])
        detail = f"{regions}_{'KM' if state.gender else state.breakdown}"
    return f"{info.id}_{view}_{detail}.{fmt}"


XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_response(frame: pd.DataFrame, fmt: str, name: str) -> Response:
    """A download: the frame as CSV or Excel, as an attachment named ``name``."""
    if fmt == "csv":
        body, mimetype = to_csv(frame), "text/csv; charset=utf-8"
    else:
        body, mimetype = to_xlsx(frame), XLSX_MIMETYPE
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.cache_control.no_store = True
    return response


def message_page(lang: str, title: str, message: str, status: int) -> Response:
    """A small HTML page with a message and a way back, for download addresses that fail.

    Title and message may echo the address (an unknown id), so they are escaped.
    """
    title, message = html.escape(title), html.escape(message)
    body = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><main><h1>{title}</h1><p>{message}</p>"
        f'<p><a href="/">{html.escape(t("back_to_overview", lang))}</a></p></main></body></html>'
    )
    return Response(body, status=status, mimetype="text/html")


@blueprint.get("/ladda-ner/<indicator_id>.<fmt>")
def download_route(indicator_id: str, fmt: str) -> Response:
    """CSV or Excel of the chart's or the table's data for the URL's state."""
    from levande.dashboard.indicator.render import facts_for

    lang, _ = parse_lang(request.args.get("lang"))
    view = request.args.get("view", "chart")
    try:
        ctx = current()
        info = q.indicator(ctx.engine, indicator_id)
        if info is None:
            return message_page(
                lang,
                t("not_found_title", lang),
                t("unknown_indicator", lang, value=indicator_id[:60]),
                404,
            )
        if fmt not in FORMATS or view not in VIEWS:
            return message_page(lang, t("not_found_title", lang), t("not_found_text", lang), 404)
        raw = {key: request.args.getlist(key) for key in request.args}
        state = parse_indicator_state(info.id, raw, facts_for(ctx, info))
        frame = chart_frame(ctx, info, state) if view == "chart" else table_frame(ctx, info, state)
        name = filename(info, state, view, fmt)
    except SQLAlchemyError:
        log.exception("download of %s failed", indicator_id)
        return message_page(lang, t("error_title", lang), t("error_database", lang), 503)
    return file_response(frame, fmt, name)
