"""Everything the place pages show, loaded once: a profile, the search, the comparison.

Each page's data is read by one function (:func:`load_profile`, :func:`load_search`,
:func:`load_compare`) into a frozen dataclass that the render functions (``profile.py``,
``sections.py``, ``search.py``, ``compare.py``) only draw. The peer group a profile compares
with is chosen here too (:func:`peer_choice`), since naming and explaining it reads the
database and the catalogue; the downloads use the same choice, so a file and the page agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import quote

import pandas as pd

from levande.dashboard.areas.data import headline_gap
from levande.dashboard.components.place_search import SEARCH_PATH
from levande.dashboard.components.values import place_kind
from levande.dashboard.context import AppContext
from levande.dashboard.i18n import STOCKHOLM, pick, t
from levande.dashboard.indicator.data import group_label
from levande.dashboard.page import NotFound, credit_for, credits
from levande.dashboard.places.params import (
    PEER_COUNTY,
    PEER_CUSTOM,
    CompareState,
    PlaceRequest,
    ProfileState,
    SearchParams,
    parse_compare_state,
    parse_profile_state,
    place_path,
)
from levande.dashboard.urls import echo, first, with_lang
from levande.indicators.core.catalogue import FocusArea, Indicator, Subgoal
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads import profiles as p
from levande.indicators.reads import rollups
from levande.indicators.reads import series as obs
from levande.indicators.reads.flags import open_flag_keys, open_flags_of_place
from levande.indicators.reads.profiles import MAX_CUSTOM_PEERS

Option = tuple[str, str]
"""A select's option: (value, text)."""


# --- peer groups -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PeerChoice:
    """The peer group a profile uses and how the page names and explains it.

    Attributes:
        peers: the members.
        value: the value of the peer select that stands for it.
        label: its name.
        description: what the group is, in a sentence or two.
    """

    peers: p.PeerSet
    value: str
    label: str
    description: str


def skr_texts(ctx: AppContext, short_code: str | None, title: str, lang: str) -> tuple[str, str]:
    """An SKR group's name and description from the catalogue, in the language."""
    if ctx.catalogue is not None:
        for skr in ctx.catalogue.regions.skr_groups:
            if skr.code == short_code:
                name = pick(skr.name_sv, skr.name_en, lang)
                description = pick(skr.description_sv, skr.description_en, lang)
                return name, description
    return title, ""


def skr_edition(ctx: AppContext) -> str:
    """The edition of SKR's municipality groups the catalogue uses."""
    if ctx.catalogue is not None and ctx.catalogue.regions.skr_edition:
        return ctx.catalogue.regions.skr_edition
    return "SKR"


def default_peer(ctx: AppContext, place: dims.RegionInfo) -> str:
    """A municipality's default peer group: its SKR group, else its county's municipalities."""
    if place.skr_group_id and dims.peer_group(ctx.reader, place.skr_group_id) is not None:
        return place.skr_group_id
    return PEER_COUNTY


def county_name(ctx: AppContext, code: str | None) -> str:
    """A county's name, or the code when unknown."""
    region = dims.region(ctx.reader, code) if code else None
    return region.name if region is not None else (code or "")


def peer_choice(ctx: AppContext, place: dims.RegionInfo, state: ProfileState) -> PeerChoice:
    """The peer group of the URL (or the default) with its name and explanation."""
    lang = state.lang
    reader = ctx.reader
    if place.level != "kommun":
        peers = p.peer_set(reader, place, "counties", None)
        return PeerChoice(
            peers,
            "counties",
            t("peer_counties", lang),
            t("peer_counties_text", lang, n=len(peers.members)),
        )
    value = state.peer or default_peer(ctx, place)
    if value == PEER_CUSTOM:
        peers = p.peer_set(reader, place, "custom", None, state.peers)
        return PeerChoice(
            peers,
            value,
            t("peer_custom", lang),
            t("peer_custom_text", lang, place=place.name, n=len(state.peers), max=MAX_CUSTOM_PEERS),
        )
    if value == PEER_COUNTY:
        peers = p.peer_set(reader, place, "county", None)
        county = county_name(ctx, place.parent_code)
        return PeerChoice(
            peers,
            value,
            t("peer_county_named", lang, county=county),
            t("peer_county_text", lang, n=len(peers.members), county=county),
        )
    group = dims.peer_group(reader, value)
    if group is None:  # the parser only lets known groups through
        return peer_choice(ctx, place, ProfileState(state.level, state.code, lang))
    peers = p.peer_set(reader, place, group.kind, group.id)
    if group.kind == "skr":
        name, description = skr_texts(ctx, group.short_code, group.title, lang)
        label = f"{group.short_code} {name}" if group.short_code else name
        text = t(
            "peer_skr_text",
            lang,
            group=label,
            description=description,
            edition=skr_edition(ctx),
            n=len(group.members),
        )
        if place.code not in group.members:
            text += " " + t("peer_place_added", lang, place=place.name)
        return PeerChoice(peers, value, label, text)
    if group.kind == "county":
        county = county_name(ctx, group.short_code)
        return PeerChoice(
            peers,
            value,
            t("peer_county_named", lang, county=county),
            t("peer_county_text", lang, n=len(group.members), county=county),
        )
    return PeerChoice(
        peers, value, t("peer_all", lang), t("peer_all_text", lang, n=len(group.members))
    )


def peer_options(
    ctx: AppContext, place: dims.RegionInfo, chosen: str, lang: str
) -> list[tuple[str, str]]:
    """The peer select's options: the SKR groups, the county, all, a custom list."""
    own = place.skr_group_id
    options: list[tuple[str, str]] = []
    for group in dims.peer_groups(ctx.reader):
        if group.kind == "skr":
            name, _ = skr_texts(ctx, group.short_code, group.title, lang)
            label = f"{group.short_code} {name}" if group.short_code else name
            if group.id == own:
                label += " " + t("peer_own_group", lang)
            options.append((group.id, t("peer_skr_option", lang, group=label)))
    options.append(
        (PEER_COUNTY, t("peer_county_named", lang, county=county_name(ctx, place.parent_code)))
    )
    every = next((g for g in dims.peer_groups(ctx.reader) if g.kind == "all"), None)
    if every is not None:
        options.append((every.id, t("peer_all", lang)))
    options.append((PEER_CUSTOM, t("peer_custom", lang)))
    if chosen not in {value for value, _ in options}:
        extra = dims.peer_group(ctx.reader, chosen)
        if extra is not None:
            options.append(
                (chosen, t("peer_county_named", lang, county=county_name(ctx, extra.short_code)))
            )
    return options


# --- the profile -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PeerForm:
    """What the form to change a municipality's peer group offers.

    Attributes:
        options: the peer list's options.
        custom: the municipalities of a custom group, as chosen (unknown codes left out).
        candidates: (code, name) of the municipalities that may still be added, by name.
    """

    options: tuple[Option, ...]
    custom: tuple[dims.RegionInfo, ...] = ()
    candidates: tuple[Option, ...] = ()


@dataclass(frozen=True)
class ProfileData:
    """Everything a municipality's or county's profile shows.

    Attributes:
        state: the URL's state, with the problems found in it.
        place: the municipality or county.
        profile: one row per indicator with positions and reference values.
        choice: the peer group, named and explained.
        peer_names: the peer group's members' names, alphabetical.
        peer_form: the form to change the peer group; None for a county or the print view.
        own_group: a municipality's SKR group ("B3 Större stad"), if it has one.
        county_members: a county's municipalities, alphabetical.
        focus_areas: every focus area, in order.
        subgoals: every sub-goal, in order.
        coverage: per sub-goal, indicators with data and why the others have none.
        changes: what changed for the place in the latest refresh.
        latest_recompute: when statuses were last computed (None: never).
        freshness: per indicator, when the source published and we fetched it.
        credits: the sources' credit lines.
        indicator_credits: per indicator, its own credit line.
        last_refresh: when data was last refreshed.
        printed: today's date, for the print header (the browser writes its own when printing).
        version: the data version, for the place search's cached names.
        on_track: per focus area the place could be judged in, whether it is on track.
        area_gap: a municipality's headline gap between its areas, in words (if it has any).
        flagged: (indicator, period) of the place's values flagged as implausible and not yet
            accepted or revised, which the profile notes.
        riket_flagged: the same for the nation's values shown beside the place's.
        county_flagged: the same for the county's values shown beside a municipality's.
    """

    state: ProfileState
    place: dims.RegionInfo
    profile: p.Profile
    choice: PeerChoice
    peer_names: tuple[str, ...]
    peer_form: PeerForm | None
    own_group: str | None
    county_members: tuple[dims.RegionInfo, ...]
    focus_areas: tuple[dims.Group, ...]
    coverage: tuple[p.CoverageCell, ...]
    changes: tuple[p.Change, ...]
    latest_recompute: datetime | None
    freshness: Mapping[str, p.Freshness]
    credits: tuple[str, ...]
    indicator_credits: Mapping[str, str]
    last_refresh: datetime | None
    printed: str
    version: str
    on_track: Mapping[str, bool] = field(default_factory=dict)
    area_gap: str | None = None
    flagged: frozenset[tuple[str, str]] = frozenset()
    riket_flagged: frozenset[tuple[str, str]] = frozenset()
    county_flagged: frozenset[tuple[str, str]] = frozenset()

    @property
    def lang(self) -> str:
        """The page's language."""
        return self.state.lang

    def subgoals_of(self, focus_area_id: str) -> tuple[Subgoal, ...]:
        """The sub-goals in force of one focus area, in order (none for a context group)."""
        area = next((fa for fa in self.focus_areas if fa.id == focus_area_id), None)
        return tuple(area.subgoals) if isinstance(area, FocusArea) else ()


def unknown_place(ctx: AppContext, level: str, raw: str, lang: str) -> NotFound:
    """An unknown code, with the places whose names match it as ways on."""
    key = "unknown_kommun" if level == "kommun" else "unknown_lan"
    links = [
        (
            t("did_you_mean", lang, name=r.name, kind=place_kind(r, lang).lower()),
            with_lang(place_path(r), lang),
        )
        for r in p.find_places(ctx.reader, raw, limit=5)
    ]
    links += [
        (t("search_places", lang), with_lang(SEARCH_PATH, lang)),
        (t("back_to_overview", lang), with_lang("/", lang)),
    ]
    return NotFound(lang, f"/{level}/{quote(raw)}", t(key, lang, value=echo(raw)), tuple(links))


def peer_form(
    ctx: AppContext, place: dims.RegionInfo, state: ProfileState, choice: PeerChoice
) -> PeerForm:
    """The peer form's options, and for a custom group its members and who may be added."""
    options = tuple(peer_options(ctx, place, choice.value, state.lang))
    if choice.value != PEER_CUSTOM:
        return PeerForm(options)
    chosen = tuple(r for c in state.peers if (r := dims.region(ctx.reader, c)) is not None)
    candidates: tuple[Option, ...] = ()
    if len(state.peers) < MAX_CUSTOM_PEERS:
        candidates = tuple(
            (r.code, r.name)
            for r in sorted(dims.regions(ctx.reader, "kommun"), key=lambda r: p.fold(r.name))
            if r.code != place.code and r.code not in state.peers
        )
    return PeerForm(options, chosen, candidates)


def own_group(ctx: AppContext, place: dims.RegionInfo, lang: str) -> str | None:
    """A municipality's SKR group as "code name", or None."""
    group = dims.peer_group(ctx.reader, place.skr_group_id) if place.skr_group_id else None
    if group is None:
        return None
    name, _ = skr_texts(ctx, group.short_code, group.title, lang)
    return f"{group.short_code} {name}"


def load_profile(ctx: AppContext, request: PlaceRequest) -> ProfileData | NotFound:
    """Everything a profile shows for the URL, or :class:`NotFound` for an unknown place."""
    reader = ctx.reader
    level, lang = request.level, request.lang
    place = dims.region(reader, request.code)
    if place is None or place.level != level:
        return unknown_place(ctx, level, request.code, lang)
    state = parse_profile_state(
        level,
        place.code,
        request.query,
        groups=frozenset(g.id for g in dims.peer_groups(reader)),
        kommuner=frozenset(r.code for r in dims.regions(reader, "kommun")),
    )
    lang = state.lang
    choice = peer_choice(ctx, place, state)
    profile = p.profile(reader, place, choice.peers)
    kommun = place.level == "kommun"
    members = [dims.region(reader, c) for c in choice.peers.members]
    county_members: tuple[dims.RegionInfo, ...] = ()
    if not (kommun and profile.county is not None):
        county_members = tuple(
            sorted(
                (r for r in dims.regions(reader, "kommun") if r.parent_code == place.code),
                key=lambda r: p.fold(r.name),
            )
        )
    areas = dims.focus_areas(reader)
    return ProfileData(
        state=state,
        place=place,
        profile=profile,
        choice=choice,
        peer_names=tuple(sorted((m.name for m in members if m is not None), key=p.fold)),
        peer_form=(
            peer_form(ctx, place, state, choice)
            if kommun and not (state.print_view or state.council)
            else None
        ),
        own_group=own_group(ctx, place, lang) if kommun and profile.county is not None else None,
        county_members=county_members,
        focus_areas=areas,
        coverage=tuple(p.coverage(profile.rows, areas)),
        changes=tuple(p.changes(reader, place.code)),
        latest_recompute=p.latest_recompute(reader),
        freshness=p.freshness(reader),
        credits=tuple(credits(ctx, lang)),
        indicator_credits={
            r.indicator.id: credit_for(ctx, r.indicator, lang) for r in profile.rows
        },
        last_refresh=dims.last_refresh(reader),
        flagged=open_flags_of_place(reader, place.code),
        riket_flagged=open_flags_of_place(reader, "00"),
        county_flagged=(
            open_flags_of_place(reader, profile.county.code)
            if kommun and profile.county is not None
            else frozenset()
        ),
        printed=datetime.now(STOCKHOLM).strftime("%Y-%m-%d"),
        version=reader.version(),
        on_track=rollups.on_track_by_region(reader, level).get(place.code, {}),
        area_gap=headline_gap(ctx, place.code, lang) if kommun else None,
    )


# --- the search ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchData:
    """Everything the search page shows.

    Attributes:
        params: the search text and the language.
        found: the places matching the text, best first; None without a text.
        counties: every county, in order (the directory, and the matches' counties).
        kommuner: every municipality.
        version: the data version, for the search's cached names.
    """

    params: SearchParams
    found: tuple[dims.RegionInfo, ...] | None
    counties: tuple[dims.RegionInfo, ...]
    kommuner: tuple[dims.RegionInfo, ...]
    version: str

    @property
    def lang(self) -> str:
        """The page's language."""
        return self.params.lang


def load_search(ctx: AppContext, params: SearchParams) -> SearchData:
    """The matches of the search text (up to twenty) and every place by county."""
    reader = ctx.reader
    version = reader.version()
    found = tuple(p.find_places(reader, params.text, limit=20)) if params.text else None
    return SearchData(
        params=params,
        found=found,
        counties=dims.regions(reader, "lan"),
        kommuner=dims.regions(reader, "kommun"),
        version=version,
    )


# --- the comparison --------------------------------------------------------------------------


def compare_places(ctx: AppContext) -> frozenset[str]:
    """The codes the comparison accepts: the nation, the counties and the municipalities."""
    return frozenset(r.code for r in dims.regions(ctx.reader))


@dataclass(frozen=True)
class CompareData:
    """Everything the comparison shows.

    Attributes:
        state: the URL's places and indicators, with the problems found in it.
        regions: every place that may be compared (the nation, counties, municipalities).
        indicators: every indicator, in catalogue order.
        focus_areas: every focus area, in order.
        series: the chosen indicators' series for the chosen places; None until both are
            chosen.
        freshness: per indicator, when the source published and we fetched it.
        indicator_credits: per chosen indicator, its credit line.
        flagged: (indicator, region, period) of the shown values (breakdown total) flagged as
            implausible and not yet accepted or revised, which the tables note.
        peer_label: the chosen peer group's name; empty without one.
        peer_medians: per chosen indicator, the peer group's median per period (``period``,
            ``value``), drawn as one more line.
        suggested_peer: the peer group offered in one click: the SKR group of the first
            municipality chosen, with its name; None when there is none or one is chosen.
        version: the data version, for the pickers' cached names.
    """

    state: CompareState
    regions: tuple[dims.RegionInfo, ...]
    indicators: tuple[Indicator, ...]
    focus_areas: tuple[dims.Group, ...]
    series: pd.DataFrame | None
    freshness: Mapping[str, p.Freshness]
    indicator_credits: Mapping[str, str]
    flagged: frozenset[tuple[str, str, str]] = frozenset()
    peer_label: str = ""
    peer_medians: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    suggested_peer: tuple[str, str] | None = None
    version: str = ""

    @property
    def lang(self) -> str:
        """The page's language."""
        return self.state.lang


def typed_as_code(
    query: Mapping[str, object], key: str, names: Mapping[str, str]
) -> Mapping[str, object]:
    """The query with the typed text in ``key`` read as the code of the item so named.

    A picker sends a code; without JavaScript its form sends what was typed ("gävle",
    "Trångboddhet i flerbostadshus..."). ``names`` maps folded names (and codes) to codes.
    A text that names nothing is left as it is, and the page says it found no such item.
    """
    raw = first(query.get(key))
    if not raw:
        return query
    code = names.get(p.fold(raw))
    return {**query, key: code} if code is not None and code != raw else query


def place_names(regions: tuple[dims.RegionInfo, ...]) -> dict[str, str]:
    """Folded place names (and "riket"/"sweden" for the nation) to the places' codes."""
    names: dict[str, str] = {}
    for region in regions:
        names.setdefault(region.code, region.code)
        names.setdefault(p.fold(region.name), region.code)
        if region.code == "00":
            for lang in ("sv", "en"):
                names.setdefault(p.fold(t("riket", lang)), region.code)
    return names


def indicator_names(indicators: tuple[Indicator, ...]) -> dict[str, str]:
    """Folded indicator titles in both languages (and folded ids) to the indicators' ids."""
    names: dict[str, str] = {}
    for info in indicators:
        for name in (info.id, info.title_sv, info.title_en):
            if name:
                names.setdefault(p.fold(name), info.id)
    return names


def load_compare(ctx: AppContext, request: PlaceRequest) -> CompareData:
    """The comparison's choices and, once places and indicators are chosen, their series."""
    reader = ctx.reader
    indicators = dims.indicators(reader)
    groups = {g.id: g for g in dims.peer_groups(reader)}
    typed = typed_as_code(request.query, "add_place", place_names(dims.regions(reader)))
    state = parse_compare_state(
        typed_as_code(typed, "add_ind", indicator_names(indicators)),
        places=compare_places(ctx),
        indicators=frozenset(i.id for i in indicators),
        peers=frozenset(groups),
    )
    chosen = state.places and state.indicators
    infos = {i.id: i for i in indicators}
    peer = groups.get(state.peer) if state.peer else None
    medians: dict[str, pd.DataFrame] = {}
    if chosen and peer is not None:
        for i in state.indicators:
            band = obs.peer_band(reader, i, peer.members, "T")
            medians[i] = band[["period", "median"]].rename(columns={"median": "value"})
    regions = {r.code: r for r in dims.regions(reader)}
    # The first municipality chosen that has an SKR group (not every one has).
    first_kommun = next(
        (c for c in state.places if regions[c].level == "kommun" and regions[c].skr_group_id),
        None,
    )
    skr = regions[first_kommun].skr_group_id if first_kommun else None
    suggested = (
        (skr, group_label(ctx, groups[skr], state.lang))
        if skr in groups and state.peer is None
        else None
    )
    return CompareData(
        peer_label=group_label(ctx, peer, state.lang) if peer is not None else "",
        peer_medians=medians,
        suggested_peer=suggested,
        version=reader.cache.version(),
        state=state,
        regions=dims.regions(reader),
        indicators=indicators,
        focus_areas=dims.focus_areas(reader),
        series=p.compare_series(reader, state.indicators, state.places) if chosen else None,
        freshness=p.freshness(reader) if chosen else {},
        indicator_credits=(
            {i: credit_for(ctx, infos[i], state.lang) for i in state.indicators} if chosen else {}
        ),
        flagged=frozenset(
            (ind, region, period)
            for ind in (state.indicators if chosen else ())
            for region, period, breakdown in open_flag_keys(reader, ind)
            if breakdown == "T"
        ),
    )
