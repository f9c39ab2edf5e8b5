"""Everything the overview shows, loaded once: :func:`load_overview`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from levande.dashboard.context import AppContext
from levande.dashboard.urls import PageParams
from levande.indicators.core.catalogue import Goal
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads import rollups


@dataclass(frozen=True)
class OverviewData:
    """The national goal and the focus areas with their national status.

    Attributes:
        params: the language and the problems found in the address.
        goal: the national goal; None when the catalogue cannot be read.
        areas: the focus areas, in order.
        counts: per focus area, its indicators per status category.
        on_track: per focus area, how many municipalities are on track.
    """

    params: PageParams
    goal: Goal | None
    areas: tuple[dims.Group, ...]
    counts: Mapping[str, rollups.StatusCounts]
    on_track: Mapping[str, rollups.OnTrack]

    @property
    def lang(self) -> str:
        """The page's language."""
        return self.params.lang


def load_overview(ctx: AppContext, params: PageParams) -> OverviewData:
    """The goal from the catalogue, the focus areas and their counts from the database."""
    areas = dims.focus_areas(ctx.reader)
    return OverviewData(
        params=params,
        goal=ctx.catalogue.goal if ctx.catalogue is not None else None,
        areas=areas,
        counts=rollups.national_status_counts(ctx.reader) if areas else {},
        on_track=rollups.municipalities_on_track(ctx.reader) if areas else {},
    )
