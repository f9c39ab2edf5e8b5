"""Profiles ``/kommun/<code>`` and ``/lan/<code>``: every indicator for one place, drawn.

The page puts together the sections of ``sections.py``: the peer group (in the URL: ``peer``
and, for a custom group, ``peers``), the whole picture, what changed in the latest refresh,
the coverage matrix and, per focus area and sub-goal, each indicator against the nation, the
county and the peer group. ``print=1`` gives the printable layout: the same content with the
print header, without the controls, ready for ``assets/places.css``'s A4 print rules.

Everything here is a pure function of :class:`~levande.dashboard.places.data.ProfileData`.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from levande.dashboard.components import attrs
from levande.dashboard.components.embed import embed_snippet
from levande.dashboard.components.facts import facts_list
from levande.dashboard.components.file_links import file_links
from levande.dashboard.components.forms import (
    choice_set,
    hidden_field,
    removable_chips,
    select_field,
    state_form,
)
from levande.dashboard.components.messages import problems_notice
from levande.dashboard.components.place_search import SEARCH_PATH, place_search
from levande.dashboard.components.shell import breadcrumbs, copy_link, print_day
from levande.dashboard.components.values import place_kind
from levande.dashboard.i18n import t
from levande.dashboard.page import Content, NotFound, not_found_content
from levande.dashboard.places.council import render_council
from levande.dashboard.places.data import ProfileData
from levande.dashboard.places.params import PEER_CUSTOM, join_list, place_path
from levande.dashboard.places.sections import (
    changes_section,
    coverage_section,
    focus_area_sections,
    method_section,
    print_button,
    reference_note,
    relative_note,
    strip_section,
)
from levande.dashboard.places.summary import summary_section
from levande.dashboard.urls import with_lang
from levande.indicators.reads import profiles as p
from levande.indicators.reads.profiles import MAX_CUSTOM_PEERS


def place_facts(data: ProfileData) -> Any:
    """The place's code and where it belongs.

    For a municipality its county and SKR group; for a county its municipalities.
    """
    place, profile, lang = data.place, data.profile, data.lang
    items: list[tuple[str, Any]] = [(t("col_code", lang), place.code)]
    if place.level == "kommun" and profile.county is not None:
        items.append(
            (
                t("choose_lan", lang),
                dcc.Link(profile.county.name, href=with_lang(place_path(profile.county), lang)),
            )
        )
        if data.own_group is not None:
            items.append((t("peer_skr", lang), data.own_group))
    else:
        items.append(
            (
                t("county_municipalities", lang, n=len(data.county_members)),
                html.Ul(
                    [
                        html.Li(dcc.Link(r.name, href=with_lang(place_path(r), lang)))
                        for r in data.county_members
                    ],
                    className="inline-list",
                    id="county-municipalities",
                ),
            )
        )
    return facts_list(items, class_name="facts place-facts", skip_empty=False)


def actions(data: ProfileData) -> Any:
    """Print view, print, compare and the profile as CSV and Excel."""
    state, place, lang = data.state, data.place, data.lang
    params = {
        "lang": state.lang if state.lang != "sv" else None,
        "peer": state.peer,
        "peers": join_list(state.peers) if state.peers else None,
    }
    back = state.print_view
    items: list[Any] = [
        dcc.Link(
            t("print_back" if back else "print_view", lang),
            href=state.href(print_view=not back),
            id="print-back" if back else "print-view",
            className="button button--secondary",
        ),
        dcc.Link(
            t("council_link", lang),
            href=state.href(council=True, print_view=False),
            id="council-print",
            className="button button--secondary",
        ),
        print_button(lang),
        copy_link(lang),
    ]
    items.append(
        dcc.Link(
            t("compare_place", lang, place=place.name),
            href=with_lang("/jamfor", lang, {"places": place.code}),
            className="button button--secondary",
            id="compare-place",
        )
    )
    if data.area_gap:
        items.append(html.P(data.area_gap, id="areas-gap"))
    if place.level == "kommun":
        items.append(
            dcc.Link(
                t("within_link", lang, place=place.name),
                href=with_lang(f"/kommun/{place.code}/omraden", lang),
                className="button button--secondary",
                id="areas-link",
            )
        )
        items.append(
            dcc.Link(
                t("local_nav", lang),
                href=with_lang(f"/kommun/{place.code}/lokal", lang),
                className="button button--secondary",
                id="local-link",
            )
        )
    items += file_links(
        f"/ladda-ner/profil/{place.code}",
        params,
        lang,
        text=lambda label: t("download_profile", lang, format=label),
        id_prefix="download-profile",
    )
    return html.Ul([html.Li(i) for i in items], className="profile-actions", id="profile-actions")


def print_header(data: ProfileData) -> list[Any]:
    """The print header's sentence; its date is today's when printed (assets/places.js).

    A rendered page may be served again from the page cache on a later day, so the browser
    writes the day of printing into the ``data-today`` span; the server's date is the default.
    """
    place, lang = data.place, data.lang
    kind = place_kind(place, lang).lower()
    return print_day(
        lambda day: t("print_header", lang, place=place.name, kind=kind, date=day), data.printed
    )


def custom_peers(data: ProfileData) -> list[Any]:
    """A custom group's members, each with a link that removes it, and a link to compare them."""
    state, place, lang = data.state, data.place, data.lang
    form = data.peer_form
    chosen = [
        (
            region.code,
            region.name,
            state.href(peers=tuple(c for c in state.peers if c != region.code)),
        )
        for region in (form.custom if form is not None else ())
    ]
    chips = removable_chips(
        chosen, lang=lang, field="peers", id_prefix="remove-peer", list_id="custom-peers"
    )
    out: list[Any] = [
        html.P(
            t("custom_count", lang, n=len(state.peers), max=MAX_CUSTOM_PEERS),
            id="custom-count",
        )
    ]
    if chips is not None:
        out.append(chips)
    if state.peers:
        places = join_list([place.code, *state.peers][: p.MAX_COMPARE_PLACES])
        out.append(
            html.P(
                dcc.Link(
                    t("compare_group_link", lang),
                    href=with_lang("/jamfor", lang, {"places": places}),
                    id="compare-group",
                )
            )
        )
    return out


def peer_section(data: ProfileData) -> Any:
    """The peer group: what it is, its members, and (for a municipality) the form to change it."""
    state, choice, lang = data.state, data.choice, data.lang
    names = data.peer_names
    body: list[Any] = [
        html.H2(t("peer_heading", lang), id="peer-heading"),
        html.P([html.Strong(choice.label + ". "), choice.description], id="peer-description"),
        html.Details(
            [
                html.Summary(t("peer_members", lang, n=len(names))),
                html.P(", ".join(names), id="peer-members"),
            ],
            className="data-details",
            open=state.print_view,
        ),
    ]
    form = data.peer_form
    if form is None:
        return html.Section(body, className="peer", id="peer")
    fields: list[Any] = [select_field("peer", t("choose_peer", lang), form.options, choice.value)]
    custom: list[Any] = []
    if choice.value == PEER_CUSTOM:
        if len(state.peers) < MAX_CUSTOM_PEERS:
            fields.append(
                select_field(
                    "add",
                    t("add_municipality", lang),
                    [("", t("choose_one", lang)), *form.candidates],
                    None,
                    extra={
                        "data-append-to": "peers",
                        "data-append-base": join_list(state.peers) or "",
                    },
                )
            )
        custom = custom_peers(data)
    custom_list = join_list(state.peers) if choice.value == PEER_CUSTOM else None
    body.append(
        state_form(
            state.path,
            lang,
            [
                choice_set(
                    t("peer_choose_legend", lang),
                    [html.Div(fields, className="controls__grid"), *custom],
                )
            ],
            [
                hidden_field("peers", custom_list),
                *([hidden_field("lang", lang)] if lang != "sv" else []),
            ],
        )
    )
    body.append(
        html.P(
            [t("permalink", lang), " ", dcc.Link(state.href(), href=state.href(), id="permalink")],
            className="muted permalink",
        )
    )
    return html.Section(body, className="peer", id="peer")


def summary_title(data: ProfileData) -> str:
    """The title of the embeddable summary (for the frame's title)."""
    return t("embed_summary_title", data.lang, place=data.place.name)


def render_summary_embed(data: ProfileData) -> Content:
    """A place's summary as an embeddable view: its facts and the whole picture, no more."""
    state = data.state
    children = [
        html.H1(summary_title(data), className="embed-title", id="place-name"),
        place_facts(data),
        strip_section(data),
    ]
    params = {k: v for k, v in state.params().items() if k != "lang"}
    return Content(data.lang, state.path, summary_title(data), children, params)


def render_profile(data: ProfileData | NotFound, site: str = "") -> Content:
    """The profile of a municipality or county, or a friendly page for an unknown code.

    Args:
        data: the page's data, or what was not found.
        site: the site's address, for the embed snippet of the summary.
    """
    if isinstance(data, NotFound):
        return not_found_content(data)
    if data.state.embed:
        return render_summary_embed(data)
    if data.state.council:
        return render_council(data)
    state, place, profile, lang = data.state, data.place, data.profile, data.lang
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
        html.P(print_header(data), className="print-header", id="print-header"),
    ]
    children += [html.P(kicker, className="kicker"), html.H1(place.name, id="place-name")]
    notice = problems_notice(state.problems, lang, state.href())
    if notice is not None:
        children.append(notice)
    children.append(summary_section(data))
    children.append(place_facts(data))
    children.append(actions(data))
    if not state.print_view:
        children.append(place_search(lang, version=data.version))
    children.append(peer_section(data))
    children.append(relative_note(place, lang))
    children.append(strip_section(data))
    if not state.print_view:
        src = site + state.href(embed=True)
        children.append(
            embed_snippet(src, summary_title(data), lang, height=640, snippet_id="embed-code")
        )
    children.append(changes_section(place, data.changes, data.latest_recompute, lang))
    children.append(coverage_section(data))
    children.append(reference_note(lang))
    children += focus_area_sections(data)
    children.append(method_section(data))
    params = {k: v for k, v in state.params().items() if k != "lang"}
    wrapper = html.Div(
        children,
        className="profile" + (" profile--print" if state.print_view else ""),
        id="profile",
        **attrs({"data-print-view": "1" if state.print_view else "0"}),
    )
    return Content(lang, state.path, t("profile_title", lang, place=place.name), [wrapper], params)
