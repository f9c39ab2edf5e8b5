"""Everything a focus-area page shows, loaded once: :func:`load_focus_area`.

The page serves the thirteen focus areas and the groups of context indicators at the same
address (``/omrade/<id>``), and old addresses of retired areas (``/omrade/FA07``) with a page
that leads to the areas that replaced them.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from levande.dashboard.context import AppContext
from levande.dashboard.i18n import pick, t
from levande.dashboard.page import NotFound
from levande.dashboard.urls import PageParams, echo, with_lang
from levande.indicators.core.catalogue import (
    Catalogue,
    ContextGroup,
    FocusArea,
    Framework,
    Subgoal,
)
from levande.indicators.reads import rollups
from levande.indicators.reads.catalogue import load_catalogue as read_catalogue


@dataclass(frozen=True)
class SubgoalData:
    """A sub-goal in force and the national summaries of its indicators, in catalogue order."""

    subgoal: Subgoal
    indicators: tuple[rollups.IndicatorSummary, ...]


@dataclass(frozen=True)
class FocusAreaData:
    """A focus area or a group of context indicators, and its indicators' national state.

    Attributes:
        params: the language and the problems found in the address.
        area: the focus area, or the context group.
        counts: a focus area's indicators per status category; None for a context group
            (which never counts in a status) or without stored statuses.
        subgoals: a focus area's sub-goals in force, each with its indicators' summaries.
        indicators: a context group's indicators (it has no sub-goals); empty for an area.
        framework: the framework of sub-goals in force, for the one line that says whose
            sub-goals they are.
    """

    params: PageParams
    area: FocusArea | ContextGroup
    counts: rollups.StatusCounts | None
    subgoals: tuple[SubgoalData, ...]
    indicators: tuple[rollups.IndicatorSummary, ...] = ()
    framework: Framework | None = None

    @property
    def lang(self) -> str:
        """The page's language."""
        return self.params.lang

    @property
    def path(self) -> str:
        """The page's path."""
        return f"/omrade/{quote(self.area.id)}"

    @property
    def is_context(self) -> bool:
        """True for a group of context indicators."""
        return isinstance(self.area, ContextGroup)


@dataclass(frozen=True)
class Moved:
    """An old address of a retired focus area and the areas that replaced it.

    Attributes:
        lang: the page's language.
        path: the old address.
        targets: (display name, address) of each area or group that replaced it.
    """

    lang: str
    path: str
    targets: tuple[tuple[str, str], ...]


def load_focus_area(
    ctx: AppContext, focus_area_id: str, params: PageParams
) -> FocusAreaData | Moved | NotFound:
    """The area or group and everything its page shows.

    :class:`Moved` for a retired id, :class:`NotFound` for an unknown one.
    """
    lang = params.lang
    path = f"/omrade/{quote(focus_area_id)}"
    catalogue = ctx.catalogue
    if catalogue is None:
        # A database that cannot be read raises here, and the page says so.
        catalogue = read_catalogue(ctx.reader)
    if catalogue is None:
        return NotFound(lang, path, t("catalogue_missing", lang))
    area: FocusArea | ContextGroup
    try:
        area = catalogue.focus_area(focus_area_id)
    except KeyError:
        try:
            area = catalogue.context_group(focus_area_id)
        except KeyError:
            heir = catalogue.redirects.get(focus_area_id)
            if heir is None:
                return NotFound(
                    lang, path, t("unknown_focus_area", lang, value=echo(focus_area_id))
                )
            return Moved(lang, path, (_target(catalogue, heir, lang),))
    reader = ctx.reader
    summaries = {s.indicator.id: s for s in rollups.focus_area_summaries(reader, area.id)}
    members = [ind for ind in catalogue.indicators_of(area.id) if ind.id in summaries]
    if isinstance(area, ContextGroup):
        return FocusAreaData(
            params, area, None, (), tuple(summaries[i.id] for i in members), catalogue.framework
        )
    counts = rollups.national_status_counts(reader).get(area.id)
    subgoals = tuple(
        SubgoalData(sg, tuple(summaries[i.id] for i in members if sg.id in i.subgoals))
        for sg in area.subgoals
    )
    return FocusAreaData(params, area, counts, subgoals, (), catalogue.framework)


def _target(catalogue: Catalogue, heir: str, lang: str) -> tuple[str, str]:
    """The display name and address of the area or group that took over a retired id."""
    group: FocusArea | ContextGroup
    try:
        group = catalogue.focus_area(heir)
    except KeyError:
        group = catalogue.context_group(heir)
    return pick(group.name_sv, group.name_en, lang), with_lang(f"/omrade/{quote(heir)}", lang)
