"""Embeddable views: the minimal page inside another site's frame, and the snippet to copy.

A view with ``embed=1`` in its address is drawn without the site's header, menu and footer,
but with its title, the figure and its data table, the source and the date of the data, and a
link to the full view, so that a figure on a municipality's own site still says where it comes
from. The snippet under each embeddable view is the ``<iframe>`` to paste, with the same
address state as the view on screen.
"""

from __future__ import annotations

import html as html_text
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from dash import dcc, html

from levande.dashboard.components.source import sources_paragraph
from levande.dashboard.i18n import format_datetime, t

EMBED_PARAM = "embed"
"""The query parameter that asks for the embeddable view (``embed=1``)."""


def is_embed(raw: object) -> bool:
    """True when a page's ``embed`` parameter asks for the embeddable view."""
    if isinstance(raw, list | tuple):
        raw = raw[0] if raw else None
    return isinstance(raw, str) and raw.strip() == "1"


def iframe_code(src: str, title: str, height: int) -> str:
    """The ``<iframe>`` element to paste (title for screen readers, lazy loading, no border)."""
    return (
        f'<iframe src="{html_text.escape(src)}" title="{html_text.escape(title)}" '
        f'width="100%" height="{height}" style="border:0" loading="lazy"></iframe>'
    )


def embed_snippet(src: str, title: str, lang: str, *, height: int, snippet_id: str) -> Any:
    """The "Embed" disclosure under a view: what it is, and the code in a labelled text box."""
    code = iframe_code(src, title, height)
    return html.Details(
        [
            html.Summary(t("embed_summary", lang)),
            html.P(t("embed_explain", lang)),
            html.Label(t("embed_code_label", lang), htmlFor=snippet_id),
            dcc.Textarea(
                id=snippet_id,
                value=code,
                readOnly=True,
                rows=3,
                className="embed-code",
                spellCheck=False,
            ),
            html.P(
                [t("embed_preview", lang), " ", html.A(src, href=src, target="_blank")],
                className="muted",
            ),
        ],
        className="embed-snippet",
        id=f"{snippet_id}-details",
    )


def embed_page(
    *,
    lang: str,
    title: str,
    children: Sequence[Any],
    credits: Sequence[str],
    last_refresh: datetime | None,
    full_href: str,
) -> Any:
    """The minimal page of an embedded view: content, sources, date and the way to the site."""
    refreshed = (
        t("footer_last_refresh", lang, when=format_datetime(last_refresh, lang))
        if last_refresh is not None
        else t("footer_never_refreshed", lang)
    )
    full_title = f"{title} – {t('product', lang)}"
    return html.Div(
        className="embed",
        children=[
            html.Main(id="main", className="main main--embed", children=list(children)),
            html.Footer(
                [
                    sources_paragraph(credits, lang),
                    html.P(refreshed, id="embed-refresh"),
                    html.P(
                        html.A(
                            t("embed_open_full", lang),
                            href=full_href,
                            target="_blank",
                            rel="noopener",
                            id="embed-open-full",
                        )
                    ),
                ],
                className="embed-footer",
            ),
            dcc.Store(id="page-meta", data={"lang": lang, "title": full_title}),
        ],
    )
