"""Overview ``/``: the national goal, the thirteen focus areas and, apart, the context groups.

Everything here is a pure function of :class:`~levande.dashboard.overview.data.OverviewData`.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from levande.dashboard.components import attrs
from levande.dashboard.components.framework import framework_line
from levande.dashboard.components.messages import problems_notice
from levande.dashboard.components.status import status_counts
from levande.dashboard.i18n import format_date, pick, t
from levande.dashboard.overview.data import OverviewData
from levande.dashboard.page import Content
from levande.dashboard.urls import with_lang
from levande.indicators.core.catalogue import ContextGroup, FocusArea, Goal, Indicator
from levande.indicators.reads import rollups

PATH = "/"


def goal_sources(goal: Goal, lang: str) -> Any:
    """The documents the goal is quoted from, named and linked.

    The skrivelse when none are listed.
    """
    if goal.sources:
        items = [
            html.Li(html.A(pick(s.title_sv, s.title_en, lang), href=s.url, className="url"))
            for s in goal.sources
        ]
        return html.Div(
            [
                html.H3(t("goal_sources", lang), className="goal__sources-title"),
                html.Ul(items, className="goal__sources"),
            ],
            id="goal-sources",
        )
    document: Any = (
        html.A(goal.source_document, href=goal.source_url)
        if goal.source_url
        else goal.source_document
    )
    return html.P(
        [t("goal_sources", lang) + ": ", document], className="goal__source", id="goal-sources"
    )


def goal_section(goal: Goal | None, lang: str) -> Any:
    """The national goal and its ambition as the Government wrote them.

    The documents they are read in, and, in English, that the translation is the product's own.
    """
    if goal is None:
        return html.Section(
            [html.H2(t("goal_heading", lang)), html.P(t("goal_missing", lang))],
            className="goal",
        )
    children: list[Any] = [
        html.H2(t("goal_heading", lang), id="goal-heading"),
        html.Blockquote(
            [
                html.P(pick(goal.text_sv, goal.text_en, lang), className="goal__sentence"),
                html.P(pick(goal.ambition_sv, goal.ambition_en, lang), className="goal__ambition"),
            ],
            className="goal__text",
            id="goal-text",
        ),
    ]
    if lang == "en" and goal.translation == "product":
        children.append(
            html.P(t("goal_translation", lang), className="muted", id="goal-translation")
        )
    children.append(goal_sources(goal, lang))
    children.append(
        html.P(
            t("goal_decided", lang, date=format_date(goal.decided, lang)),
            className="goal__source",
        )
    )
    if goal.wording_status == "reconstructed":
        note = pick(goal.wording_note_sv, goal.wording_note_en, lang)
        if note:
            children.append(html.P(note, className="goal__source", id="goal-wording-note"))
    return html.Section(children, className="goal", **attrs({"aria-labelledby": "goal-heading"}))


def tile(
    fa: FocusArea,
    counts: rollups.StatusCounts | None,
    on_track: rollups.OnTrack | None,
    lang: str,
) -> Any:
    """A focus area's tile.

    Its name, its indicators per status category, the coverage and how many municipalities
    are on track.
    """
    name = pick(fa.name_sv, fa.name_en, lang)
    heading: list[Any] = [
        dcc.Link(name, href=with_lang(f"/omrade/{fa.id}", lang), className="tile__link")
    ]
    body: list[Any] = [html.H3(heading, className="tile__title")]
    if counts is not None:
        body.append(status_counts(counts, lang))
        body.append(
            html.P(
                t("tile_coverage", lang, n=counts.n_with_data, total=counts.n_indicators),
                className="tile__coverage",
            )
        )
    if on_track is not None and on_track.municipalities:
        body.append(
            html.P(
                [
                    html.Strong(
                        t("tile_on_track", lang, n=on_track.on_track, total=on_track.municipalities)
                    ),
                    " ",
                    t("tile_on_track_judged", lang, judged=on_track.judged),
                ],
                className="tile__on-track",
            )
        )
    return html.Li(
        html.Article(body, className="tile"), className="tiles__item", id=f"tile-{fa.id}"
    )


def context_section(group: ContextGroup, indicators: tuple[Indicator, ...], lang: str) -> Any:
    """A group of context indicators, apart from the focus areas.

    What it is, that it never counts in an area's status, and its indicators.
    """
    name = pick(group.name_sv, group.name_en, lang)
    heading_id = f"context-{group.id}-heading"
    children: list[Any] = [
        html.H2(name, id=heading_id),
        html.P(pick(group.description_sv, group.description_en, lang)),
        html.P(t("context_intro", lang), className="muted"),
    ]
    if indicators:
        children.append(
            html.Ul(
                [
                    html.Li(
                        dcc.Link(
                            pick(ind.title_sv, ind.title_en, lang),
                            href=with_lang(f"/indikator/{ind.id}", lang),
                        )
                    )
                    for ind in indicators
                ],
                className="context__indicators",
            )
        )
    children.append(
        html.P(
            dcc.Link(t("context_all", lang, name=name), href=with_lang(f"/omrade/{group.id}", lang))
        )
    )
    return html.Section(
        children,
        className="context-group",
        id=f"context-{group.id}",
        **attrs({"aria-labelledby": heading_id}),
    )


def render_overview(data: OverviewData) -> Content:
    """The overview page."""
    lang, areas = data.lang, data.areas
    children: list[Any] = [html.H1(t("overview_title", lang))]
    notice = problems_notice(data.params.problems, lang, PATH)
    if notice is not None:
        children.append(notice)
    children.append(goal_section(data.goal, lang))
    heading = (
        t("areas_heading", lang) if len(areas) == 13 else t("areas_heading_n", lang, n=len(areas))
    )
    section: list[Any] = [html.H2(heading, id="areas-heading")]
    if not areas:
        section.append(html.P(t("areas_empty", lang), className="empty"))
    else:
        proposed_by = next((sg.proposed_by for fa in areas for sg in fa.subgoals), None)
        section.extend(
            [
                html.P([t("areas_order", lang), " ", t("areas_intro", lang)]),
                framework_line(data.framework, lang, proposed_by),
                html.Details(
                    [
                        html.Summary(t("how_to_read", lang)),
                        html.P(t("status_groups_definition", lang)),
                        html.P(t("on_track_definition", lang)),
                    ],
                    className="explainer",
                ),
                html.Ol(
                    [
                        tile(fa, data.counts.get(fa.id), data.on_track.get(fa.id), lang)
                        for fa in areas
                    ],
                    className="tiles",
                    id="areas",
                ),
            ]
        )
    children.append(
        html.Section(
            [c for c in section if c is not None],
            id="focus-areas",
            **attrs({"aria-labelledby": "areas-heading"}),
        )
    )
    for group in data.context_groups:
        children.append(context_section(group, data.context_indicators.get(group.id, ()), lang))
    return Content(lang, PATH, t("overview_title", lang), children)
