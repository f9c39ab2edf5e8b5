"""The type-ahead forms: the place search and the comparison's place and indicator pickers.

Without JavaScript the search asks ``/sok?q=...`` and the page lists the matches. With it,
``assets/places.js`` turns the field into an ARIA 1.2 combobox: it fetches the names once
from ``/platser.json`` (the pickers of indicators from ``/indikatorer.json``), folds case and
diacritics the way :func:`levande.indicators.reads.profiles.fold` does (so "gavle" finds
Gävle), lists the best matches under the field and goes to the chosen place's profile, or
adds the chosen item to the page's list, on Enter or a click.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dash import dcc, html

from levande.dashboard.components import attrs
from levande.dashboard.i18n import DEFAULT_LANG, t

SEARCH_PATH = "/sok"
PLACES_JSON = "/platser.json"
INDICATORS_JSON = "/indikatorer.json"


def place_search(lang: str, value: str = "", *, version: str = "") -> Any:
    """The search form with its (initially empty and hidden) list of suggestions.

    Args:
        lang: the page's language (kept by the search and the links it leads to).
        value: the text already searched for.
        version: the data version, so the browser may keep the names until the next load.
    """
    return place_combobox(
        lang,
        field_id="place-q",
        name="q",
        action=SEARCH_PATH,
        label=t("search_label", lang),
        hint=t("search_hint", lang),
        button=t("search_button", lang),
        value=value,
        version=version,
        form_attrs={"data-type-ahead": "1", "aria-label": t("search_label", lang)},
        form_id="place-search",
        role="search",
    )


@dataclass(frozen=True)
class PickerKind:
    """What a picker picks: its form's and field's ids, its texts' keys, its list of names."""

    form_id: str
    label_key: str
    hint_key: str
    source: str


PICKERS = {
    "places": PickerKind("add-place", "add_place", "add_place_hint", PLACES_JSON),
    "indicators": PickerKind("add-ind", "add_indicator", "add_indicator_hint", INDICATORS_JSON),
}
"""The pickers by the kind of name they list (``data-kind`` for ``assets/places.js``)."""


def picker(
    lang: str,
    kind: str,
    *,
    action: str,
    name: str,
    append_to: str,
    hidden: Sequence[tuple[str, str]],
    version: str = "",
) -> Any:
    """A form that adds a place or an indicator to a page's list by typing part of its name.

    The chosen item's code is added to the ``append_to`` list among the ``hidden`` fields
    (the page's other choices), so the page opens with it added. An indicator's suggestion
    shows its focus area, a place's its kind and county. Without JavaScript the typed name
    (or code) is sent as ``name`` and the server reads it as the item of that name.

    Args:
        lang: the page's language.
        kind: a key of :data:`PICKERS`: ``places`` or ``indicators``.
        action: the page the form leads to.
        name: the parameter the typed text is sent as (``add_place``, ``add_ind``).
        append_to: the list parameter the chosen code is added to.
        hidden: the page's other choices, sent along.
        version: the data version, so the browser may keep the names until the next load.
    """
    chosen = PICKERS[kind]
    return place_combobox(
        lang,
        field_id=f"{chosen.form_id}-q",
        name=name,
        action=action,
        label=t(chosen.label_key, lang),
        hint=t(chosen.hint_key, lang),
        button=t("add_button", lang),
        version=version,
        form_attrs={"data-type-ahead": "1", "data-add-to": append_to},
        form_id=chosen.form_id,
        hidden=hidden,
        source=chosen.source,
        kind=kind,
    )


def place_combobox(
    lang: str,
    *,
    field_id: str,
    name: str,
    action: str,
    label: str,
    hint: str,
    button: str,
    value: str = "",
    version: str = "",
    form_attrs: dict[str, str],
    form_id: str,
    role: str | None = None,
    hidden: Sequence[tuple[str, str]] = (),
    source: str = PLACES_JSON,
    kind: str = "places",
) -> Any:
    """A GET form whose text field ``assets/places.js`` turns into a combobox of names.

    The script finds the field as the form's text field (the form is ``data-type-ahead``).
    The field's list, status line and language field are named after it (``<id>-list``...);
    the status line says where the names come from (``data-source``, asked once per data
    version) and what they are (``data-kind``: ``places`` or ``indicators``).
    """
    source = f"{source}?v={version}" if version else source
    extra: dict[str, Any] = {**attrs(form_attrs), **({"role": role} if role else {})}
    return html.Form(
        action=action,
        method="get",
        className="place-search",
        id=form_id,
        **extra,
        children=[
            html.Label(label, htmlFor=field_id, className="place-search__label"),
            html.P(hint, id=f"{field_id}-hint", className="place-search__hint"),
            html.Div(
                className="place-search__row",
                children=[
                    html.Div(
                        className="place-search__box",
                        children=[
                            dcc.Input(
                                id=field_id,
                                name=name,
                                type="text",
                                value=value,
                                autoComplete="off",
                                spellCheck="false",
                                className="place-search__input",
                            ),
                            html.Ul(
                                id=f"{field_id}-list",
                                role="listbox",
                                className="place-search__list",
                                hidden="hidden",
                                **attrs({"aria-label": t("search_suggestions", lang)}),
                            ),
                        ],
                    ),
                    html.Button(button, type="submit", className="button"),
                ],
            ),
            *(
                [dcc.Input(type="hidden", name="lang", value=lang, id=f"{field_id}-lang")]
                if lang != DEFAULT_LANG
                else []
            ),
            *(
                dcc.Input(type="hidden", name=key, value=val, id=f"{field_id}-keep-{key}")
                for key, val in hidden
                if val
            ),
            html.P(
                id=f"{field_id}-status",
                className="visually-hidden",
                **attrs(
                    {
                        "aria-live": "polite",
                        "data-source": source,
                        "data-kind": kind,
                        "data-count": t("search_count", lang),
                        "data-none": t("search_no_suggestions", lang),
                        "data-kommun": t("place_kommun", lang),
                        "data-lan": t("place_lan", lang),
                    }
                ),
            ),
        ],
    )
