"""The area page's content: pure functions of :class:`~levande.dashboard.areas.data.AreasData`.

The map colours the municipality's areas (or their socio-economic types); the table beside it
lists every area with its value, change and rank and is the accessible alternative to the map
(a focusable region, so the keyboard reaches every value); the inequality section says in plain
words how far apart the areas are and whether the gap is closing; a chart shows the indicator
by area type over time, with its table.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go  # type: ignore[import-untyped]
from dash import dcc, html

from levande.dashboard.areas.data import AreaRow, AreasData
from levande.dashboard.areas.params import LEVELS
from levande.dashboard.components import attrs
from levande.dashboard.components.figures import GRAPH_CONFIG, base_layout
from levande.dashboard.components.file_links import file_links
from levande.dashboard.components.flags import with_flag_note
from levande.dashboard.components.forms import (
    choice_set,
    hidden_field,
    select_field,
    state_form,
)
from levande.dashboard.components.maps import (
    MISSING_CLASS,
    MapClass,
    classed_map_figure,
    map_block,
    map_legend,
    quantile_classes,
)
from levande.dashboard.components.messages import problems_notice
from levande.dashboard.components.shell import breadcrumbs, print_day
from levande.dashboard.components.source import source_line
from levande.dashboard.components.tables import Column, data_table
from levande.dashboard.i18n import format_number, pick, t
from levande.dashboard.page import Content, NotFound, not_found_content
from levande.dashboard.places.sections import print_button
from levande.dashboard.urls import with_lang
from levande.indicators.core.inequality import Spread, gap_trend
from levande.indicators.core.small_areas import SmallAreaIndicator

MAP_CONFIG: Any = {**GRAPH_CONFIG, "topojsonURL": "/geo/topojson/", "scrollZoom": True}
TYPE_COLOURS = {1: "#8c2d04", 2: "#d94801", 3: "#fdae6b", 4: "#6baed6", 5: "#08519c"}


def unit(data: AreasData) -> str:
    """The unit of the values shown: per cent for a count shown as a share."""
    ind = data.indicator
    if ind is None:
        return ""
    if ind.denominator is not None:
        return ind.share_unit(data.lang) or t("within_unit_share", data.lang)
    return pick(ind.unit_sv, ind.unit_en, data.lang)


def decimals(data: AreasData) -> int:
    """Decimals shown: one for a computed share, else the indicator's."""
    ind = data.indicator
    if ind is None:
        return 1
    return 1 if ind.denominator is not None else ind.decimals


def value_text(data: AreasData, value: float | None, status: str | None = None) -> str:
    """A value in the page's language, or the source's symbol / a dash when missing."""
    if value is None:
        return status or "–"
    return format_number(value, decimals(data), data.lang)


def area_label(row: AreaRow, lang: str) -> str:
    """A RegSO by its name (and code); a DeSO by its code and the RegSO it lies in."""
    if row.name:
        return f"{row.name} ({row.base})"
    if row.regso_name:
        return t("within_deso_in", lang, code=row.base, regso=row.regso_name)
    return row.base


def type_name(area_type: int | None, lang: str) -> str:
    """The socio-economic area type in words."""
    return t(f"within_type_{area_type}", lang) if area_type in TYPE_COLOURS else "–"


def controls(data: AreasData) -> Any:
    """The GET form: indicator, level, year and the area-type switch."""
    state, lang = data.state, data.lang
    indicators = [(i.id, pick(i.title_sv, i.title_en, lang)) for i in data.indicators]
    levels = [(level, t(f"within_level_{level}", lang)) for level in LEVELS]
    years = [(y, y) for y in reversed(data.years)]
    colour = [("", t("within_colour_values", lang)), ("1", t("within_colour_types", lang))]
    return state_form(
        state.path,
        lang,
        [
            choice_set(
                t("within_choose", lang),
                # Side by side on a wide screen, as on the indicator page: the map comes up.
                [
                    html.Div(
                        [
                            select_field(
                                "indikator",
                                t("within_indicator", lang),
                                indicators,
                                data.indicator.id if data.indicator else None,
                            ),
                            select_field("niva", t("within_level", lang), levels, state.level),
                            select_field("ar", t("within_year", lang), years, data.year),
                            select_field(
                                "typer",
                                t("within_colour", lang),
                                colour,
                                "1" if state.types else "",
                            ),
                        ],
                        className="controls__grid",
                    )
                ],
            )
        ],
        [hidden_field("lang", lang)] if lang != "sv" else [],
    )


def headline(data: AreasData) -> Any | None:
    """The headline gap: "X is 6 times as high in A as in B", when it can be said."""
    spread = data.spread
    if spread is None or spread.highest is None or spread.lowest is None:
        return None
    labels = {r.code: area_label(r, data.lang) for r in data.rows}
    high_code, high = spread.highest
    low_code, low = spread.lowest
    title = (
        pick(data.indicator.title_sv, data.indicator.title_en, data.lang) if data.indicator else ""
    )
    if low > 0:
        times = format_number(high / low, 1, data.lang)
        text = t(
            "within_headline", data.lang, indicator=title, times=times,
            high=labels.get(high_code, high_code), low=labels.get(low_code, low_code),
        )  # fmt: skip
    else:
        text = t(
            "within_headline_zero", data.lang, indicator=title,
            high=labels.get(high_code, high_code), low=labels.get(low_code, low_code),
        )  # fmt: skip
    return html.P(text, className="lead", id="areas-headline")


def area_map(data: AreasData) -> list[Any]:
    """The map of the areas, or a note that their boundaries are not loaded."""
    lang = data.lang
    if data.boundary_url is None:
        return [html.P(t("within_no_boundaries", lang), className="note", id="areas-no-map")]
    frame = pd.DataFrame(
        {
            "region_code": [r.code for r in data.rows],
            "value": [
                float(r.area_type) if data.state.types and r.area_type else r.value
                for r in data.rows
            ],
            "text": [
                f"<b>{area_label(r, lang)}</b><br>{value_text(data, r.value, r.status)} "
                f"{unit(data)}<br>{type_name(r.area_type, lang)}"
                for r in data.rows
            ],
        }
    )
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    if data.state.types:
        # The five area types as five named classes; type 1 (major challenges) is marked.
        classes = [
            MapClass(str(k), t(f"within_type_{k}", lang), TYPE_COLOURS[k], worst=k == 1)
            for k in range(5, 0, -1)
        ]
        frame["cls"] = [str(int(v)) if pd.notna(v) else MISSING_CLASS for v in frame["value"]]
        title = t("within_type", lang)
    else:
        frame["cls"], classes = quantile_classes(frame["value"], "neutral", decimals(data), lang)
        title = unit(data)
    missing = t("map_missing", lang)
    figure = classed_map_figure(frame, data.boundary_url, classes, missing, lang)
    figure.update_layout(dragmode="pan")
    level = t(f"within_level_{data.state.level}", lang)
    caption = t(
        "within_map_caption", lang, place=data.municipality.name, level=level, year=data.year or "–"
    )
    legend = map_legend(title, classes, missing)
    return [map_block("areas-map", figure, legend, caption, config=MAP_CONFIG)]


def area_table(data: AreasData) -> Any:
    """Every area: name or code, type, value, change, rank; a focusable, labelled region."""
    lang = data.lang
    caption = t("within_table_caption", lang, place=data.municipality.name, year=data.year or "–",
                level=t(f"within_level_{data.state.level}", lang))  # fmt: skip
    rows = [
        [
            area_label(r, lang) + (f" {t('within_small_mark', lang)}" if r.small else ""),
            type_name(r.area_type, lang),
            value_text(data, r.value, r.status),
            format_number(r.change, decimals(data), lang, signed=True)
            if r.change is not None
            else "–",
            str(r.rank) if r.rank is not None else "–",
        ]
        for r in data.rows
    ]
    table = data_table(
        caption,
        [
            Column(t("within_col_area", lang)),
            Column(t("within_col_type", lang)),
            Column(t("col_value", lang, unit=unit(data)), numeric=True),
            Column(t("within_col_change", lang), numeric=True),
            Column(t("within_col_rank", lang), numeric=True),
        ],
        rows,
        table_id="areas-table",
    )
    return html.Div(
        table,
        className="table-scroll",
        tabIndex="0",
        role="region",
        **attrs({"aria-label": caption}),
        id="areas-table-region",
    )


def _spread_items(data: AreasData, spread: Spread) -> list[Any]:
    lang = data.lang
    items: list[Any] = []
    if spread.p90_p10 is not None:
        ratio = format_number(spread.p90_p10, 1, lang)
        p90, p10 = value_text(data, spread.p90), value_text(data, spread.p10)
        items.append(html.Li(t("within_p90_p10", lang, ratio=ratio, p90=p90, p10=p10)))
    if spread.gini is not None:
        items.append(html.Li(t("within_gini", lang, gini=format_number(spread.gini, 2, lang))))
    if spread.theil is not None:
        items.append(html.Li(t("within_theil", lang, theil=format_number(spread.theil, 3, lang))))
    if spread.missing:
        items.append(html.Li(t("within_missing", lang, n=len(spread.missing))))
    if spread.small:
        items.append(html.Li(t("within_small", lang, n=len(spread.small),
                               limit=data.small_population)))  # fmt: skip
    return items


def inequality_section(data: AreasData) -> Any:
    """How far apart the areas are, in plain words, and whether the gap is closing."""
    lang = data.lang
    children: list[Any] = [html.H2(t("within_inequality", lang), id="areas-inequality")]
    spread = data.spread
    if spread is None or spread.reason is not None:
        children.append(html.P(t("within_too_few", lang), className="note", id="areas-too-few"))
        return html.Section(children, **attrs({"aria-labelledby": "areas-inequality"}))
    children.append(html.P(t("within_inequality_intro", lang)))
    children.append(html.Ul(_spread_items(data, spread), id="areas-measures"))
    base = data.base_spread
    if base is not None and base.reason is None:
        trend = gap_trend(base.gini, spread.gini) or gap_trend(base.p90_p10, spread.p90_p10)
        if trend is not None:
            children.append(
                html.P(t(f"within_trend_{trend}", lang, since=data.base_year, year=data.year),
                       id="areas-trend")
            )  # fmt: skip
    return html.Section(children, **attrs({"aria-labelledby": "areas-inequality"}))


def type_chart(data: AreasData) -> Any | None:
    """The indicator by area type over time, with its table; None without area types."""
    if not data.by_type:
        return None
    lang = data.lang
    fig = go.Figure(layout=base_layout(lang))
    periods = sorted({p for _, p, _ in data.by_type})
    for area_type in sorted({a for a, _, _ in data.by_type}):
        values = {p: v for a, p, v in data.by_type if a == area_type}
        fig.add_trace(
            go.Scatter(x=periods, y=[values.get(p) for p in periods], mode="lines+markers",
                       name=type_name(area_type, lang), line={"color": TYPE_COLOURS[area_type]})
        )  # fmt: skip
    fig.update_layout(yaxis={"title": {"text": unit(data)}}, xaxis={"type": "category"})
    caption = t("within_type_caption", lang, place=data.municipality.name)
    rows = [
        [type_name(a, lang), p, value_text(data, v)] for a, p, v in data.by_type
    ]  # fmt: skip
    table = data_table(
        caption,
        [Column(t("within_col_type", lang)), Column(t("within_year", lang)),
         Column(t("col_value", lang, unit=unit(data)), numeric=True)],
        rows, table_id="areas-type-table",
    )  # fmt: skip
    return html.Section(
        [
            html.H2(t("within_by_type", lang), id="areas-by-type"),
            html.P(t("within_by_type_intro", lang)),
            html.Figure(
                [
                    dcc.Graph(
                        id="areas-type-chart", figure=fig, config=GRAPH_CONFIG, className="graph"
                    ),
                    html.Figcaption(caption),
                ],
                className="figure",
            ),
            html.Details(
                [html.Summary(t("chart_table_summary", lang)), table], className="data-details"
            ),
        ],
        **attrs({"aria-labelledby": "areas-by-type"}),
    )


def _index_text(value: float | None, decimals: int, lang: str) -> str:
    return format_number(value, decimals, lang) if value is not None else "–"


def segregation_section(data: AreasData) -> Any | None:
    """The municipality's segregation indices beside the country's."""
    if not data.segregation:
        return None
    lang = data.lang
    rows = [
        [pick(s.info.title_sv, s.info.title_en, lang), s.period,
         with_flag_note(_index_text(s.value, s.info.decimals, lang), s.flagged, lang),
         with_flag_note(_index_text(s.riket, s.info.decimals, lang), s.riket_flagged, lang)]
        for s in data.segregation
    ]  # fmt: skip
    return html.Section(
        [
            html.H2(t("within_segregation", lang), id="areas-segregation"),
            html.P(t("within_segregation_intro", lang)),
            data_table(
                t("within_segregation", lang),
                [
                    Column(t("within_col_index", lang)),
                    Column(t("within_year", lang)),
                    Column(data.municipality.name, numeric=True),
                    Column(t("level_riket", lang), numeric=True),
                ],
                rows,
                table_id="areas-segregation-table",
            ),
        ],
        **attrs({"aria-labelledby": "areas-segregation"}),
    )


def about_indicator(data: AreasData, ind: SmallAreaIndicator) -> list[Any]:
    """What the indicator is, and how a share was computed."""
    lang = data.lang
    out: list[Any] = [html.P(pick(ind.description_sv, ind.description_en, lang))]
    if data.denominator is not None:
        out.append(
            html.P(t("within_share_how", lang, count=pick(ind.title_sv, ind.title_en, lang),
                     total=pick(data.denominator.title_sv, data.denominator.title_en, lang)),
                   className="note")
        )  # fmt: skip
    if ind.notes_sv:
        out.append(html.P(pick(ind.notes_sv, ind.notes_en, lang), className="note"))
    return out


def print_header(data: AreasData) -> Any:
    """The line on top of the printed page: the place, the measure, its year and level, the day.

    Shown only on paper (``.print-header``); the browser writes the day of printing over the
    day the page was made, since a cached page may be printed later (assets/places.js).
    """
    lang, ind = data.lang, data.indicator
    measure = t("within_nav", lang)
    if ind is not None:
        level = t(f"within_level_{data.state.level}", lang)
        measure = f"{pick(ind.title_sv, ind.title_en, lang)} {data.year or ''}, {level}"
    place = data.municipality.name
    return html.P(
        print_day(
            lambda day: t("within_print_header", lang, place=place, measure=measure, date=day),
            data.printed,
        ),
        className="print-header",
        id="areas-print-header",
    )


def render_areas(data: AreasData | NotFound) -> Content:
    """The page "Inom kommunen", or a friendly page for an unknown municipality."""
    if isinstance(data, NotFound):
        return not_found_content(data)
    lang, place, state = data.lang, data.municipality, data.state
    title = t("within_title", lang, place=place.name)
    children: list[Any] = [
        print_header(data),
        breadcrumbs(lang, [
            (t("nav_overview", lang), with_lang("/", lang)),
            (place.name, with_lang(f"/kommun/{place.code}", lang)),
            (t("within_nav", lang), None),
        ]),
        html.H1(title, id="areas-title"),
        html.P(t("within_intro", lang)),
        html.P(
            dcc.Link(
                t("local_from_areas", lang, place=place.name),
                href=with_lang(f"/kommun/{place.code}/lokal", lang),
                id="areas-local-link",
            )
        ),
    ]  # fmt: skip
    notice = problems_notice(data.problems, lang, with_lang(state.path, lang))
    if notice is not None:
        children.append(notice)
    if data.indicator is None or not data.rows:
        children.append(controls(data) if data.indicators else html.Div())
        children.append(
            html.P(t("within_no_data", lang, place=place.name), className="empty", id="areas-empty")
        )
        return Content(lang, state.path, title, children, state.params())
    ind = data.indicator
    children += [controls(data), html.H2(pick(ind.title_sv, ind.title_en, lang) + f", {data.year}")]
    children += about_indicator(data, ind)
    gap = headline(data)
    if gap is not None:
        children.append(gap)
    children += area_map(data)
    children.append(source_line(data.credit, data.fetched, lang, data.updated))
    children.append(area_table(data))
    children.append(html.P(t("within_small_note", lang, limit=data.small_population),
                           className="note"))  # fmt: skip
    params = {k: v for k, v in state.params().items() if k != "typer"}
    children.append(
        html.Div(
            [*file_links(f"/ladda-ner/omraden/{place.code}", params, lang,
                         text=lambda label: t("within_download", lang, format=label),
                         id_prefix="areas-download"), print_button(lang)],
            className="actions page-actions",
        )
    )  # fmt: skip
    children.append(inequality_section(data))
    chart = type_chart(data)
    if chart is not None:
        children.append(chart)
    segregation = segregation_section(data)
    if segregation is not None:
        children.append(segregation)
    return Content(lang, state.path, title, children, state.params())
