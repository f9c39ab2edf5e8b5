"""The source line beside every figure: who published the numbers and when we fetched them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dash import html

from dashboard.i18n import format_datetime, t


def source_line(credit: str, fetched: datetime | None, lang: str) -> Any:
    """ "Källa: Kolada. Senast hämtad 2026-03-01 07:00." as a small paragraph."""
    return html.P(
        t("figure_source", lang, credit=credit, fetched=format_datetime(fetched, lang)),
        className="source-line",
    )
