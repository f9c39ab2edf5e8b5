"""Focus area ``/omrade/<id>``: description, sub-goals and their indicators' national state.

The same address shows a group of context indicators (its indicators listed directly, no
status roll-up) and, for a retired id, a page that leads to the area that replaced it.

Everything here is a pure function of :class:`~levande.dashboard.focus_area.data.FocusAreaData`.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from levande.dashboard.components import attrs
from levande.dashboard.components.framework import framework_line
from levande.dashboard.components.messages import problems_notice
from levande.dashboard.components.shell import breadcrumbs
from levande.dashboard.components.sparkline import NATIONAL, sparkline, trend_alt
from levande.dashboard.components.status import status_badge, status_counts
from levande.dashboard.components.values import indicator_title, value_text
from levande.dashboard.focus_area.data import FocusAreaData, Moved
from levande.dashboard.i18n import format_period, pick, t
from levande.dashboard.page import Content, NotFound, error_content, not_found_content
from levande.dashboard.urls import with_lang
from levande.indicators.core.catalogue import ContextGroup, FocusArea
from levande.indicators.core.vocabulary import MUNICIPAL_MEAN
from levande.indicators.reads import rollups


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
        body.append(
            sparkline(summary.points, alt=trend_alt(info, summary.points, lang), style=NATIONAL)
        )
        latest = t(
            "latest_value_in",
            lang,
            value=value_text(info, summary.latest_value, lang, level="riket"),
            period=format_period(summary.latest_period, lang),
        )
        facts: list[Any] = [
            html.Div(
                [html.Dt(t("national_status", lang)), html.Dd(status_badge(summary.status, lang))]
            ),
            html.Div([html.Dt(t("latest_value", lang)), html.Dd(latest, className="card__value")]),
        ]
        body.append(html.Dl(facts, className="card__facts"))
        if summary.aggregation == MUNICIPAL_MEAN:
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


def strategy_line(area: FocusArea | ContextGroup, lang: str) -> Any:
    """Where the area stands in the skrivelse: its section and heading, when read there."""
    heading = pick(area.heading_sv, area.heading_en, lang)
    if area.strategy_section and heading:
        text = t("strategy_heading", lang, section=area.strategy_section, heading=heading)
    elif area.strategy_section:
        text = t("strategy_section_only", lang, section=area.strategy_section)
    else:
        return None
    return html.P(text, className="strategy-line", id="strategy-line")


def statistics_gap(area: FocusArea, lang: str) -> Any:
    """What part of the area no national statistic covers yet, said plainly.

    None when the catalogue names no gap.
    """
    gap = pick(area.statistics_gap_sv, area.statistics_gap_en, lang)
    if not gap:
        return None
    return html.Section(
        [
            html.H2(t("statistics_gap_heading", lang), className="note__title", id="gap-heading"),
            html.P(gap),
        ],
        className="note",
        id="statistics-gap",
        **attrs({"aria-labelledby": "gap-heading"}),
    )


def subgoal_sections(data: FocusAreaData) -> list[Any]:
    """The sub-goals in force, numbered in the area, each with its indicators' cards.

    One line above them says whose sub-goals they are.
    """
    lang = data.lang
    proposed_by = next((part.subgoal.proposed_by for part in data.subgoals), None)
    out: list[Any] = [html.H2(t("subgoals_heading", lang), id="subgoals-heading")]
    line = framework_line(data.framework, lang, proposed_by)
    if line is not None:
        out.append(line)
    for number, part in enumerate(data.subgoals, start=1):
        sg, members = part.subgoal, part.indicators
        section: list[Any] = [
            html.H3(
                [
                    html.Span(f"{t('subgoal', lang)} {number}: ", className="subgoal__id"),
                    pick(sg.text_sv, sg.text_en, lang),
                ]
            )
        ]
        if members:
            section.append(html.Ul([indicator_card(s, lang) for s in members], className="cards"))
        else:
            section.append(html.P(t("no_indicators", lang), className="empty"))
        out.append(html.Section(section, className="subgoal", id=f"subgoal-{sg.id}"))
    return out


def context_indicators(data: FocusAreaData) -> list[Any]:
    """A context group's indicators, listed directly: the group has no sub-goals."""
    lang = data.lang
    out: list[Any] = [
        html.H2(t("context_indicators_heading", lang), id="indicators-heading"),
        html.P(t("context_intro", lang), className="muted"),
    ]
    if data.indicators:
        out.append(html.Ul([indicator_card(s, lang) for s in data.indicators], className="cards"))
    else:
        out.append(html.P(t("no_indicators", lang), className="empty"))
    return out


def render_moved(moved: Moved) -> Content:
    """The old address of a retired area: a friendly page that leads to its successors."""
    lang = moved.lang
    links = [*moved.targets, (t("back_to_overview", lang), with_lang("/", lang))]
    return error_content(lang, moved.path, t("moved_title", lang), t("moved_text", lang), links)


def render_focus_area(data: FocusAreaData | Moved | NotFound) -> Content:
    """The focus-area (or context group) page, or a friendly page for an old or unknown id."""
    if isinstance(data, NotFound):
        return not_found_content(data)
    if isinstance(data, Moved):
        return render_moved(data)
    area, counts, lang, path = data.area, data.counts, data.lang, data.path
    name = pick(area.name_sv, area.name_en, lang)
    kicker = t("context_group" if data.is_context else "focus_area", lang)
    children: list[Any] = [
        breadcrumbs(lang, [(t("nav_overview", lang), with_lang("/", lang)), (name, None)]),
        html.P(kicker, className="kicker"),
        html.H1(name),
    ]
    line = strategy_line(area, lang)
    if line is not None:
        children.append(line)
    notice = problems_notice(data.params.problems, lang, path)
    if notice is not None:
        children.append(notice)
    children.append(html.P(pick(area.description_sv, area.description_en, lang), className="lead"))
    if isinstance(area, FocusArea):
        gap = statistics_gap(area, lang)
        if gap is not None:
            children.append(gap)
        if counts is not None:
            children.append(status_counts(counts, lang, inline=True))
        children += subgoal_sections(data)
    else:
        children += context_indicators(data)
    return Content(lang, path, name, children)
