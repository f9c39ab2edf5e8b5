"""Any path that is no page: a friendly message with a way back (Dash finds it by its name)."""

from __future__ import annotations

from typing import Any

import dash

from levande.dashboard.context import AppContext
from levande.dashboard.i18n import t
from levande.dashboard.page import dash_layout, error_content, framed, guarded
from levande.dashboard.urls import parse_page_params


def register() -> None:
    """Register the page with Dash, which shows it for unknown paths."""
    dash.register_page(  # type: ignore[no-untyped-call]
        __name__, path="/404", name="not_found", title=t("product"), layout=layout
    )


def build(ctx: AppContext, /, **url: Any) -> Any:
    """The not-found page in the URL's language."""
    lang = parse_page_params(url).lang
    content = error_content(lang, "/", t("not_found_title", lang), t("not_found_text", lang))
    return framed(ctx, content)


layout_for = guarded(build, lambda **_: "/")
"""The page for a context and a URL, or a friendly error page: never an exception."""

layout = dash_layout(layout_for)
