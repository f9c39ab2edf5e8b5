"""The local data page's Dash layout: parse the URL, load the data once, render it."""

from __future__ import annotations

from typing import Any

import dash

from levande.dashboard.context import AppContext
from levande.dashboard.i18n import t
from levande.dashboard.local_data.data import load_local, local_path, parse_local_request
from levande.dashboard.local_data.render import render_local
from levande.dashboard.page import NotFound, dash_layout, framed, guarded, not_found_content
from levande.dashboard.urls import first

PATH_TEMPLATE = "/kommun/<code>/lokal"


def register() -> None:
    """Register the page's route with Dash."""
    dash.register_page(  # type: ignore[no-untyped-call]
        __name__,
        path_template=PATH_TEMPLATE,
        name="local_data",
        title=t("product"),
        layout=layout,
    )


def build(ctx: AppContext, /, code: object = "", **url: Any) -> Any:
    """The local data of the municipality in the URL."""
    data = load_local(ctx, parse_local_request(code, url))
    if isinstance(data, NotFound):
        return framed(ctx, not_found_content(data))
    return framed(ctx, render_local(data))


layout_for = guarded(build, lambda code="", **_: local_path(first(code) or ""))
"""The page for a context and a URL, or a friendly error page: never an exception."""

layout = dash_layout(layout_for, PATH_TEMPLATE)
