"""The table view: every place of the level ranked, with the change since the previous period.

A pure function of :class:`~levande.dashboard.indicator.data.IndicatorData` and the table's
:class:`~levande.dashboard.indicator.data.TableView`. Column headers are links that sort the
table (a second press turns the order around) and say the current order to assistive
technology; each place links to its profile.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dash import dcc, html

from levande.dashboard.components import attrs
from levande.dashboard.components.forms import link_choices
from levande.dashboard.components.status import status_badge
from levande.dashboard.components.tables import Column, data_table
from levande.dashboard.components.values import (
    breakdown_label,
    cell_text,
    indicator_title,
    unit_of,
)
from levande.dashboard.i18n import format_period, t
from levande.dashboard.indicator.common import source_of, value_cell
from levande.dashboard.indicator.data import IndicatorData, TableView
from levande.dashboard.indicator.map import display_switch
from levande.dashboard.indicator.params import IndicatorState
from levande.dashboard.urls import with_lang
from levande.indicators.core.vocabulary import MUNICIPAL_MEAN, STATUS_GROUP_SLUGS


def sort_header(state: IndicatorState, key: str, label: str) -> tuple[Any, str | None]:
    """A column header that sorts by ``key``, and its ``aria-sort`` value when sorted by it."""
    current = state.sort.lstrip("-")
    descending = state.sort.startswith("-")
    if current == key:
        new = key if descending else f"-{key}"
        aria = "descending" if descending else "ascending"
        arrow = " ▼" if descending else " ▲"
    else:
        new, aria, arrow = key, None, ""
    link = html.A(
        [label, html.Span(arrow, **attrs({"aria-hidden": "true"}))],
        href=state.href(sort=new),
        id=f"sort-{key}",
        className="sort-link",
        title=t("sort_by", state.lang, column=label),
        **attrs({"data-inplace": "sort"}),
    )
    return link, aria


def status_filter(state: IndicatorState, counts: Mapping[str, int]) -> Any:
    """The filter «visa bara …»: the places of one status category, each with its count."""
    lang = state.lang
    total = sum(counts.values())
    choices = [("alla", t("status_filter_all", lang, n=total), state.href(status=None))]
    choices += [
        (
            slug,
            t("status_filter_group", lang, group=t(f"group_{group}", lang), n=counts.get(group, 0)),
            state.href(status=slug),
        )
        for slug, group in STATUS_GROUP_SLUGS.items()
    ]
    return link_choices(
        choices,
        state.status or "alla",
        block="status-filter",
        param="status",
        label=t("status_filter_label", lang),
        lead=t("status_filter_label", lang) + ":",
    )


def render_table(data: IndicatorData, view: TableView) -> list[Any]:
    """The sortable ranking with change since the previous period and statuses.

    The places can be filtered by status category (``status``) and sorted by status; with the
    statuses shown (``show=status``) the status comes right after the place.
    """
    info, state, lang = data.info, data.state, data.lang
    year = format_period(state.year, lang) if state.year else "–"
    frame = view.frame
    out: list[Any] = [
        html.H2(t("table_heading", lang, year=year)),
        display_switch(state),
        status_filter(state, view.group_counts),
    ]
    previous = frame["previous_period"].dropna()
    prev_label = (
        t("col_change", lang, period=format_period(previous.iloc[0], lang))
        if not previous.empty
        else t("col_change_none", lang)
    )
    headers = [
        ("rank", t("col_rank", lang), True),
        ("name", t("col_region", lang), False),
        ("value", t("col_value", lang, unit=unit_of(info, lang)), True),
        ("change", prev_label, True),
    ]
    columns = []
    for key, label, numeric in headers:
        link, aria = sort_header(state, key, label)
        columns.append(Column(link, numeric=numeric, sort=aria))
    status_link, status_aria = sort_header(state, "status", t("col_status", lang))
    status_first = state.show == "status"
    status_column = Column(status_link, sort=status_aria)
    if status_first:
        columns.insert(2, status_column)
        columns.append(Column(t("col_note", lang)))
    else:
        columns += [status_column, Column(t("col_note", lang))]
    rows = []
    for r in frame.itertuples(index=False):
        notes = []
        symbol = r.status
        if isinstance(symbol, str) and symbol:
            notes.append(t("source_symbol", lang, symbol=symbol))
        if r.aggregation == MUNICIPAL_MEAN:
            notes.append(t("municipal_mean", lang))
        if (str(r.region_code), str(state.year), state.breakdown) in view.flagged:
            notes.append(t("flag_note", lang))
        change = cell_text(info, r.change, lang, signed=True)
        if not change:
            change = t("no_previous", lang) if r.previous_period is None else t("missing", lang)
        rank = "" if str(r.rank) in ("<NA>", "nan", "None") else str(r.rank)
        badge = status_badge(r.series_status, lang) if isinstance(r.series_status, str) else ""
        cells: list[Any] = [
            rank,
            dcc.Link(
                str(r.region_name),
                href=with_lang(f"/{state.level}/{r.region_code}", lang),
                className="profile-link",
            ),
            value_cell(info, r.value, None, lang),
            change,
        ]
        if status_first:
            cells.insert(2, badge)
            cells.append("; ".join(notes))
        else:
            cells += [badge, "; ".join(notes)]
        rows.append(cells)
    caption_key = "table_caption_neutral" if info.direction == "neutral" else "table_caption"
    caption = t(
        caption_key,
        lang,
        title=indicator_title(info, lang),
        level=t(f"level_{state.level}", lang).lower(),
        breakdown=breakdown_label(state.breakdown, lang).lower(),
        year=year,
    )
    if state.status is not None:
        group = t(f"group_{STATUS_GROUP_SLUGS[state.status]}", lang)
        caption += " " + t("table_caption_filtered", lang, group=group.lower(), n=len(frame))
        if frame.empty:
            out.append(html.P(t("status_filter_none", lang), className="empty"))
    out.append(data_table(caption, columns, rows, row_header=1, table_id="ranking-table"))
    out.append(source_of(data))
    return out
