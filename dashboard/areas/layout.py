"""The area page's Dash layout: ``/kommun/<code>/omraden``. Registered by ``dashboard.routes``."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import dash

from levande.dashboard.areas.data import load_areas
from levande.dashboard.areas.params import areas_path, parse_areas_request
from levande.dashboard.areas.render import render_areas
from levande.dashboard.context import AppContext
from levande.dashboard.i18n import t
from levande.dashboard.page import dash_layout, framed, guarded
from levande.dashboard.urls import first

PATH_TEMPLATE = "/kommun/<code>/omraden"


def register() -> None:
    """Register the page."""
    dash.register_page(  # type: ignore[no-untyped-call]
        __name__,
        path_template=PATH_TEMPLATE,
        name="areas",
        title=t("product"),
        layout=areas_layout,
    )


def build_areas(ctx: AppContext, /, code: object = "", **url: Any) -> Any:
    """The area page of the municipality in the URL."""
    return framed(ctx, render_areas(load_areas(ctx, parse_areas_request(code, url))))


def _path(code: object = "", **_: Any) -> str:
    return areas_path(quote(first(code) or ""))


areas_layout_for = guarded(build_areas, _path)
areas_layout = dash_layout(areas_layout_for, PATH_TEMPLATE)
