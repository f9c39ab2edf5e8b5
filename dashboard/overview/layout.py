"""The overview's Dash layout: parse the URL, load the data once, render it."""

from __future__ import annotations

from typing import Any

import dash

from levande.dashboard.context import AppContext
from levande.dashboard.i18n import t
from levande.dashboard.overview.data import load_overview
from levande.dashboard.overview.render import PATH, render_overview
from levande.dashboard.page import dash_layout, framed, guarded
from levande.dashboard.urls import parse_page_params


def register() -> None:
    """Register the page's route with Dash."""
    dash.register_page(  # type: ignore[no-untyped-call]
        __name__, path=PATH, name="overview", title=t("product"), layout=layout
    )


def build(ctx: AppContext, /, **url: Any) -> Any:
    """The overview for the URL's language."""
    return framed(ctx, render_overview(load_overview(ctx, parse_page_params(url))))


layout_for = guarded(build, lambda **_: PATH)
"""The page for a context and a URL, or a friendly error page: never an exception."""

layout = dash_layout(layout_for)
