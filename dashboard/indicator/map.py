"""The map view: a choropleth of one year, level and breakdown, and the same values as a table.

A pure function of :class:`~levande.dashboard.indicator.data.IndicatorData` and the map's
:class:`~levande.dashboard.indicator.data.MapView`. The figure refers to the boundaries by
their address, so the browser fetches them once; without boundaries the table is shown open.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from levande.dashboard.components.figures import GRAPH_CONFIG
from levande.dashboard.components.tables import Column, data_table
from levande.dashboard.components.values import breakdown_label, indicator_title, unit_of
from levande.dashboard.i18n import t
from levande.dashboard.indicator.common import source_of, value_cell, with_unit
from levande.dashboard.indicator.data import IndicatorData, MapView
from levande.dashboard.indicator.figures import MapLabels, map_figure
from levande.indicators.core.vocabulary import MUNICIPAL_MEAN

MAP_CONFIG: Any = {**GRAPH_CONFIG, "topojsonURL": "/geo/topojson/", "scrollZoom": False}
"""The map's configuration: the empty base map from our own route, no zooming on scroll."""


def rank_text(rank: object, rank_of: object, lang: str) -> str:
    """Text such as "Rang 3 av 290", or that there is no rank (no value)."""
    if rank is None or rank_of is None or str(rank) in ("<NA>", "nan"):
        return t("map_hover_no_rank", lang)
    try:
        return t("map_hover_rank", lang, rank=int(rank), of=int(rank_of))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return t("map_hover_no_rank", lang)


def render_map(data: IndicatorData, view: MapView) -> list[Any]:
    """The choropleth for one year, level and breakdown, its source and data table."""
    info, state, lang = data.info, data.state, data.lang
    year = state.year or "–"
    out: list[Any] = [html.H2(t("map_heading", lang, year=year))]
    frame = view.frame
    caption_key = "map_caption_neutral" if info.direction == "neutral" else "map_caption"
    caption = t(
        caption_key,
        lang,
        title=indicator_title(info, lang),
        unit=unit_of(info, lang),
        level=t(f"level_{state.level}", lang).lower(),
        breakdown=breakdown_label(state.breakdown, lang).lower(),
        year=year,
    )
    if frame.empty or state.year is None:
        out.append(html.P(t("chart_no_data", lang), className="empty"))
    elif not view.has_boundaries:
        out.append(html.P(t("map_no_boundaries", lang), className="note", id="map-no-boundaries"))
    else:
        frame = frame.copy()
        frame["text"] = [
            f"<b>{name}</b><br>{with_unit(info, v, s, lang)}"
            + f"<br>{rank_text(r, ro, lang)}"
            + (f"<br>({t('municipal_mean', lang)})" if agg == MUNICIPAL_MEAN else "")
            for name, v, s, r, ro, agg in zip(
                frame["region_name"],
                frame["value"],
                frame["status"],
                frame["rank"],
                frame["rank_of"],
                frame["aggregation"],
                strict=True,
            )
        ]
        neutral = info.direction == "neutral"
        labels = MapLabels(
            colourbar_title=unit_of(info, lang),
            better=t("map_legend_higher" if neutral else "map_legend_better", lang),
            worse=t("map_legend_lower" if neutral else "map_legend_worse", lang),
            missing=t("map_missing", lang),
        )
        figure = map_figure(frame, view.geo_url, direction=info.direction, labels=labels, lang=lang)
        out.append(
            html.Figure(
                [
                    dcc.Graph(
                        id="map", figure=figure, config=MAP_CONFIG, className="graph graph--map"
                    ),
                    html.Figcaption(caption),
                ],
                className="figure",
            )
        )
    out.append(source_of(data))
    if frame["aggregation"].eq(MUNICIPAL_MEAN).any():
        out.append(html.P(t("municipal_mean_long", lang), className="note"))
    rows = [
        [
            str(r.region_name),
            value_cell(info, r.value, r.status, lang),
            rank_text(r.rank, r.rank_of, lang),
        ]
        for r in frame.itertuples(index=False)
    ]
    table = data_table(
        caption,
        [
            Column(t("col_region", lang)),
            Column(t("col_value", lang, unit=unit_of(info, lang)), numeric=True),
            Column(t("col_rank", lang), numeric=True),
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
