"""The indicator page's Dash layout: parse the URL, load the data once, render it.

Registered by :mod:`levande.dashboard.routes` under ``/indikator/<indicator_id>``.
"""

from __future__ import annotations

from typing import Any

import dash

from levande.dashboard.context import AppContext
from levande.dashboard.i18n import t
from levande.dashboard.indicator.data import IndicatorData, load_indicator
from levande.dashboard.indicator.params import parse_request
from levande.dashboard.indicator.render import render
from levande.dashboard.page import dash_layout, embedded, framed, guarded, site_url
from levande.dashboard.urls import first

TEMPLATE = "/indikator/<indicator_id>"


def register() -> None:
    """Register the page's route with Dash."""
    dash.register_page(  # type: ignore[no-untyped-call]
        __name__, path_template=TEMPLATE, name="indicator", title=t("product"), layout=layout
    )


def _path(indicator_id: object = "", **_: Any) -> str:
    return f"/indikator/{first(indicator_id) or ''}"


def build(ctx: AppContext, /, indicator_id: object = "", **url: Any) -> Any:
    """The indicator page for the URL: its parameters parsed, its data loaded, then drawn."""
    request = parse_request(indicator_id, url)
    data = load_indicator(ctx, request)
    content = render(data, site_url(ctx))
    if isinstance(data, IndicatorData) and data.state.embed:
        return embedded(ctx, content, site_url(ctx) + data.state.href(embed=False))
    return framed(ctx, content)


layout_for = guarded(build, _path)
"""The page for a context and a URL, or a friendly error page: never an exception."""

layout = dash_layout(layout_for, TEMPLATE)
