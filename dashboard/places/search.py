"""Municipalities and counties ``/sok``: search by name, and every place by county.

The search form works without JavaScript (``?q=gavle`` lists the matches here); with it the
field suggests places as one types (see :mod:`dashboard.components.place_search`). Below the
search, every county and its municipalities link to their profiles.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import dcc, html

from levande.dashboard.components.messages import problems_notice
from levande.dashboard.components.place_search import SEARCH_PATH, place_search
from levande.dashboard.components.shell import breadcrumbs
from levande.dashboard.context import AppContext
from levande.dashboard.i18n import t
from levande.dashboard.page import dash_layout, guarded, shell
from levande.dashboard.places.sections import place_kind, place_path
from levande.dashboard.urls import first, lang_from, with_lang
from levande.indicators.reads import profiles as p
from levande.indicators.reads import queries as q

MAX_QUERY = 100
"""Longest search text used; the rest is ignored."""


def register() -> None:
    """Register the page's route with Dash."""
    dash.register_page(  # type: ignore[no-untyped-call]
        __name__, path=SEARCH_PATH, name="places", title=t("product"), layout=layout
    )


def results(ctx: AppContext, text: str, lang: str) -> Any:
    """The places matching a search, or a sentence saying there are none."""
    found = p.find_places(ctx.engine, text, limit=20)
    heading = html.H2(t("search_results", lang, text=text), id="search-results-heading")
    if not found:
        return html.Section(
            [heading, html.P(t("search_none", lang, text=text), id="search-none")],
            id="search-results",
        )
    counties = {r.code: r.name for r in q.regions(ctx.engine, "lan")}
    items = []
    for region in found:
        detail = place_kind(region, lang)
        if region.level == "kommun" and region.parent_code in counties:
            detail += ", " + counties[region.parent_code]
        items.append(
            html.Li(
                [
                    dcc.Link(region.name, href=with_lang(place_path(region), lang)),
                    html.Span(f" ({detail})", className="muted"),
                ],
                id=f"result-{region.code}",
            )
        )
    return html.Section([heading, html.Ul(items, className="results")], id="search-results")


def directory(ctx: AppContext, lang: str) -> Any:
    """Every county with its municipalities, each a link to its profile."""
    kommuner = q.regions(ctx.engine, "kommun")
    items = []
    for county in q.regions(ctx.engine, "lan"):
        members = sorted(
            (r for r in kommuner if r.parent_code == county.code), key=lambda r: p.fold(r.name)
        )
        items.append(
            html.Li(
                [
                    dcc.Link(
                        county.name,
                        href=with_lang(place_path(county), lang),
                        className="directory__county",
                    ),
                    html.Ul(
                        [
                            html.Li(dcc.Link(r.name, href=with_lang(place_path(r), lang)))
                            for r in members
                        ],
                        className="inline-list",
                    ),
                ],
                id=f"county-{county.code}",
            )
        )
    return html.Section(
        [
            html.H2(t("directory_heading", lang), id="directory-heading"),
            html.Ul(items, className="directory")
            if items
            else html.P(t("directory_empty", lang), className="empty"),
        ],
        id="directory",
    )


def build(ctx: AppContext, **kwargs: Any) -> Any:
    """The search page for the URL's ``q``."""
    lang, problems = lang_from(kwargs)
    text = (first(kwargs.get("q")) or "")[:MAX_QUERY]
    title = t("places_title", lang)
    children: list[Any] = [
        breadcrumbs(lang, [(t("nav_overview", lang), with_lang("/", lang)), (title, None)]),
        html.H1(title),
    ]
    notice = problems_notice(problems, lang, SEARCH_PATH)
    if notice is not None:
        children.append(notice)
    children.append(html.P(t("places_intro", lang), className="lead"))
    children.append(place_search(lang, text, version=q.cache_for(ctx.engine).version()))
    if text:
        children.append(results(ctx, text, lang))
    children.append(directory(ctx, lang))
    return shell(
        ctx,
        lang=lang,
        path=SEARCH_PATH,
        params={"q": text or None},
        title=title,
        children=children,
    )


render = guarded(build, lambda **_: SEARCH_PATH)
layout = dash_layout(render)
