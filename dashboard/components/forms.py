"""Form widgets: a labelled native select and the hidden fields that keep a page's state.

The pages' choices are plain GET forms (docs/decisions.md, "Dashboard controls"), so these
are the only form widgets there are: every list has its visible label, and the form's button
submits the same URL that ``assets/levande.js`` navigates to when JavaScript runs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dash import dcc, html

from levande.dashboard.components import attrs

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


def hidden_field(name: str, value: str | None) -> Any:
    """A hidden field (id ``keep-<name>``) that keeps a parameter when the form is sent."""
    return dcc.Input(type="hidden", name=name, value=value or "", id=f"keep-{name}")
