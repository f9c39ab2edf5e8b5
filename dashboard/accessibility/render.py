"""Accessibility statement ``/tillganglighet``, drawn from its Markdown."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from levande.dashboard.accessibility.data import AccessibilityData
from levande.dashboard.i18n import t
from levande.dashboard.page import Content

PATH = "/tillganglighet"


def render_accessibility(data: AccessibilityData) -> Content:
    """The accessibility statement in the page's language."""
    lang = data.lang
    body: Any = (
        dcc.Markdown(data.text, className="prose", link_target="_self")
        if data.text
        else html.P(t("accessibility_missing", lang))
    )
    title = t("accessibility_title", lang)
    return Content(lang, PATH, title, [html.H1(title), body])
