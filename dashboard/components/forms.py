"""Form widgets: the state form, labelled native selects, hidden fields and removable chips.

The pages' choices are plain GET forms (docs/decisions.md, "Dashboard controls"), so these
are the only form widgets there are: every list has its visible label, and the form's button
submits the same URL that ``assets/levande.js`` navigates to when JavaScript runs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dash import dcc, html

from levande.dashboard.components import attrs
from levande.dashboard.i18n import t

Options = Sequence[tuple[str, str]]
"""A list's options: (value, text)."""


def select_field(
    name: str,
    label: str,
    options: Options,
    selected: str | None,
    *,
    groups: Sequence[tuple[str, Options]] = (),
    extra: Mapping[str, str] | None = None,
) -> Any:
    """A labelled ``select`` named ``name`` (id ``choose-<name>``) with ``selected`` chosen.

    Args:
        name: the query parameter the list sets.
        label: its visible label.
        options: the options before any group.
        selected: the value shown as chosen; None or "" chooses the option with value "".
        groups: further options under group headings (``optgroup``), none of them chosen.
        extra: further attributes of the ``select`` (``data-…`` for the page's script).
    """
    control_id = f"choose-{name}"
    children: list[Any] = [
        html.Option(text, value=value, selected=(value == (selected or "")))
        for value, text in options
    ]
    for group_label, items in groups:
        children.append(
            html.Optgroup(
                [html.Option(text, value=value) for value, text in items], label=group_label
            )
        )
    return html.Div(
        className="field",
        children=[
            html.Label(label, htmlFor=control_id),
            html.Select(
                id=control_id,
                name=name,
                className="field__select",
                children=children,
                **attrs(dict(extra or {})),
            ),
        ],
    )


def hidden_field(name: str, value: str | None, *, keep_id: bool = True) -> Any:
    """A hidden field that keeps a parameter when the form is sent.

    Args:
        name: the parameter.
        value: its value (None is sent empty).
        keep_id: give it the id ``keep-<name>``; off where a page has several forms that
            each keep the same parameter, since ids must be unique.
    """
    if not keep_id:
        return dcc.Input(type="hidden", name=name, value=value or "")
    return dcc.Input(type="hidden", name=name, value=value or "", id=f"keep-{name}")


def choice_set(legend: str, children: Sequence[Any]) -> Any:
    """A group of choices under a legend."""
    return html.Fieldset([html.Legend(legend), *children], className="controls__set")


def state_form(
    action: str, lang: str, sets: Sequence[Any], hidden: Sequence[Any], *, submit: bool = True
) -> Any:
    """The page's GET form of choices: its sets of choices, hidden fields and the button.

    ``assets/levande.js`` finds it by ``data-state-form`` and navigates on a change; without
    JavaScript the button submits the same address. A form whose sets hold nothing to change
    in place (only links, as the comparison's chosen items) has no button: it would only
    reload the page.
    """
    return html.Form(
        id="state-form",
        className="controls",
        method="get",
        action=action,
        **attrs({"data-state-form": "1"}),
        children=[
            *sets,
            *hidden,
            *(
                [html.Button(t("apply", lang), type="submit", className="button controls__submit")]
                if submit
                else []
            ),
        ],
    )


def removable_chips(
    items: Sequence[tuple[str, str, str]], *, lang: str, field: str, id_prefix: str, list_id: str
) -> Any | None:
    """The chosen items, each with a link that removes it; None when nothing is chosen.

    Args:
        items: (code, name, the address without it) per item, in the order chosen.
        lang: the page's language.
        field: the parameter the items belong to (``places``, ``ind``, ``peers``), for the
            links' in-place navigation.
        id_prefix: the links' ids are ``<id_prefix>-<code>``.
        list_id: the list's id.
    """
    chips = [
        html.Li(
            [
                html.Span(name),
                " ",
                html.A(
                    t("remove_item", lang, name=name),
                    href=target,
                    className="chip__remove",
                    id=f"{id_prefix}-{code}",
                    **attrs({"data-inplace": field}),
                ),
            ],
            className="chip",
        )
        for code, name, target in items
    ]
    return html.Ul(chips, className="chips", id=list_id) if chips else None


def link_choices(
    choices: Sequence[tuple[str, str, str]],
    current: str,
    *,
    block: str,
    param: str,
    label: str,
    lead: str | None = None,
    aria_current: str = "true",
    id_prefix: str | None = None,
) -> Any:
    """One-of-several choices as links (views, orders, what a map shows), the current marked.

    Each link changes one query parameter in place (``assets/levande.js``), so every choice
    is an address; the current one says so to assistive technology (``aria-current``).

    Args:
        choices: (key, text, address) of each choice, in order; the link's id is
            ``<id_prefix>-<key>`` (``id_prefix`` defaults to ``block``).
        current: the key chosen now.
        block: the CSS block (``tabs``, ``areas-sort``…): ``<block>__link``,
            ``<block>__link--current`` and ``<block>__list`` name the parts.
        param: the query parameter the links change.
        label: the navigation's accessible name.
        lead: a visible text before the links ("Ordning:"), if any.
        aria_current: ``page`` for views of a page, ``true`` otherwise.
        id_prefix: the links' id prefix, when it is not the block.
    """
    items = [
        html.Li(
            html.A(
                text,
                href=address,
                id=f"{id_prefix or block}-{key}",
                className=f"{block}__link" + (f" {block}__link--current" if key == current else ""),
                **attrs({"aria-current": aria_current} if key == current else {}),
                **attrs({"data-inplace": param}),
            )
        )
        for key, text, address in choices
    ]
    children: list[Any] = []
    if lead:
        children.append(html.Span(lead, className=f"{block}__label"))
    children.append(html.Ul(items, className=f"{block}__list"))
    return html.Nav(children, className=f"link-choices {block}", **attrs({"aria-label": label}))
