"""Links to the same data as CSV and as Excel, wherever a page offers a download."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from dash import html

from levande.dashboard.i18n import t
from levande.dashboard.urls import href


def file_links(
    stem: str,
    params: Mapping[str, str | None],
    lang: str,
    *,
    text: Callable[[str], str],
    id_prefix: str,
) -> list[Any]:
    """A CSV and an Excel link (``<stem>.csv``, ``<stem>.xlsx``) carrying the same parameters.

    Args:
        stem: the download's path without the format.
        params: the page's state, so the file holds what the page shows.
        lang: the page's language.
        text: the link's text for a format's name ("CSV", "Excel").
        id_prefix: the links' ids are ``<id_prefix>-csv`` and ``<id_prefix>-xlsx``.
    """
    return [
        html.A(
            text(label),
            href=href(f"{stem}.{fmt}", params),
            download="",
            className="button button--secondary",
            id=f"{id_prefix}-{fmt}",
        )
        for fmt, label in (("csv", t("download_csv", lang)), ("xlsx", t("download_xlsx", lang)))
    ]


def link_list(links: Sequence[Any]) -> Any:
    """Download links as a list."""
    return html.Ul([html.Li(link) for link in links], className="download-links")
