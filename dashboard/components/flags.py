"""Values flagged as implausible: the note beside them in public, and the operators' console.

A flagged value is stored exactly as published. Public pages show it as stored with a note in
words beside it (:func:`with_flag_note`), never marked by colour alone; the console lists each
with the check it failed in words, the source's row as it was stored, and, for a signed-in
operator, a form to accept it (who accepts is asked, kept and logged).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from dash import dcc, html

from levande.dashboard.components.forms import hidden_field
from levande.dashboard.components.tables import Column, data_table
from levande.dashboard.components.values import breakdown_label
from levande.dashboard.i18n import STRINGS, format_datetime, format_number, format_period, t

Flag = Mapping[str, Any]
"""One flag (see ``indicators.reads.flags.value_flags``)."""


def with_flag_note(text: Any, flagged: bool, lang: str) -> Any:
    """A value's cell, followed by the note "under review" when the value has an open flag.

    The value itself stays exactly as it was rendered: the note explains it, it never replaces
    it, so a reader sees what the source published and that it is being checked.
    """
    if not flagged:
        return text
    parts = list(text) if isinstance(text, list) else [text]
    return html.Span([*parts, html.Br(), flag_note(lang)])


def flag_note(lang: str) -> Any:
    """The note beside a value with an open flag: under review, and out of the status."""
    return html.Span(t("flag_note", lang), className="cell-note flag-note")


def exact(value: float, lang: str) -> str:
    """A stored value with every decimal it has, in the language's notation."""
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return format_number(value, max(-int(exponent), 0), lang)


def flag_why(flag: Flag, lang: str) -> str:
    """The check a value failed, in words: "över 100 (högsta rimliga)"."""
    bound = exact(flag["bound"], lang)
    if flag["rule"] == "jump":
        previous = flag["previous_value"]
        return t(
            "flag_jump",
            lang,
            bound=bound,
            period=format_period(flag["previous_period"], lang) if flag["previous_period"] else "",
            previous=exact(previous, lang) if previous is not None else "",
        )
    key = f"flag_{flag['rule']}"
    return t(key, lang, bound=bound) if key in STRINGS else str(flag["rule"])


def accept_form(flag_id: int, csrf: str, lang: str) -> Any:
    """Accept one flagged value, saying who accepts it."""
    field_id = f"accept-by-{flag_id}"
    return html.Form(
        action="/operator/accept",
        method="post",
        className="inline-form",
        children=[
            html.Label(t("flag_accept_label", lang), htmlFor=field_id),
            dcc.Input(id=field_id, name="by", type="text", required=True, autoComplete="name"),
            hidden_field("flag", str(flag_id), keep_id=False),
            hidden_field("csrf", csrf, keep_id=False),
            hidden_field("lang", lang, keep_id=False),
            html.Button(
                t("flag_accept_button", lang), type="submit", className="button button--small"
            ),
        ],
    )


def flag_what(
    flag: Flag, lang: str, titles: Mapping[str, str], places: Mapping[str, str]
) -> list[Any]:
    """The flagged value's indicator, place, period and breakdown, and the value exactly."""
    return [
        titles.get(flag["indicator_id"], flag["indicator_id"]),
        places.get(flag["region_code"], flag["region_code"]),
        f"{flag['period']}, {breakdown_label(flag['breakdown'], lang).lower()}",
        exact(flag["value"], lang),
    ]


def _columns(lang: str, last: str) -> list[Column]:
    keys = ("data_indicator", "flag_place", "flag_period", "flag_value", "flag_why", last)
    return [Column(t(k, lang), numeric=k == "flag_value") for k in keys]


def decision_text(flag: Flag, lang: str) -> str:
    """Who decided what and when: "godkänt av Anna Berg 2026-11-29 10:12"."""
    if flag["accepted_at"] is not None:
        when = format_datetime(flag["accepted_at"], lang)
        return t("flag_accepted_by", lang, who=flag["accepted_by"] or "", when=when)
    return t("flag_revised", lang, when=format_datetime(flag["resolved_at"], lang))


def decisions_table(
    flags: Sequence[Flag], lang: str, titles: Mapping[str, str], places: Mapping[str, str]
) -> Any:
    """The latest decisions on flagged values: accepted by whom and when, or revised."""
    if not flags:
        return html.P(t("flags_decisions_none", lang))
    rows = [
        [*flag_what(flag, lang, titles, places), flag_why(flag, lang), decision_text(flag, lang)]
        for flag in flags
    ]
    columns = _columns(lang, "flag_decision")
    return data_table(t("flags_decisions_caption", lang), columns, rows, table_id="flag-decisions")


def flags_table(
    flags: Sequence[Flag],
    lang: str,
    titles: Mapping[str, str],
    places: Mapping[str, str],
    csrf: str | None = None,
) -> Any:
    """Every open flag, grouped by indicator; with a CSRF value, a form to accept each.

    ``titles`` names the indicators and ``places`` the regions, by id and code.
    """
    if not flags:
        return html.P(t("flags_none", lang))
    rows = []
    for flag in flags:
        row = [
            *flag_what(flag, lang, titles, places),
            flag_why(flag, lang),
            html.Details(
                [
                    html.Summary(t("flag_source_row", lang)),
                    html.Pre(json.dumps(flag["source_row"], ensure_ascii=False, indent=1)),
                ]
            ),
        ]
        if csrf is not None:
            row.append(accept_form(flag["id"], csrf, lang))
        rows.append(row)
    columns = _columns(lang, "flag_source_row")
    if csrf is not None:
        columns.append(Column(t("flag_accept", lang)))
    return data_table(t("flags_caption", lang), columns, rows, table_id="value-flags")
