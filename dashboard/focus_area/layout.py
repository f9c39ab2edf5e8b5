"""The focus-area page's Dash layout: parse the URL, load the data once, render it."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

import dash

from levande.dashboard.context import AppContext
from levande.dashboard.focus_area.data import load_focus_area
from levande.dashboard.focus_area.render import render_focus_area
from levande.dashboard.i18n import t
from levande.dashboard.page import dash_layout, framed, guarded
from levande.dashboard.urls import first, parse_page_params

TEMPLATE = "/omrade/<focus_area_id>"


def register() -> None:
    """Register the page's route with Dash."""
    dash.register_page(  # type: ignore[no-untyped-call]
        __name__, path_template=TEMPLATE, name="focus_area", title=t("product"), layout=layout
    )


def _path(focus_area_id: object = "", **_: Any) -> str:
    return f"/omrade/{first(focus_area_id) or ''}"


def build(ctx: AppContext, /, focus_area_id: object = "", **url: Any) -> Any:
    """The focus-area page for the URL: its id and language."""
    area_id = unquote(first(focus_area_id) or "")
    data = load_focus_area(ctx, area_id, parse_page_params(url))
    return framed(ctx, render_focus_area(data))


layout_for = guarded(build, _path)
"""The page for a context and a URL, or a friendly error page: never an exception."""

layout = dash_layout(layout_for, TEMPLATE)
