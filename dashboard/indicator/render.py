"""Indicator ``/indikator/<id>``: chart, map, table, about and download, all from the URL.

Every choice (county, municipality, peer group, gender, year, level, tab, sort order,
language) is a query parameter. The choices are native form controls and links: a change
navigates to the new URL inside the app (``assets/levande.js``) and this layout renders the
view for it, so a link always reproduces what was on screen, the browser's back button works,
and the page also works without JavaScript (the form's button submits the same URL).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote, unquote

import dash
from dash import dcc, html

from levande.dashboard.components import attrs
from levande.dashboard.components.messages import problems_notice
from levande.dashboard.components.shell import breadcrumbs
from levande.dashboard.components.source import source_line
from levande.dashboard.components.status import status_badge, status_text
from levande.dashboard.components.tables import Column, data_table
from levande.dashboard.context import AppContext
from levande.dashboard.i18n import format_datetime, format_number, format_percent, pick, t
from levande.dashboard.indicator.data import (
    breakdown_label,
    cell_text,
    chart_data,
    group_label,
    map_data,
    table_data,
)
from levande.dashboard.indicator.figures import MapLabels, Target, map_figure, series_figure
from levande.dashboard.indicator.params import (
    MAP_LEVELS,
    TABS,
    Facts,
    IndicatorState,
    parse_indicator_state,
)
from levande.dashboard.page import (
    credit_for,
    dash_layout,
    error_page,
    focus_area_name,
    guarded,
    indicator_title,
    shell,
    unit_of,
    value_text,
)
from levande.dashboard.urls import echo, first, href, lang_from, with_lang
from levande.indicators.reads import queries as q

TEMPLATE = "/indikator/<indicator_id>"
GRAPH_CONFIG: Any = {"displayModeBar": False, "responsive": True}
MAP_CONFIG: Any = {**GRAPH_CONFIG, "topojsonURL": "/geo/topojson/", "scrollZoom": False}


def register() -> None:
    """Register the page's route with Dash."""
    dash.register_page(  # type: ignore[no-untyped-call]
        __name__, path_template=TEMPLATE, name="indicator", title=t("product"), layout=layout
    )


def _path(indicator_id: object = "", **_: Any) -> str:
    return f"/indikator/{first(indicator_id) or ''}"


def facts_for(ctx: AppContext, info: q.IndicatorInfo) -> Facts:
    """What the URL may choose for this indicator, from the database."""
    engine = ctx.engine
    levels = tuple(lv for lv in MAP_LEVELS if lv in info.levels) or MAP_LEVELS
    return Facts(
        kommuner=frozenset(r.code for r in q.regions(engine, "kommun")),
        lan=frozenset(r.code for r in q.regions(engine, "lan")),
        peers=frozenset(g.id for g in q.peer_groups(engine)),
        periods={lv: q.periods(engine, info.id, lv) for lv in MAP_LEVELS},
        breakdowns=q.breakdowns(engine, info.id) or ("T",),
        levels=levels,
    )


# --- controls --------------------------------------------------------------------------------


def _select(name: str, label: str, options: Sequence[tuple[str, str]], selected: str | None) -> Any:
    control_id = f"choose-{name}"
    return html.Div(
        className="field",
        children=[
            html.Label(label, htmlFor=control_id),
            html.Select(
                id=control_id,
                name=name,
                className="field__select",
                children=[
                    html.Option(text, value=value, selected=(value == (selected or "")))
                    for value, text in options
                ],
            ),
        ],
    )


def _hidden(name: str, value: str | None) -> Any:
    if not value:
        return None
    return dcc.Input(type="hidden", name=name, value=value, id=f"keep-{name}")


def controls(ctx: AppContext, info: q.IndicatorInfo, state: IndicatorState, facts: Facts) -> Any:
    """The form with every choice; a native select per parameter."""
    lang = state.lang
    engine = ctx.engine
    none = ("", t("none_chosen", lang))
    lan_options = [none] + [
        (r.code, r.name) for r in sorted(q.regions(engine, "lan"), key=lambda r: r.name)
    ]
    kommun_options = [none] + [
        (r.code, r.name) for r in sorted(q.regions(engine, "kommun"), key=lambda r: r.name)
    ]
    peer_options = [none] + [(g.id, group_label(ctx, g, lang)) for g in q.peer_groups(engine)]
    compare = [
        _select("lan", t("choose_lan", lang), lan_options, state.lan),
        _select("kommun", t("choose_kommun", lang), kommun_options, state.kommun),
        _select("peer", t("choose_peer", lang), peer_options, state.peer),
    ]
    if len(facts.breakdowns) > 1:
        compare.append(
            _select(
                "breakdown",
                t("choose_breakdown", lang),
                [(b, breakdown_label(b, lang)) for b in facts.breakdowns],
                state.breakdown,
            )
        )
    periods = facts.periods.get(state.level, ())
    where = (
        [_select("year", t("choose_year", lang), [(p, p) for p in reversed(periods)], state.year)]
        if periods
        else []
    )
    if len(facts.levels) > 1:
        where.append(
            _select(
                "level",
                t("choose_level", lang),
                [(lv, t(f"level_{lv}", lang)) for lv in facts.levels],
                state.level,
            )
        )
    hidden = [
        _hidden("lang", state.lang if state.lang != "sv" else None),
        _hidden("tab", state.tab if state.tab != "chart" else None),
        _hidden("gender", "1" if state.gender else None),
        _hidden("sort", state.sort if state.sort != "rank" else None),
    ]
    return html.Form(
        id="state-form",
        className="controls",
        method="get",
        action=state.path,
        **attrs({"data-state-form": "1"}),
        children=[
            html.Fieldset(
                [
                    html.Legend(t("choices", lang)),
                    html.Div(compare + where, className="controls__grid"),
                ],
                className="controls__set",
            ),
            *[h for h in hidden if h is not None],
            html.Button(t("apply", lang), type="submit", className="button controls__submit"),
        ],
    )


def tabs(state: IndicatorState) -> Any:
    """The views as links; the current one is marked for assistive technology too."""
    lang = state.lang
    items = []
    for tab in TABS:
        current = tab == state.tab
        items.append(
            html.Li(
                html.A(
                    t(f"tab_{tab}", lang),
                    href=state.href(tab=tab),
                    id=f"tab-{tab}",
                    className="tabs__link" + (" tabs__link--current" if current else ""),
                    **attrs({"aria-current": "page"} if current else {}),
                    **attrs({"data-inplace": "tab"}),
                )
            )
        )
    return html.Nav(
        html.Ul(items, className="tabs__list"),
        className="tabs",
        **attrs({"aria-label": t("views_label", lang)}),
    )


# --- views -----------------------------------------------------------------------------------


def _source(ctx: AppContext, info: q.IndicatorInfo, about: q.AboutInfo | None, lang: str) -> Any:
    """The source line under a figure: credit, update at the source, our last fetch."""
    if about is None:
        return source_line(credit_for(ctx, info, lang), None, lang)
    updated = about.source_updated or about.publication_date
    return source_line(credit_for(ctx, info, lang), about.last_fetched, lang, updated)


def _value_cell(info: q.IndicatorInfo, value: object, symbol: object, lang: str) -> str:
    text = cell_text(info, value, lang)
    if text:
        return text
    symbol_text = (
        "" if symbol is None or (isinstance(symbol, float)) or symbol == "" else f" ({symbol})"
    )
    return t("missing", lang) + symbol_text


def chart_view(
    ctx: AppContext, info: q.IndicatorInfo, state: IndicatorState, about: q.AboutInfo | None
) -> list[Any]:
    """The time series with peer band and target, its caption, source and data table."""
    lang = state.lang
    data = chart_data(ctx, info, state)
    lines = data.lines.copy()
    lines["text"] = [
        _value_cell(info, v, s, lang)
        + (f" {unit_of(info, lang)}" if cell_text(info, v, lang) else "")
        for v, s in zip(lines["value"], lines["status"], strict=True)
    ]
    target = None
    if (
        info.target_value is not None
        and info.target_year is not None
        and info.direction != "neutral"
    ):
        target = Target(
            info.target_value,
            t(
                "target_line",
                lang,
                value=format_number(info.target_value, info.decimals, lang),
                year=info.target_year,
            ),
        )
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
    gender_link = None
    if "K" in q.breakdowns(ctx.engine, info.id) and "M" in q.breakdowns(ctx.engine, info.id):
        gender_link = html.P(
            html.A(
                t("gender_compare_off" if state.gender else "gender_compare_on", lang),
                href=state.href(gender=not state.gender),
                id="gender-toggle",
                className="button button--secondary",
                **attrs({"data-inplace": "gender"}),
            )
        )
        out.append(gender_link)
    if lines["value"].notna().sum() == 0:
        out.append(html.P(t("chart_no_data", lang), className="empty", id="chart-empty"))
    else:
        figure = series_figure(
            lines,
            data.band if data.band is not None and not data.band.empty else None,
            target=target,
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
    out.append(_source(ctx, info, about, lang))
    if lines["aggregation"].eq(q.MUNICIPAL_MEAN).any():
        out.append(html.P(t("municipal_mean_long", lang), className="note"))
    out.append(_chart_table(info, lines, data.band, lang, caption))
    return out


def _chart_table(info: q.IndicatorInfo, lines: Any, band: Any, lang: str, caption: str) -> Any:
    names = list(dict.fromkeys(lines["name"]))
    periods = sorted(set(lines["period"]))
    cells: dict[tuple[str, str], str] = {}
    for row in lines.itertuples(index=False):
        cells[(str(row.name), str(row.period))] = _value_cell(info, row.value, row.status, lang)
    columns = [Column(t("col_period", lang))] + [Column(n, numeric=True) for n in names]
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
        extra = [(f"{label}: 25 %", q1), (f"{label}: 75 %", q3)]
        columns += [Column(name, numeric=True) for name, _ in extra]
    rows = [
        [p]
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


def _rank_text(rank: object, rank_of: object, lang: str) -> str:
    if rank is None or rank_of is None or str(rank) in ("<NA>", "nan"):
        return t("map_hover_no_rank", lang)
    try:
        return t("map_hover_rank", lang, rank=int(rank), of=int(rank_of))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return t("map_hover_no_rank", lang)


def map_view(
    ctx: AppContext, info: q.IndicatorInfo, state: IndicatorState, about: q.AboutInfo | None
) -> list[Any]:
    """The choropleth for one year, level and breakdown, its source and data table."""
    lang = state.lang
    year = state.year or "–"
    out: list[Any] = [html.H2(t("map_heading", lang, year=year))]
    frame = map_data(ctx, info, state)
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
    has_geo = q.boundaries(ctx.engine, state.level) is not None
    if frame.empty or state.year is None:
        out.append(html.P(t("chart_no_data", lang), className="empty"))
    elif not has_geo:
        out.append(html.P(t("map_no_boundaries", lang), className="note", id="map-no-boundaries"))
    else:
        frame = frame.copy()
        frame["text"] = [
            f"<b>{name}</b><br>{_value_cell(info, v, s, lang)}"
            + (f" {unit_of(info, lang)}" if cell_text(info, v, lang) else "")
            + f"<br>{_rank_text(r, ro, lang)}"
            + (f"<br>({t('municipal_mean', lang)})" if agg == q.MUNICIPAL_MEAN else "")
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
        version = q.cache_for(ctx.engine).version()
        geo_url = href(f"/geo/{state.level}.json", {"v": _short(version)})
        figure = map_figure(frame, geo_url, direction=info.direction, labels=labels, lang=lang)
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
    out.append(_source(ctx, info, about, lang))
    if frame["aggregation"].eq(q.MUNICIPAL_MEAN).any():
        out.append(html.P(t("municipal_mean_long", lang), className="note"))
    rows = [
        [
            str(r.region_name),
            _value_cell(info, r.value, r.status, lang),
            _rank_text(r.rank, r.rank_of, lang),
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
            open=not has_geo,
        )
    )
    return out


def _short(version: str) -> str:
    import hashlib

    return hashlib.sha1(version.encode("utf-8")).hexdigest()[:10]


def _sort_header(state: IndicatorState, key: str, label: str) -> tuple[Any, str | None]:
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


def table_view(
    ctx: AppContext, info: q.IndicatorInfo, state: IndicatorState, about: q.AboutInfo | None
) -> list[Any]:
    """The sortable ranking with change since the previous period and statuses."""
    lang = state.lang
    year = state.year or "–"
    frame = table_data(ctx, info, state)
    out: list[Any] = [html.H2(t("table_heading", lang, year=year))]
    previous = frame["previous_period"].dropna()
    prev_label = (
        t("col_change", lang, period=str(previous.iloc[0]))
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
        link, aria = _sort_header(state, key, label)
        columns.append(Column(link, numeric=numeric, sort=aria))
    columns += [Column(t("col_status", lang)), Column(t("col_note", lang))]
    rows = []
    for r in frame.itertuples(index=False):
        notes = []
        symbol = r.status
        if isinstance(symbol, str) and symbol:
            notes.append(t("source_symbol", lang, symbol=symbol))
        if r.aggregation == q.MUNICIPAL_MEAN:
            notes.append(t("municipal_mean", lang))
        change = cell_text(info, r.change, lang, signed=True)
        if not change:
            change = t("no_previous", lang) if r.previous_period is None else t("missing", lang)
        rank = "" if str(r.rank) in ("<NA>", "nan", "None") else str(r.rank)
        rows.append(
            [
                rank,
                dcc.Link(
                    str(r.region_name),
                    href=with_lang(f"/{state.level}/{r.region_code}", lang),
                    className="profile-link",
                ),
                _value_cell(info, r.value, None, lang),
                change,
                status_badge(r.series_status, lang) if isinstance(r.series_status, str) else "",
                "; ".join(notes),
            ]
        )
    caption_key = "table_caption_neutral" if info.direction == "neutral" else "table_caption"
    caption = t(
        caption_key,
        lang,
        title=indicator_title(info, lang),
        level=t(f"level_{state.level}", lang).lower(),
        breakdown=breakdown_label(state.breakdown, lang).lower(),
        year=year,
    )
    out.append(data_table(caption, columns, rows, row_header=1, table_id="ranking-table"))
    out.append(_source(ctx, info, about, lang))
    return out


def _dl(items: Sequence[tuple[str, Any]]) -> Any:
    return html.Dl(
        [html.Div([html.Dt(k), html.Dd(v)]) for k, v in items if v not in (None, "")],
        className="facts",
    )


def _explain(ctx: AppContext, info: q.IndicatorInfo, state: IndicatorState) -> list[Any]:
    lang = state.lang
    code = state.kommun or state.lan or "00"
    region = q.region(ctx.engine, code)
    name = t("riket", lang) if code == "00" or region is None else region.name
    out: list[Any] = [
        html.H3(t("explain_heading", lang), id="explain-heading"),
        html.P(
            t(
                "explain_for",
                lang,
                region=name,
                breakdown=breakdown_label(state.breakdown, lang).lower(),
            )
        ),
    ]
    exp = q.status_of(ctx.engine, info.id, code, state.breakdown)
    if exp is None:
        out.append(html.P(t("explain_none", lang)))
        return out

    def val(v: float | None) -> str:
        return value_text(info, v, lang) if v is not None else ""

    thresholds = ""
    if any(x is not None for x in exp.thresholds):
        if exp.kind == "target":
            thresholds = ", ".join(
                format_number(x, 2, lang) for x in exp.thresholds if x is not None
            )
        else:
            thresholds = ", ".join(
                format_percent(x, lang, 1) for x in exp.thresholds if x is not None
            )
    items: list[tuple[str, Any]] = [
        (t("status_label", lang), status_badge(exp.status, lang, manual=exp.manual)),
        (
            t("explain_base", lang),
            f"{exp.base_period}: {val(exp.base_value)}" if exp.base_period else "",
        ),
        (
            t("explain_latest", lang),
            f"{exp.latest_period}: {val(exp.latest_value)}" if exp.latest_period else "",
        ),
        (
            t("explain_target", lang),
            t("target_text", lang, value=val(exp.target_value), year=exp.target_year)
            if exp.target_value is not None
            else "",
        ),
        (
            t("explain_observed", lang),
            t("explain_per_year", lang, value=format_percent(exp.observed_cagr, lang))
            if exp.observed_cagr is not None
            else "",
        ),
        (
            t("explain_required", lang),
            t("explain_per_year", lang, value=format_percent(exp.required_cagr, lang))
            if exp.required_cagr is not None
            else "",
        ),
        (
            t("explain_score", lang),
            format_number(exp.score, 3, lang) if exp.score is not None else "",
        ),
        (t("explain_thresholds", lang), thresholds),
        (t("explain_points", lang), str(exp.n_points) if exp.n_points is not None else ""),
        (t("explain_reason", lang), t(f"reason_{exp.reason}", lang) if exp.reason else ""),
    ]
    out.append(_dl(items))
    if exp.manual and exp.computed_status:
        out.append(
            html.P(t("explain_manual", lang, computed=status_text(exp.computed_status, lang)))
        )
        comment = pick(info.manual_comment_sv, info.manual_comment_en, lang)
        if comment:
            out.append(html.P(comment))
    out.append(html.P(t("explain_method", lang), className="muted"))
    return out


def _reproduce(about: q.AboutInfo | None, lang: str) -> list[Any]:
    out: list[Any] = [html.H3(t("reproduce_heading", lang), id="reproduce-heading")]
    if about is None or not about.requests:
        out.append(html.P(t("reproduce_none", lang)))
        return out
    if about.source == "kolada":
        plain = [r for r in about.requests if r.scope == "all"]
        means = [r for r in about.requests if r.scope != "all"]
        out.append(html.P(t("reproduce_kolada", lang)))
        out.append(
            html.Ul([html.Li(html.A(html.Code(r.url), href=r.url, className="url")) for r in plain])
        )
        if means:
            out.append(html.P(t("reproduce_kolada_mean", lang)))
            out.append(
                html.Ul(
                    [html.Li(html.A(html.Code(r.url), href=r.url, className="url")) for r in means]
                )
            )
        return out
    out.append(html.P(t("reproduce_scb", lang)))
    for r in about.requests:
        if r.scope != "all":
            out.append(html.H4(t("reproduce_scb_level", lang, level=t(f"level_{r.scope}", lang))))
        out.append(html.P(html.Code(f"POST {r.url}", className="url")))
        out.append(html.Pre(html.Code(r.body or ""), className="code", tabIndex="0"))
    return out


def about_view(
    ctx: AppContext, info: q.IndicatorInfo, state: IndicatorState, about: q.AboutInfo | None
) -> list[Any]:
    """Definition, source, freshness, "explain this status" and "reproduce this number"."""
    lang = state.lang
    direction = (
        t(f"direction_{info.direction}", lang)
        if info.direction in ("higher_is_better", "lower_is_better", "neutral")
        else info.direction
    )
    target = (
        t(
            "target_text",
            lang,
            value=value_text(info, info.target_value, lang),
            year=info.target_year,
        )
        if info.target_value is not None
        else t("no_target", lang)
    )
    out: list[Any] = [
        html.H2(t("about_heading", lang)),
        html.H3(t("definition", lang)),
        html.P(pick(info.description_sv, info.description_en, lang), id="definition"),
        _dl(
            [
                (t("unit", lang), unit_of(info, lang)),
                (t("direction", lang), direction),
                (t("target", lang), target),
                (t("notes", lang), pick(info.notes_sv, info.notes_en, lang)),
            ]
        ),
        html.H3(t("source", lang)),
    ]
    if about is not None:
        source_name = {"scb": "SCB", "kolada": "Kolada"}.get(about.source, about.source)
        updated = (
            format_datetime(about.source_updated, lang)
            if about.source_updated is not None
            else (about.publication_date or t("unknown_time", lang))
        )
        source_items: list[tuple[str, Any]] = [
            (t("source", lang), credit_for(ctx, info, lang)),
            (t("source_id", lang), f"{source_name} {about.source_id}"),
            (
                t("source_table", lang),
                about.table_id if about.table_id and about.table_id != about.source_id else "",
            ),
            (t("source_title", lang), about.source_title or ""),
            (
                t("source_link", lang),
                html.A(about.source_link, href=about.source_link, className="url"),
            ),
            (t("source_updated", lang), updated),
            (t("last_fetched", lang), format_datetime(about.last_fetched, lang)),
            (t("last_error", lang), about.last_error or ""),
        ]
        out.append(_dl(source_items))
    out += _explain(ctx, info, state)
    out += _reproduce(about, lang)
    return out


def download_view(info: q.IndicatorInfo, state: IndicatorState) -> list[Any]:
    """Links to CSV and Excel files of the chart's and the table's data."""
    lang = state.lang
    params = {k: v for k, v in state.params().items() if k not in ("tab",)}

    def links(view: str, what: str) -> Any:
        items = []
        for fmt, label in (("csv", t("download_csv", lang)), ("xlsx", t("download_xlsx", lang))):
            items.append(
                html.Li(
                    html.A(
                        t("download_link", lang, what=what.lower(), format=label),
                        href=href(f"/ladda-ner/{info.id}.{fmt}", {"view": view, **params}),
                        id=f"download-{view}-{fmt}",
                        download="",
                        className="button button--secondary",
                    )
                )
            )
        return html.Ul(items, className="download-links")

    chart_label = t("download_chart", lang)
    table_label = t("download_table", lang, year=state.year or "–")
    return [
        html.H2(t("download_heading", lang)),
        html.P(t("download_intro", lang)),
        html.H3(chart_label),
        links("chart", chart_label),
        html.H3(table_label),
        links("table", table_label),
    ]


# --- the page --------------------------------------------------------------------------------


def _summary(ctx: AppContext, info: q.IndicatorInfo, lang: str) -> Any:
    national = q.status_of(ctx.engine, info.id, "00", "T")
    items: list[tuple[str, Any]] = [
        (
            t("national_status", lang),
            status_badge(
                national.status if national else None,
                lang,
                manual=bool(national and national.manual),
            ),
        ),
    ]
    if national is not None and national.latest_period:
        items.append(
            (
                t("latest_value", lang),
                t(
                    "latest_value_in",
                    lang,
                    value=value_text(info, national.latest_value, lang),
                    period=national.latest_period,
                ),
            )
        )
    items += [
        (t("unit", lang), unit_of(info, lang)),
        (
            t("direction", lang),
            t(f"direction_{info.direction}", lang)
            if info.direction in ("higher_is_better", "lower_is_better", "neutral")
            else info.direction,
        ),
    ]
    if info.target_value is not None:
        items.append(
            (
                t("target", lang),
                t(
                    "target_text",
                    lang,
                    value=value_text(info, info.target_value, lang),
                    year=info.target_year,
                ),
            )
        )
    return _dl(items)


def build(ctx: AppContext, indicator_id: object = "", **kwargs: Any) -> Any:
    """The indicator page for the URL's state."""
    lang, _ = lang_from(kwargs)
    ind_id = unquote(first(indicator_id) or "")
    path = f"/indikator/{quote(ind_id)}"
    info = q.indicator(ctx.engine, ind_id)
    if info is None:
        return error_page(
            ctx,
            lang,
            path,
            t("not_found_title", lang),
            t("unknown_indicator", lang, value=echo(ind_id)),
        )
    facts = facts_for(ctx, info)
    state = parse_indicator_state(info.id, kwargs, facts)
    lang = state.lang
    fa = q.focus_area(ctx.engine, info.focus_area_id)
    title = indicator_title(info, lang)
    trail: list[tuple[str, str | None]] = [(t("nav_overview", lang), with_lang("/", lang))]
    if fa is not None:
        trail.append((focus_area_name(fa, lang), with_lang(f"/omrade/{fa.id}", lang)))
    trail.append((title, None))
    about = q.about(
        ctx.engine,
        info.id,
        kolada_api_url=ctx.settings.kolada_api_url,
        scb_api_url=ctx.settings.scb_api_url,
    )
    children: list[Any] = [
        breadcrumbs(lang, trail),
        html.P(t("indicator", lang), className="kicker"),
        html.H1(title),
    ]
    notice = problems_notice(state.problems, lang, state.href())
    if notice is not None:
        children.append(notice)
    children.append(html.P(pick(info.description_sv, info.description_en, lang), className="lead"))
    children.append(_summary(ctx, info, lang))
    if not q.indicator_has_data(ctx.engine, info.id):
        reason = (
            t("no_data_reason_error", lang, error=about.last_error)
            if about is not None and about.last_error
            else t("no_data_reason_never", lang)
        )
        children.append(
            html.Div(
                [html.P(html.Strong(t("no_data_indicator", lang))), html.P(reason)],
                className="notice notice--nodata",
                id="no-data",
            )
        )
    children.append(controls(ctx, info, state, facts))
    children.append(tabs(state))
    if state.tab == "chart":
        view = chart_view(ctx, info, state, about)
    elif state.tab == "map":
        view = map_view(ctx, info, state, about)
    elif state.tab == "table":
        view = table_view(ctx, info, state, about)
    elif state.tab == "about":
        view = about_view(ctx, info, state, about)
    else:
        view = download_view(info, state)
    children.append(html.Section(view, id="view", className=f"view view--{state.tab}"))
    params = {k: v for k, v in state.params().items() if k != "lang"}
    return shell(ctx, lang=lang, path=path, params=params, title=title, children=children)


render = guarded(build, _path)
layout = dash_layout(render)
