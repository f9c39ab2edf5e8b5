"""Files for download: CSV and Excel answers, and the small page a failed download shows.

Shared by the indicator's downloads and the place pages' downloads. Values are written as
stored (no rounding) and a missing value stays an empty cell, never a zero.
"""

from __future__ import annotations

import html
import io
from typing import Any

import pandas as pd
from flask import Response, request

from levande.dashboard.i18n import t

FORMATS = ("csv", "xlsx")
"""The file formats every download offers."""


def request_args() -> dict[str, Any]:
    """The request's query parameters as lists, as Dash gives a page's (a key may repeat)."""
    return {key: request.args.getlist(key) for key in request.args}


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
