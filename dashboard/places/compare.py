"""Compare ``/jamfor?places=0180,1480&ind=a,b``: several places over time, per indicator.

Up to ten places (the nation, counties, municipalities) and a few indicators, all in the URL:
one line chart per indicator with a line per place, the same values as a table beneath it,
and the whole selection as CSV or Excel. Places and indicators are added by typing part of a
name (a type-ahead that works as a plain form without JavaScript) and removed with links.
Everything here is a pure function of :class:`~levande.dashboard.places.data.CompareData`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from dash import dcc, html

from levande.dashboard.components import attrs
from levande.dashboard.components.figures import GRAPH_CONFIG
from levande.dashboard.components.file_links import file_links, link_list
from levande.dashboard.components.flags import with_flag_note
from levande.dashboard.components.forms import (
    choice_set,
    hidden_field,
    removable_chips,
    state_form,
)
from levande.dashboard.components.messages import problems_notice
from levande.dashboard.components.place_search import picker
from levande.dashboard.components.shell import breadcrumbs
from levande.dashboard.components.source import source_line
from levande.dashboard.components.tables import Column, data_table
from levande.dashboard.components.values import (
    cell_text,
    indicator_title,
    period_header,
    place_kind,
    region_name,
    unit_of,
)
from levande.dashboard.i18n import format_period, t
from levande.dashboard.page import Content
from levande.dashboard.places.data import CompareData
from levande.dashboard.places.figures import compare_figure
from levande.dashboard.places.params import CompareState, join_list, place_path
from levande.dashboard.urls import with_lang
from levande.indicators.core.catalogue import Indicator
from levande.indicators.core.vocabulary import MUNICIPAL_MEAN
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads import profiles as p

COMPARE_PATH = "/jamfor"


def place_name(region: dims.RegionInfo, lang: str) -> str:
    """A place's name as the comparison shows it ("Riket" / "Sweden" for the nation)."""
    return region_name(region.code, region.name, lang)


def _chips(state: CompareState, items: Sequence[tuple[str, str]], field: str, lang: str) -> Any:
    chosen = state.places if field == "places" else state.indicators
    links = []
    for code, name in items:
        rest = tuple(c for c in chosen if c != code)
        target = state.href(places=rest) if field == "places" else state.href(indicators=rest)
        links.append((code, name, target))
    return removable_chips(
        links, lang=lang, field=field, id_prefix=f"remove-{field}", list_id=f"chosen-{field}"
    )


def controls(data: CompareData) -> Any:
    """The form: chosen places and indicators, with links to remove them.

    Places and indicators are added with the type-ahead pickers beside it
    (:func:`~levande.dashboard.components.place_search.picker`), not lists of hundreds of
    names.
    """
    state, lang = data.state, data.lang
    regions = {r.code: r for r in data.regions}
    chosen_places = [(c, place_name(regions[c], lang)) for c in state.places if c in regions]
    infos = {i.id: i for i in data.indicators}
    chosen_ind = [(i, indicator_title(infos[i], lang)) for i in state.indicators if i in infos]
    place_fields: list[Any] = [
        html.P(t("compare_places_count", lang, n=len(state.places), max=p.MAX_COMPARE_PLACES)),
        _chips(state, chosen_places, "places", lang),
    ]
    ind_fields: list[Any] = [
        html.P(
            t(
                "compare_indicators_count",
                lang,
                n=len(state.indicators),
                max=p.MAX_COMPARE_INDICATORS,
            )
        ),
        _chips(state, chosen_ind, "ind", lang),
    ]
    return state_form(
        COMPARE_PATH,
        lang,
        [
            choice_set(t("compare_places_legend", lang), [f for f in place_fields if f]),
            choice_set(t("compare_indicators_legend", lang), [f for f in ind_fields if f]),
        ],
        [
            hidden_field("places", join_list(state.places)),
            hidden_field("ind", join_list(state.indicators)),
            *([hidden_field("peer", state.peer)] if state.peer else []),
            *([hidden_field("lang", lang)] if lang != "sv" else []),
        ],
        submit=False,
    )


def _value_text(info: Indicator, value: object, symbol: object, lang: str) -> str:
    text = cell_text(info, value, lang)
    if text:
        return text
    if isinstance(symbol, str) and symbol:
        return t("missing", lang) + " " + t("source_symbol_paren", lang, symbol=symbol)
    return t("missing", lang)


PEER_CODE = "peer-median"
"""The peer group's median among the places' lines (never a region's code)."""


def with_peer_median(data: CompareData, indicator_id: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The places' series and, when a peer group is chosen, its median as one more line."""
    median = data.peer_medians.get(indicator_id)
    if median is None or median.empty:
        return frame.copy()
    extra = pd.DataFrame(
        {
            "indicator_id": indicator_id,
            "region_code": PEER_CODE,
            "period": median["period"].astype(str),
            "value": median["value"].astype("float64"),
            "status": None,
            "aggregation": None,
        }
    )
    return pd.concat([frame, extra[[c for c in frame.columns if c in extra]]], ignore_index=True)


def peer_links(data: CompareData) -> Any:
    """One click to add the nation or the peer group's median; one to take the median away."""
    state, lang = data.state, data.lang
    items: list[Any] = []
    if "00" not in state.places and len(state.places) < p.MAX_COMPARE_PLACES:
        items.append(
            dcc.Link(
                t("compare_add_riket", lang),
                href=state.href(places=("00", *state.places)),
                id="compare-add-riket",
            )
        )
    if data.suggested_peer is not None:
        group, label = data.suggested_peer
        items.append(
            dcc.Link(
                t("compare_add_peer", lang, group=label),
                href=state.href(peer=group),
                id="compare-add-peer",
            )
        )
    if state.peer is not None:
        items.append(
            dcc.Link(
                t("compare_remove_peer", lang, group=data.peer_label),
                href=state.href(peer=None),
                id="compare-remove-peer",
            )
        )
    if not items:
        return None
    return html.Ul([html.Li(i) for i in items], className="compare-quick", id="compare-quick")


def indicator_view(
    data: CompareData, info: Indicator, frame: pd.DataFrame, names: dict[str, str]
) -> Any:
    """One indicator: the chart, its caption and source, and the table of the same values."""
    state, lang = data.state, data.lang
    title = indicator_title(info, lang)
    unit = unit_of(info, lang)
    lines = with_peer_median(data, info.id, frame)
    names = {**names, PEER_CODE: t("peer_median", lang, group=data.peer_label)}
    lines["name"] = [names.get(c, c) for c in lines["region_code"]]
    lines["text"] = [
        _value_text(info, v, s, lang) + (f" {unit}" if cell_text(info, v, lang) else "")
        for v, s in zip(lines["value"], lines["status"], strict=True)
    ]
    shown = [names[c] for c in state.places if c in names]
    caption = t("compare_caption", lang, title=title, unit=unit, places=", ".join(shown))
    body: list[Any] = [html.H2(title, id=f"compare-{info.id}")]
    if lines["value"].notna().sum() == 0:
        body.append(html.P(t("chart_no_data", lang), className="empty"))
    else:
        figure = compare_figure(lines, lang=lang, y_title=unit)
        body.append(
            html.Figure(
                [
                    dcc.Graph(
                        id=f"chart-{info.id}", figure=figure, config=GRAPH_CONFIG, className="graph"
                    ),
                    html.Figcaption(caption),
                ],
                className="figure",
            )
        )
    fresh = data.freshness.get(info.id)
    body.append(
        source_line(
            data.indicator_credits[info.id],
            fresh.last_fetched if fresh else None,
            lang,
            fresh.source_updated if fresh else None,
        )
    )
    periods = sorted({str(x) for x in lines["period"]})
    cells: dict[tuple[str, str], Any] = {}
    mean = False
    for r in lines.itertuples(index=False):
        text = _value_text(info, r.value, r.status, lang)
        if r.aggregation == MUNICIPAL_MEAN and cell_text(info, r.value, lang):
            text += "*"
            mean = True
        flagged = (info.id, str(r.region_code), str(r.period)) in data.flagged
        cells[(str(r.region_code), str(r.period))] = with_flag_note(text, flagged, lang)
    codes = [c for c in state.places if c in names]
    if (lines["region_code"] == PEER_CODE).any():
        codes.append(PEER_CODE)
    columns = [Column(period_header(periods, lang))] + [
        Column(names[c], numeric=True) for c in codes
    ]
    rows = [
        [format_period(period, lang)] + [cells.get((c, period), t("missing", lang)) for c in codes]
        for period in periods
    ]
    if rows:
        body.append(
            data_table(
                t("compare_table_caption", lang, title=title, unit=unit),
                columns,
                rows,
                table_id=f"table-{info.id}",
            )
        )
    if mean:
        body.append(html.P("* " + t("municipal_mean_long", lang), className="note"))
    return html.Section(body, className="compare-indicator", id=f"section-{info.id}")


def choices_fold(choices: list[Any], state: CompareState, lang: str) -> Any:
    """The choices in one fold, "Val (3 valda)", open on a wide screen.

    On a phone ``assets/levande.js`` folds it once places and indicators are chosen, so the
    first chart comes up on the first screen; with nothing chosen yet it stays open. The
    one-click additions (the nation, the peer group's median) are in it, after the lists.
    """
    chosen = len(state.places) + len(state.indicators)
    fold = {"data-fold-narrow": "1"} if state.places and state.indicators else {}
    return html.Details(
        [
            html.Summary(t("choices_summary", lang, n=chosen), className="choices__summary"),
            *choices,
        ],
        open=True,
        className="choices choices--compare",
        id="choices",
        **attrs(fold),
    )


def render_compare(data: CompareData) -> Content:
    """The comparison for the URL's places and indicators."""
    state, lang = data.state, data.lang
    title = t("compare_title", lang)
    children: list[Any] = [
        breadcrumbs(lang, [(t("nav_overview", lang), with_lang("/", lang)), (title, None)]),
        html.H1(title),
    ]
    notice = problems_notice(state.problems, lang, state.href())
    if notice is not None:
        children.append(notice)
    children.append(html.P(t("compare_intro", lang), className="lead"))
    choices: list[Any] = [controls(data)]
    # Each picker's form carries the page's other choices, so it leads to the whole state.
    kept = [
        ("places", join_list(state.places) or ""),
        ("ind", join_list(state.indicators) or ""),
        ("peer", state.peer or ""),
    ]
    pickers = (
        ("places", "add_place", "places", len(state.places) < p.MAX_COMPARE_PLACES),
        ("indicators", "add_ind", "ind", len(state.indicators) < p.MAX_COMPARE_INDICATORS),
    )
    for kind, name, append_to, room in pickers:
        if room:
            choices.append(
                picker(
                    lang,
                    kind,
                    action=COMPARE_PATH,
                    name=name,
                    append_to=append_to,
                    hidden=kept,
                    version=data.version,
                )
            )
    quick = peer_links(data)
    if quick is not None:
        choices.append(quick)
    children.append(choices_fold(choices, state, lang))
    regions = {r.code: r for r in data.regions}
    names = {c: place_name(regions[c], lang) for c in state.places if c in regions}
    if data.series is None:
        children.append(html.P(t("compare_choose", lang), className="empty", id="compare-empty"))
    else:
        profile_links = [
            html.Li(
                dcc.Link(
                    t(
                        "profile_of",
                        lang,
                        place=names[c],
                        kind=place_kind(regions[c], lang).lower(),
                    ),
                    href=with_lang(place_path(regions[c]), lang),
                )
            )
            for c in state.places
            if regions[c].level in p.PLACE_LEVELS
        ]
        downloads = link_list(
            file_links(
                "/ladda-ner/jamfor",
                state.params(),
                lang,
                text=lambda label: t("download_compare", lang, format=label),
                id_prefix="download-compare",
            )
        )
        infos = {i.id: i for i in data.indicators}
        frame = data.series
        for ind in state.indicators:
            part = frame[frame["indicator_id"] == ind]
            children.append(indicator_view(data, infos[ind], part, names))
        # The files after the charts: on a phone the first chart comes up on the first screen.
        children.append(downloads)
        if profile_links:
            children.append(
                html.Section(
                    [html.H2(t("compare_profiles", lang)), html.Ul(profile_links)],
                    id="compare-profiles",
                )
            )
    params = {k: v for k, v in state.params().items() if k != "lang"}
    return Content(lang, COMPARE_PATH, title, children, params)
