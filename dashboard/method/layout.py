"""The status method's Dash layout: parse the URL, load the text, render it."""

from __future__ import annotations

from typing import Any

import dash

from levande.dashboard.context import AppContext
from levande.dashboard.i18n import t
from levande.dashboard.method.data import load_method
from levande.dashboard.method.render import PATH, render_method
from levande.dashboard.page import dash_layout, framed, guarded
from levande.dashboard.urls import parse_page_params


def register() -> None:
    """Register the page's route with Dash."""
    dash.register_page(  # type: ignore[no-untyped-call]
        __name__, path=PATH, name="method", title=t("product"), layout=layout
    )


def build(ctx: AppContext, /, **url: Any) -> Any:
    """The status method in the URL's language."""
    return framed(ctx, render_method(load_method(parse_page_params(url))))


layout_for = guarded(build, lambda **_: PATH)
"""The page for a context and a URL, or a friendly error page: never an exception."""

layout = dash_layout(layout_for)
