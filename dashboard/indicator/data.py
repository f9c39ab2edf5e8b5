"""Everything an indicator page shows, loaded once: :func:`load_indicator`.

The page is a function of the URL state and the data. :func:`load_indicator` reads what the
state asks for — the indicator, what its URL may choose, the header's facts and the data of
the one view on screen — into a frozen :class:`IndicatorData`; the render functions
(``render.py`` and one module per view) only draw it. The views' frames (chart, map, table)
are also what the download routes write to CSV and Excel, so a file holds exactly what is
shown, with the stored values unrounded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import quote

import pandas as pd

from levande.dashboard.components.maps import Inset, boundaries_href, insets_for
from levande.dashboard.components.status import groups_of
from levande.dashboard.components.values import breakdown_label, region_names
from levande.dashboard.context import AppContext
from levande.dashboard.i18n import pick, t
from levande.dashboard.indicator.params import (
    MAP_LEVELS,
    Facts,
    IndicatorRequest,
    IndicatorState,
    parse_indicator_state,
)
from levande.dashboard.page import NotFound, credit_for
from levande.dashboard.urls import echo, with_lang
from levande.indicators.core.catalogue import Indicator
from levande.indicators.core.periods import is_annual
from levande.indicators.core.vocabulary import STATUS_GROUP_ORDER, STATUS_GROUP_SLUGS
from levande.indicators.reads import about as provenance
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads import rollups
from levande.indicators.reads import series as obs
from levande.indicators.reads.catalogue import load_catalogue as read_catalogue
from levande.indicators.reads.flags import FlagKey, open_flag_keys

SORT_COLUMNS = {
    "rank": "rank", "name": "region_name", "value": "value", "change": "change",
    "status": "_group",
}  # fmt: skip
GROUP_RANK = {group: i for i, group in enumerate(STATUS_GROUP_ORDER)}


def group_label(ctx: AppContext, group: dims.GroupInfo, lang: str) -> str:
    """A peer group's name: SKR groups with their code, in English where the catalogue has it."""
    if group.kind == "skr":
        name = group.title
        if ctx.catalogue is not None and lang == "en":
            for skr in ctx.catalogue.regions.skr_groups:
                if skr.code == group.short_code:
                    name = skr.name_en
        return f"{group.short_code} {name}" if group.short_code else name
    if group.kind == "county" and group.short_code:
        return t("peer_county", lang) + f" ({group.short_code})"
    if group.kind == "all":
        return t("peer_all", lang)
    return group.title


@dataclass(frozen=True)
class ChartData:
    """What the chart draws.

    Attributes:
        lines: one row per point: name, role, region_code, region_name, breakdown, period,
            value, status, aggregation.
        band: the peer group's quartiles per period (name, period, q1, q3, median, n,
            n_missing), or None without a peer group.
        peer: the peer group, if chosen.
        flagged: (region, period, breakdown) of the indicator's values flagged as implausible
            and not yet accepted or revised, which the chart's table notes.
    """

    lines: pd.DataFrame
    band: pd.DataFrame | None
    peer: dims.GroupInfo | None
    flagged: frozenset[FlagKey] = frozenset()


def annual_rows(frame: pd.DataFrame, info: Indicator, state: IndicatorState) -> pd.DataFrame:
    """A monthly series as the catalogue's annual values, unless the address asks for months."""
    if state.months or info.annual_month is None or frame.empty:
        return frame
    keep = [is_annual(p, info.annual_month) for p in frame["period"]]
    return frame[keep].reset_index(drop=True)


def chart_data(ctx: AppContext, info: Indicator, state: IndicatorState) -> ChartData:
    """Riket, the chosen county and municipality, and the peer group's median and band."""
    lang = state.lang
    codes = ["00", *(c for c in (state.lan, state.kommun) if c)]
    wanted = ["K", "M"] if state.gender else [state.breakdown]
    frame = annual_rows(obs.series(ctx.reader, info.id, codes, wanted), info, state)
    frame["region_name"] = region_names(frame, lang)
    frame["role"] = frame["region_level"]
    if state.gender:
        frame["name"] = [
            f"{n} – {breakdown_label(b, lang).lower()}"
            for n, b in zip(frame["region_name"], frame["breakdown"], strict=True)
        ]
    else:
        frame["name"] = frame["region_name"]
    band: pd.DataFrame | None = None
    peer = dims.peer_group(ctx.reader, state.peer) if state.peer else None
    lines = frame
    if peer is not None:
        label = group_label(ctx, peer, lang)
        band = annual_rows(
            obs.peer_band(ctx.reader, info.id, peer.members, state.breakdown), info, state
        )
        band.insert(0, "name", t("peer_band", lang, group=label))
        median = pd.DataFrame(
            {
                "region_code": peer.id,
                "region_name": label,
                "region_level": "group",
                "period": band["period"],
                "breakdown": state.breakdown,
                "value": band["median"].astype("float64"),
                "status": None,
                "aggregation": None,
                "role": "peer",
                "name": t("peer_median", lang, group=label),
            }
        )
        lines = pd.concat([frame, median], ignore_index=True) if not median.empty else frame
    return ChartData(
        lines=lines.reset_index(drop=True),
        band=band,
        peer=peer,
        flagged=open_flag_keys(ctx.reader, info.id),
    )


def sort_ranking(frame: pd.DataFrame, sort: str) -> pd.DataFrame:
    """The ranking in the chosen order; missing values always last, ties by rank, then name.

    ``status`` orders by the status category (improving first), as the overview lists them.
    """
    descending = sort.startswith("-")
    column = SORT_COLUMNS.get(sort.lstrip("-"), "rank")
    ordered = frame.assign(_name=frame["region_name"].astype(str))
    if column == "_group":
        statuses = frame.get("series_status", pd.Series([None] * len(frame), index=frame.index))
        ordered["_group"] = [GROUP_RANK[g] for g in groups_of(statuses)]
    ordered["_missing"] = ordered[column].isna()
    ordered = ordered.sort_values(
        ["_missing", column, "rank", "_name"],
        ascending=[True, not descending, True, True],
        kind="stable",
        na_position="last",
    )
    helpers = [c for c in ("_missing", "_name", "_group") if c in ordered]
    return ordered.drop(columns=helpers).reset_index(drop=True)


def filter_by_status(frame: pd.DataFrame, slug: str | None) -> pd.DataFrame:
    """Only the places whose series is in the address's status category (all when None)."""
    if slug is None or "series_status" not in frame:
        return frame
    wanted = STATUS_GROUP_SLUGS[slug].value
    keep = [g == wanted for g in groups_of(frame["series_status"])]
    return frame[keep].reset_index(drop=True)


def table_data(ctx: AppContext, info: Indicator, state: IndicatorState) -> pd.DataFrame:
    """Every region of the chosen level for the chosen year and breakdown, in the chosen order."""
    if state.year is None:
        return obs.ranking(ctx.reader, info.id, "", state.breakdown, state.level).iloc[0:0]
    # With every month shown a month is compared with the month before; else year on year.
    annual_month = None if state.months else info.annual_month
    frame = obs.ranking(ctx.reader, info.id, state.year, state.breakdown, state.level, annual_month)
    frame["region_name"] = region_names(frame, state.lang)
    return filter_by_status(sort_ranking(frame, state.sort), state.status)


def map_data(ctx: AppContext, info: Indicator, state: IndicatorState) -> pd.DataFrame:
    """Every region of the chosen level with value and rank, best first (for the map).

    With the statuses shown, each region's series status comes too (``series_status``).
    """
    read = obs.ranking if state.show == "status" else obs.map_values
    if state.year is None:
        return read(ctx.reader, info.id, "", state.breakdown, state.level).iloc[0:0]
    frame = read(ctx.reader, info.id, state.year, state.breakdown, state.level)
    frame["region_name"] = region_names(frame, state.lang)
    return sort_ranking(frame, "rank")


def facts_for(ctx: AppContext, info: Indicator) -> Facts:
    """What the URL may choose for this indicator, from the database."""
    reader = ctx.reader
    levels = tuple(lv for lv in MAP_LEVELS if lv in info.levels) or MAP_LEVELS
    by_level = dims.periods_by_level(reader, info.id)
    return Facts(
        kommuner=frozenset(r.code for r in dims.regions(reader, "kommun")),
        lan=frozenset(r.code for r in dims.regions(reader, "lan")),
        peers=frozenset(g.id for g in dims.peer_groups(reader)),
        periods={lv: by_level.get(lv, ()) for lv in MAP_LEVELS},
        breakdowns=dims.breakdowns(reader, info.id) or ("T",),
        levels=levels,
        annual_month=info.annual_month,
    )


# --- the page --------------------------------------------------------------------------------

Option = tuple[str, str]
"""A select's option: (value, text)."""


@dataclass(frozen=True)
class Choices:
    """The options of the page's lists of places and peer groups, in display order.

    Attributes:
        lan: (code, name) of every county, by name.
        kommun: (code, name) of every municipality, by name.
        peers: (id, label) of every peer group.
    """

    lan: tuple[Option, ...]
    kommun: tuple[Option, ...]
    peers: tuple[Option, ...]


@dataclass(frozen=True)
class MapView:
    """The map view.

    Attributes:
        frame: every region of the level with value, rank and status, best first.
        has_boundaries: whether boundaries of the level are loaded (else only the table).
        geo_url: the boundaries' address, versioned by the data; empty when not drawn.
        peers: the chosen peer group's members (municipality map only), outlined.
        peer_label: the peer group's name.
        flagged: (region, period, breakdown) of the indicator's values flagged as implausible
            and not yet accepted or revised, which the map's table notes.
        insets: close-ups of the metropolitan regions (municipality map only).
    """

    frame: pd.DataFrame
    has_boundaries: bool
    geo_url: str = ""
    peers: tuple[str, ...] = ()
    peer_label: str = ""
    flagged: frozenset[FlagKey] = frozenset()
    insets: tuple[Inset, ...] = ()


@dataclass(frozen=True)
class TableView:
    """The table view: every region of the level in the chosen order.

    Attributes:
        frame: the regions shown: all, or those in the address's status category.
        group_counts: how many regions of the level are in each status category (before the
            filter), for the filter's links.
        flagged: (region, period, breakdown) of values flagged as implausible and not yet
            accepted or revised, which the table notes.
    """

    frame: pd.DataFrame
    group_counts: Mapping[str, int] = field(default_factory=dict)
    flagged: frozenset[FlagKey] = frozenset()


@dataclass(frozen=True)
class AboutView:
    """The "explain this status" part of the about view.

    Attributes:
        region: the name of the place explained (the chosen municipality, county or nation).
        explanation: the stored status of its series, or None when there is none.
    """

    region: str
    explanation: rollups.StatusExplanation | None


View = ChartData | MapView | TableView | AboutView | None
"""The data of the view on screen; the download view needs none."""


@dataclass(frozen=True)
class IndicatorData:
    """Everything the indicator page shows for one URL.

    Attributes:
        info: the indicator.
        facts: what its URL may choose.
        state: the URL's state, with the problems found in it.
        focus_area: its focus area, for the breadcrumbs.
        about: its source and freshness.
        national: the nation's stored status (breakdown total), for the summary.
        has_data: whether any value is stored.
        credit: its credit line ("Källa: Kolada").
        choices: the options of the lists.
        view: the data of the view on screen.
        now: when the page was built, which tells a publication that has happened from one
            the source has only planned; None reads as the current time.
        source_title: the source's own title of the measure, as the catalogue keeps it, so
            readers find it at the source; None when the catalogue has none.
        kommun_groups: how many municipalities are in each status category (breakdown
            total), for "X av 290 på rätt spår"; empty when none has a status.
    """

    info: Indicator
    facts: Facts
    state: IndicatorState
    focus_area: dims.Group | None
    about: provenance.AboutInfo | None
    national: rollups.StatusExplanation | None
    has_data: bool
    credit: str
    choices: Choices
    view: View
    source_title: str | None = None
    now: datetime | None = None
    kommun_groups: Mapping[str, int] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        """The page's language."""
        return self.state.lang


def choices_for(ctx: AppContext, lang: str) -> Choices:
    """The lists' options: counties and municipalities by name, peer groups by label."""
    reader = ctx.reader
    return Choices(
        lan=tuple(
            (r.code, r.name) for r in sorted(dims.regions(reader, "lan"), key=lambda r: r.name)
        ),
        kommun=tuple(
            (r.code, r.name) for r in sorted(dims.regions(reader, "kommun"), key=lambda r: r.name)
        ),
        peers=tuple((g.id, group_label(ctx, g, lang)) for g in dims.peer_groups(reader)),
    )


def map_view(ctx: AppContext, info: Indicator, state: IndicatorState) -> MapView:
    """The map's values and whether (and where from) the boundaries can be drawn."""
    frame = map_data(ctx, info, state)
    has_boundaries = obs.has_boundaries(ctx.reader, state.level)
    geo_url = ""
    if not frame.empty and state.year is not None and has_boundaries:
        geo_url = boundaries_href(state.level, ctx.reader.version())
    flagged = open_flag_keys(ctx.reader, info.id)
    if state.level != "kommun":
        return MapView(frame, has_boundaries, geo_url, flagged=flagged)
    insets = insets_for(ctx.catalogue or read_catalogue(ctx.reader), state.lang)
    group = dims.peer_group(ctx.reader, state.peer) if state.peer else None
    if group is None:
        return MapView(frame, has_boundaries, geo_url, insets=insets, flagged=flagged)
    label = group_label(ctx, group, state.lang)
    return MapView(
        frame, has_boundaries, geo_url, tuple(group.members), label, insets=insets,
        flagged=flagged,
    )  # fmt: skip


def about_view(ctx: AppContext, info: Indicator, state: IndicatorState) -> AboutView:
    """The status explained for the chosen place (municipality, else county, else the nation)."""
    code = state.kommun or state.lan or "00"
    region = dims.region(ctx.reader, code)
    name = t("riket", state.lang) if code == "00" or region is None else region.name
    return AboutView(name, rollups.status_of(ctx.reader, info.id, code, state.breakdown))


def view_for(ctx: AppContext, info: Indicator, state: IndicatorState) -> View:
    """The data of the view the state shows; only that view is read."""
    if state.tab == "chart":
        return chart_data(ctx, info, state)
    if state.tab == "map":
        return map_view(ctx, info, state)
    if state.tab == "table":
        counts = rollups.status_groups_of(ctx.reader, info.id, state.level)
        return TableView(table_data(ctx, info, state), counts, open_flag_keys(ctx.reader, info.id))
    if state.tab == "about":
        return about_view(ctx, info, state)
    return None


def load_indicator(ctx: AppContext, request: IndicatorRequest) -> IndicatorData | NotFound:
    """Everything the page shows for the request, or :class:`NotFound` for an unknown id."""
    reader = ctx.reader
    catalogue = ctx.catalogue
    heir = catalogue.indicator_redirects.get(request.indicator_id) if catalogue else None
    if catalogue is not None and heir is not None:
        # A full load of a former id was already redirected (dashboard/renames.py); this is
        # the same answer for a move inside the running page, which makes no HTTP request.
        title = catalogue.indicator(heir)
        return NotFound(
            request.lang,
            request.path,
            t("indicator_renamed", request.lang, value=echo(request.indicator_id)),
            ((pick(title.title_sv, title.title_en, request.lang),
              with_lang(f"/indikator/{quote(heir)}", request.lang)),),
        )  # fmt: skip
    info = dims.indicator(reader, request.indicator_id)
    if info is None:
        return NotFound(
            request.lang,
            request.path,
            t("unknown_indicator", request.lang, value=echo(request.indicator_id)),
        )
    facts = facts_for(ctx, info)
    state = parse_indicator_state(info.id, request.query, facts)
    lang = state.lang
    return IndicatorData(
        info=info,
        facts=facts,
        state=state,
        focus_area=dims.focus_area(reader, info.group),
        about=provenance.about(
            reader,
            info.id,
            kolada_api_url=ctx.settings.kolada_api_url,
            scb_api_url=ctx.settings.scb_api_url,
        ),
        national=rollups.status_of(reader, info.id, "00", "T"),
        has_data=dims.indicator_has_data(reader, info.id),
        credit=credit_for(ctx, info, lang),
        choices=choices_for(ctx, lang),
        view=view_for(ctx, info, state),
        source_title=_catalogue_source_title(ctx, info.id),
        now=datetime.now(UTC),
        kommun_groups=rollups.status_groups_of(reader, info.id, "kommun")
        if "kommun" in facts.levels
        else {},
    )


def _catalogue_source_title(ctx: AppContext, indicator_id: str) -> str | None:
    """The catalogue's ``source_title`` of an indicator, if the catalogue has the indicator."""
    if ctx.catalogue is None:
        return None
    try:
        return ctx.catalogue.indicator(indicator_id).source_title
    except KeyError:
        return None
