"""The overview's Dash layout: parse the URL, load the data once, render it."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input

from levande.dashboard.context import AppContext
from levande.dashboard.i18n import t
from levande.dashboard.overview.data import load_overview
from levande.dashboard.overview.render import PATH, render_overview
from levande.dashboard.page import dash_layout, framed, guarded
from levande.dashboard.urls import parse_page_params

FOLLOW_CLICK = """
function(click) {
    var point = click && click.points && click.points[0];
    var target = point && point.customdata && point.customdata[1];
    if (target && window.levande) { window.levande.go(target); }
}
"""
"""A click on a municipality of the map opens its profile (the table has the same links)."""


def register() -> None:
    """Register the page's route with Dash, and the map's click-through."""
    dash.register_page(  # type: ignore[no-untyped-call]
        __name__, path=PATH, name="overview", title=t("product"), layout=layout
    )
    dash.clientside_callback(
        FOLLOW_CLICK, Input("area-map-graph", "clickData"), prevent_initial_call=True
    )


def build(ctx: AppContext, /, **url: Any) -> Any:
    """The overview for the URL's language."""
    return framed(ctx, render_overview(load_overview(ctx, parse_page_params(url), url)))


layout_for = guarded(build, lambda **_: PATH)
"""The page for a context and a URL, or a friendly error page: never an exception."""

layout = dash_layout(layout_for)
