"""Municipalities and counties ``/sok``: search by name, and every place by county, drawn.

The search form works without JavaScript (``?q=gavle`` lists the matches here); with it the
field suggests places as one types (see :mod:`dashboard.components.place_search`). Below the
search, every county and its municipalities link to their profiles. Everything here is a pure
function of :class:`~levande.dashboard.places.data.SearchData`.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from levande.dashboard.components.messages import problems_notice
from levande.dashboard.components.place_search import SEARCH_PATH, place_search
from levande.dashboard.components.shell import breadcrumbs
from levande.dashboard.components.values import place_kind
from levande.dashboard.i18n import t
from levande.dashboard.page import Content
from levande.dashboard.places.data import SearchData
from levande.dashboard.places.params import place_path
from levande.dashboard.urls import with_lang
from levande.indicators.reads import profiles as p


def results(data: SearchData) -> Any:
    """The places matching the search, or a sentence saying there are none."""
    text, lang = data.params.text, data.lang
    found = data.found or ()
    heading = html.H2(t("search_results", lang, text=text), id="search-results-heading")
    if not found:
        return html.Section(
            [heading, html.P(t("search_none", lang, text=text), id="search-none")],
            id="search-results",
        )
    counties = {r.code: r.name for r in data.counties}
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


def directory(data: SearchData) -> Any:
    """Every county with its municipalities, each a link to its profile."""
    lang = data.lang
    items = []
    for county in data.counties:
        members = sorted(
            (r for r in data.kommuner if r.parent_code == county.code),
            key=lambda r: p.fold(r.name),
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


def render_search(data: SearchData) -> Content:
    """The search page: the form, the matches of the URL's ``q`` and the directory."""
    params, lang = data.params, data.lang
    title = t("places_title", lang)
    children: list[Any] = [
        breadcrumbs(lang, [(t("nav_overview", lang), with_lang("/", lang)), (title, None)]),
        html.H1(title),
    ]
    notice = problems_notice(params.problems, lang, SEARCH_PATH)
    if notice is not None:
        children.append(notice)
    children.append(html.P(t("places_intro", lang), className="lead"))
    children.append(place_search(lang, params.text, version=data.version))
    if params.text:
        children.append(results(data))
    children.append(directory(data))
    return Content(lang, SEARCH_PATH, title, children, {"q": params.text or None})
