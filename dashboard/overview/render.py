"""Overview ``/``: the national goal and the focus areas with their national status, drawn.

Everything here is a pure function of :class:`~levande.dashboard.overview.data.OverviewData`.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from levande.dashboard.components import attrs
from levande.dashboard.components.messages import problems_notice
from levande.dashboard.components.status import status_counts
from levande.dashboard.components.values import focus_area_name
from levande.dashboard.i18n import pick, t
from levande.dashboard.overview.data import OverviewData
from levande.dashboard.page import Content
from levande.dashboard.urls import with_lang
from levande.indicators.core.catalogue import Goal
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads import rollups

PATH = "/"


def goal_section(goal: Goal | None, lang: str) -> Any:
    """The national goal, its ambition and source; a note when its wording is reconstructed."""
    if goal is None:
        return html.Section(
            [html.H2(t("goal_heading", lang)), html.P(t("goal_missing", lang))],
            className="goal",
        )
    children: list[Any] = [
        html.H2(t("goal_heading", lang), id="goal-heading"),
        html.Blockquote(html.P(pick(goal.text_sv, goal.text_en, lang)), className="goal__text"),
        html.P(
            [
                html.Strong(t("goal_ambition", lang) + ": "),
                pick(goal.ambition_sv, goal.ambition_en, lang),
            ]
        ),
        html.P(
            t("goal_source", lang, document=goal.source_document, date=goal.decided.isoformat()),
            className="goal__source",
        ),
    ]
    if goal.wording_status == "reconstructed":
        children.append(
            html.Div(
                className="note",
                id="goal-wording-note",
                children=[
                    html.H3(t("goal_reconstructed", lang), className="note__title"),
                    html.P(pick(goal.wording_note_sv, goal.wording_note_en, lang)),
                ],
            )
        )
    return html.Section(children, className="goal", **attrs({"aria-labelledby": "goal-heading"}))


def tile(
    fa: dims.Group,
    counts: rollups.StatusCounts | None,
    on_track: rollups.OnTrack | None,
    lang: str,
) -> Any:
    """A focus area's tile.

    Its name, its indicators per status category, the coverage and how many municipalities
    are on track.
    """
    name = focus_area_name(fa, lang)
    heading: list[Any] = [
        dcc.Link(name, href=with_lang(f"/omrade/{fa.id}", lang), className="tile__link")
    ]
    body: list[Any] = [html.H3(heading, className="tile__title")]
    if fa.working_title:
        body.append(
            html.P(
                html.Span(t("working_title", lang), className="tag tag--working"),
                title=t("working_title_note", lang),
                className="tile__tag",
            )
        )
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
        section.extend(
            [
                html.P(t("areas_intro", lang)),
                html.Details(
                    [
                        html.Summary(t("how_to_read", lang)),
                        html.P(t("status_groups_definition", lang)),
                        html.P(t("on_track_definition", lang)),
                    ],
                    className="explainer",
                ),
                html.Ul(
                    [
                        tile(fa, data.counts.get(fa.id), data.on_track.get(fa.id), lang)
                        for fa in areas
                    ],
                    className="tiles",
                ),
            ]
        )
    children.append(html.Section(section, **attrs({"aria-labelledby": "areas-heading"})))
    return Content(lang, PATH, t("overview_title", lang), children)
