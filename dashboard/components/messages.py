"""Friendly messages: an error page with a way back, and a notice of ignored parameters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import dcc, html

from levande.dashboard.i18n import t
from levande.dashboard.urls import Problem


def friendly_error(
    lang: str, title: str, message: str, links: Sequence[tuple[str, str]]
) -> list[Any]:
    """The content of an error page: a heading, what happened and links to go on."""
    return [
        html.Div(
            className="friendly-error",
            id="friendly-error",
            children=[
                html.H1(title),
                html.P(message),
                html.Ul(
                    [html.Li(dcc.Link(label, href=link)) for label, link in links],
                    className="friendly-error__links",
                ),
            ],
        )
    ]


def problems_notice(problems: Sequence[Problem], lang: str, reset_href: str) -> Any | None:
    """A notice listing the query parameters that were ignored, or None when all were fine."""
    if not problems:
        return None
    return html.Div(
        className="notice",
        id="url-notice",
        role="status",
        children=[
            html.H2(t("notice_title", lang), className="notice__title"),
            html.P(t("notice_intro", lang)),
            html.Ul([html.Li(t(p.message_key, lang, value=p.value)) for p in problems]),
            html.P(dcc.Link(t("notice_reset", lang), href=reset_href)),
        ],
    )
