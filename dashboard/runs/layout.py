"""A run's page's Dash layout: parse the URL, load the run once, render it.

Registered by :mod:`levande.dashboard.routes` under ``/data/korning/<run_id>``.
"""

from __future__ import annotations

from typing import Any

import dash

from levande.dashboard.components.runs import RUN_PATH
from levande.dashboard.context import AppContext
from levande.dashboard.i18n import t
from levande.dashboard.page import dash_layout, framed, guarded
from levande.dashboard.runs.data import load_run, parse_run_params
from levande.dashboard.runs.render import render_run
from levande.dashboard.urls import first

TEMPLATE = RUN_PATH + "/<run_id>"


def register() -> None:
    """Register the page's route with Dash."""
    dash.register_page(  # type: ignore[no-untyped-call]
        __name__, path_template=TEMPLATE, name="run", title=t("product"), layout=layout
    )


def _path(run_id: object = "", **_: Any) -> str:
    return f"{RUN_PATH}/{first(run_id) or ''}"


def build(ctx: AppContext, /, run_id: object = "", **url: Any) -> Any:
    """The run's page for the URL."""
    return framed(ctx, render_run(load_run(ctx, parse_run_params(run_id, url))))


layout_for = guarded(build, _path)
"""The page for a context and a URL, or a friendly error page: never an exception."""

layout = dash_layout(layout_for, TEMPLATE)
