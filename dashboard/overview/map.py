"""The overview's map: per municipality, how many focus areas it is on track in.

With a focus area chosen in the address (``omrade``) the map shows, for that area, which
municipalities are on track, and the table behind it lists those municipalities: the list that
"X av 290 kommuner på rätt spår" links to. A click on a municipality opens its profile; the
table's names are the same links for the keyboard. A pure function of
:class:`~levande.dashboard.overview.data.OverviewData`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import dcc, html

from levande.dashboard.components import attrs
from levande.dashboard.components.forms import choice_set, hidden_field, select_field, state_form
from levande.dashboard.components.maps import (
    QUARTILE_COLOURS,
    MapClass,
    classed_map_figure,
    map_block,
    map_legend,
    quantile_classes,
)
from levande.dashboard.components.status import GROUP_COLOUR
from levande.dashboard.components.tables import Column, data_table
from levande.dashboard.i18n import pick, t
from levande.dashboard.overview.data import OverviewData, PlaceOnTrack
from levande.dashboard.urls import with_lang

YES, NO, NOT_JUDGED = "yes", "no", "not_judged"


def area_classes(lang: str) -> list[MapClass]:
    """On track, not on track and not judged, for one chosen focus area."""
    return [
        MapClass(YES, t("on_track_yes", lang), GROUP_COLOUR["improving"], icon="▲"),
        MapClass(NO, t("on_track_no", lang), QUARTILE_COLOURS[-1], worst=True, icon="▼"),
        MapClass(NOT_JUDGED, t("on_track_not_judged", lang), GROUP_COLOUR["not_judged"], icon="○"),
    ]


def _area_key(place: PlaceOnTrack, area: str) -> str:
    if area not in place.areas:
        return NOT_JUDGED
    return YES if place.areas[area] else NO


def map_frame(data: OverviewData) -> tuple[pd.DataFrame, list[MapClass]]:
    """One row per municipality with its class, hover text and profile address."""
    lang, area, n_areas = data.lang, data.state.area, len(data.areas)
    places = data.places
    frame = pd.DataFrame(
        {
            "region_code": [p.code for p in places],
            "href": [with_lang(f"/kommun/{p.code}", lang) for p in places],
        }
    )
    if area is not None:
        name = next(pick(fa.name_sv, fa.name_en, lang) for fa in data.areas if fa.id == area)
        keys = [_area_key(p, area) for p in places]
        labels = {c.key: c.label for c in area_classes(lang)}
        frame["cls"] = keys
        frame["text"] = [
            f"<b>{p.name}</b><br>{name}: {labels[k]}" for p, k in zip(places, keys, strict=True)
        ]
        return frame, area_classes(lang)
    counts = pd.Series([float(p.on_track) if p.areas else None for p in places], dtype="float64")
    keys, classes = quantile_classes(counts, "higher_is_better", 0, lang)
    frame["cls"] = keys
    frame["text"] = [
        f"<b>{p.name}</b><br>"
        + (
            t("map_areas_on_track", lang, n=p.on_track, judged=len(p.areas), total=n_areas)
            if p.areas
            else t("on_track_not_judged", lang)
        )
        for p in places
    ]
    return frame, classes


def place_table(data: OverviewData) -> Any:
    """The map's numbers: every municipality, or those on track in the chosen area."""
    lang, area = data.lang, data.state.area

    def link(place: PlaceOnTrack) -> Any:
        return dcc.Link(place.name, href=with_lang(f"/kommun/{place.code}", lang))

    if area is not None:
        name = next(pick(fa.name_sv, fa.name_en, lang) for fa in data.areas if fa.id == area)
        chosen = [p for p in data.places if p.areas.get(area)]
        caption = t("map_table_area_caption", lang, area=name, n=len(chosen))
        columns = [
            Column(t("col_kommun", lang)),
            Column(t("col_areas_on_track", lang), numeric=True),
        ]
        rows = [[link(p), str(p.on_track)] for p in chosen]
    else:
        caption = t("map_table_caption_areas", lang)
        columns = [
            Column(t("col_kommun", lang)),
            Column(t("col_areas_on_track", lang), numeric=True),
            Column(t("col_areas_judged", lang), numeric=True),
        ]
        rows = [[link(p), str(p.on_track), str(len(p.areas))] for p in data.places]
    return html.Details(
        [
            html.Summary(caption),
            data_table(caption, columns, rows, table_id="area-map-table"),
        ],
        className="data-details",
        open=area is not None,
        id="area-map-details",
    )


def area_map_section(data: OverviewData) -> Any:
    """The map of municipalities, its choice of focus area, its legend and its table."""
    lang, state = data.lang, data.state
    none = ("", t("map_all_areas", lang))
    options = [none, *((fa.id, pick(fa.name_sv, fa.name_en, lang)) for fa in data.areas)]
    form = state_form(
        "/",
        lang,
        [choice_set(t("map_choose_area_legend", lang),
                    [select_field("omrade", t("map_choose_area", lang), options, state.area)])],
        [
            *([hidden_field("lang", lang)] if lang != "sv" else []),
            *([hidden_field("sort", state.sort)] if state.sort != "order" else []),
        ],
    )  # fmt: skip
    if state.area is not None:
        name = next(pick(fa.name_sv, fa.name_en, lang) for fa in data.areas if fa.id == state.area)
        title = t("map_area_title", lang, area=name)
    else:
        title = t("map_areas_title", lang, total=len(data.areas))
    body: list[Any] = [html.H2(t("map_overview_heading", lang), id="area-map-heading"), form]
    frame, classes = map_frame(data)
    if data.geo_url:
        missing = t("on_track_not_judged", lang)
        figure = classed_map_figure(frame, data.geo_url, classes, missing, lang, insets=data.insets)
        legend = map_legend(title, classes, None if state.area else missing)
        body.append(
            map_block("area-map-graph", figure, legend,
                      f"{title}{'' if title.endswith('?') else '.'} {t('map_click_hint', lang)}",
                      clickable=True)
        )  # fmt: skip
    body.append(place_table(data))
    return html.Section(
        body,
        id="area-map",
        className="area-map",
        **attrs({"aria-labelledby": "area-map-heading"}),
    )
