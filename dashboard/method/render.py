"""The status method ``/metod``, drawn from its Markdown."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from levande.dashboard.components.shell import METHOD_PATH
from levande.dashboard.i18n import t
from levande.dashboard.method.data import MethodData
from levande.dashboard.page import Content

PATH = METHOD_PATH


def render_method(data: MethodData) -> Content:
    """The status method in the page's language."""
    lang = data.lang
    body: Any = (
        dcc.Markdown(data.text, className="prose", link_target="_self")
        if data.text
        else html.P(t("method_missing", lang))
    )
    title = t("method_title", lang)
    return Content(lang, PATH, title, [html.H1(title), body])
