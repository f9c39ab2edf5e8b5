"""Everything a focus-area page shows, loaded once: :func:`load_focus_area`."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from levande.dashboard.context import AppContext
from levande.dashboard.i18n import t
from levande.dashboard.page import NotFound
from levande.dashboard.urls import PageParams, echo
from levande.indicators.core.catalogue import Subgoal
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads import rollups


@dataclass(frozen=True)
class SubgoalData:
    """A sub-goal and the national summaries of its indicators, in catalogue order."""

    subgoal: Subgoal
    indicators: tuple[rollups.IndicatorSummary, ...]


@dataclass(frozen=True)
class FocusAreaData:
    """A focus area, its status counts and its sub-goals with their indicators.

    Attributes:
        params: the language and the problems found in the address.
        area: the focus area.
        counts: its indicators per status category; None without stored statuses.
        subgoals: its sub-goals, in order, each with its indicators' summaries.
    """

    params: PageParams
    area: dims.Group
    counts: rollups.StatusCounts | None
    subgoals: tuple[SubgoalData, ...]

    @property
    def lang(self) -> str:
        """The page's language."""
        return self.params.lang

    @property
    def path(self) -> str:
        """The page's path."""
        return f"/omrade/{quote(self.area.id)}"


def load_focus_area(
    ctx: AppContext, focus_area_id: str, params: PageParams
) -> FocusAreaData | NotFound:
    """The focus area and everything its page shows, or :class:`NotFound` for an unknown id."""
    reader = ctx.reader
    area = dims.focus_area(reader, focus_area_id)
    if area is None:
        return NotFound(
            params.lang,
            f"/omrade/{quote(focus_area_id)}",
            t("unknown_focus_area", params.lang, value=echo(focus_area_id)),
        )
    summaries = {s.indicator.id: s for s in rollups.focus_area_summaries(reader, area.id)}
    counts = rollups.national_status_counts(reader).get(area.id)
    indicators = dims.indicators(reader, area.id)
    subgoals = tuple(
        SubgoalData(sg, tuple(summaries[i.id] for i in indicators if sg.id in i.subgoals))
        for sg in dims.subgoals(reader, area.id)
    )
    return FocusAreaData(params, area, counts, subgoals)
