"""The download view: links to CSV and Excel files of exactly what the chart and table show.

A pure function of :class:`~levande.dashboard.indicator.data.IndicatorData`: each link carries
the page's state, and the download route (``indicator/downloads.py``) builds the file from it.
"""

from __future__ import annotations

from typing import Any

from dash import html

from levande.dashboard.components.file_links import file_links, link_list
from levande.dashboard.i18n import t
from levande.dashboard.indicator.data import IndicatorData


def render_download(data: IndicatorData) -> list[Any]:
    """Links to CSV and Excel files of the chart's and the table's data."""
    info, state, lang = data.info, data.state, data.lang
    params = {k: v for k, v in state.params().items() if k not in ("tab",)}

    def links(view: str, what: str) -> Any:
        return link_list(
            file_links(
                f"/ladda-ner/{info.id}",
                {"view": view, **params},
                lang,
                text=lambda label: t("download_link", lang, what=what.lower(), format=label),
                id_prefix=f"download-{view}",
            )
        )

    chart_label = t("download_chart", lang)
    table_label = t("download_table", lang, year=state.year or "–")
    return [
        html.H2(t("download_heading", lang)),
        html.P(t("download_intro", lang)),
        html.H3(chart_label),
        links("chart", chart_label),
        html.H3(table_label),
        links("table", table_label),
    ]
