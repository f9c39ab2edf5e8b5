"""The frame around every page: skip link, header, navigation, language switch, footer.

Each page layout is wrapped in :func:`page`, so a language change re-renders the frame with
the page. The ``page-meta`` store carries the language, title and feeds to a clientside callback
that sets ``<html lang>``, ``document.title`` and the head's feed links after each render.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from dash import dcc, html

from levande.dashboard.components import attrs
from levande.dashboard.components.feed_links import feed_links
from levande.dashboard.components.source import sources_paragraph
from levande.dashboard.i18n import DEFAULT_LANG, format_datetime, t
from levande.dashboard.urls import href, with_lang

Child = Any
"""A Dash component or a string: what a page's children may be."""

MENU = (
    ("nav_overview", "/"),
    ("nav_places", "/sok"),
    ("nav_compare", "/jamfor"),
    ("nav_data", "/data"),
    ("nav_accessibility", "/tillganglighet"),
)
"""The main menu: (text, path), in order; the language switch follows."""


def _language_switch(lang: str, path: str, params: Mapping[str, str | None]) -> Child:
    other = "en" if lang != "en" else "sv"
    target = dict(params)
    target["lang"] = other if other != DEFAULT_LANG else None
    return dcc.Link(
        html.Span(t("switch_language", lang), lang=other),
        href=href(path, target),
        className="lang-switch",
        title=t("switch_language_label", lang),
        id="lang-switch",
    )


def header(lang: str, path: str, params: Mapping[str, str | None]) -> Child:
    """The banner with the product name, the main menu and the language switch."""
    return html.Header(
        className="site-header",
        children=html.Div(
            className="site-header__inner",
            children=[
                dcc.Link(
                    [
                        html.Span(t("product", lang), className="brand__name"),
                        html.Span(t("product_tagline", lang), className="brand__tagline"),
                    ],
                    href=with_lang("/", lang),
                    className="brand",
                ),
                html.Nav(
                    **attrs({"aria-label": t("nav_label", lang)}),
                    className="site-nav",
                    children=html.Ul(
                        [
                            *[
                                html.Li(
                                    dcc.Link(
                                        t(key, lang),
                                        href=with_lang(target, lang),
                                        className="site-nav__link",
                                    )
                                )
                                for key, target in MENU
                            ],
                            html.Li(_language_switch(lang, path, params)),
                        ]
                    ),
                ),
            ],
        ),
    )


METHOD_PATH = "/metod"
"""The page that explains how statuses, ranks and roll-ups are computed."""


def method_link(lang: str) -> Child:
    """A link to the status method's page, which every status on the pages refers to."""
    return dcc.Link(t("footer_method", lang), href=with_lang(METHOD_PATH, lang))


def footer(lang: str, credits: Sequence[str], last_refresh: datetime | None) -> Child:
    """Sources, the data's last refresh and the statements."""
    refreshed = (
        t("footer_last_refresh", lang, when=format_datetime(last_refresh, lang))
        if last_refresh is not None
        else t("footer_never_refreshed", lang)
    )
    return html.Footer(
        className="site-footer",
        children=html.Div(
            className="site-footer__inner",
            children=[
                sources_paragraph(credits, lang),
                html.P(refreshed, id="footer-refresh"),
                html.P(
                    [
                        dcc.Link(
                            t("footer_statement", lang), href=with_lang("/tillganglighet", lang)
                        ),
                        " · ",
                        method_link(lang),
                    ]
                ),
            ],
        ),
    )


def copy_link(lang: str) -> Child:
    """«Kopiera länk»: copies the page's full address (``assets/levande.js``) and shows it.

    The address is the browser's own, so it is right behind any proxy; where the clipboard
    cannot be written, the address is shown to be copied by hand.
    """
    return html.Div(
        [
            html.Button(
                t("copy_link", lang),
                type="button",
                className="button button--secondary",
                id="copy-link",
                **attrs(
                    {
                        "data-copy-link": "1",
                        "data-copied": t("copy_link_done", lang),
                        "data-failed": t("copy_link_failed", lang),
                    }
                ),
            ),
            html.Span(className="copy-link__status", id="copy-link-status", role="status"),
        ],
        className="copy-link",
    )


def print_day(sentence: Callable[[str], str], made: str) -> list[Child]:
    """A printed page's sentence with its date as a span the browser updates when printing.

    A page may be served from the page cache on a later day than it was made, so the date is
    the page's (``made``) until assets/places.js writes the day of printing into the span
    marked ``data-today``. ``sentence`` gets a placeholder for the date and returns the text.
    """
    marker = "\u0000"
    before, _, after = sentence(marker).partition(marker)
    return [before, html.Span(made, **attrs({"data-today": "1"})), after]


def breadcrumbs(lang: str, trail: Sequence[tuple[str, str | None]]) -> Child:
    """A breadcrumb trail; the last item (the current page) has no link."""
    items: list[Child] = []
    for i, (label, link) in enumerate(trail):
        last = i == len(trail) - 1
        if link is None or last:
            items.append(
                html.Li(html.Span(label, **attrs({"aria-current": "page"} if last else {})))
            )
        else:
            items.append(html.Li(dcc.Link(label, href=link)))
    return html.Nav(
        html.Ol(items), className="breadcrumbs", **attrs({"aria-label": t("breadcrumb", lang)})
    )


def page(
    *,
    lang: str,
    path: str,
    params: Mapping[str, str | None],
    title: str,
    children: Sequence[Child],
    credits: Sequence[str],
    last_refresh: datetime | None,
) -> Child:
    """A whole page: skip link, header, ``main`` with the children, footer and meta store.

    Args:
        lang: the page's language.
        path: the page's path, for the language switch.
        params: the page's query parameters except ``lang``, kept by the language switch.
        title: the page title (without the product name).
        children: the content of ``main``.
        credits: the sources' credit lines for the footer.
        last_refresh: when data was last refreshed.
    """
    full_title = f"{title} – {t('product', lang)}" if title else t("product", lang)
    return html.Div(
        className="shell",
        children=[
            html.A(t("skip_to_content", lang), href="#main", className="skip-link"),
            header(lang, path, params),
            html.Main(id="main", tabIndex="-1", className="main", children=list(children)),
            footer(lang, credits, last_refresh),
            dcc.Store(
                id="page-meta",
                data={
                    "lang": lang,
                    "title": full_title,
                    "feeds": [
                        {"href": address, "title": feed_title}
                        for address, feed_title in feed_links(path, lang)
                    ],
                },
            ),
        ],
    )
