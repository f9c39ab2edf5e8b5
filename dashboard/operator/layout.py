"""The operations page's Dash layout and the history's self-refresh.

The layout parses the URL, loads the page's data once and renders it; the callback re-draws
the run history every few seconds while a run is going, for a signed-in operator only.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State

from levande.dashboard.components.runs import history_table
from levande.dashboard.context import AppContext, current
from levande.dashboard.i18n import t
from levande.dashboard.operator.auth import current_session
from levande.dashboard.operator.data import load_history, load_operator, parse_operator_params
from levande.dashboard.operator.render import PATH, render_operator
from levande.dashboard.page import dash_layout, framed, guarded
from levande.dashboard.runs.data import indicator_titles

GRACE_POLLS = 5
"""Polls after a start before giving up on seeing the run (its process takes a moment)."""


def register() -> None:
    """Register the route and the history's self-refresh."""
    dash.register_page(  # type: ignore[no-untyped-call]
        __name__, path=PATH, name="operator", title=t("operator_title"), layout=layout
    )
    dash.callback(
        Output("operator-history", "children"),
        Output("operator-poll", "disabled"),
        Input("operator-poll", "n_intervals"),
        State("operator-lang", "data"),
        prevent_initial_call=True,
    )(poll)


def poll(n: int | None, lang: str | None) -> tuple[Any, bool]:
    """Re-render the history while a run is going; stop polling once none is."""
    if current_session() is None:
        return dash.no_update, True
    ctx, shown = current(), lang or "sv"
    table, running = history_table(load_history(ctx), shown, indicator_titles(ctx, shown))
    return table, not running and (n or 0) >= GRACE_POLLS


def build(ctx: AppContext, /, **url: Any) -> Any:
    """The operations page for the URL and the request's session."""
    return framed(ctx, render_operator(load_operator(ctx, parse_operator_params(url))))


layout_for = guarded(build, lambda **_: PATH)
"""The page for a context and a URL, or a friendly error page: never an exception."""

layout = dash_layout(layout_for)
