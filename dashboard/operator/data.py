"""Everything the operations page shows, loaded once: :func:`load_operator`.

What the page shows depends on who asks: the session comes from the request's cookie, so this
page is never cached (``response_cache.LIVE_PATHS``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from levande.dashboard.components.flags import Flag
from levande.dashboard.components.runs import Run
from levande.dashboard.components.schedule import Job
from levande.dashboard.components.values import source_name
from levande.dashboard.context import AppContext
from levande.dashboard.i18n import DEFAULT_LANG, pick, t
from levande.dashboard.operator.auth import OperatorSession, current_session, token_configured
from levande.dashboard.operator.routes import SOURCES
from levande.dashboard.runs.data import indicator_titles, load_runs, load_schedule
from levande.dashboard.urls import first, lang_from
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads.flags import flag_decisions, value_flags

HISTORY_LENGTH = 20
"""How many of the latest runs the history shows."""


@dataclass(frozen=True)
class OperatorParams:
    """What the operations page reads from its address: the language and what just happened.

    Attributes:
        lang: the language.
        refused: ``refused=1``: the sign-in was refused.
        busy: ``busy=1``: a refresh was already running.
        started: ``started=<target>``: the refresh just started.
        accepted: ``accepted=1``: a flagged value is being accepted.
        dry_run: ``dry_run=1``: the run just started is a dry run.
        no_dry_run: ``no_dry_run=1``: a dry run was asked for what it does not cover.
    """

    lang: str = DEFAULT_LANG
    refused: bool = False
    busy: bool = False
    started: str | None = None
    accepted: bool = False
    dry_run: bool = False
    no_dry_run: bool = False


def parse_operator_params(kwargs: Mapping[str, object]) -> OperatorParams:
    """Read ``lang`` and what just happened (see :class:`OperatorParams`); others are ignored."""
    lang, _ = lang_from(kwargs)
    return OperatorParams(
        lang,
        refused=first(kwargs.get("refused")) == "1",
        busy=first(kwargs.get("busy")) == "1",
        started=first(kwargs.get("started")),
        accepted=first(kwargs.get("accepted")) == "1",
        dry_run=first(kwargs.get("dry_run")) == "1",
        no_dry_run=first(kwargs.get("no_dry_run")) == "1",
    )


@dataclass(frozen=True)
class OperatorData:
    """The operations page for one request.

    Attributes:
        params: the address's choices.
        configured: whether operator actions are on (a token is set).
        session: the signed-in operator's session; None when not signed in.
        targets: (value, label) of what a refresh may be started for.
        runs: the latest runs, newest first; empty when not signed in.
        titles: each indicator's title in the page's language, for naming the runs' steps.
        schedule: each job of the schedule with its next and last run, to start one now.
        flags: the values flagged as implausible and waiting for an operator.
        decisions: the latest flags accepted by an operator or revised at the source.
        places: each region's name by code, for naming the flagged values' places.
    """

    params: OperatorParams
    configured: bool
    session: OperatorSession | None
    targets: tuple[tuple[str, str], ...] = ()
    runs: tuple[Run, ...] = ()
    titles: Mapping[str, str] = field(default_factory=dict)
    schedule: tuple[Job, ...] = ()
    flags: tuple[Flag, ...] = ()
    decisions: tuple[Flag, ...] = ()
    places: Mapping[str, str] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        """The page's language."""
        return self.params.lang


def load_history(ctx: AppContext) -> tuple[Run, ...]:
    """The latest runs, newest first."""
    return load_runs(ctx, HISTORY_LENGTH)


def refresh_targets(ctx: AppContext, lang: str) -> tuple[tuple[str, str], ...]:
    """Each source, then each indicator of the catalogue, as (target, label)."""
    targets = [
        (
            f"source:{name}",
            t("operator_target_regions", lang)
            if name == "regions"
            else t("operator_target_source", lang, source=source_name(name, lang)),
        )
        for name in SOURCES
    ]
    if ctx.catalogue is not None:
        targets += [
            (f"indicator:{i.id}", pick(i.title_sv, i.title_en, lang))
            for i in ctx.catalogue.indicators
        ]
    return tuple(targets)


def load_operator(ctx: AppContext, params: OperatorParams) -> OperatorData:
    """Whether actions are on, who is signed in, and for an operator the targets and runs."""
    if not token_configured(ctx):
        return OperatorData(params, configured=False, session=None)
    session = current_session()
    if session is None:
        return OperatorData(params, configured=True, session=None)
    return OperatorData(
        params,
        configured=True,
        session=session,
        targets=refresh_targets(ctx, params.lang),
        runs=load_history(ctx),
        titles=indicator_titles(ctx, params.lang),
        schedule=load_schedule(ctx, datetime.now(UTC)),
        flags=tuple(value_flags(ctx.engine)),
        decisions=tuple(flag_decisions(ctx.engine)),
        places={r.code: r.name for r in dims.regions(ctx.reader)},
    )
