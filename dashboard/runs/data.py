"""Everything a run's page shows, loaded once: :func:`load_run`; and the runs' shared reads.

The run history on the public data-status page, on the operations page and a run's own page
read the run log the same way, through :func:`load_runs` and :func:`load_run`; both pages
show the schedule through :func:`load_schedule`. Whether the
technical detail is shown depends on who asks (the operator's cookie), so a run's page is
never cached (``response_cache.LIVE_PATHS``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from levande.dashboard.components.runs import Run
from levande.dashboard.components.schedule import Job
from levande.dashboard.context import AppContext
from levande.dashboard.i18n import DEFAULT_LANG, pick, t
from levande.dashboard.operator.auth import current_session
from levande.dashboard.page import NotFound
from levande.dashboard.urls import Problem, echo, first, lang_from, with_lang
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads.ops import (
    run_detail,
    run_history,
    schedule_overview,
    step_sources,
)


def indicator_titles(ctx: AppContext, lang: str) -> dict[str, str]:
    """Each indicator's title in the language, by id, for naming a run's steps."""
    if ctx.catalogue is None:
        return {}
    return {i.id: pick(i.title_sv, i.title_en, lang) for i in dims.indicators(ctx.reader)}


def load_runs(ctx: AppContext, limit: int) -> tuple[Run, ...]:
    """The latest runs, newest first, each step with its source and its failure's facts."""
    return tuple(run_history(ctx.engine, limit, step_sources(ctx.catalogue)))


def load_schedule(ctx: AppContext, now: datetime) -> tuple[Job, ...]:
    """Each job of the schedule with its next run after ``now`` and its last run."""
    if ctx.catalogue is None:
        return ()
    return tuple(schedule_overview(ctx.engine, ctx.catalogue.schedule, now))


@dataclass(frozen=True)
class RunParams:
    """What a run's page reads from its address.

    Attributes:
        run_id: the run asked for, or None when the address names no number.
        raw: the run id as given, for the message when there is no such run.
        lang: the language.
        problems: ``bad_lang`` when the ``lang`` given could not be used.
    """

    run_id: int | None
    raw: str
    lang: str = DEFAULT_LANG
    problems: tuple[Problem, ...] = field(default=(), compare=False)


def parse_run_params(run_id: object, kwargs: Mapping[str, object]) -> RunParams:
    """Read the run's id from the path and ``lang``; every other parameter is ignored."""
    lang, problems = lang_from(kwargs)
    raw = first(run_id) or ""
    number = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 12 else None
    return RunParams(number, raw, lang, tuple(problems))


@dataclass(frozen=True)
class RunPageData:
    """One run for its page.

    Attributes:
        params: the address's choices.
        run: the run with its steps (see ``indicators.reads.ops.run_detail``).
        titles: each indicator's title in the page's language, by id.
        operator: whether a signed-in operator asks, who also sees the technical detail.
        places: each region's name by code, for the values a dry run would flag.
    """

    params: RunParams
    run: Run
    titles: Mapping[str, str]
    operator: bool
    places: Mapping[str, str] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        """The page's language."""
        return self.params.lang


def load_run(ctx: AppContext, params: RunParams) -> RunPageData | NotFound:
    """The run of the address, or :class:`NotFound` when there is none."""
    lang = params.lang
    run = (
        run_detail(ctx.engine, params.run_id, step_sources(ctx.catalogue))
        if params.run_id is not None
        else None
    )
    if run is None:
        return NotFound(
            lang,
            f"/data/korning/{params.raw}",
            t("run_not_found", lang, value=echo(params.raw)),
            ((t("run_back", lang), with_lang("/data", lang)),),
        )
    places = {r.code: r.name for r in dims.regions(ctx.reader)} if run["dry_run"] else {}
    return RunPageData(
        params, run, indicator_titles(ctx, lang), current_session() is not None, places
    )
