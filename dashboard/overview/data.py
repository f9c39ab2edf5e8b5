"""Everything the overview shows, loaded once: :func:`load_overview`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from levande.dashboard.components.maps import Inset, boundaries_href, insets_for
from levande.dashboard.context import AppContext
from levande.dashboard.i18n import DEFAULT_LANG
from levande.dashboard.page import credit_for
from levande.dashboard.urls import PageParams, Problem, echo, first, href, lang_from
from levande.indicators.core.catalogue import ContextGroup, FocusArea, Framework, Goal, Indicator
from levande.indicators.reads import about as provenance
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads import rollups
from levande.indicators.reads import series as obs
from levande.indicators.reads.catalogue import load_catalogue as read_catalogue

SORTS = ("order", "status", "on_track")
"""The focus areas' orders: the Government's, by national status, by municipalities on track."""


@dataclass(frozen=True)
class OverviewState:
    """The overview's own choices in its address: the areas' order and the map's focus area.

    Attributes:
        sort: one of :data:`SORTS`.
        area: the focus area the map shows on track for; None shows the count of areas.
    """

    sort: str = "order"
    area: str | None = None

    def href(self, lang: str, **changes: str | None) -> str:
        """The overview's address in ``lang`` with some parameters changed."""
        values: dict[str, str | None] = {
            "lang": lang if lang != DEFAULT_LANG else None,
            "sort": self.sort if self.sort != "order" else None,
            "omrade": self.area,
        }
        values.update(changes)
        if values.get("sort") == "order":
            values["sort"] = None
        return href("/", values)


def parse_overview_state(
    kwargs: Mapping[str, object], area_ids: frozenset[str]
) -> tuple[PageParams, OverviewState]:
    """Read the overview's address; an unusable value falls back to its default, reported."""
    lang, problems = lang_from(kwargs)
    sort = first(kwargs.get("sort")) or "order"
    if sort not in SORTS:
        problems.append(Problem("bad_sort", echo(sort)))
        sort = "order"
    area = first(kwargs.get("omrade"))
    if area is not None and area not in area_ids:
        problems.append(Problem("unknown_focus_area", echo(area)))
        area = None
    return PageParams(lang, tuple(problems)), OverviewState(sort, area)


@dataclass(frozen=True)
class PlaceOnTrack:
    """One municipality on the overview's map: in which focus areas it is on track.

    Attributes:
        code: the municipality's code.
        name: its name.
        areas: per focus area it could be judged in, whether it is on track.
    """

    code: str
    name: str
    areas: Mapping[str, bool]

    @property
    def on_track(self) -> int:
        """How many focus areas it is on track in."""
        return sum(1 for ok in self.areas.values() if ok)


@dataclass(frozen=True)
class Headline:
    """One of the indicators the overview leads with: the nation's series and where it is from.

    Attributes:
        summary: the nation's status, latest value and series (breakdown total).
        credit: its credit line ("Källa: Kolada").
        about: its source and freshness, for the source line; None when unknown.
    """

    summary: rollups.IndicatorSummary
    credit: str
    about: provenance.AboutInfo | None


@dataclass(frozen=True)
class OverviewData:
    """The national goal, the focus areas with their national status and the context groups.

    The focus areas and context groups come from the catalogue, in its order (the
    Government's order for the areas); the counts from the database. A context group is shown
    apart and has no entry in ``counts`` or ``on_track``: it never counts in a focus area's
    status.

    Attributes:
        params: the language and the problems found in the address.
        goal: the national goal; None when the catalogue cannot be read.
        areas: the focus areas, in the Government's order.
        counts: per focus area, its indicators per status category.
        on_track: per focus area, how many municipalities are on track.
        context_groups: the groups of context indicators, shown apart from the areas.
        context_indicators: per context group, its indicators in catalogue order.
        framework: the framework of sub-goals in force, for the one line that says whose
            sub-goals they are; None without frameworks.
        state: the areas' order and the map's focus area, from the address.
        places: every municipality with the focus areas it is on track in, for the map.
        geo_url: the municipalities' boundaries' address; empty without boundaries.
        headlines: the indicators the catalogue marks ``headline``, in its order.
        insets: close-ups of the metropolitan regions beside the map.
        now: when the page was built, which tells a publication that has happened from one
            only planned; None reads as the current time.
    """

    params: PageParams
    goal: Goal | None
    areas: tuple[FocusArea, ...]
    counts: Mapping[str, rollups.StatusCounts]
    on_track: Mapping[str, rollups.OnTrack]
    context_groups: tuple[ContextGroup, ...] = ()
    context_indicators: Mapping[str, tuple[Indicator, ...]] = field(default_factory=dict)
    framework: Framework | None = None
    state: OverviewState = field(default_factory=OverviewState)
    places: tuple[PlaceOnTrack, ...] = ()
    geo_url: str = ""
    headlines: tuple[Headline, ...] = ()
    now: datetime | None = None
    insets: tuple[Inset, ...] = ()

    @property
    def lang(self) -> str:
        """The page's language."""
        return self.params.lang


def places_on_track(ctx: AppContext) -> tuple[PlaceOnTrack, ...]:
    """Every municipality with the focus areas it is on track in, by name."""
    by_region = rollups.on_track_by_region(ctx.reader, "kommun")
    return tuple(
        PlaceOnTrack(r.code, r.name, by_region.get(r.code, {}))
        for r in sorted(dims.regions(ctx.reader, "kommun"), key=lambda r: r.name)
    )


def load_headlines(ctx: AppContext, indicators: list[Indicator], lang: str) -> tuple[Headline, ...]:
    """The headline indicators' national series, credit lines and freshness."""
    settings = ctx.settings
    return tuple(
        Headline(
            summary,
            credit_for(ctx, summary.indicator, lang),
            provenance.about(
                ctx.reader,
                summary.indicator.id,
                kolada_api_url=settings.kolada_api_url,
                scb_api_url=settings.scb_api_url,
            ),
        )
        for summary in rollups.indicator_summaries(ctx.reader, indicators)
    )


def load_overview(
    ctx: AppContext, params: PageParams, kwargs: Mapping[str, object] | None = None
) -> OverviewData:
    """The goal, the areas and the context groups from the catalogue; counts from the database.

    Only the focus areas' counts are kept: context indicators never count in a status. The
    address (``kwargs``) chooses the areas' order and the map's focus area.
    """
    catalogue = ctx.catalogue
    if catalogue is None:
        # Ask again without the context's safety net: a database that cannot be read raises
        # here, and the page says so; one that holds no catalogue yet gives an empty overview.
        catalogue = read_catalogue(ctx.reader)
    if catalogue is None:
        return OverviewData(params=params, goal=None, areas=(), counts={}, on_track={})
    areas = tuple(catalogue.focus_areas)
    area_ids = {fa.id for fa in areas}
    parsed, state = parse_overview_state(kwargs or {}, frozenset(area_ids))
    params = parsed if kwargs is not None else params
    counts = rollups.national_status_counts(ctx.reader) if areas else {}
    on_track = rollups.municipalities_on_track(ctx.reader) if areas else {}
    places = places_on_track(ctx) if areas else ()
    geo_url = ""
    if places and obs.has_boundaries(ctx.reader, "kommun"):
        geo_url = boundaries_href("kommun", ctx.reader.version())
    return OverviewData(
        params=params,
        state=state,
        places=places,
        geo_url=geo_url,
        goal=catalogue.goal,
        areas=areas,
        counts={k: v for k, v in counts.items() if k in area_ids},
        on_track={k: v for k, v in on_track.items() if k in area_ids},
        context_groups=tuple(catalogue.context_groups),
        context_indicators={
            g.id: tuple(catalogue.indicators_of(g.id)) for g in catalogue.context_groups
        },
        framework=catalogue.framework,
        headlines=load_headlines(ctx, catalogue.headlines, params.lang),
        now=datetime.now(UTC),
        insets=insets_for(catalogue, params.lang),
    )
