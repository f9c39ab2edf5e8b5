"""Indicator ``/indikator/<id>``: the page around its five views, drawn from its data.

Every choice (county, municipality, peer group, gender, year, level, tab, sort order,
language) is a query parameter. The choices are native form controls and links: a change
navigates to the new URL inside the app (``assets/levande.js``) and the page is rendered
for it, so a link always reproduces what was on screen, the browser's back button works,
and the page also works without JavaScript (the form's button submits the same URL).

Everything here is a pure function of :class:`~levande.dashboard.indicator.data.IndicatorData`;
each view has its module (``chart``, ``map``, ``table``, ``about``, ``download``).
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from levande.dashboard.components import attrs
from levande.dashboard.components.embed import embed_snippet
from levande.dashboard.components.facts import facts_list
from levande.dashboard.components.forms import (
    choice_set,
    hidden_field,
    select_field,
    state_form,
)
from levande.dashboard.components.messages import problems_notice
from levande.dashboard.components.shell import breadcrumbs, copy_link
from levande.dashboard.components.status import status_badge
from levande.dashboard.components.values import (
    breakdown_label,
    direction_text,
    focus_area_name,
    indicator_title,
    unit_of,
    value_text,
)
from levande.dashboard.i18n import format_period, month_name, pick, t
from levande.dashboard.indicator.about import failure_words, render_about
from levande.dashboard.indicator.chart import render_chart
from levande.dashboard.indicator.common import state_choices, target_text
from levande.dashboard.indicator.data import AboutView, ChartData, IndicatorData, MapView, TableView
from levande.dashboard.indicator.download import render_download
from levande.dashboard.indicator.map import render_map
from levande.dashboard.indicator.params import TABS, IndicatorState
from levande.dashboard.indicator.table import render_table
from levande.dashboard.page import Content, NotFound, not_found_content
from levande.dashboard.urls import with_lang
from levande.indicators.core.vocabulary import SLUG_OF_GROUP, StatusGroup

# --- controls --------------------------------------------------------------------------------


def controls(data: IndicatorData) -> Any:
    """The form with every choice; a native select per parameter."""
    state, facts, choices, lang = data.state, data.facts, data.choices, data.lang
    none = ("", t("none_chosen", lang))
    compare = [
        select_field("lan", t("choose_lan", lang), [none, *choices.lan], state.lan),
        select_field("kommun", t("choose_kommun", lang), [none, *choices.kommun], state.kommun),
        select_field("peer", t("choose_peer", lang), [none, *choices.peers], state.peer),
    ]
    if len(facts.breakdowns) > 1:
        compare.append(
            select_field(
                "breakdown",
                t("choose_breakdown", lang),
                [(b, breakdown_label(b, lang)) for b in facts.breakdowns],
                state.breakdown,
            )
        )
    periods = facts.periods.get(state.level, ())
    where = (
        [
            select_field(
                "year",
                t("choose_year", lang),
                [(p, format_period(p, lang)) for p in reversed(periods)],
                state.year,
            )
        ]
        if periods
        else []
    )
    if len(facts.levels) > 1:
        where.append(
            select_field(
                "level",
                t("choose_level", lang),
                [(lv, t(f"level_{lv}", lang)) for lv in facts.levels],
                state.level,
            )
        )
    kept = (
        ("lang", state.lang if state.lang != "sv" else None),
        ("tab", state.tab if state.tab != "chart" else None),
        ("gender", "1" if state.gender else None),
        ("sort", state.sort if state.sort != "rank" else None),
        ("show", state.show if state.show != "value" else None),
        ("status", state.status),
        ("months", "1" if state.months else None),
    )
    form = state_form(
        state.path,
        lang,
        [choice_set(t("choices", lang), [html.Div(compare + where, className="controls__grid")])],
        [hidden_field(name, value) for name, value in kept if value],
    )
    chosen = sum(
        1
        for value in (state.lan, state.kommun, state.peer, state.gender, state.breakdown != "T")
        if value
    )
    # Open on a wide screen; on a phone assets/levande.js folds it into one line, so the
    # view comes up sooner, until the reader opens it.
    return html.Details(
        [html.Summary(t("choices_summary", lang, n=chosen), className="choices__summary"), form],
        open=True,
        className="choices",
        id="choices",
        **attrs({"data-fold-narrow": "1"}),
    )


def months_note(data: IndicatorData) -> Any:
    """For a monthly table: which month stands for the year, and the link to every month.

    None for an indicator whose periods are what the source publishes once a year.
    """
    month = data.info.annual_month
    if month is None:
        return None
    state, lang = data.state, data.lang
    name = month_name(month, lang)
    if state.months:
        text = t("months_all", lang, month=name)
        link = dcc.Link(
            t("months_show_annual", lang),
            href=state.href(months=False, year=None),
            id="months-link",
        )
    else:
        text = t("months_annual", lang, month=name)
        link = dcc.Link(t("months_show_all", lang), href=state.href(months=True), id="months-link")
    return html.P([text, " ", link], className="note", id="months-note")


def tabs(state: IndicatorState) -> Any:
    """The views as links; the current one is marked for assistive technology too."""
    label = t("views_label", state.lang)
    return state_choices(
        state, "tab", TABS, label, block="tabs", aria_current="page", id_prefix="tab"
    )


# --- the page --------------------------------------------------------------------------------


def summary(data: IndicatorData) -> Any:
    """The nation's status and latest value, the unit, the direction and the target."""
    info, national, lang = data.info, data.national, data.lang
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
                    value=value_text(info, national.latest_value, lang, level="riket"),
                    period=format_period(national.latest_period, lang),
                ),
            )
        )
    on_track = on_track_link(data)
    if on_track is not None:
        items.append((t("kommuner_on_track", lang), on_track))
    items += [
        (t("unit", lang), unit_of(info, lang)),
        (t("direction", lang), direction_text(info, lang)),
    ]
    target = target_text(info, lang)
    if target is not None:
        items.append((t("target", lang), target))
    return facts_list(items, class_name="facts facts--columns")


def on_track_link(data: IndicatorData) -> Any:
    """The text «X av 290 kommuner på rätt spår», linking to the ranking of exactly those."""
    groups, state, lang = data.kommun_groups, data.state, data.lang
    total = sum(groups.values())
    if not total or total == groups.get(StatusGroup.NO_DATA, 0):
        return None
    slug = SLUG_OF_GROUP[StatusGroup.IMPROVING]
    return dcc.Link(
        t("tile_on_track", lang, n=groups.get(StatusGroup.IMPROVING, 0), total=total),
        href=state.href(tab="table", level="kommun", status=slug, show="status", sort="rank"),
        id="on-track-link",
        className="on-track-link",
    )


def no_data_notice(data: IndicatorData) -> Any:
    """Why an indicator has no values yet: never fetched, or the source's last error."""
    lang, about = data.lang, data.about
    reason = (
        t("no_data_reason_error", lang, error=failure_words(about, lang))
        if about is not None and about.last_error
        else t("no_data_reason_never", lang)
    )
    return html.Div(
        [html.P(html.Strong(t("no_data_indicator", lang))), html.P(reason)],
        className="notice notice--nodata",
        id="no-data",
    )


def view(data: IndicatorData) -> list[Any]:
    """The view the state shows, drawn by its module."""
    shown = data.view
    if isinstance(shown, ChartData):
        return render_chart(data, shown)
    if isinstance(shown, MapView):
        return render_map(data, shown)
    if isinstance(shown, TableView):
        return render_table(data, shown)
    if isinstance(shown, AboutView):
        return render_about(data, shown)
    return render_download(data)


EMBEDDABLE_TABS = ("chart", "map")
"""The views another site may embed; the snippet is shown under them."""


def embed_title(data: IndicatorData) -> str:
    """The title of an embedded view: the indicator and the view (for the frame's title)."""
    return f"{indicator_title(data.info, data.lang)} – {t(f'tab_{data.state.tab}', data.lang)}"


def render_embed(data: IndicatorData) -> Content:
    """The view on screen as an embeddable view: the indicator's title and the view alone."""
    state, lang = data.state, data.lang
    children = [
        html.H1(embed_title(data), className="embed-title"),
        html.Section(view(data), id="view", className=f"view view--{state.tab}"),
    ]
    params = {k: v for k, v in state.params().items() if k != "lang"}
    return Content(lang, state.path, embed_title(data), children, params)


def render(data: IndicatorData | NotFound, site: str = "") -> Content:
    """The indicator page: header, summary, choices, the views' tabs and the view on screen.

    Args:
        data: the page's data, or what was not found.
        site: the site's address, for the embed snippet under an embeddable view.
    """
    if isinstance(data, NotFound):
        return not_found_content(data)
    if data.state.embed:
        return render_embed(data)
    info, state, lang = data.info, data.state, data.lang
    title = indicator_title(info, lang)
    trail: list[tuple[str, str | None]] = [(t("nav_overview", lang), with_lang("/", lang))]
    if data.focus_area is not None:
        fa = data.focus_area
        trail.append((focus_area_name(fa, lang), with_lang(f"/omrade/{fa.id}", lang)))
    trail.append((title, None))
    children: list[Any] = [
        breadcrumbs(lang, trail),
        html.P(t("indicator", lang), className="kicker"),
        html.H1(title),
    ]
    notice = problems_notice(state.problems, lang, state.href())
    if notice is not None:
        children.append(notice)
    children.append(html.P(pick(info.description_sv, info.description_en, lang), className="lead"))
    children.append(summary(data))
    children.append(copy_link(lang))
    if not data.has_data:
        children.append(no_data_notice(data))
    children.append(controls(data))
    note = months_note(data)
    if note is not None:
        children.append(note)
    children.append(tabs(state))
    children.append(html.Section(view(data), id="view", className=f"view view--{state.tab}"))
    if state.tab in EMBEDDABLE_TABS:
        src = site + state.href(embed=True)
        children.append(
            embed_snippet(src, embed_title(data), lang, height=560, snippet_id="embed-code")
        )
    params = {k: v for k, v in state.params().items() if k != "lang"}
    return Content(lang, state.path, title, children, params)
