"""Profiles ``/kommun/<code>`` and ``/lan/<code>``: every indicator for one place.

The page puts together the parts of :mod:`dashboard.place_views`: the peer group (in the URL:
``peer`` and, for a custom group, ``peers``), the whole picture, what changed in the latest
refresh, the coverage matrix and, per focus area and sub-goal, each indicator against the
nation, the county and the peer group. ``print=1`` gives the printable layout: the same
content with the print header, without the controls, ready for ``assets/places.css``'s A4
print rules.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote, unquote

import dash
from dash import dcc, html

from levande.dashboard.components import attrs
from levande.dashboard.components.messages import friendly_error, problems_notice
from levande.dashboard.components.place_search import SEARCH_PATH, place_search
from levande.dashboard.components.shell import breadcrumbs
from levande.dashboard.context import AppContext
from levande.dashboard.i18n import STOCKHOLM, t
from levande.dashboard.page import dash_layout, guarded, shell
from levande.dashboard.places.params import ProfileState, join_list, parse_profile_state
from levande.dashboard.places.sections import (
    changes_section,
    coverage_section,
    focus_area_sections,
    method_section,
    peer_choice,
    peer_section,
    place_kind,
    place_path,
    print_button,
    reference_note,
    relative_note,
    skr_texts,
    strip_section,
)
from levande.dashboard.urls import echo, first, href, lang_from, with_lang
from levande.indicators.reads import profiles as p
from levande.indicators.reads import queries as q

LEVELS = {"kommun": "/kommun/<code>", "lan": "/lan/<code>"}


def register() -> None:
    """Register the municipality and the county profile with Dash."""
    for level, template in LEVELS.items():
        dash.register_page(  # type: ignore[no-untyped-call]
            f"{__name__}.{level}",
            path_template=template,
            name=f"profile_{level}",
            title=t("product"),
            layout=kommun_layout if level == "kommun" else lan_layout,
        )


def _unknown(ctx: AppContext, level: str, raw: str, lang: str) -> Any:
    """A friendly page for an unknown code, with the places whose names match it."""
    key = "unknown_kommun" if level == "kommun" else "unknown_lan"
    title = t("not_found_title", lang)
    links = [
        (
            t("did_you_mean", lang, name=r.name, kind=place_kind(r, lang).lower()),
            with_lang(place_path(r), lang),
        )
        for r in p.find_places(ctx.engine, raw, limit=5)
    ]
    links += [
        (t("search_places", lang), with_lang(SEARCH_PATH, lang)),
        (t("back_to_overview", lang), with_lang("/", lang)),
    ]
    return shell(
        ctx,
        lang=lang,
        path=f"/{level}/{quote(raw)}",
        params={},
        title=title,
        children=friendly_error(lang, title, t(key, lang, value=echo(raw)), links),
    )


def _facts(ctx: AppContext, place: q.RegionInfo, profile: p.Profile, lang: str) -> Any:
    items: list[tuple[str, Any]] = [(t("col_code", lang), place.code)]
    if place.level == "kommun" and profile.county is not None:
        items.append(
            (
                t("choose_lan", lang),
                dcc.Link(profile.county.name, href=with_lang(place_path(profile.county), lang)),
            )
        )
        group = q.peer_group(ctx.engine, place.skr_group_id) if place.skr_group_id else None
        if group is not None:
            name, _ = skr_texts(ctx, group.short_code, group.title, lang)
            items.append((t("peer_skr", lang), f"{group.short_code} {name}"))
    else:
        members = [r for r in q.regions(ctx.engine, "kommun") if r.parent_code == place.code]
        items.append(
            (
                t("county_municipalities", lang, n=len(members)),
                html.Ul(
                    [
                        html.Li(dcc.Link(r.name, href=with_lang(place_path(r), lang)))
                        for r in sorted(members, key=lambda r: p.fold(r.name))
                    ],
                    className="inline-list",
                    id="county-municipalities",
                ),
            )
        )
    return html.Dl(
        [html.Div([html.Dt(k), html.Dd(v)]) for k, v in items], className="facts place-facts"
    )


def _actions(state: ProfileState, place: q.RegionInfo) -> Any:
    lang = state.lang
    params = {
        "lang": state.lang if state.lang != "sv" else None,
        "peer": state.peer,
        "peers": join_list(state.peers) if state.peers else None,
    }
    items: list[Any] = []
    if state.print_view:
        items.append(
            dcc.Link(
                t("print_back", lang),
                href=state.href(print_view=False),
                id="print-back",
                className="button button--secondary",
            )
        )
    else:
        items.append(
            dcc.Link(
                t("print_view", lang),
                href=state.href(print_view=True),
                id="print-view",
                className="button button--secondary",
            )
        )
    items.append(print_button(lang))
    items.append(
        dcc.Link(
            t("compare_place", lang, place=place.name),
            href=with_lang("/jamfor", lang, {"places": place.code}),
            className="button button--secondary",
            id="compare-place",
        )
    )
    for fmt, label in (("csv", t("download_csv", lang)), ("xlsx", t("download_xlsx", lang))):
        items.append(
            html.A(
                t("download_profile", lang, format=label),
                href=href(f"/ladda-ner/profil/{place.code}.{fmt}", params),
                download="",
                className="button button--secondary",
                id=f"download-profile-{fmt}",
            )
        )
    return html.Ul([html.Li(i) for i in items], className="profile-actions", id="profile-actions")


def _print_header(place: q.RegionInfo, lang: str, printed: str) -> list[Any]:
    """The print header's sentence; its date is today's when printed (assets/places.js).

    A rendered page may be served again from the page cache on a later day, so the browser
    writes the day of printing into the ``data-today`` span; the server's date is the default.
    """
    marker = "\u0000"
    text = t(
        "print_header", lang, place=place.name, kind=place_kind(place, lang).lower(), date=marker
    )
    before, _, after = text.partition(marker)
    return [before, html.Span(printed, **attrs({"data-today": "1"})), after]


def build(ctx: AppContext, level: str, code: object = "", **kwargs: Any) -> Any:
    """The profile of the municipality or county in the URL."""
    lang, _ = lang_from(kwargs)
    raw = unquote(first(code) or "")
    place = q.region(ctx.engine, raw)
    if place is None or place.level != level:
        return _unknown(ctx, level, raw, lang)
    engine = ctx.engine
    state = parse_profile_state(
        level,
        place.code,
        kwargs,
        groups=frozenset(g.id for g in q.peer_groups(engine)),
        kommuner=frozenset(r.code for r in q.regions(engine, "kommun")),
    )
    lang = state.lang
    choice = peer_choice(ctx, place, state)
    profile = p.profile(engine, place, choice.peers)
    printed = datetime.now(STOCKHOLM).strftime("%Y-%m-%d")
    trail: list[tuple[str, str | None]] = [
        (t("nav_overview", lang), with_lang("/", lang)),
        (t("nav_places", lang), with_lang(SEARCH_PATH, lang)),
    ]
    if profile.county is not None:
        trail.append((profile.county.name, with_lang(place_path(profile.county), lang)))
    trail.append((place.name, None))
    kicker = (
        t("kicker_kommun", lang, county=profile.county.name)
        if profile.county is not None
        else place_kind(place, lang)
    )
    children: list[Any] = [
        breadcrumbs(lang, trail),
        # On screen only in the print view; on paper always (assets/places.css).
        html.P(_print_header(place, lang, printed), className="print-header", id="print-header"),
    ]
    children += [html.P(kicker, className="kicker"), html.H1(place.name, id="place-name")]
    notice = problems_notice(state.problems, lang, state.href())
    if notice is not None:
        children.append(notice)
    children.append(_facts(ctx, place, profile, lang))
    children.append(_actions(state, place))
    if not state.print_view:
        children.append(place_search(lang, version=q.cache_for(engine).version()))
    children.append(peer_section(ctx, place, state, choice))
    children.append(relative_note(place, lang))
    children.append(strip_section(ctx, profile, lang, open_table=state.print_view))
    children.append(
        changes_section(place, p.changes(engine, place.code), p.latest_recompute(engine), lang)
    )
    children.append(
        coverage_section(
            ctx,
            profile,
            p.coverage(profile.rows, q.subgoals(engine)),
            lang,
            open_list=state.print_view,
        )
    )
    children.append(reference_note(lang))
    children += focus_area_sections(ctx, profile, choice, lang)
    children.append(method_section(ctx, lang, printed))
    params = {k: v for k, v in state.params().items() if k != "lang"}
    wrapper = html.Div(
        children,
        className="profile" + (" profile--print" if state.print_view else ""),
        id="profile",
        **attrs({"data-print-view": "1" if state.print_view else "0"}),
    )
    return shell(
        ctx,
        lang=lang,
        path=state.path,
        params=params,
        title=t("profile_title", lang, place=place.name),
        children=[wrapper],
    )


def _kommun(ctx: AppContext, **kwargs: Any) -> Any:
    return build(ctx, "kommun", **kwargs)


def _lan(ctx: AppContext, **kwargs: Any) -> Any:
    return build(ctx, "lan", **kwargs)


def _kommun_path(code: object = "", **_: Any) -> str:
    return f"/kommun/{quote(first(code) or '')}"


def _lan_path(code: object = "", **_: Any) -> str:
    return f"/lan/{quote(first(code) or '')}"


render_kommun = guarded(_kommun, _kommun_path)
render_lan = guarded(_lan, _lan_path)
kommun_layout = dash_layout(render_kommun)
lan_layout = dash_layout(render_lan)
