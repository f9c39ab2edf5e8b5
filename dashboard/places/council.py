"""The council print, "Rådsunderlag": a place's summary on one or two A4 pages.

For a municipal council or a board: where the place is on track, the ten indicators where it
stands weakest and strongest against its peers, the whole picture of statuses and quartiles,
and where the numbers come from. ``print=rad`` on a profile's address; the full print view
(``print=1``) stays beside it. A pure function of
:class:`~levande.dashboard.places.data.ProfileData`.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from levande.dashboard.components import attrs
from levande.dashboard.components.values import place_kind
from levande.dashboard.i18n import t
from levande.dashboard.page import Content
from levande.dashboard.places.data import ProfileData
from levande.dashboard.places.sections import print_button, strip_section
from levande.dashboard.places.summary import summary_section


def council_header(data: ProfileData) -> list[Any]:
    """The sentence at the top of the paper: product, place, date (the browser's, when printed)."""
    place, lang = data.place, data.lang
    marker = "\u0000"
    text = t("council_header", lang, place=place.name, kind=place_kind(place, lang).lower(),
             date=marker)  # fmt: skip
    before, _, after = text.partition(marker)
    return [before, html.Span(data.printed, **attrs({"data-today": "1"})), after]


def render_council(data: ProfileData) -> Content:
    """The council print of a municipality or county."""
    state, place, lang = data.state, data.place, data.lang
    children: list[Any] = [
        html.P(council_header(data), className="print-header", id="print-header"),
        html.H1(t("council_title", lang, place=place.name), id="place-name"),
        html.Ul(
            [
                html.Li(
                    dcc.Link(
                        t("print_back", lang),
                        href=state.href(council=False),
                        id="print-back",
                        className="button button--secondary",
                    )
                ),
                html.Li(print_button(lang)),
            ],
            className="profile-actions",
            id="profile-actions",
        ),
        html.P(t("council_intro", lang), className="council__intro"),
        summary_section(data),
        strip_section(data),
        html.P(t("council_method", lang), className="council__method"),
    ]
    wrapper = html.Div(
        children,
        className="profile profile--print profile--council",
        id="profile",
        **attrs({"data-print-view": "1"}),
    )
    params = {k: v for k, v in state.params().items() if k != "lang"}
    return Content(lang, state.path, t("council_title", lang, place=place.name), [wrapper], params)
