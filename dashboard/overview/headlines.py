"""The overview's headline indicators: a few national series the catalogue leads with.

The catalogue marks them (``headline: true``), never the code. Each card shows the nation's
latest value with its unit in words and its period written for people, a sparkline with the
good direction named beside it (an arrow and words, never a colour alone), the national status,
the source line and, folded away, the series as a table: the sparkline's text alternative
names its first and last values, the table every value.

A pure function of :class:`~levande.dashboard.overview.data.OverviewData`.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from levande.dashboard.components import attrs
from levande.dashboard.components.source import provenance_line
from levande.dashboard.components.sparkline import NATIONAL, sparkline, trend_alt
from levande.dashboard.components.status import status_badge
from levande.dashboard.components.tables import Column, data_table
from levande.dashboard.components.values import (
    DIRECTION_ARROW,
    cell_text,
    direction_text,
    indicator_title,
    period_header,
    unit_of,
    value_text,
)
from levande.dashboard.i18n import format_period, t
from levande.dashboard.overview.data import Headline, OverviewData
from levande.dashboard.urls import with_lang
from levande.indicators.core.vocabulary import MUNICIPAL_MEAN


def direction_line(headline: Headline, lang: str) -> Any:
    """Which way is good for the goal: an arrow (hidden from screen readers) and the words."""
    info = headline.summary.indicator
    return html.P(
        [
            html.Span(
                DIRECTION_ARROW.get(str(info.direction), ""),
                className="headline__arrow",
                **attrs({"aria-hidden": "true"}),
            ),
            " " + direction_text(info, lang),
        ],
        className="headline__direction",
    )


def latest_line(headline: Headline, lang: str) -> Any:
    """The nation's latest value with its unit, and the period it is for."""
    summary = headline.summary
    info = summary.indicator
    if summary.latest_period is None:
        return html.P(t("no_data_yet", lang), className="headline__value")
    children: list[Any] = [
        html.Strong(value_text(info, summary.latest_value, lang, level="riket")),
        " ",
        html.Span(
            t("headline_period", lang, period=format_period(summary.latest_period, lang)),
            className="headline__period",
        ),
    ]
    if summary.aggregation == MUNICIPAL_MEAN:
        children += [html.Br(), html.Span(t("municipal_mean", lang), className="card__note")]
    return html.P(children, className="headline__value")


def series_table(headline: Headline, lang: str) -> Any:
    """Every national value behind the sparkline, folded away: period and value."""
    info = headline.summary.indicator
    title = indicator_title(info, lang)
    caption = t("headline_table_caption", lang, title=title)
    rows = [
        [format_period(period, lang), cell_text(info, value, lang) or t("missing", lang)]
        for period, value in headline.summary.points
    ]
    return html.Details(
        [
            html.Summary(t("headline_table_summary", lang)),
            data_table(
                caption,
                [
                    Column(period_header((p for p, _ in headline.summary.points), lang)),
                    Column(t("col_value", lang, unit=unit_of(info, lang)), numeric=True),
                ],
                rows,
                table_id=f"headline-table-{info.id}",
            ),
        ],
        className="data-details headline__table",
    )


def headline_card(headline: Headline, data: OverviewData) -> Any:
    """One headline indicator: name, latest value, sparkline, direction, status and source."""
    lang = data.lang
    summary = headline.summary
    info = summary.indicator
    body: list[Any] = [
        html.H3(
            dcc.Link(indicator_title(info, lang), href=with_lang(f"/indikator/{info.id}", lang)),
            className="headline__title",
        ),
        latest_line(headline, lang),
    ]
    if summary.has_data:
        body += [
            sparkline(summary.points, alt=trend_alt(info, summary.points, lang), style=NATIONAL),
            direction_line(headline, lang),
            html.P(status_badge(summary.status, lang), className="headline__status"),
            provenance_line(headline.credit, headline.about, lang, data.now),
            series_table(headline, lang),
        ]
    return html.Li(html.Article(body, className="headline"), id=f"headline-{info.id}")


def headlines_section(data: OverviewData) -> Any:
    """The headline indicators as a row of cards; None when the catalogue marks none."""
    if not data.headlines:
        return None
    lang = data.lang
    return html.Section(
        [
            html.H2(t("headlines_heading", lang), id="headlines-heading"),
            html.P(t("headlines_intro", lang), className="muted"),
            html.Ul(
                [headline_card(h, data) for h in data.headlines],
                className="headlines",
                id="headlines",
            ),
        ],
        className="headlines-section",
        **attrs({"aria-labelledby": "headlines-heading"}),
    )
