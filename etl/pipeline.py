"""One ETL run: lock, run log, the regions and boundaries jobs, then every indicator.

A failing step is recorded with its reason and the run goes on with the next; the run's
outcome says whether everything, something or nothing succeeded.

A *dry run* takes the same lock and the same steps for the indicators it covers (fetched and
computed), fetches and validates, runs the plausibility checks on the values as they would be
stored, and records in the run log, marked as a dry run, what each step would have changed. It
writes nothing else: no observation, flag, status or source state.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from levande.etl.area_boundaries import run_area_boundaries
from levande.etl.computed import run_computed_indicator
from levande.etl.failures import failure_of, no_result, not_attempted
from levande.etl.jobs import (
    JobResult,
    prefetch_kpis,
    record_failure,
    run_boundaries,
    run_kolada_indicator,
    run_regions,
    run_scb_indicator,
)
from levande.etl.small_areas import run_small_area_indicator
from levande.etl.sources.clients import SourceClients, Sources
from levande.etl.sources.http import SourceError
from levande.indicators.core.catalogue import Catalogue, Indicator
from levande.indicators.core.failures import FailureKind, StepFailure
from levande.indicators.core.logjson import CURRENT_RUN
from levande.indicators.core.settings import Settings
from levande.indicators.core.small_areas import SmallAreaIndicator
from levande.indicators.store.database import analyze_tables
from levande.indicators.store.flags import flag_values
from levande.indicators.store.runlog import EtlLockHandle, RunLog, acquire_lock
from levande.indicators.store.schema import Region

log = logging.getLogger(__name__)

SOURCES = ("regions", "boundaries", "scb", "kolada")


class Progress(Protocol):
    """What a run reports as it goes (a terminal progress bar, a status page)."""

    def start(self, total: int) -> None:
        """The run has ``total`` steps."""

    def step(self, label: str) -> None:
        """A step named ``label`` begins."""

    def advance(self) -> None:
        """The current step ended."""


class _NoProgress:
    def start(self, total: int) -> None:
        pass

    def step(self, label: str) -> None:
        pass

    def advance(self) -> None:
        pass


@dataclass
class StepSummary:
    """How one step of the run ended.

    Attributes:
        target: the indicator id, or ``regions`` or ``boundaries``.
        kind: what the step is: ``indicator``, ``regions`` or ``boundaries``.
        outcome: ``success``, ``skipped`` (nothing new) or ``failed``.
        source: the source the step reads (``scb``, ``kolada`` or ``boundaries``).
        failure: why it failed, for a failed step.
        changes: what the step changed (or, in a dry run, would change), as the run log keeps
            it: new periods, revisions, drift and the plausibility flags.
    """

    target: str
    kind: str
    outcome: str
    source: str = ""
    failure: StepFailure | None = None
    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    changes: dict[str, Any] = field(default_factory=dict)

    @property
    def error(self) -> str | None:
        """The failure's one line, as the run log keeps it."""
        return self.failure.message if self.failure is not None else None


@dataclass
class RunSummary:
    """How a run ended, with its steps."""

    run_id: int
    outcome: str
    steps: list[StepSummary] = field(default_factory=list)
    dry_run: bool = False

    @property
    def failures(self) -> list[StepSummary]:
        """The steps that failed."""
        return [s for s in self.steps if s.outcome == "failed"]


class RunRequestError(ValueError):
    """The run was asked for something that does not exist (unknown source or indicator)."""


class RunAborted(Exception):
    """The run was stopped by a signal; it is recorded as aborted."""


DRY_RUN_SOURCES = ("scb", "kolada")
"""What a dry run covers: the indicators of these sources (and those computed from them)."""


def database_has_regions(engine: Engine) -> bool:
    """True once the regions job has stored at least one municipality."""
    with Session(engine) as session:
        count = session.scalar(
            select(func.count()).select_from(Region).where(Region.level == "kommun")
        )
        return bool(count)


@contextmanager
def _abort_on_sigterm() -> Iterator[threading.Event]:
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def handler(signum: int, _frame: Any) -> None:
        stop.set()
        raise RunAborted(f"stopped by signal {signum}")

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield stop
    finally:
        signal.signal(signal.SIGTERM, previous)


def select_indicators(
    catalogue: Catalogue, sources: set[str], indicator_ids: Sequence[str] | None
) -> list[Indicator]:
    """The catalogue indicators a run covers, in catalogue order.

    Raises:
        RunRequestError: for an indicator id the catalogue does not have.
    """
    if indicator_ids:
        known = {i.id for i in catalogue.indicators} | {
            i.id for i in catalogue.small_areas.indicators
        }
        unknown = [i for i in indicator_ids if i not in known]
        if unknown:
            raise RunRequestError(
                f"unknown indicator(s): {', '.join(unknown)}; see 'levande catalogue export'"
            )
        chosen = set(indicator_ids)
        return [i for i in catalogue.indicators if i.id in chosen]
    return [i for i in catalogue.indicators if i.source in sources]


def select_small_area_indicators(
    catalogue: Catalogue, sources: set[str], indicator_ids: Sequence[str] | None
) -> list[SmallAreaIndicator]:
    """The small-area (DeSO/RegSO) indicators a run covers, in catalogue order."""
    indicators = catalogue.small_areas.indicators
    if indicator_ids:
        return [i for i in indicators if i.id in set(indicator_ids)]
    return [i for i in indicators if i.source in sources]


def _check_dry_run(engine: Engine, wanted: set[str], indicator_ids: Sequence[str] | None) -> None:
    """Refuse a dry run of what it does not cover, or one on a database without regions."""
    if not indicator_ids and not wanted & set(DRY_RUN_SOURCES):
        raise RunRequestError(
            "a dry run covers the indicators of scb and kolada; name one of them or an indicator"
        )
    if not database_has_regions(engine):
        raise RunRequestError("a dry run needs the regions loaded: run a refresh first")


def _small_area_step(
    engine: Engine,
    catalogue: Catalogue,
    indicator: SmallAreaIndicator,
    clients: SourceClients,
    full: bool,
    settings: Settings,
    run_id: int,
) -> Callable[[], JobResult]:
    return lambda: run_small_area_indicator(
        engine,
        catalogue.small_areas,
        indicator,
        clients,
        full=full,
        first_year=settings.first_year,
        run_id=run_id,
    )


_Step = tuple[str, str, str, Callable[[], JobResult]]


@dataclass(frozen=True)
class _RunPlan:
    """What decides a run's steps: the request, and where the steps read and write."""

    engine: Engine
    catalogue: Catalogue
    settings: Settings
    clients: SourceClients
    wanted: set[str]
    indicator_ids: Sequence[str] | None
    indicators: list[Indicator]
    full: bool
    run_id: int
    dry_run: bool


def _area_steps(plan: _RunPlan) -> list[_Step]:
    """The small-area steps, then the indicators computed from them (which need them first).

    A run of SCB data also recomputes the indicators computed from small areas; asked for by
    id, they run when named. A dry run has no small-area steps (their register is kept apart)
    and computes from the small-area values stored.
    """
    smalls = (
        []
        if plan.dry_run
        else select_small_area_indicators(plan.catalogue, plan.wanted, plan.indicator_ids)
    )
    steps: list[_Step] = [
        (small.id, "small_area", "scb",
         _small_area_step(plan.engine, plan.catalogue, small, plan.clients, plan.full,
                          plan.settings, plan.run_id))
        for small in smalls
    ]  # fmt: skip
    computed = [i for i in plan.indicators if i.computed is not None]
    if "scb" in plan.wanted and not plan.indicator_ids:
        computed = [i for i in plan.catalogue.indicators if i.computed is not None]
    steps += [
        (
            ind.id,
            "indicator",
            ind.source,
            _computed_step(plan.engine, plan.catalogue, ind, plan.full, plan.run_id, plan.dry_run),
        )
        for ind in computed
    ]
    return steps


def _computed_step(
    engine: Engine,
    catalogue: Catalogue,
    ind: Indicator,
    full: bool,
    run_id: int,
    dry_run: bool = False,
) -> Callable[[], JobResult]:
    def load() -> JobResult:
        return run_computed_indicator(
            engine, catalogue, ind, full=full, run_id=run_id, dry_run=dry_run
        )

    return load if dry_run else _checked(engine, ind, run_id, load)


def _checked(
    engine: Engine, ind: Indicator, run_id: int, load: Callable[[], JobResult]
) -> Callable[[], JobResult]:
    """``load``, then the plausibility checks of the indicator when the load changed values.

    Every indicator stored in ``observation`` is checked, fetched or computed from small
    areas alike: a computed index outside its scale is as wrong as a published one. (A dry
    run's step checks within its job, on the values as they would be stored.)
    """

    def load_and_check() -> JobResult:
        result = load()
        changed = result.load.inserted + result.load.updated + result.load.deleted
        if result.outcome == "success" and changed:
            report = flag_values(engine, ind, run_id)
            if report.opened or report.closed or report.open:
                result.changes["flags"] = {
                    "opened": report.opened,
                    "closed": report.closed,
                    "open": report.open,
                }
        return result

    return load_and_check


def _steps(plan: _RunPlan) -> list[_Step]:
    """The run's steps in order: regions, boundaries, indicators, small areas, computed ones."""
    engine, catalogue, clients, settings = plan.engine, plan.catalogue, plan.clients, plan.settings
    steps: list[tuple[str, str, str, Callable[[], JobResult]]] = []
    need_regions = "regions" in plan.wanted and not plan.indicator_ids and not plan.dry_run
    if need_regions or not database_has_regions(engine):
        steps.append(
            (
                "regions",
                "regions",
                "kolada",
                lambda: run_regions(engine, catalogue, clients),
            )
        )
    if "boundaries" in plan.wanted and not plan.indicator_ids and not plan.dry_run:
        urls = {
            "kommun": settings.geo_municipalities_url,
            "lan": settings.geo_counties_url,
        }
        steps.append(
            (
                "boundaries",
                "boundaries",
                "boundaries",
                lambda: run_boundaries(engine, urls, clients),
            )
        )
    for ind in (i for i in plan.indicators if i.computed is None):
        steps.append(
            (
                ind.id,
                "indicator",
                ind.source,
                _indicator_step(
                    engine,
                    ind,
                    clients,
                    plan.full,
                    settings,
                    plan.run_id,
                    dry_run=plan.dry_run,
                ),
            )
        )
    if (
        "boundaries" in plan.wanted
        and not plan.indicator_ids
        and not plan.dry_run
        and catalogue.small_areas.vintages
    ):
        steps.append(
            (
                "area-boundaries",
                "boundaries",
                "boundaries",
                lambda: run_area_boundaries(
                    engine,
                    catalogue.small_areas,
                    settings.geo_small_areas_url,
                    clients,
                    settings.geo_small_areas_format,
                ),
            )
        )
    steps += _area_steps(plan)
    return steps


def run_refresh(
    engine: Engine,
    catalogue: Catalogue,
    settings: Settings,
    *,
    sources: Sequence[str] | None = None,
    indicator_ids: Sequence[str] | None = None,
    full: bool = False,
    trigger: str = "cli",
    progress: Progress | None = None,
    wait_seconds: float = 0.0,
    clients: SourceClients | None = None,
    after_load: Callable[[Engine, int], object] | None = None,
    stop: threading.Event | None = None,
    dry_run: bool = False,
) -> RunSummary:
    """Run the ETL once under the database's lock.

    Args:
        engine: the database (schema current, catalogue synced).
        catalogue: the catalogue.
        settings: base URLs, first year, HTTP settings.
        sources: any of ``regions``, ``boundaries``, ``scb``, ``kolada``; default all.
        indicator_ids: only these indicators (regions are still loaded if missing).
        full: refetch everything instead of only what changed.
        trigger: who started it (``cli``, ``scheduler``, ``operator``, ``up``).
        progress: receives the steps as they run.
        wait_seconds: how long to wait for another run's lock.
        clients: the run's source clients, from the runtime's :class:`Sources` (the scheduler
            passes fresh ones per job, sharing its limiters); default: clients of their own,
            made from ``settings`` and closed at the end of the run.
        after_load: called with the engine and run id once data is loaded (status recompute).
        stop: when set (e.g. by the scheduler on SIGTERM), the run ends after the current
            step and is recorded as aborted; no step is ever half-written.
        dry_run: fetch, validate and check the indicators, record what would change in the run
            log (marked as a dry run) and write nothing else; ``after_load`` is not called.

    Raises:
        EtlBusyError: another run holds the lock.
        RunRequestError: an unknown source or indicator id, or a dry run of what it does not
            cover (regions, boundaries) or on a database without regions.
    """
    wanted = set(sources or SOURCES)
    unknown_sources = wanted - set(SOURCES)
    if unknown_sources:
        raise RunRequestError(
            f"unknown source(s) {', '.join(sorted(unknown_sources))}; use {', '.join(SOURCES)}"
        )
    indicators = select_indicators(catalogue, wanted, indicator_ids)
    if dry_run:
        _check_dry_run(engine, wanted, indicator_ids)
    progress = progress or _NoProgress()
    lock: EtlLockHandle = acquire_lock(engine, wait_seconds=wait_seconds)
    own_clients = clients is None
    clients = clients or Sources(settings).clients()
    try:
        mark_interrupted_runs_safe(engine)
        # Source metadata is cached within one run only: each run asks the sources afresh.
        clients.start_run()
        options = {
            "sources": sorted(wanted),
            "indicators": list(indicator_ids or []),
            "full": full,
        }
        job = ",".join(sorted(wanted)) if not indicator_ids else "indicators"
        if dry_run:
            options["dry_run"] = True
        runlog = RunLog(engine, job, trigger=trigger, options=options, dry_run=dry_run)
        run_token = CURRENT_RUN.set(runlog.run_id)
        summary = RunSummary(run_id=runlog.run_id, outcome="running", dry_run=dry_run)
        steps = _steps(
            _RunPlan(
                engine, catalogue, settings, clients, wanted, indicator_ids, indicators, full,
                runlog.run_id, dry_run,
            )
        )  # fmt: skip
        progress.start(len(steps))
        runlog.set_total(len(steps))
        try:
            with _abort_on_sigterm() if stop is None else nullcontext():
                breaker = _Breaker()
                if any(i.source == "kolada" for i in indicators):
                    try:
                        prefetch_kpis(clients, indicators)
                    except SourceError as exc:
                        log.warning("Kolada KPI metadata unavailable: %s", exc)
                        breaker.record("kolada", failure_of(exc), strikes=UNREACHABLE_AFTER)
                for target, kind, source, action in steps:
                    if stop is not None and stop.is_set():
                        raise RunAborted("stopped before " + target)
                    skipped = breaker.skipped(source)
                    if skipped is not None:
                        summary.steps.append(
                            _skip_step(engine, runlog, target, kind, source, skipped, dry_run)
                        )
                        progress.advance()
                        continue
                    step = _run_step(
                        engine, runlog, target, kind, source, action, clients, progress, dry_run
                    )
                    breaker.record(source, step.failure)
                    summary.steps.append(step)
                if after_load is not None and not dry_run:
                    after_load(engine, runlog.run_id)
                if not dry_run:
                    analyze_tables(engine)
        except RunAborted as exc:
            summary.outcome = runlog.finish("aborted", error=str(exc))
            return summary
        finally:
            CURRENT_RUN.reset(run_token)
        summary.outcome = runlog.finish()
        return summary
    finally:
        if own_clients:
            clients.close()
        lock.release()


UNREACHABLE_AFTER = 2
"""Steps in a row that found a source unreachable before the rest of its steps are skipped."""


class _Breaker:
    """Stops a run from knocking on a source that does not answer at all.

    Without network every request waits for its retries; a run of a hundred indicators would
    take half an hour to learn what the first two steps already showed. Only failures of kind
    ``unreachable`` count: a source that answers, even with errors, is asked again.
    """

    def __init__(self) -> None:
        self._strikes: dict[str, int] = {}
        self._reasons: dict[str, str] = {}

    def record(self, source: str, failure: StepFailure | None, strikes: int = 1) -> None:
        """Count a step's result: a success clears the strikes, no answer adds ``strikes``."""
        if failure is None:
            self._strikes[source] = 0
            return
        if failure.kind is not FailureKind.UNREACHABLE:
            return
        self._strikes[source] = self._strikes.get(source, 0) + strikes
        if self._strikes[source] >= UNREACHABLE_AFTER:
            self._reasons[source] = failure.detail or failure.message

    def skipped(self, source: str) -> StepFailure | None:
        """The failure of a step that is not attempted, or ``None`` while the source is up."""
        reason = self._reasons.get(source)
        return not_attempted(source, reason) if reason is not None else None


def _skip_step(
    engine: Engine,
    runlog: RunLog,
    target: str,
    kind: str,
    source: str,
    failure: StepFailure,
    dry_run: bool = False,
) -> StepSummary:
    item_id = runlog.start_item(target, kind)
    if kind == "indicator" and not dry_run:
        record_failure(engine, target, failure.message)
    runlog.finish_item(item_id, "failed", failure=failure)
    return StepSummary(target, kind, "failed", source=source, failure=failure)


def mark_interrupted_runs_safe(engine: Engine) -> None:
    """Runs left 'running' by a dead process are aborted; we hold the lock, so none is live."""
    from levande.indicators.store.runlog import abort_stale_runs

    abort_stale_runs(engine)


def _indicator_step(
    engine: Engine,
    ind: Indicator,
    clients: SourceClients,
    full: bool,
    settings: Settings,
    run_id: int,
    *,
    dry_run: bool = False,
) -> Callable[[], JobResult]:
    def load() -> JobResult:
        if ind.source == "kolada":
            return run_kolada_indicator(
                engine, ind, clients, full=full, first_year=settings.first_year, run_id=run_id,
                dry_run=dry_run,
            )  # fmt: skip
        return run_scb_indicator(engine, ind, clients, full=full, run_id=run_id, dry_run=dry_run)

    return load if dry_run else _checked(engine, ind, run_id, load)


def _run_step(
    engine: Engine,
    runlog: RunLog,
    target: str,
    kind: str,
    source: str,
    action: Callable[[], JobResult],
    clients: SourceClients,
    progress: Progress,
    dry_run: bool = False,
) -> StepSummary:
    progress.step(target)
    item_id = runlog.start_item(target, kind)
    before = [c.snapshot() for c in clients.http_clients()]
    failure: StepFailure | None = None
    result: JobResult | None = None
    try:
        result = action()
    except RunAborted:
        raise
    except Exception as exc:  # a bug or an unforeseen answer must not stop the other steps
        failure = failure_of(exc)
        if failure.kind is FailureKind.BUG:
            log.exception("%s failed unexpectedly", target)
        else:
            log.error("%s failed: %s", target, failure.message)
    after = [c.snapshot() for c in clients.http_clients()]
    requests = sum(a.requests - b.requests for a, b in zip(after, before, strict=True))
    received = sum(a.bytes_received - b.bytes_received for a, b in zip(after, before, strict=True))
    if failure is not None or result is None:
        failure = failure or no_result()
        if failure.source is None:
            failure = replace(failure, source=source)
        if kind == "indicator" and not dry_run:
            record_failure(engine, target, failure.message)
        runlog.finish_item(item_id, "failed", failure=failure, requests=requests, bytes=received)
        progress.advance()
        return StepSummary(target, kind, "failed", source=source, failure=failure)
    load = result.load
    runlog.finish_item(
        item_id,
        result.outcome,
        note=result.note if result.outcome != "success" else None,
        changes=result.changes or None,
        inserted=load.inserted,
        updated=load.updated,
        deleted=load.deleted,
        unchanged=load.unchanged,
        requests=requests,
        bytes=received,
    )
    progress.advance()
    return StepSummary(
        target,
        kind,
        result.outcome,
        source=source,
        inserted=load.inserted,
        updated=load.updated,
        deleted=load.deleted,
        unchanged=load.unchanged,
        changes=result.changes,
    )
