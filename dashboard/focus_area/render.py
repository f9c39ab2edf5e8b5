"""Focus area ``/omrade/<id>``: description, sub-goals and their indicators' national state.

Everything here is a pure function of :class:`~levande.dashboard.focus_area.data.FocusAreaData`.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from levande.dashboard.components import attrs
from levande.dashboard.components.messages import problems_notice
from levande.dashboard.components.shell import breadcrumbs
from levande.dashboard.components.sparkline import NATIONAL, sparkline
from levande.dashboard.components.status import status_badge, status_counts
from levande.dashboard.components.values import (
    focus_area_name,
    indicator_title,
    value_text,
)
from levande.dashboard.focus_area.data import FocusAreaData
from levande.dashboard.i18n import pick, t
from levande.dashboard.page import Content, NotFound, not_found_content
from levande.dashboard.urls import with_lang
from levande.indicators.core.catalogue import Subgoal
from levande.indicators.reads import rollups
from levande.indicators.reads import series as obs


def trend_alt(summary: rollups.IndicatorSummary, lang: str) -> str:
    """The text alternative of a sparkline: first and last year and value."""
    valued = [(p, v) for p, v in summary.points if v is not None]
    if not valued:
        return t("trend_alt_none", lang)
    (first_p, first_v), (last_p, last_v) = valued[0], valued[-1]
    return t(
        "trend_alt",
        lang,
        first=first_p,
        last=last_p,
        start=value_text(summary.indicator, first_v, lang),
        end=value_text(summary.indicator, last_v, lang),
    )


def indicator_card(summary: rollups.IndicatorSummary, lang: str) -> Any:
    """An indicator's card: its name, the national trend, status and latest value."""
    info = summary.indicator
    body: list[Any] = [
        html.H4(
            dcc.Link(indicator_title(info, lang), href=with_lang(f"/indikator/{info.id}", lang)),
            className="card__title",
        ),
    ]
    if summary.has_data:
        body.append(sparkline(summary.points, alt=trend_alt(summary, lang), style=NATIONAL))
        latest = t(
            "latest_value_in",
            lang,
            value=value_text(info, summary.latest_value, lang),
            period=summary.latest_period,
        )
        facts: list[Any] = [
            html.Div(
                [html.Dt(t("national_status", lang)), html.Dd(status_badge(summary.status, lang))]
            ),
            html.Div([html.Dt(t("latest_value", lang)), html.Dd(latest, className="card__value")]),
        ]
        body.append(html.Dl(facts, className="card__facts"))
        if summary.aggregation == obs.MUNICIPAL_MEAN:
            body.append(html.P(t("municipal_mean", lang), className="card__note"))
    else:
        body.append(
            html.P(
                [html.Span("–", **attrs({"aria-hidden": "true"})), " ", t("no_data_yet", lang)],
                className="tag tag--nodata",
            )
        )
    return html.Li(
        html.Article(body, className="card"), className="cards__item", id=f"card-{info.id}"
    )


def proposal_tag(subgoal: Subgoal, lang: str) -> Any:
    """Who proposed the sub-goal: the product, the council or the Government.

    A proposal of the product is said plainly to be one.
    """
    if subgoal.proposed_by == "project":
        return html.P(
            [
                html.Span(t("proposed_by_project", lang), className="tag tag--proposal"),
                " ",
                html.Span(t("proposed_by_project_note", lang), className="subgoal__note"),
            ],
            className="subgoal__origin",
        )
    key = "proposed_by_council" if subgoal.proposed_by == "council" else "proposed_by_government"
    return html.P(html.Span(t(key, lang), className="tag"), className="subgoal__origin")


def render_focus_area(data: FocusAreaData | NotFound) -> Content:
    """The focus-area page, or a friendly page for an unknown id."""
    if isinstance(data, NotFound):
        return not_found_content(data)
    fa, counts, lang, path = data.area, data.counts, data.lang, data.path
    name = focus_area_name(fa, lang)
    children: list[Any] = [
        breadcrumbs(lang, [(t("nav_overview", lang), with_lang("/", lang)), (name, None)]),
        html.P(f"{t('focus_area', lang)} {fa.id}", className="kicker"),
        html.H1(name),
    ]
    if fa.working_title:
        children.append(
            html.P(
                [
                    html.Span(t("working_title", lang), className="tag tag--working"),
                    " ",
                    t("working_title_note", lang),
                ],
                className="working-title",
            )
        )
    notice = problems_notice(data.params.problems, lang, path)
    if notice is not None:
        children.append(notice)
    children.append(html.P(pick(fa.description_sv, fa.description_en, lang), className="lead"))
    if counts is not None:
        children.append(status_counts(counts, lang, inline=True))
    children.append(html.H2(t("subgoals_heading", lang)))
    for part in data.subgoals:
        sg, members = part.subgoal, part.indicators
        section: list[Any] = [
            html.H3(
                [
                    html.Span(f"{t('subgoal', lang)} {sg.id}: ", className="subgoal__id"),
                    pick(sg.text_sv, sg.text_en, lang),
                ]
            ),
            proposal_tag(sg, lang),
        ]
        if members:
            section.append(html.Ul([indicator_card(s, lang) for s in members], className="cards"))
        else:
            section.append(html.P(t("no_indicators", lang), className="empty"))
        children.append(html.Section(section, className="subgoal", id=f"subgoal-{sg.id}"))
    return Content(lang, path, name, children)
