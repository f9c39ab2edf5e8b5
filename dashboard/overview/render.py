"""Overview ``/``: the national goal, the thirteen focus areas and, apart, the context groups.

Everything here is a pure function of :class:`~levande.dashboard.overview.data.OverviewData`.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from levande.dashboard.components import attrs
from levande.dashboard.components.forms import link_choices
from levande.dashboard.components.framework import framework_line
from levande.dashboard.components.maps import ink
from levande.dashboard.components.messages import problems_notice
from levande.dashboard.components.status import GROUP_COLOUR, GROUP_ICON
from levande.dashboard.components.tables import Column, data_table
from levande.dashboard.i18n import format_date, pick, t
from levande.dashboard.overview.data import SORTS, OverviewData, OverviewState
from levande.dashboard.overview.headlines import headlines_section
from levande.dashboard.overview.map import area_map_section
from levande.dashboard.page import Content
from levande.dashboard.urls import with_lang
from levande.indicators.core.catalogue import ContextGroup, FocusArea, Goal, Indicator
from levande.indicators.core.vocabulary import STATUS_GROUP_ORDER
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


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def status_bar(counts: rollups.StatusCounts, lang: str) -> Any:
    """A horizontal bar of the area's indicators per status category, in the legend's order.

    Each segment is as wide as its share of the area's indicators and carries its icon and
    count; the category's name is read out and shown on hover. Empty categories are left out.
    """
    total = counts.n_indicators or 1
    segments = []
    for group in STATUS_GROUP_ORDER:
        n = counts.counts.get(group, 0)
        if not n:
            continue
        name = t(f"group_{group}", lang)
        segments.append(
            html.Li(
                [
                    html.Span(f"{GROUP_ICON[group]} {n}", **attrs({"aria-hidden": "true"})),
                    html.Span(f"{name}: {n}", className="visually-hidden"),
                ],
                className=f"stack__part stack__part--{group}",
                style={
                    "width": f"{100 * n / total:.2f}%",
                    "background": GROUP_COLOUR[group],
                    "color": ink(GROUP_COLOUR[group]),
                },
                title=f"{name}: {n}",
            )
        )
    return html.Ul(
        segments,
        className="stack",
        **attrs({"aria-label": t("bar_status_label", lang, n=counts.n_indicators)}),
    )


def on_track_bar(fa: FocusArea, on_track: rollups.OnTrack, state: OverviewState, lang: str) -> Any:
    """The share of municipalities on track as a bar, and the count linking to their list."""
    share = _share(on_track.on_track, on_track.municipalities)
    return html.Div(
        [
            html.Div(
                html.Div(
                    className="meter__fill",
                    style={"width": f"{100 * share:.2f}%", "background": GROUP_COLOUR["improving"]},
                ),
                className="meter",
                **attrs({"aria-hidden": "true"}),
            ),
            html.P(
                [
                    dcc.Link(
                        t(
                            "tile_on_track",
                            lang,
                            n=on_track.on_track,
                            total=on_track.municipalities,
                        ),
                        href=state.href(lang, omrade=fa.id) + "#area-map",
                        id=f"on-track-{fa.id}",
                        className="on-track-link",
                    ),
                    " ",
                    html.Span(
                        t("tile_on_track_judged", lang, judged=on_track.judged),
                        className="muted",
                    ),
                ],
                className="tile__on-track",
            ),
        ],
        className="area-row__on-track",
    )


def short_description(fa: FocusArea, lang: str) -> str:
    """The area's heading in the strategy, or the first sentence of its description."""
    heading = pick(fa.heading_sv, fa.heading_en, lang) if fa.heading_sv else ""
    if heading:
        return heading
    text = pick(fa.description_sv, fa.description_en, lang)
    return text.split(". ")[0].rstrip(".") + "."


def tile(
    fa: FocusArea,
    counts: rollups.StatusCounts | None,
    on_track: rollups.OnTrack | None,
    state: OverviewState,
    lang: str,
) -> Any:
    """A focus area's row: its name and short description, its status bar, its on-track bar."""
    name = pick(fa.name_sv, fa.name_en, lang)
    heading = html.Div(
        [
            html.H3(
                dcc.Link(name, href=with_lang(f"/omrade/{fa.id}", lang), className="tile__link"),
                className="tile__title",
            ),
            html.P(short_description(fa, lang), className="area-row__desc"),
        ],
        className="area-row__name",
    )
    status: list[Any] = []
    if counts is not None:
        status = [
            status_bar(counts, lang),
            html.P(
                t("tile_coverage", lang, n=counts.n_with_data, total=counts.n_indicators),
                className="tile__coverage",
            ),
        ]
    body: list[Any] = [heading, html.Div(status, className="area-row__status")]
    if on_track is not None and on_track.municipalities:
        body.append(on_track_bar(fa, on_track, state, lang))
    return html.Li(body, className="tiles__item area-row", id=f"tile-{fa.id}")


def sorted_areas(data: OverviewData) -> list[FocusArea]:
    """The focus areas in the address's order; ties keep the Government's order."""
    areas = list(data.areas)
    if data.state.sort == "status":

        def status_key(fa: FocusArea) -> tuple[float, float]:
            c = data.counts.get(fa.id)
            if c is None or not c.n_indicators:
                return (0.0, 0.0)
            return (
                -_share(c.counts.get("improving", 0), c.n_indicators),
                _share(c.counts.get("worsening", 0), c.n_indicators),
            )

        return sorted(areas, key=status_key)
    if data.state.sort == "on_track":

        def track_key(fa: FocusArea) -> float:
            o = data.on_track.get(fa.id)
            return -_share(o.on_track, o.municipalities) if o is not None else 0.0

        return sorted(areas, key=track_key)
    return areas


def sort_links(state: OverviewState, lang: str) -> Any:
    """The areas' orders as links; the current one is marked for assistive technology too."""
    return link_choices(
        [(sort, t(f"areas_sort_{sort}", lang), state.href(lang, sort=sort)) for sort in SORTS],
        state.sort,
        block="areas-sort",
        param="sort",
        label=t("areas_sort_label", lang).rstrip(":"),
        lead=t("areas_sort_label", lang),
    )


def status_legend(lang: str) -> Any:
    """The status categories' colours, icons and names: the key to every bar."""
    return html.Ul(
        [
            html.Li(
                [
                    html.Span(
                        GROUP_ICON[group],
                        className="legend-swatch",
                        style={
                            "background": GROUP_COLOUR[group],
                            "color": ink(GROUP_COLOUR[group]),
                        },
                        **attrs({"aria-hidden": "true"}),
                    ),
                    " " + t(f"group_{group}", lang),
                ]
            )
            for group in STATUS_GROUP_ORDER
        ],
        className="status-legend",
        id="status-legend",
        **attrs({"aria-label": t("status_legend_label", lang)}),
    )


def areas_table(data: OverviewData, areas: list[FocusArea]) -> Any:
    """The bars' numbers as a table, in the same order, folded away."""
    lang = data.lang
    columns = [
        Column(t("focus_area", lang)),
        *(Column(t(f"group_{g}", lang), numeric=True) for g in STATUS_GROUP_ORDER),
        Column(t("col_on_track", lang), numeric=True),
        Column(t("col_judged", lang), numeric=True),
    ]
    rows = []
    for fa in areas:
        c = data.counts.get(fa.id)
        o = data.on_track.get(fa.id)
        rows.append(
            [
                pick(fa.name_sv, fa.name_en, lang),
                *(str(c.counts.get(g, 0)) if c else "–" for g in STATUS_GROUP_ORDER),
                t("of_total", lang, n=o.on_track, total=o.municipalities) if o else "–",
                str(o.judged) if o else "–",
            ]
        )
    return html.Details(
        [
            html.Summary(t("areas_table_summary", lang)),
            data_table(t("areas_table_caption", lang), columns, rows, table_id="areas-table"),
        ],
        className="data-details",
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


def goal_lead(goal: Goal | None, lang: str) -> Any:
    """The national goal's sentence in one line above the areas; the whole goal is further down."""
    if goal is None:
        return None
    return html.P(
        [
            html.Span(t("goal_heading", lang) + ": ", className="goal-lead__label"),
            pick(goal.text_sv, goal.text_en, lang),
            " ",
            html.A(t("goal_read_more", lang), href="#goal-heading", className="goal-lead__more"),
        ],
        className="lead goal-lead",
        id="goal-lead",
    )


def render_overview(data: OverviewData) -> Content:
    """The overview: the areas' statuses first, the headline indicators, the map, the goal."""
    lang, areas = data.lang, data.areas
    children: list[Any] = [html.H1(t("overview_title", lang))]
    notice = problems_notice(data.params.problems, lang, PATH)
    if notice is not None:
        children.append(notice)
    children.append(goal_lead(data.goal, lang))
    heading = (
        t("areas_heading", lang) if len(areas) == 13 else t("areas_heading_n", lang, n=len(areas))
    )
    section: list[Any] = [html.H2(heading, id="areas-heading")]
    if not areas:
        section.append(html.P(t("areas_empty", lang), className="empty"))
    else:
        ordered = sorted_areas(data)
        proposed_by = next((sg.proposed_by for fa in areas for sg in fa.subgoals), None)
        section.extend(
            [
                html.Div(
                    [sort_links(data.state, lang), status_legend(lang)], className="areas-bar"
                ),
                html.Div(
                    [
                        html.Span(t("col_national_status", lang)),
                        html.Span(t("col_on_track", lang)),
                    ],
                    className="area-rows__head",
                    **attrs({"aria-hidden": "true"}),
                ),
                html.Ol(
                    [
                        tile(fa, data.counts.get(fa.id), data.on_track.get(fa.id), data.state, lang)
                        for fa in ordered
                    ],
                    className="tiles area-rows",
                    id="areas",
                ),
                areas_table(data, ordered),
                html.Details(
                    [
                        html.Summary(t("how_to_read", lang)),
                        html.P([t("areas_order", lang), " ", t("areas_intro", lang)]),
                        html.P(t("status_groups_definition", lang)),
                        html.P(t("on_track_definition", lang)),
                        framework_line(data.framework, lang, proposed_by),
                    ],
                    className="explainer",
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
    children.append(headlines_section(data))
    if areas and data.places:
        children.append(area_map_section(data))
    children.append(goal_section(data.goal, lang))
    for group in data.context_groups:
        children.append(context_section(group, data.context_indicators.get(group.id, ()), lang))
    params = {k: v for k, v in {"sort": data.state.sort if data.state.sort != "order" else None,
              "omrade": data.state.area}.items()}  # fmt: skip
    return Content(lang, PATH, t("overview_title", lang), [c for c in children if c is not None],
                   params)  # fmt: skip
