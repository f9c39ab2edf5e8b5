"""Files for download: CSV and Excel answers, and the small page a failed download shows.

Shared by the indicator's downloads and the place pages' downloads. Values are rounded to
their indicator's decimals, half away from zero as on screen (the float noise of a stored
``14.749999999`` never reaches a file), and a missing value stays an empty cell, never a zero.

A CSV file follows the page's language so that it opens as a table where it is read: in
Swedish it is what Swedish Excel expects (UTF-8 with a byte-order mark, ``;`` between fields,
decimal comma, Swedish column headers); in English it keeps ``,`` and ``.`` and the columns'
ids as headers.
"""

from __future__ import annotations

import html
import io
import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd
from flask import Response, request

from levande.dashboard.i18n import STRINGS, t

FORMATS = ("csv", "xlsx")
"""The file formats every download offers."""


def request_args() -> dict[str, Any]:
    """The request's query parameters as lists, as Dash gives a page's (a key may repeat)."""
    return {key: request.args.getlist(key) for key in request.args}


VALUE_COLUMNS = (
    "value", "previous_value", "change", "peer_median", "riket_value", "county_value",
)  # fmt: skip
"""The columns that hold an indicator's values, rounded to its decimals."""

Decimals = int | Sequence[int]
"""The decimals of a file's values: one indicator's, or each row's indicator's."""


def _rounded(value: object, decimals: int) -> Decimal | None:
    """A value rounded half away from zero on its shortest decimal form, as on screen."""
    if value is None or isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not math.isfinite(value):
        return None
    places = Decimal(1).scaleb(-max(decimals, 0))
    rounded = Decimal(repr(float(value))).quantize(places, rounding=ROUND_HALF_UP)
    return rounded if rounded != 0 else abs(rounded)  # never "-0.0"


def _per_row(frame: pd.DataFrame, decimals: Decimals) -> list[int]:
    return [decimals] * len(frame) if isinstance(decimals, int) else list(decimals)


def rounded_values(frame: pd.DataFrame, decimals: Decimals) -> pd.DataFrame:
    """The frame with its value columns rounded to their indicator's decimals (as floats)."""
    out = frame.copy()
    places = _per_row(frame, decimals)
    for column in VALUE_COLUMNS:
        if column in out:
            out[column] = [
                float(r) if (r := _rounded(v, d)) is not None else float("nan")
                for v, d in zip(out[column], places, strict=True)
            ]
    return out


def csv_header(column: str, lang: str) -> str:
    """A column's header in the file's language (its id when there is no translation)."""
    key = f"csv_{column}"
    return t(key, lang) if key in STRINGS else column


def to_csv(frame: pd.DataFrame, lang: str = "en", decimals: Decimals = 6) -> bytes:
    """CSV for the language: Swedish Excel's dialect in Swedish, plain CSV in English.

    Values are written with exactly their indicator's decimals; missing values are empty.
    """
    out = frame.copy()
    places = _per_row(frame, decimals)
    comma = lang == "sv"
    for column in VALUE_COLUMNS:
        if column in out:
            texts = []
            for v, d in zip(out[column], places, strict=True):
                r = _rounded(v, d)
                text = "" if r is None else f"{r:f}"
                texts.append(text.replace(".", ",") if comma else text)
            out[column] = texts
    out.columns = [csv_header(str(c), lang) for c in out.columns]
    if comma:
        text = out.to_csv(index=False, sep=";", decimal=",", lineterminator="\n")
        return text.encode("utf-8-sig")
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def to_xlsx(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """An Excel workbook with one sheet; empty cells where values are missing."""
    buffer = io.BytesIO()
    clean = frame.astype(object).where(frame.notna(), None)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        clean.to_excel(writer, sheet_name=sheet, index=False)
    return buffer.getvalue()


XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_response(
    frame: pd.DataFrame, fmt: str, name: str, lang: str, decimals: Decimals
) -> Response:
    """A download: the frame as CSV or Excel, as an attachment named ``name``.

    Args:
        frame: the rows, one column per field, values as stored.
        fmt: ``csv`` or ``xlsx``.
        name: the file's name.
        lang: the page's language: the CSV's dialect and headers.
        decimals: the indicator's decimals, or each row's indicator's.
    """
    if fmt == "csv":
        body, mimetype = to_csv(frame, lang, decimals), "text/csv; charset=utf-8"
    else:
        body, mimetype = to_xlsx(rounded_values(frame, decimals)), XLSX_MIMETYPE
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
