"""Everything the overview shows, loaded once: :func:`load_overview`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from levande.dashboard.context import AppContext
from levande.dashboard.urls import PageParams
from levande.indicators.core.catalogue import ContextGroup, FocusArea, Framework, Goal, Indicator
from levande.indicators.reads import rollups
from levande.indicators.reads.catalogue import load_catalogue as read_catalogue


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
    """

    params: PageParams
    goal: Goal | None
    areas: tuple[FocusArea, ...]
    counts: Mapping[str, rollups.StatusCounts]
    on_track: Mapping[str, rollups.OnTrack]
    context_groups: tuple[ContextGroup, ...] = ()
    context_indicators: Mapping[str, tuple[Indicator, ...]] = field(default_factory=dict)
    framework: Framework | None = None

    @property
    def lang(self) -> str:
        """The page's language."""
        return self.params.lang


def load_overview(ctx: AppContext, params: PageParams) -> OverviewData:
    """The goal, the areas and the context groups from the catalogue; counts from the database.

    Only the focus areas' counts are kept: context indicators never count in a status.
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
    counts = rollups.national_status_counts(ctx.reader) if areas else {}
    on_track = rollups.municipalities_on_track(ctx.reader) if areas else {}
    return OverviewData(
        params=params,
        goal=catalogue.goal,
        areas=areas,
        counts={k: v for k, v in counts.items() if k in area_ids},
        on_track={k: v for k, v in on_track.items() if k in area_ids},
        context_groups=tuple(catalogue.context_groups),
        context_indicators={
            g.id: tuple(catalogue.indicators_of(g.id)) for g in catalogue.context_groups
        },
        framework=catalogue.framework,
    )
