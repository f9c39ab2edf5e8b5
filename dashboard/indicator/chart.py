"""The chart view: the time series with the peer group's band and the target, and its table.

A pure function of :class:`~levande.dashboard.indicator.data.IndicatorData` and the chart's
:class:`~levande.dashboard.indicator.data.ChartData`. The figure always has a caption naming
what it shows, and the same values follow as a table for those who cannot read the chart.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import dcc, html

from levande.dashboard.components import attrs
from levande.dashboard.components.figures import GRAPH_CONFIG
from levande.dashboard.components.flags import with_flag_note
from levande.dashboard.components.tables import Column, data_table
from levande.dashboard.components.values import cell_text, indicator_title, period_header, unit_of
from levande.dashboard.i18n import format_number, format_period, t
from levande.dashboard.indicator.common import source_of, value_cell, with_unit
from levande.dashboard.indicator.data import ChartData, IndicatorData
from levande.dashboard.indicator.figures import Target, series_figure
from levande.indicators.core.catalogue import Indicator
from levande.indicators.core.vocabulary import MUNICIPAL_MEAN
from levande.indicators.reads.flags import FlagKey


def target_line(info: Indicator, lang: str) -> Target | None:
    """The target as a line, for indicators with a target value, year and direction."""
    target = info.target
    if target is None or target.year is None or info.direction == "neutral":
        return None
    return Target(
        target.value,
        t(
            "target_line",
            lang,
            value=format_number(target.value, info.decimals, lang),
            year=target.year,
        ),
    )


def render_chart(data: IndicatorData, chart: ChartData) -> list[Any]:
    """The time series with peer band and target, its caption, source and data table."""
    info, state, lang = data.info, data.state, data.lang
    lines = chart.lines.copy()
    lines["text"] = [
        with_unit(info, v, s, lang, str(level))
        for v, s, level in zip(lines["value"], lines["status"], lines["region_level"], strict=True)
    ]
    extra_names = [n for n in dict.fromkeys(lines["region_name"]) if n != t("riket", lang)]
    if state.gender:
        extra_names.append(f"{t('breakdown_K', lang).lower()} / {t('breakdown_M', lang).lower()}")
    caption = t(
        "chart_caption",
        lang,
        title=indicator_title(info, lang),
        unit=unit_of(info, lang),
        extra=(", " + ", ".join(extra_names)) if extra_names else "",
    )
    out: list[Any] = [html.H2(t("chart_heading", lang))]
    if data.facts.gender:
        out.append(
            html.P(
                html.A(
                    t("gender_compare_off" if state.gender else "gender_compare_on", lang),
                    href=state.href(gender=not state.gender),
                    id="gender-toggle",
                    className="button button--secondary",
                    **attrs({"data-inplace": "gender"}),
                )
            )
        )
    if lines["value"].notna().sum() == 0:
        out.append(html.P(t("chart_no_data", lang), className="empty", id="chart-empty"))
    else:
        figure = series_figure(
            lines,
            chart.band if chart.band is not None and not chart.band.empty else None,
            target=target_line(info, lang),
            lang=lang,
            y_title=unit_of(info, lang),
        )
        out.append(
            html.Figure(
                [
                    dcc.Graph(id="chart", figure=figure, config=GRAPH_CONFIG, className="graph"),
                    html.Figcaption(caption),
                ],
                className="figure",
            )
        )
    out.append(source_of(data))
    if lines["aggregation"].eq(MUNICIPAL_MEAN).any():
        out.append(html.P(t("municipal_mean_long", lang), className="note"))
    out.append(chart_table(info, lines, chart.band, lang, caption, chart.flagged))
    return out


def chart_table(
    info: Indicator,
    lines: pd.DataFrame,
    band: pd.DataFrame | None,
    lang: str,
    caption: str,
    flagged: frozenset[FlagKey] = frozenset(),
) -> Any:
    """The chart's values as a table: a row per period, a column per line and quartile.

    A value in ``flagged`` (region, period, breakdown) is shown as stored with the note that
    it is under review beside it.
    """
    names = list(dict.fromkeys(lines["name"]))
    periods = sorted(set(lines["period"]))
    cells: dict[tuple[str, str], Any] = {}
    for row in lines.itertuples(index=False):
        key = (str(row.region_code), str(row.period), str(row.breakdown))
        cell = value_cell(info, row.value, row.status, lang)
        cells[(str(row.name), str(row.period))] = with_flag_note(cell, key in flagged, lang)
    columns = [Column(period_header(periods, lang))] + [Column(n, numeric=True) for n in names]
    extra: list[tuple[str, dict[str, str]]] = []
    if band is not None and not band.empty:
        label = str(band["name"].iloc[0])
        q1 = {
            str(p): cell_text(info, v, lang)
            for p, v in zip(band["period"], band["q1"], strict=True)
        }
        q3 = {
            str(p): cell_text(info, v, lang)
            for p, v in zip(band["period"], band["q3"], strict=True)
        }
        extra = [
            (t("col_quartile_lower", lang, group=label), q1),
            (t("col_quartile_upper", lang, group=label), q3),
        ]
        columns += [Column(name, numeric=True) for name, _ in extra]
    rows = [
        [format_period(p, lang)]
        + [cells.get((n, p), t("missing", lang)) for n in names]
        + [vals.get(p, "") for _, vals in extra]
        for p in periods
    ]
    return html.Details(
        [
            html.Summary(t("chart_table_summary", lang)),
            data_table(caption, columns, rows, table_id="chart-table"),
        ],
        className="data-details",
    )
