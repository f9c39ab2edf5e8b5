"""The place search: a form that works on its own, and a type-ahead list on top of it.

Without JavaScript the form asks ``/sok?q=...`` and the page lists the matches. With it,
``assets/places.js`` turns the field into an ARIA 1.2 combobox: it fetches the names once
from ``/platser.json``, folds case and diacritics the way
:func:`levande.indicators.reads.profiles.fold` does (so "gavle" finds Gävle), lists the best
matches under the field and goes to the chosen place's profile on Enter or a click.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from levande.dashboard.components import attrs
from levande.dashboard.i18n import DEFAULT_LANG, t

SEARCH_PATH = "/sok"
PLACES_JSON = "/platser.json"


def place_search(lang: str, value: str = "", *, version: str = "") -> Any:
    """The search form with its (initially empty and hidden) list of suggestions.

    Args:
        lang: the page's language (kept by the search and the links it leads to).
        value: the text already searched for.
        version: the data version, so the browser may keep the names until the next load.
    """
    source = f"{PLACES_JSON}?v={version}" if version else PLACES_JSON
    return html.Form(
        role="search",
        action=SEARCH_PATH,
        method="get",
        className="place-search",
        id="place-search",
        **attrs({"data-place-search": "1", "aria-label": t("search_label", lang)}),
        children=[
            html.Label(t("search_label", lang), htmlFor="place-q", className="place-search__label"),
            html.P(t("search_hint", lang), id="place-q-hint", className="place-search__hint"),
            html.Div(
                className="place-search__row",
                children=[
                    html.Div(
                        className="place-search__box",
                        children=[
                            dcc.Input(
                                id="place-q",
                                name="q",
                                type="text",
                                value=value,
                                autoComplete="off",
                                spellCheck="false",
                                className="place-search__input",
                            ),
                            html.Ul(
                                id="place-q-list",
                                role="listbox",
                                className="place-search__list",
                                hidden="hidden",
                                **attrs({"aria-label": t("search_suggestions", lang)}),
                            ),
                        ],
                    ),
                    html.Button(t("search_button", lang), type="submit", className="button"),
                ],
            ),
            *(
                [dcc.Input(type="hidden", name="lang", value=lang, id="place-q-lang")]
                if lang != DEFAULT_LANG
                else []
            ),
            html.P(
                id="place-q-status",
                className="visually-hidden",
                **attrs(
                    {
                        "aria-live": "polite",
                        "data-places": source,
                        "data-count": t("search_count", lang),
                        "data-none": t("search_no_suggestions", lang),
                        "data-kommun": t("place_kommun", lang),
                        "data-lan": t("place_lan", lang),
                    }
                ),
            ),
        ],
    )
