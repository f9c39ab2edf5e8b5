"""The API documentation's Dash layout: parse the URL, load the endpoint table, render it."""

from __future__ import annotations

from typing import Any

import dash

from levande.dashboard.api.data import load_api_docs
from levande.dashboard.api.render import PATH, render_api_docs
from levande.dashboard.context import AppContext
from levande.dashboard.i18n import t
from levande.dashboard.page import dash_layout, framed, guarded
from levande.dashboard.urls import parse_page_params


def register() -> None:
    """Register the page's route with Dash."""
    dash.register_page(  # type: ignore[no-untyped-call]
        __name__, path=PATH, name="api", title=t("product"), layout=layout
    )


def build(ctx: AppContext, /, **url: Any) -> Any:
    """The API's documentation in the URL's language."""
    return framed(ctx, render_api_docs(load_api_docs(parse_page_params(url))))


layout_for = guarded(build, lambda **_: PATH)
"""The page for a context and a URL, or a friendly error page: never an exception."""

layout = dash_layout(layout_for)
