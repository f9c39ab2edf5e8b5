"""Everything the data-status page shows, loaded once: :func:`load_data_status`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pandas as pd

from levande.dashboard.context import AppContext
from levande.dashboard.i18n import DEFAULT_LANG, pick
from levande.dashboard.urls import Problem, first, lang_from
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads.bulk import read_manifest
from levande.indicators.reads.ops import data_status, source_health


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
    """

    frame: pd.DataFrame
    titles: Mapping[str, str]


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
    """

    params: DataStatusParams
    sources: Sequence[Mapping[str, Any]] | None
    freshness: Freshness | None
    open_data: Mapping[str, Any] | None = None

    @property
    def lang(self) -> str:
        """The page's language."""
        return self.params.lang


def load_freshness(ctx: AppContext, lang: str, now: datetime) -> Freshness | None:
    """Every indicator's freshness at ``now``, with its title; None without a catalogue."""
    if ctx.catalogue is None:
        return None
    frame = data_status(ctx.engine, ctx.catalogue, now)
    titles = {i.id: pick(i.title_sv, i.title_en, lang) for i in dims.indicators(ctx.reader)}
    return Freshness(frame, titles)


def load_data_status(ctx: AppContext, params: DataStatusParams) -> DataStatusData:
    """The sources' health and, as of now, every indicator's freshness."""
    manifest = read_manifest(ctx.settings.resolved_open_data_dir)
    if ctx.catalogue is None:
        return DataStatusData(params, None, None, manifest)
    sources = source_health(ctx.engine, ctx.catalogue)
    freshness = load_freshness(ctx, params.lang, datetime.now(UTC))
    return DataStatusData(params, sources, freshness, manifest)
