"""The data-status page's Dash layout: parse the URL, load the data once, render it."""

from __future__ import annotations

from typing import Any

import dash

from levande.dashboard.context import AppContext
from levande.dashboard.data_status.data import load_data_status, parse_data_status_params
from levande.dashboard.data_status.render import PATH, render_data_status
from levande.dashboard.i18n import t
from levande.dashboard.page import dash_layout, framed, guarded


def register() -> None:
    """Register the page's route with Dash."""
    dash.register_page(  # type: ignore[no-untyped-call]
        __name__, path=PATH, name="data", title=t("data_title"), layout=layout
    )


def build(ctx: AppContext, /, **url: Any) -> Any:
    """The data-status page for the URL's language and ``stale`` choice."""
    return framed(ctx, render_data_status(load_data_status(ctx, parse_data_status_params(url))))


layout_for = guarded(build, lambda **_: PATH)
"""The page for a context and a URL, or a friendly error page: never an exception."""

layout = dash_layout(layout_for)
