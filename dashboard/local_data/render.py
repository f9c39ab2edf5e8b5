"""The local data page ``/kommun/<code>/lokal`` as pure functions of its data.

Local data is always marked as what it is: the municipality's own data, not official
statistics, with its publisher, date, method and version beside it. Each Platskompassen result
is a compass chart with its table; the register statistics of the same area stand beside it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
from dash import dcc, html

from levande.dashboard.components import attrs
from levande.dashboard.components.facts import facts_list
from levande.dashboard.components.figures import GRAPH_CONFIG
from levande.dashboard.components.file_links import file_links, link_list
from levande.dashboard.components.forms import hidden_field, select_field, state_form
from levande.dashboard.components.messages import problems_notice
from levande.dashboard.components.shell import breadcrumbs
from levande.dashboard.components.tables import Column, data_table
from levande.dashboard.i18n import format_date, format_datetime, format_number, pick, t
from levande.dashboard.local_data.data import LocalPageData, StatisticRow, local_path
from levande.dashboard.local_data.figures import CompassLine, compass_figure
from levande.dashboard.page import Content
from levande.dashboard.urls import with_lang
from levande.indicators.core.local_data import THEMES
from levande.indicators.core.numbers import optional_float
from levande.indicators.reads.local_data import DatasetVersion

DOWNLOAD_STEM = "/ladda-ner/lokal"


def _period_text(period: str, lang: str) -> str:
    try:
        return format_date(date.fromisoformat(period), lang)
    except ValueError:
        return period


def _area_label(data: LocalPageData, code: str) -> str:
    names = data.values.loc[data.values["area_code"] == code, "area_name"].dropna()
    return f"{names.iloc[0]} ({code})" if len(names) else code


def _score_text(value: float | None, withheld: bool, lang: str) -> str:
    if withheld:
        return t("local_too_few", lang)
    if value is None:
        return t("missing", lang)
    return format_number(value, 1, lang)


def _notice(data: LocalPageData, chosen: DatasetVersion) -> Any:
    lang = data.lang
    versions = [
        html.Li(
            html.A(
                t(
                    "local_version",
                    lang,
                    version=v.version,
                    when=format_datetime(v.published_at, lang),
                ),
                href=with_lang(
                    local_path(data.municipality.code),
                    lang,
                    {"dataset": chosen.slug, "version": None if v.latest else str(v.version)},
                ),
                **attrs({"aria-current": "page"} if v.version == chosen.version else {}),
            )
        )
        for v in data.versions
    ]
    return html.Aside(
        className="notice local-notice",
        id="local-notice",
        children=[
            html.P(
                html.Strong(t("local_marking", lang, municipality=data.municipality.name)),
                className="notice__title",
            ),
            facts_list(
                [
                    (t("local_publisher", lang), chosen.published_by),
                    (t("local_published", lang), format_datetime(chosen.published_at, lang)),
                    (t("local_method", lang), chosen.method),
                    (t("local_threshold", lang), str(chosen.min_respondents)),
                ]
            ),
            html.Details(
                [
                    html.Summary(t("local_versions", lang, count=len(data.versions))),
                    html.Ul(versions),
                ]
            ),
        ],
    )


def _theme_names(lang: str) -> list[str]:
    return [pick(theme.sv, theme.en, lang) for theme in THEMES]


def _rounds(data: LocalPageData, area: str) -> list[tuple[str, pd.DataFrame]]:
    totals = data.values[(data.values["area_code"] == area) & data.values["breakdown"].isna()]
    return [(str(period), group) for period, group in totals.groupby("period", sort=True)]


def _lines(data: LocalPageData, area: str) -> list[tuple[str, pd.DataFrame]]:
    """(label, rows) per line: every round of the area, then the latest of the compared one."""
    lang = data.lang
    lines: list[tuple[str, pd.DataFrame]] = []
    for period, rows in _rounds(data, area):
        label = f"{_area_label(data, area)}, {_period_text(period, lang)}"
        lines.append((label, rows))
    if data.compare:
        rounds = _rounds(data, data.compare)
        if rounds:
            period, rows = rounds[-1]
            lines.append((f"{_area_label(data, data.compare)}, {_period_text(period, lang)}", rows))
    return lines


def _by_theme(rows: pd.DataFrame) -> dict[str, tuple[float | None, bool]]:
    """Theme id → (score or None, withheld)."""
    return {
        str(r.item): (optional_float(r.value), bool(r.withheld))
        for r in rows.itertuples(index=False)
    }


def compass_section(data: LocalPageData, area: str) -> Any:
    """The compass chart of the chosen area (every round, and the compared area) and its table."""
    lang = data.lang
    names = _theme_names(lang)
    lines = _lines(data, area)
    compass = [
        CompassLine(
            label,
            tuple(_by_theme(rows).get(theme.id, (None, False))[0] for theme in THEMES),
        )
        for label, rows in lines
    ]
    columns = [Column(t("local_theme", lang))] + [Column(label, numeric=True) for label, _ in lines]
    table_rows = []
    for theme, name in zip(THEMES, names, strict=True):
        cells: list[Any] = [name]
        for _, rows in lines:
            value, withheld = _by_theme(rows).get(theme.id, (None, False))
            cells.append(_score_text(value, withheld, lang))
        table_rows.append(cells)
    counts: list[Any] = [t("local_respondents", lang)]
    for _, rows in lines:
        numbers = rows["respondents"].dropna()
        counts.append(format_number(float(numbers.max()), 0, lang) if len(numbers) else "–")
    table_rows.append(counts)
    caption = t("local_compass_caption", lang, area=_area_label(data, area))
    return html.Section(
        className="local-compass",
        **attrs({"aria-labelledby": "local-compass-title"}),
        children=[
            html.H2(caption, id="local-compass-title"),
            html.P(t("local_compass_help", lang)),
            html.Figure(
                [
                    dcc.Graph(
                        id="local-compass",
                        figure=compass_figure(names, compass, lang),
                        config=GRAPH_CONFIG,
                        className="graph",
                    ),
                    html.Figcaption(caption),
                ],
                className="figure",
            ),
            data_table(caption, columns, table_rows, table_id="local-compass-table"),
        ],
    )


def _statistic_text(row: StatisticRow, lang: str) -> str:
    if row.value is None:
        return row.status or t("missing", lang)
    shown_as_share = row.indicator.denominator is not None
    decimals = 1 if shown_as_share else row.indicator.decimals
    unit = pick(row.indicator.unit_sv, row.indicator.unit_en, lang)
    if shown_as_share:
        unit = row.indicator.share_unit(lang) or "%"
    return f"{format_number(row.value, decimals, lang)} {unit}"


def statistics_section(data: LocalPageData, area: str) -> Any:
    """The register statistics of the same area, beside the local data."""
    lang = data.lang
    title = t("local_statistics_title", lang, area=_area_label(data, area))
    if not data.statistics:
        body: Any = html.P(t("local_statistics_none", lang))
    else:
        body = data_table(
            title,
            [
                Column(t("local_stat_indicator", lang)),
                Column(t("local_period", lang)),
                Column(t("local_value", lang), numeric=True),
            ],
            [
                [
                    html.A(
                        pick(row.indicator.title_sv, row.indicator.title_en, lang),
                        href=with_lang(
                            f"/kommun/{data.municipality.code}/omraden",
                            lang,
                            {"indikator": row.indicator.id},
                        ),
                    ),
                    row.period,
                    _statistic_text(row, lang),
                ]
                for row in data.statistics
            ],
            table_id="local-statistics-table",
        )
    return html.Section(
        className="local-statistics",
        **attrs({"aria-labelledby": "local-statistics-title"}),
        children=[
            html.H2(title, id="local-statistics-title"),
            html.P(t("local_statistics_help", lang)),
            body,
        ],
    )


def measures_section(data: LocalPageData) -> Any:
    """Every value of an area-measure dataset as a table (the measure's own unit beside it)."""
    lang = data.lang
    caption = data.chosen.title if data.chosen else ""
    rows = [
        [
            _area_label(data, str(r.area_code)),
            str(r.item),
            str(r.period),
            format_number(optional_float(r.value), 1, lang) or t("missing", lang),
            str(r.unit or ""),
        ]
        for r in data.values.itertuples(index=False)
    ]
    return data_table(
        caption,
        [
            Column(t("local_area", lang)),
            Column(t("local_measure", lang)),
            Column(t("local_period", lang)),
            Column(t("local_value", lang), numeric=True),
            Column(t("local_unit", lang)),
        ],
        rows,
        table_id="local-measures-table",
    )


def _choices(data: LocalPageData) -> Any:
    lang = data.lang
    codes = list(dict.fromkeys(data.values["area_code"]))
    options = [(code, _area_label(data, code)) for code in codes]
    params = data.params()
    return state_form(
        local_path(data.municipality.code),
        lang,
        [
            select_field("area", t("local_choose_area", lang), options, data.area),
            select_field(
                "compare",
                t("local_choose_compare", lang),
                [("", t("local_no_compare", lang)), *options],
                data.compare,
            ),
        ],
        [
            hidden_field("dataset", params["dataset"]),
            hidden_field("version", params["version"]),
            hidden_field("lang", lang if lang != "sv" else None),
        ],
    )


def _dataset_links(data: LocalPageData) -> Any:
    lang = data.lang
    return html.Nav(
        **attrs({"aria-label": t("local_datasets", lang)}),
        children=html.Ul(
            [
                html.Li(
                    html.A(
                        d.title,
                        href=with_lang(
                            local_path(data.municipality.code), lang, {"dataset": d.slug}
                        ),
                        **attrs(
                            {"aria-current": "page"}
                            if data.chosen and d.slug == data.chosen.slug
                            else {}
                        ),
                    )
                )
                for d in data.datasets
            ]
        ),
    )


def render_local(data: LocalPageData) -> Content:
    """The page's content."""
    lang, place = data.lang, data.municipality
    path = local_path(place.code)
    title = t("local_title", lang, place=place.name)
    children: list[Any] = [
        breadcrumbs(
            lang,
            [
                (t("nav_overview", lang), with_lang("/", lang)),
                (place.name, with_lang(f"/kommun/{place.code}", lang)),
                (t("local_nav", lang), None),
            ],
        ),
        html.H1(title),
        html.P(
            html.A(
                t("local_publish_link", lang),
                href=with_lang(f"{path}/publicera", lang),
                id="local-publish-link",
            )
        ),
    ]
    notice = problems_notice(data.problems, lang, with_lang(path, lang))
    if notice is not None:
        children.append(notice)
    if data.chosen is None:
        children.append(html.P(t("local_none", lang, place=place.name), id="local-none"))
        return Content(lang, path, title, children)
    children += [_dataset_links(data), html.H2(data.chosen.title), _notice(data, data.chosen)]
    params = data.params()
    if data.chosen.kind == "platskompassen" and data.area:
        children += [
            _choices(data),
            html.Div(
                className="local-side-by-side",
                children=[compass_section(data, data.area), statistics_section(data, data.area)],
            ),
        ]
    else:
        children.append(measures_section(data))
    children.append(
        link_list(
            file_links(
                f"{DOWNLOAD_STEM}/{place.code}",
                {"dataset": params["dataset"], "version": params["version"], "lang": lang},
                lang,
                text=lambda fmt: t("local_download", lang, format=fmt),
                id_prefix="local-download",
            )
        )
    )
    return Content(lang, path, title, children, params)
