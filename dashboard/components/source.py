"""The source line beside every figure: who published the numbers and when we fetched them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dash import html

from levande.dashboard.i18n import format_datetime, t


def source_line(
    credit: str, fetched: datetime | None, lang: str, updated: datetime | str | None = None
) -> Any:
    """The source line under a figure.

    Text such as "Källa: SCB. Uppdaterad hos källan 2026-02-20 08:00. Senast hämtad
    2026-03-01 07:00.".
    """
    parts = [t("figure_source", lang, credit=credit, fetched=format_datetime(fetched, lang))]
    if updated is not None:
        when = updated if isinstance(updated, str) else format_datetime(updated, lang)
        parts.insert(1, t("figure_source_updated", lang, updated=when))
    return html.P(" ".join(parts), className="source-line")
