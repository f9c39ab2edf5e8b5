"""The place search: a form that works on its own, and a type-ahead list on top of it.

Without JavaScript the form asks ``/sok?q=...`` and the page lists the matches. With it,
``assets/places.js`` turns the field into an ARIA 1.2 combobox: it fetches the names once
from ``/platser.json``, folds case and diacritics the way
:func:`levande.indicators.reads.profiles.fold` does (so "gavle" finds Gävle), lists the best
matches under the field and goes to the chosen place's profile on Enter or a click.
"""

from __future__ import annotations

from collections.abc import Sequence
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
        form_attrs={"data-place-search": "1", "aria-label": t("search_label", lang)},
        form_id="place-search",
        role="search",
    )


def place_picker(
    lang: str,
    *,
    action: str,
    name: str,
    append_to: str,
    hidden: Sequence[tuple[str, str]],
    version: str = "",
) -> Any:
    """A form that adds a place to a page's list by typing its name (the comparison).

    The chosen place's code is added to the ``append_to`` list among the ``hidden`` fields (the
    page's other choices), so the page opens with the place added. Without JavaScript the typed
    name is sent as ``name`` and the server looks it up.
    """
    return place_combobox(
        lang,
        field_id="add-place-q",
        name=name,
        action=action,
        label=t("add_place", lang),
        hint=t("add_place_hint", lang),
        button=t("add_button", lang),
        version=version,
        form_attrs={"data-place-search": "1", "data-place-add": append_to},
        form_id="add-place",
        hidden=hidden,
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
) -> Any:
    """A GET form whose text field ``assets/places.js`` turns into a combobox of place names.

    The script finds the field as the form's text field (the form is ``data-place-search``).

    The field's list, status line and language field are named after it (``<id>-list``...).
    """
    source = f"{PLACES_JSON}?v={version}" if version else PLACES_JSON
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
