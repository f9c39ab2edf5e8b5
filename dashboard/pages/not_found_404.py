"""Any path that is no page: a friendly message with a way back (Dash finds it by its name)."""

from __future__ import annotations

from typing import Any

import dash

from levande.dashboard.context import AppContext
from levande.dashboard.i18n import t
from levande.dashboard.page import dash_layout, error_page, guarded
from levande.dashboard.urls import lang_from


def register() -> None:
    """Register the page with Dash, which shows it for unknown paths."""
    dash.register_page(  # type: ignore[no-untyped-call]
        __name__, path="/404", name="not_found", title=t("product"), layout=layout
    )


def build(ctx: AppContext, **kwargs: Any) -> Any:
    """The not-found page."""
    lang, _ = lang_from(kwargs)
    return error_page(ctx, lang, "/", t("not_found_title", lang), t("not_found_text", lang))


render = guarded(build, lambda **_: "/")
layout = dash_layout(render)
