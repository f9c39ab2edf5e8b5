"""The place pages' Dash layouts: parse the URL, load the data once, render it.

Four addresses: the search ``/sok``, the profiles ``/kommun/<code>`` and ``/lan/<code>``, and
the comparison ``/jamfor``. Registered by :mod:`levande.dashboard.routes`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import dash

from levande.dashboard.components.place_search import SEARCH_PATH
from levande.dashboard.context import AppContext
from levande.dashboard.i18n import t
from levande.dashboard.page import dash_layout, embedded, framed, guarded, site_url
from levande.dashboard.places.compare import COMPARE_PATH, render_compare
from levande.dashboard.places.data import ProfileData, load_compare, load_profile, load_search
from levande.dashboard.places.params import (
    parse_compare_request,
    parse_profile_request,
    parse_search_params,
)
from levande.dashboard.places.profile import render_profile
from levande.dashboard.places.search import render_search
from levande.dashboard.urls import first

PROFILES = {"kommun": "/kommun/<code>", "lan": "/lan/<code>"}


def register() -> None:
    """Register the search, the municipality and county profiles and the comparison."""
    dash.register_page(  # type: ignore[no-untyped-call]
        f"{__name__}.search",
        path=SEARCH_PATH,
        name="places",
        title=t("product"),
        layout=search_layout,
    )
    for level, template in PROFILES.items():
        dash.register_page(  # type: ignore[no-untyped-call]
            f"{__name__}.{level}",
            path_template=template,
            name=f"profile_{level}",
            title=t("product"),
            layout=kommun_layout if level == "kommun" else lan_layout,
        )
    dash.register_page(  # type: ignore[no-untyped-call]
        f"{__name__}.compare",
        path=COMPARE_PATH,
        name="compare",
        title=t("product"),
        layout=compare_layout,
    )


def build_search(ctx: AppContext, /, **url: Any) -> Any:
    """The search page for the URL's ``q``."""
    return framed(ctx, render_search(load_search(ctx, parse_search_params(url))))


def build_profile(ctx: AppContext, level: str, /, code: object = "", **url: Any) -> Any:
    """The profile of the municipality or county in the URL."""
    data = load_profile(ctx, parse_profile_request(level, code, url))
    content = render_profile(data, site_url(ctx))
    if isinstance(data, ProfileData) and data.state.embed:
        return embedded(ctx, content, site_url(ctx) + data.state.href(embed=False))
    return framed(ctx, content)


def build_compare(ctx: AppContext, /, **url: Any) -> Any:
    """The comparison for the URL's places and indicators."""
    return framed(ctx, render_compare(load_compare(ctx, parse_compare_request(url))))


def _kommun(ctx: AppContext, /, **url: Any) -> Any:
    return build_profile(ctx, "kommun", **url)


def _lan(ctx: AppContext, /, **url: Any) -> Any:
    return build_profile(ctx, "lan", **url)


def _kommun_path(code: object = "", **_: Any) -> str:
    return f"/kommun/{quote(first(code) or '')}"


def _lan_path(code: object = "", **_: Any) -> str:
    return f"/lan/{quote(first(code) or '')}"


search_layout_for = guarded(build_search, lambda **_: SEARCH_PATH)
kommun_layout_for = guarded(_kommun, _kommun_path)
lan_layout_for = guarded(_lan, _lan_path)
compare_layout_for = guarded(build_compare, lambda **_: COMPARE_PATH)

search_layout = dash_layout(search_layout_for)
kommun_layout = dash_layout(kommun_layout_for, PROFILES["kommun"])
lan_layout = dash_layout(lan_layout_for, PROFILES["lan"])
compare_layout = dash_layout(compare_layout_for)
