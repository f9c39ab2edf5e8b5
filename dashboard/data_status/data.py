"""Everything the data-status page shows, loaded once: :func:`load_data_status`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pandas as pd

from levande.dashboard.components.runs import Run
from levande.dashboard.components.schedule import Job
from levande.dashboard.context import AppContext
from levande.dashboard.i18n import DEFAULT_LANG
from levande.dashboard.runs.data import indicator_titles, load_runs, load_schedule
from levande.dashboard.urls import Problem, first, lang_from
from levande.indicators.reads.bulk import read_manifest
from levande.indicators.reads.ops import data_status, source_health

HISTORY_LENGTH = 10
"""How many of the latest runs the public history shows."""


@dataclass(frozen=True)
class DataStatusParams:
    """What the data-status page reads from its address.

    Attributes:
        lang: the language.
        only_stale: ``stale=1``: list only the stale indicators.
        problems: ``bad_lang`` when the ``lang`` given could not be used.
    """

    lang: str = DEFAULT_LANG
    only_stale: bool = False
    problems: tuple[Problem, ...] = field(default=(), compare=False)


def parse_data_status_params(kwargs: Mapping[str, object]) -> DataStatusParams:
    """Read ``lang`` and ``stale``; any other parameter is ignored."""
    lang, problems = lang_from(kwargs)
    return DataStatusParams(lang, first(kwargs.get("stale")) == "1", tuple(problems))


@dataclass(frozen=True)
class Freshness:
    """The indicators' freshness table.

    Attributes:
        frame: one row per indicator (see ``indicators.reads.ops.data_status``).
        titles: each indicator's title in the page's language.
        now: when the freshness was read, which tells a publication that has happened from
            one the source has only planned; None reads as the current time.
    """

    frame: pd.DataFrame
    titles: Mapping[str, str]
    now: datetime | None = None


@dataclass(frozen=True)
class DataStatusData:
    """The sources' health and the indicators' freshness.

    Attributes:
        params: the address's choices.
        sources: one entry per source (see ``indicators.reads.ops.source_health``); None when
            the catalogue cannot be read, which the page then says.
        freshness: the indicators' freshness; None without a catalogue.
        open_data: the bulk files' manifest (see ``indicators.reads.bulk``); None before
            they are first built.
        runs: the latest runs, newest first, read-only: what each did and why a step failed,
            in plain words (each links to its own page).
        titles: each indicator's title in the page's language, for naming the runs' steps.
        schedule: each job of the schedule with its next and last run.
    """

    params: DataStatusParams
    sources: Sequence[Mapping[str, Any]] | None
    freshness: Freshness | None
    open_data: Mapping[str, Any] | None = None
    runs: tuple[Run, ...] = ()
    titles: Mapping[str, str] = field(default_factory=dict)
    schedule: tuple[Job, ...] = ()

    @property
    def lang(self) -> str:
        """The page's language."""
        return self.params.lang


def load_freshness(ctx: AppContext, lang: str, now: datetime) -> Freshness | None:
    """Every indicator's freshness at ``now``, with its title; None without a catalogue."""
    if ctx.catalogue is None:
        return None
    frame = data_status(ctx.engine, ctx.catalogue, now)
    return Freshness(frame, indicator_titles(ctx, lang), now)


def load_data_status(ctx: AppContext, params: DataStatusParams) -> DataStatusData:
    """The sources' health, the schedule, the latest runs, freshness and the bulk files."""
    manifest = read_manifest(ctx.settings.resolved_open_data_dir)
    if ctx.catalogue is None:
        return DataStatusData(params, None, None, manifest)
    now = datetime.now(UTC)
    sources = source_health(ctx.engine, ctx.catalogue)
    freshness = load_freshness(ctx, params.lang, now)
    titles = freshness.titles if freshness is not None else {}
    return DataStatusData(
        params,
        sources,
        freshness,
        manifest,
        load_runs(ctx, HISTORY_LENGTH),
        titles,
        load_schedule(ctx, now),
    )
