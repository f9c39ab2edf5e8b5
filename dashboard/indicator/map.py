"""The map view: a classed map of one year, level and breakdown, and the same values as a table.

"Värde | status" (``show``) chooses what colours the places: their value in quartiles (the
worst quarter marked) or the status of their series in the status categories.

A pure function of :class:`~levande.dashboard.indicator.data.IndicatorData` and the map's
:class:`~levande.dashboard.indicator.data.MapView`. The figure refers to the boundaries by
their address, so the browser fetches them once; without boundaries the table is shown open.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import html

from levande.dashboard.components.flags import with_flag_note
from levande.dashboard.components.maps import (
    MapClass,
    Outline,
    classed_map_figure,
    map_block,
    map_legend,
    quantile_classes,
    status_classes,
)
from levande.dashboard.components.status import groups_of
from levande.dashboard.components.tables import Column, data_table
from levande.dashboard.components.values import breakdown_label, indicator_title, unit_of
from levande.dashboard.i18n import format_period, t
from levande.dashboard.indicator.common import source_of, state_choices, value_cell, with_unit
from levande.dashboard.indicator.data import IndicatorData, MapView
from levande.dashboard.indicator.params import SHOWS, IndicatorState
from levande.dashboard.urls import with_lang
from levande.indicators.core.vocabulary import MUNICIPAL_MEAN


def rank_text(rank: object, rank_of: object, lang: str) -> str:
    """Text such as "Rang 3 av 290", or that there is no rank (no value)."""
    if rank is None or rank_of is None or str(rank) in ("<NA>", "nan"):
        return t("map_hover_no_rank", lang)
    try:
        return t("map_hover_rank", lang, rank=int(rank), of=int(rank_of))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return t("map_hover_no_rank", lang)


def display_switch(state: IndicatorState) -> Any:
    """The switch «värde | status»: what the map and the table show, as two links."""
    label = t("show_label", state.lang)
    return state_choices(state, "show", SHOWS, label, block="display-switch", lead=label + ":")


def map_classes(
    data: IndicatorData, frame: pd.DataFrame
) -> tuple[list[str], list[MapClass], str, str | None]:
    """Each place's class, the classes, the legend's title and the name of places without one.

    Values: quartiles (the worst marked); statuses: the status categories, which name places
    without a status themselves.
    """
    info, state, lang = data.info, data.state, data.lang
    if state.show == "status":
        keys = groups_of(frame["series_status"])
        return keys, status_classes(lang), t("map_legend_status", lang), None
    keys, classes = quantile_classes(frame["value"], info.direction, info.decimals, lang)
    title_key = "map_legend_neutral" if info.direction == "neutral" else "map_legend_quartiles"
    return keys, classes, t(title_key, lang, unit=unit_of(info, lang)), t("map_missing", lang)


def map_outlines(data: IndicatorData, view: MapView, frame: pd.DataFrame) -> list[Outline]:
    """The peer group and the chosen place, outlined so they are found on the map at once."""
    state, lang = data.state, data.lang
    chosen = state.kommun if state.level == "kommun" else state.lan
    names = dict(zip(frame["region_code"], frame["region_name"], strict=True))
    outlines = []
    if view.peers:
        peers = tuple(c for c in view.peers if c != chosen and c in names)
        outlines.append(Outline(peers, t("map_outline_peers", lang, group=view.peer_label), 1.5))
    if chosen is not None and chosen in names:
        outlines.append(Outline((chosen,), t("map_outline_chosen", lang, place=names[chosen]), 3))
    return outlines


def render_map(data: IndicatorData, view: MapView) -> list[Any]:
    """The classed map for one year, level and breakdown, its legend, source and data table."""
    info, state, lang = data.info, data.state, data.lang
    year = format_period(state.year, lang) if state.year else "–"
    out: list[Any] = [html.H2(t("map_heading", lang, year=year)), display_switch(state)]
    frame = view.frame.copy()
    caption_key = "map_caption_neutral" if info.direction == "neutral" else "map_caption"
    if state.show == "status":
        caption_key = "map_caption_status"
    caption = t(
        caption_key,
        lang,
        title=indicator_title(info, lang),
        unit=unit_of(info, lang),
        level=t(f"level_{state.level}", lang).lower(),
        breakdown=breakdown_label(state.breakdown, lang).lower(),
        year=year,
    )
    keys, classes, legend_title, missing = map_classes(data, frame)
    labels = {c.key: c.label for c in classes}
    frame["cls"] = keys
    frame["class_label"] = [labels.get(k, missing or "") for k in keys]
    if frame.empty or state.year is None:
        out.append(html.P(t("chart_no_data", lang), className="empty"))
    elif not view.has_boundaries:
        out.append(html.P(t("map_no_boundaries", lang), className="note", id="map-no-boundaries"))
    else:
        frame["text"] = [
            f"<b>{name}</b><br>{with_unit(info, v, s, lang, state.level)}"
            + f"<br>{rank_text(r, ro, lang)}<br>{label}"
            + (f"<br>({t('municipal_mean', lang)})" if agg == MUNICIPAL_MEAN else "")
            for name, v, s, r, ro, agg, label in zip(
                frame["region_name"],
                frame["value"],
                frame["status"],
                frame["rank"],
                frame["rank_of"],
                frame["aggregation"],
                frame["class_label"],
                strict=True,
            )
        ]
        frame["href"] = [with_lang(f"/{state.level}/{c}", lang) for c in frame["region_code"]]
        missing_label = missing or t("group_no_data", lang)
        outlines = map_outlines(data, view, frame)
        figure = classed_map_figure(
            frame, view.geo_url, classes, missing_label, lang, outlines, view.insets
        )
        legend = map_legend(legend_title, classes, missing, outlines)
        out.append(map_block("map", figure, legend, caption))
    out.append(source_of(data))
    if frame["aggregation"].eq(MUNICIPAL_MEAN).any():
        out.append(html.P(t("municipal_mean_long", lang), className="note"))
    flagged = {(code, period) for code, period, b in view.flagged if b == state.breakdown}
    rows = [
        [
            str(r.region_name),
            with_flag_note(
                value_cell(info, r.value, r.status, lang),
                (str(r.region_code), str(state.year)) in flagged,
                lang,
            ),
            rank_text(r.rank, r.rank_of, lang),
            str(r.class_label),
        ]
        for r in frame.itertuples(index=False)
    ]
    class_header = t("col_status" if state.show == "status" else "col_class", lang)
    table = data_table(
        caption,
        [
            Column(t("col_region", lang)),
            Column(t("col_value", lang, unit=unit_of(info, lang)), numeric=True),
            Column(t("col_rank", lang), numeric=True),
            Column(class_header),
        ],
        rows,
        table_id="map-table",
    )
    out.append(
        html.Details(
            [html.Summary(t("map_table_summary", lang)), table],
            className="data-details",
            open=not view.has_boundaries,
        )
    )
    return out
