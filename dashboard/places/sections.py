"""The sections of a place's profile, as pure functions of its data.

The profile page (``profile.py``) puts these together. Each section takes the profile's
:class:`~levande.dashboard.places.data.ProfileData` (or the plain rows, changes and cells it
shows) and returns Dash components, so it can be tested without a database or a request.

How a position is shown: the quartile within the group (1 is the best quarter, taking the
indicator's direction into account) and the rank it comes from. Every table that shows
positions is preceded by a note that a position is relative: it says where the place stands
among others, not whether the value is good in itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from dash import dcc, html

from levande.dashboard.components import attrs
from levande.dashboard.components.flags import flag_note, with_flag_note
from levande.dashboard.components.shell import method_link
from levande.dashboard.components.source import credits_text, source_line, sources_paragraph
from levande.dashboard.components.sparkline import PLACE, sparkline
from levande.dashboard.components.status import GROUP_ICON, STATUS_ICON, status_badge, status_text
from levande.dashboard.components.tables import Column, data_table
from levande.dashboard.components.values import (
    cell_text,
    focus_area_name,
    indicator_title,
    value_text,
)
from levande.dashboard.i18n import format_datetime, format_period, pick, t
from levande.dashboard.places.data import PeerChoice, ProfileData
from levande.dashboard.urls import with_lang
from levande.indicators.core.catalogue import Indicator
from levande.indicators.core.vocabulary import (
    MUNICIPAL_MEAN,
    STATUS_GROUP_ORDER,
    STATUS_GROUPS,
    Status,
    StatusGroup,
)
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads import profiles as p
from levande.indicators.reads.profiles import MISSING_REASONS

QUARTILE_ICON = {1: "1", 2: "2", 3: "3", 4: "4"}


# --- cells -----------------------------------------------------------------------------------


def position_text(position: p.Position, info: Indicator, lang: str) -> str:
    """Text such as "Kvartil 1 · rang 3 av 30", "Rang 3 av 30 (ingen riktning)" or "–"."""
    if position.rank is None or position.rank_of is None:
        return "–"
    if info.direction == "neutral":
        return t("position_neutral", lang, rank=position.rank, of=position.rank_of)
    if position.quartile is None:
        return t("position_rank", lang, rank=position.rank, of=position.rank_of)
    return t(
        "position_quartile",
        lang,
        quartile=position.quartile,
        rank=position.rank,
        of=position.rank_of,
    )


def with_mean(text: str, aggregation: str | None, lang: str) -> Any:
    """A reference value, noted as an unweighted mean of municipalities where it is one."""
    if not text or aggregation != MUNICIPAL_MEAN:
        return text or "–"
    return [text, html.Br(), html.Span(t("municipal_mean", lang), className="cell-note")]


def missing_text(row: p.ProfileRow, place: dims.RegionInfo, lang: str) -> str:
    """Why a value is missing, in words, with the source's symbol."""
    reason = row.missing_reason or "not_published"
    text = t(
        f"missing_{reason}",
        lang,
        level=t("level_kommun" if place.level == "kommun" else "level_lan", lang).lower(),
    )
    if row.missing_symbol:
        text += " " + t("source_symbol_paren", lang, symbol=row.missing_symbol)
    return text


def latest_cell(row: p.ProfileRow, place: dims.RegionInfo, lang: str, flagged: bool = False) -> Any:
    """The latest value and period, or "missing" and why; ``flagged`` notes an implausible one."""
    info = row.indicator
    if row.value is None:
        return html.Span(
            [
                t("missing", lang),
                html.Br(),
                html.Span(missing_text(row, place, lang), className="cell-note"),
            ],
            className="missing",
        )
    parts: list[Any] = [
        t(
            "latest_value_in",
            lang,
            value=value_text(info, row.value, lang, level=place.level),
            period=format_period(row.period, lang),
        )
    ]
    if row.aggregation == MUNICIPAL_MEAN:
        parts += [html.Br(), html.Span(t("municipal_mean", lang), className="cell-note")]
    if flagged:
        parts += [html.Br(), flag_note(lang)]
    if row.newer_missing is not None:
        period, symbol = row.newer_missing
        note = t("newer_missing", lang, period=format_period(period, lang))
        if symbol:
            note += " " + t("source_symbol_paren", lang, symbol=symbol)
        parts += [html.Br(), html.Span(note, className="cell-note")]
    return parts


def change_text(row: p.ProfileRow, lang: str) -> str:
    """Text such as "+0,5 sedan 2019", "inget tidigare år" or "–"."""
    if row.value is None:
        return "–"
    if row.previous_period is None:
        return t("no_previous", lang)
    change = cell_text(row.indicator, row.change, lang, signed=True)
    return t("change_since", lang, change=change, period=format_period(row.previous_period, lang))


def trend_alt(row: p.ProfileRow, place: dims.RegionInfo, lang: str) -> str:
    """The small multiple's text alternative: the place's first and last value."""
    valued = [(period, v) for period, v in row.points if v is not None]
    if not valued:
        return t("trend_place_none", lang, place=place.name)
    (first_p, first_v), (last_p, last_v) = valued[0], valued[-1]
    return t(
        "trend_place",
        lang,
        place=place.name,
        first=format_period(first_p, lang),
        last=format_period(last_p, lang),
        start=value_text(row.indicator, first_v, lang, level=place.level),
        end=value_text(row.indicator, last_v, lang, level=place.level),
    )


def trend_cell(row: p.ProfileRow, place: dims.RegionInfo, lang: str) -> Any:
    """The small multiple of the place over the nation, with its text alternative."""
    if not any(v is not None for _, v in row.points):
        return "–"
    return sparkline(
        row.points, alt=trend_alt(row, place, lang), reference=row.riket_points, style=PLACE
    )


def median_text(row: p.ProfileRow, lang: str) -> Any:
    """The peer group's median and how many of the group it is drawn from."""
    if row.peer_median is None:
        return "–"
    total = row.peer_n + row.peer_n_missing
    return [
        cell_text(row.indicator, row.peer_median, lang),
        html.Br(),
        html.Span(t("median_of", lang, n=row.peer_n, total=total), className="cell-note"),
    ]


# --- whole picture ---------------------------------------------------------------------------


def status_group(status: str) -> str:
    """The plain category of a status (improving, stable...)."""
    return STATUS_GROUPS.get(status, StatusGroup.NO_DATA)


def strip_section(data: ProfileData) -> Any:
    """The whole picture: per focus area a strip of status cells and one of position cells.

    Each cell carries an icon or a digit as well as a colour, and a hidden text naming the
    indicator and its status or quartile; a table of the same counts follows (open in print).
    """
    profile, lang = data.profile, data.lang
    place = profile.place
    rows_by_fa: dict[str, list[p.ProfileRow]] = {}
    for row in profile.rows:
        rows_by_fa.setdefault(row.indicator.group, []).append(row)
    strips: list[Any] = []
    table_rows: list[list[Any]] = []
    for fa in data.focus_areas:
        rows = rows_by_fa.get(fa.id, [])
        name = focus_area_name(fa, lang)
        status_cells = []
        position_cells = []
        counts = dict.fromkeys(STATUS_GROUP_ORDER, 0)
        quartiles = {1: 0, 2: 0, 3: 0, 4: 0, 0: 0}
        for row in rows:
            title = indicator_title(row.indicator, lang)
            group = status_group(row.status)
            counts[group] += 1
            known = row.status if row.status in STATUS_ICON else Status.NOT_AVAILABLE
            label = f"{title}: {status_text(known, lang)}"
            status_cells.append(
                html.Li(
                    [
                        html.Span(STATUS_ICON[known], **attrs({"aria-hidden": "true"})),
                        html.Span(label, className="visually-hidden"),
                    ],
                    className=f"strip__cell strip__cell--{group}",
                    title=label,
                )
            )
            quartile = row.position.quartile
            quartiles[quartile or 0] += 1
            qlabel = (
                t("strip_quartile", lang, title=title, quartile=quartile)
                if quartile
                else t("strip_no_quartile", lang, title=title)
            )
            position_cells.append(
                html.Li(
                    [
                        html.Span(
                            QUARTILE_ICON.get(quartile or 0, "–"), **attrs({"aria-hidden": "true"})
                        ),
                        html.Span(qlabel, className="visually-hidden"),
                    ],
                    className=f"strip__cell strip__cell--q{quartile or 0}",
                    title=qlabel,
                )
            )
        strips.append(
            html.Div(
                [
                    html.P(
                        dcc.Link(name, href=f"#fa-{fa.id}", refresh=False),
                        className="strip__name",
                    ),
                    html.Ul(
                        status_cells,
                        className="strip",
                        **attrs({"aria-label": t("strip_status_label", lang, area=name)}),
                    )
                    if status_cells
                    else html.P(t("no_indicators", lang), className="empty"),
                    html.Ul(
                        position_cells,
                        className="strip strip--position",
                        **attrs({"aria-label": t("strip_position_label", lang, area=name)}),
                    )
                    if position_cells
                    else None,
                ],
                className="strip__row",
                id=f"strip-{fa.id}",
            )
        )
        table_rows.append(
            [name, str(len(rows))]
            + [str(counts[g]) for g in STATUS_GROUP_ORDER]
            + [str(quartiles[k]) for k in (1, 2, 3, 4)]
        )
    level_text = t("among_kommuner" if place.level == "kommun" else "among_lan", lang)
    columns = (
        [Column(t("focus_area", lang)), Column(t("col_indicators", lang), numeric=True)]
        + [Column(t(f"group_{g}", lang), numeric=True) for g in STATUS_GROUP_ORDER]
        + [Column(t("col_quartile", lang, quartile=k), numeric=True) for k in (1, 2, 3, 4)]
    )
    legend = html.Ul(
        [
            html.Li(
                [
                    html.Span(
                        icon,
                        className=f"strip__cell strip__cell--{group}",
                        **attrs({"aria-hidden": "true"}),
                    ),
                    " " + t(f"group_{group}", lang),
                ]
            )
            for group, icon in GROUP_ICON.items()
        ]
        + [
            html.Li(
                [
                    html.Span(
                        str(k),
                        className=f"strip__cell strip__cell--q{k}",
                        **attrs({"aria-hidden": "true"}),
                    ),
                    " " + t("col_quartile", lang, quartile=k),
                ]
            )
            for k in (1, 2, 3, 4)
        ],
        className="strip-legend",
        **attrs({"aria-label": t("strip_legend", lang)}),
    )
    return html.Section(
        [
            html.H2(t("whole_picture", lang), id="whole-picture"),
            html.P(t("whole_picture_intro", lang, among=level_text)),
            legend,
            html.Div(strips, className="strips"),
            area_source(data, profile.rows),
            html.Details(
                [
                    html.Summary(t("whole_picture_table", lang)),
                    data_table(
                        t("whole_picture_caption", lang, place=place.name, among=level_text),
                        columns,
                        table_rows,
                        table_id="whole-picture-table",
                    ),
                ],
                className="data-details",
                open=data.state.print_view,
            ),
        ],
        className="whole-picture",
        id="overview",
    )


# --- focus areas -----------------------------------------------------------------------------


def relative_note(place: dims.RegionInfo, lang: str) -> Any:
    """The visible reminder that a position is relative, not a verdict."""
    return html.P(
        [html.Strong(t("relative_title", lang) + " "), t("relative_text", lang)],
        className="note relative-note",
    )


def indicator_link(info: Indicator, place: dims.RegionInfo, choice: PeerChoice, lang: str) -> Any:
    """The indicator's page, showing the place, its county and its peer group."""
    params: dict[str, str | None] = (
        {"kommun": place.code, "lan": place.parent_code, "peer": choice.peers.group_id}
        if place.level == "kommun"
        else {"lan": place.code}
    )
    return dcc.Link(
        indicator_title(info, lang), href=with_lang(f"/indikator/{info.id}", lang, params)
    )


def area_source(data: ProfileData, rows: Sequence[p.ProfileRow]) -> Any:
    """The source line of some rows: their credit lines, latest update and latest fetch."""
    fresh, lang = data.freshness, data.lang
    names = list(dict.fromkeys(data.indicator_credits[r.indicator.id] for r in rows))
    fetched = [fresh[r.indicator.id].last_fetched for r in rows if r.indicator.id in fresh]
    updated = [fresh[r.indicator.id].source_updated for r in rows if r.indicator.id in fresh]
    latest_fetch = max((f for f in fetched if f is not None), default=None)
    latest_update: datetime | None = max((u for u in updated if u is not None), default=None)
    return source_line(
        credits_text(names or data.credits[:1], lang), latest_fetch, lang, latest_update
    )


def focus_area_sections(data: ProfileData) -> list[Any]:
    """Per focus area and sub-goal, a table with every indicator of the profile."""
    profile, choice, lang = data.profile, data.choice, data.lang
    place = profile.place
    kommun = place.level == "kommun"
    among = t("among_kommuner" if kommun else "among_lan", lang)
    headers = [
        Column(t("indicator", lang)),
        Column(t("col_latest", lang)),
        Column(t("col_change_prev", lang)),
        Column(t("col_trend", lang)),
        Column(t("status_label", lang)),
        Column(t("col_position_all", lang, among=among)),
    ]
    if kommun:
        headers.append(Column(t("col_position_peer", lang)))
    headers.append(Column(t("riket", lang), numeric=True))
    if kommun and profile.county is not None:
        headers.append(Column(profile.county.name, numeric=True))
    headers.append(Column(t("col_peer_median", lang), numeric=True))
    out: list[Any] = []
    sg_text = {
        sg.id: (sg.text_sv, sg.text_en) for fa in data.focus_areas for sg in data.subgoals_of(fa.id)
    }
    for fa in data.focus_areas:
        rows = [r for r in profile.rows if r.indicator.group == fa.id]
        name = focus_area_name(fa, lang)
        with_data = sum(1 for r in rows if r.has_value)
        section: list[Any] = [
            html.H2(name, id=f"fa-{fa.id}"),
            html.P(t("area_coverage", lang, n=with_data, total=len(rows)), className="muted"),
        ]
        # Sub-goals are labelled by their place in the area, never by their id; a group of
        # context indicators has no sub-goals and shows its indicators in one table.
        parts: list[tuple[str, str, list[p.ProfileRow]]] = [
            (
                f"{t('subgoal', lang)} {number}: ",
                sg.id,
                [r for r in rows if sg.id in r.indicator.subgoals],
            )
            for number, sg in enumerate(data.subgoals_of(fa.id), start=1)
        ]
        if not parts and rows:
            parts = [("", fa.id, rows)]
        for label, part_id, members in parts:
            text = (
                pick(sg_text[part_id][0], sg_text[part_id][1], lang)
                if part_id in sg_text
                else t("context_indicators_heading", lang)
            )
            section.append(html.H3([html.Span(label, className="subgoal__id"), text]))
            if not members:
                section.append(html.P(t("no_indicators", lang), className="empty"))
                continue
            table_rows = []
            for row in members:
                info = row.indicator
                cells: list[Any] = [
                    indicator_link(info, place, choice, lang),
                    latest_cell(row, place, lang, (info.id, row.period or "") in data.flagged),
                    change_text(row, lang),
                    trend_cell(row, place, lang),
                    status_badge(row.status, lang, manual=row.manual),
                    position_text(row.position, info, lang),
                ]
                if kommun:
                    cells.append(position_text(row.peer_position, info, lang))
                shown = (info.id, row.period or "")
                cells.append(
                    with_flag_note(
                        with_mean(
                            cell_text(info, row.riket_value, lang), row.riket_aggregation, lang
                        ),
                        row.riket_value is not None and shown in data.riket_flagged,
                        lang,
                    )
                )
                if kommun and profile.county is not None:
                    cells.append(
                        with_flag_note(
                            with_mean(
                                cell_text(info, row.county_value, lang),
                                row.county_aggregation,
                                lang,
                            ),
                            row.county_value is not None and shown in data.county_flagged,
                            lang,
                        )
                    )
                cells.append(median_text(row, lang))
                table_rows.append(cells)
            caption = t(
                "area_table_caption",
                lang,
                place=place.name,
                subgoal=label.strip(" :") or name,
                text=text,
                group=choice.label,
            )
            section.append(
                data_table(
                    caption,
                    headers,
                    table_rows,
                    table_id=f"table-{part_id}",
                    class_name="data-table profile-table",
                )
            )
        if rows:
            section.append(area_source(data, rows))
        out.append(html.Section(section, className="profile-area", id=f"area-{fa.id}"))
    return out


def reference_note(lang: str) -> Any:
    """What the reference columns hold and what the small multiples draw."""
    return html.P(t("reference_note", lang), className="muted")


# --- coverage and changes --------------------------------------------------------------------


def coverage_section(data: ProfileData) -> Any:
    """The coverage matrix: per focus area and sub-goal, indicators with data and why not.

    The list of what is missing and why is open in the print view.
    """
    profile, cells, lang = data.profile, data.coverage, data.lang
    place = profile.place
    names = {r.indicator.id: indicator_title(r.indicator, lang) for r in profile.rows}
    areas = {fa.id: focus_area_name(fa, lang) for fa in data.focus_areas}
    # A sub-goal is named by its area and its place there ("Trygghet, delmål 2"), never its id.
    labels = {
        sg.id: f"{t('subgoal', lang)} {number}"
        for fa in data.focus_areas
        for number, sg in enumerate(data.subgoals_of(fa.id), start=1)
    }
    columns = [
        Column(t("subgoal", lang)),
        Column(t("focus_area", lang)),
        Column(t("col_indicators", lang), numeric=True),
        Column(t("col_with_data", lang), numeric=True),
    ] + [Column(t(f"coverage_{reason}", lang), numeric=True) for reason in MISSING_REASONS]
    rows = [
        [
            labels.get(c.subgoal_id, ""),
            areas.get(c.focus_area_id, ""),
            str(c.total),
            str(c.with_data),
        ]
        + [str(c.count(reason)) for reason in MISSING_REASONS]
        for c in cells
    ]
    details: list[Any] = []
    for c in cells:
        for reason in MISSING_REASONS:
            for ind in c.missing.get(reason, ()):
                row = profile.row(ind)
                if row is None:
                    continue
                details.append(
                    html.Li(
                        f"{areas.get(c.focus_area_id, '')}, {labels.get(c.subgoal_id, '')} · "
                        f"{names.get(ind, ind)}: {missing_text(row, place, lang)}"
                    )
                )
    # Folded away: the summary and the areas answer first; the print view opens it.
    return html.Section(
        [
            html.H2(t("coverage_heading", lang), id="coverage-heading"),
            html.Details(
                [
                    html.Summary(t("coverage_show", lang)),
                    html.P(t("coverage_intro", lang, place=place.name)),
                    data_table(
                        t("coverage_caption", lang, place=place.name),
                        columns,
                        rows,
                        table_id="coverage-table",
                    ),
                    html.Details(
                        [
                            html.Summary(t("coverage_list", lang, n=len(details))),
                            html.Ul(details, id="coverage-missing")
                            if details
                            else html.P(t("coverage_none_missing", lang)),
                        ],
                        className="data-details",
                        open=data.state.print_view,
                    ),
                ],
                className="data-details",
                id="coverage-details",
                open=data.state.print_view,
            ),
        ],
        className="coverage",
        id="coverage",
    )


def _change_words(change: p.Change, lang: str) -> str:
    return ", ".join(t(f"changed_{kind}", lang) for kind in change.changed)


def changes_section(
    place: dims.RegionInfo, changes: Sequence[p.Change], stamp: datetime | None, lang: str
) -> Any:
    """What changed for the place in the latest refresh: value, status or rank."""
    when = format_datetime(stamp, lang)
    body: list[Any] = [html.H2(t("changes_heading", lang), id="changes-heading")]
    if stamp is None:
        body.append(html.P(t("changes_never", lang)))
        return html.Section(body, className="changes", id="changes")
    if not changes:
        body.append(html.P(t("changes_none", lang, place=place.name, when=when), id="no-changes"))
        return html.Section(body, className="changes", id="changes")
    columns = [
        Column(t("indicator", lang)),
        Column(t("col_what_changed", lang)),
        Column(t("col_before", lang)),
        Column(t("col_after", lang)),
    ]

    def state(
        period: str | None,
        value: float | None,
        status: str | None,
        rank: int | None,
        info: Indicator,
    ) -> Any:
        parts: list[Any] = []
        if period is not None:
            parts.append(
                t(
                    "latest_value_in",
                    lang,
                    value=value_text(info, value, lang, level=place.level),
                    period=format_period(period, lang),
                )
            )
        else:
            parts.append(t("missing", lang))
        parts += [html.Br(), status_text(status, lang)]
        if rank is not None:
            parts += [html.Br(), t("rank_n", lang, rank=rank)]
        return parts

    rows = [
        [
            indicator_title(c.indicator, lang),
            _change_words(c, lang),
            state(c.period_before, c.value_before, c.status_before, c.rank_before, c.indicator),
            state(c.period_after, c.value_after, c.status_after, c.rank_after, c.indicator),
        ]
        for c in changes
    ]
    body.append(html.P(t("changes_intro", lang, place=place.name, when=when, n=len(changes))))
    body.append(
        data_table(
            t("changes_caption", lang, place=place.name, when=when),
            columns,
            rows,
            table_id="changes-table",
        )
    )
    return html.Section(body, className="changes", id="changes")


# --- print and sources -----------------------------------------------------------------------


def print_button(lang: str) -> Any:
    """The button that opens the browser's print dialogue (assets/places.js)."""
    return html.Button(
        t("print_button", lang),
        type="button",
        className="button print-button",
        id="print-button",
        **attrs({"data-print": "1"}),
    )


def method_section(data: ProfileData) -> Any:
    """Sources, the data's last refresh, the print date and the method in brief."""
    lang = data.lang
    return html.Section(
        [
            html.H2(t("profile_sources_heading", lang), id="sources-heading"),
            sources_paragraph(data.credits, lang),
            html.P(
                t(
                    "profile_dates",
                    lang,
                    printed=data.printed,
                    refreshed=format_datetime(data.last_refresh, lang),
                ),
                id="profile-dates",
            ),
            html.P(t("profile_method", lang)),
            html.P([t("explain_method", lang), " ", method_link(lang), "."]),
            html.P(t("municipal_mean_long", lang)),
        ],
        className="profile-method",
        id="method",
    )
