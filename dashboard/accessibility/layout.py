"""The accessibility statement's Dash layout: parse the URL, load the statement, render it."""

from __future__ import annotations

from typing import Any

import dash

from levande.dashboard.accessibility.data import load_accessibility
from levande.dashboard.accessibility.render import PATH, render_accessibility
from levande.dashboard.context import AppContext
from levande.dashboard.i18n import t
from levande.dashboard.page import dash_layout, framed, guarded
from levande.dashboard.urls import parse_page_params


def register() -> None:
    """Register the page's route with Dash."""
    dash.register_page(  # type: ignore[no-untyped-call]
        __name__, path=PATH, name="accessibility", title=t("product"), layout=layout
    )


def build(ctx: AppContext, /, **url: Any) -> Any:
    """The accessibility statement in the URL's language."""
    return framed(ctx, render_accessibility(load_accessibility(parse_page_params(url))))


layout_for = guarded(build, lambda **_: PATH)
"""The page for a context and a URL, or a friendly error page: never an exception."""

layout = dash_layout(layout_for)
