"""Read queries for operators: runs, steps, freshness and drift per indicator."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import Engine, Select, func, select
from sqlalchemy.orm import Session

from levande.indicators.core.catalogue import Catalogue, Indicator, Schedule, ScheduleJob
from levande.indicators.core.clock import aware
from levande.indicators.core.cron import next_fire
from levande.indicators.core.failures import StepFailure, recorded_failure
from levande.indicators.store.schema import (
    AreaObservation,
    AreaSourceState,
    EtlRun,
    EtlRunItem,
    IndicatorRow,
    Observation,
    SourceState,
    loading_runs,
)


def run_log_stamp(engine: Engine) -> str:
    """A stamp that changes whenever the run log does: a run starts, a step ends, a run ends.

    The data-status page shows the run log, which moves without a new data version (a failed
    refresh writes no data); keyed by this stamp as well, its rendered answer can be kept.
    """
    with engine.connect() as conn:
        runs, last, finished = conn.execute(
            select(func.count(EtlRun.id), func.max(EtlRun.id), func.max(EtlRun.finished_at))
        ).one()
        steps = conn.execute(
            select(func.count(EtlRunItem.id), func.count(EtlRunItem.finished_at))
        ).one()
    return f"{runs}:{last}:{finished}:{steps[0]}:{steps[1]}"


def last_runs(engine: Engine, limit: int = 10) -> list[EtlRun]:
    """The latest runs, newest first."""
    with Session(engine, expire_on_commit=False) as session:
        return list(session.scalars(select(EtlRun).order_by(EtlRun.id.desc()).limit(limit)))


def _observation_counts() -> Select[str, int, str]:
    """Values held and the latest period, per indicator."""
    return select(
        Observation.indicator_id,
        func.count().label("observations"),
        func.max(Observation.period).label("latest_period"),
    ).group_by(Observation.indicator_id)


def indicator_freshness(engine: Engine) -> pd.DataFrame:
    """One row per active indicator: source stamp, our last fetch, errors, drift, row counts.

    Columns: indicator_id, source, source_id, source_updated, last_checked_at,
    last_success_at, last_failure_at, last_error, drift, observations, latest_period.
    """
    with Session(engine) as session:
        counts = _observation_counts().subquery()
        rows = session.execute(
            select(
                IndicatorRow.id,
                IndicatorRow.source,
                IndicatorRow.source_id,
                SourceState.source_updated,
                SourceState.last_checked_at,
                SourceState.last_success_at,
                SourceState.last_failure_at,
                SourceState.last_error,
                SourceState.drift,
                counts.c.observations,
                counts.c.latest_period,
            )
            .outerjoin(SourceState, SourceState.indicator_id == IndicatorRow.id)
            .outerjoin(counts, counts.c.indicator_id == IndicatorRow.id)
            .where(IndicatorRow.active.is_(True))
            .order_by(IndicatorRow.position)
        ).all()
    columns = [
        "indicator_id", "source", "source_id", "source_updated", "last_checked_at",
        "last_success_at", "last_failure_at", "last_error", "drift", "observations",
        "latest_period",
    ]  # fmt: skip
    frame = pd.DataFrame([tuple(r) for r in rows], columns=columns)
    frame["observations"] = frame["observations"].fillna(0).astype(int)
    return frame


def small_area_freshness(engine: Engine) -> pd.DataFrame:
    """One row per small-area indicator ever loaded: its table's stamp, our last fetch, rows.

    Columns: indicator_id, table_id, source_updated, last_checked_at, last_success_at,
    observations, latest_period. A failed fetch is in the run log (its step), not here.
    """
    counts = (
        select(
            AreaObservation.indicator_id,
            func.count().label("observations"),
            func.max(AreaObservation.period).label("latest_period"),
        )
        .group_by(AreaObservation.indicator_id)
        .subquery()
    )
    with Session(engine) as session:
        rows = session.execute(
            select(
                AreaSourceState.indicator_id,
                AreaSourceState.table_id,
                AreaSourceState.source_updated,
                AreaSourceState.last_checked_at,
                AreaSourceState.last_success_at,
                counts.c.observations,
                counts.c.latest_period,
            )
            .outerjoin(counts, counts.c.indicator_id == AreaSourceState.indicator_id)
            .order_by(AreaSourceState.indicator_id)
        ).all()
    columns = [
        "indicator_id", "table_id", "source_updated", "last_checked_at", "last_success_at",
        "observations", "latest_period",
    ]  # fmt: skip
    frame = pd.DataFrame([tuple(r) for r in rows], columns=columns)
    frame["observations"] = frame["observations"].fillna(0).astype(int)
    return frame


def format_stamp(stamp: object) -> str:
    """A timestamp for a terminal table, or a dash when there is none."""
    if not isinstance(stamp, datetime):
        return "–"
    return f"{stamp:%Y-%m-%d %H:%M}"


def drift_summary(drift: object) -> str:
    """The latest drift entry in a few words, or empty."""
    if not isinstance(drift, list) or not drift:
        return ""
    last = drift[-1]
    return f"{last.get('field')}: {last.get('old')!r} → {last.get('new')!r}"


def indicators_needing_status(engine: Engine, run_id: int) -> list[str]:
    """Indicators whose data changed in the run, or that have no status yet.

    The status step after a run recomputes only these; an unchanged indicator keeps its
    statuses (and its record of what changed the time it last did).
    """
    from levande.indicators.store.schema import IndicatorStatus

    with Session(engine) as session:
        changed = set(
            session.scalars(
                select(EtlRunItem.target).where(
                    EtlRunItem.run_id == run_id,
                    EtlRunItem.kind == "indicator",
                    (EtlRunItem.inserted + EtlRunItem.updated + EtlRunItem.deleted) > 0,
                )
            )
        )
        with_data = set(session.scalars(select(Observation.indicator_id).distinct()))
        with_status = set(session.scalars(select(IndicatorStatus.indicator_id).distinct()))
        regions_changed = session.scalar(
            select(func.count())
            .select_from(EtlRunItem)
            .where(
                EtlRunItem.run_id == run_id,
                EtlRunItem.kind == "regions",
                (EtlRunItem.inserted + EtlRunItem.updated) > 0,
            )
        )
    if regions_changed:
        return sorted(with_data)
    return sorted(changed | (with_data - with_status))


STALE_SOURCE_NEWER = "source_newer"
STALE_OVERDUE = "refresh_overdue"
STALE_FAILING = "refresh_failing"


def jobs_for(schedule: Schedule, indicator: Indicator) -> list[ScheduleJob]:
    """The scheduled jobs that refresh an indicator."""
    return [
        job
        for job in schedule.jobs
        if job.job == indicator.source
        or (job.job == "indicators" and indicator.id in job.indicators)
    ]


def data_status(engine: Engine, catalogue: Catalogue, now: datetime) -> pd.DataFrame:
    """Freshness of every catalogue indicator, for the public data-status page.

    Columns: indicator_id, source, source_id, source_published (the newest publication the
    source showed), held_published (the publication we hold, SCB only), last_success_at,
    last_failure_at, last_error, next_refresh, max_age_hours, stale (bool), stale_reasons
    (list of ``source_newer``, ``refresh_overdue`` or ``refresh_failing``), observations,
    latest_period.

    An indicator is stale when the source has published newer data than we hold (a date in
    the future is not news yet), or when its last successful refresh is older than its schedule
    allows (``max_age_hours``): ``refresh_failing`` when refreshes have failed since, else
    ``refresh_overdue``. A single failure within the allowed age is not yet stale.
    """
    with Session(engine) as session:
        states = {s.indicator_id: s for s in session.scalars(select(SourceState))}
        counts = {ind: (n, latest) for ind, n, latest in session.execute(_observation_counts())}
    rows = []
    zone = catalogue.schedule.timezone
    for ind in catalogue.indicators:
        state = states.get(ind.id)
        seen = aware(state.source_seen_updated) if state else None
        held = aware(state.source_updated) if state else None
        success = aware(state.last_success_at) if state else None
        failure = aware(state.last_failure_at) if state else None
        jobs = jobs_for(catalogue.schedule, ind)
        fires = [f for job in jobs if (f := next_fire(job, zone, now)) is not None]
        ages = [job.max_age_hours for job in jobs if job.max_age_hours is not None]
        max_age = min(ages) if ages else None
        reasons: list[str] = []
        # A publication date in the future (Kolada announces planned dates) is not news yet.
        if (
            seen is not None
            and seen <= now
            and (
                (held is not None and seen > held)
                or (held is None and success is not None and seen > success)
            )
        ):
            reasons.append(STALE_SOURCE_NEWER)
        if max_age is not None:
            limit = timedelta(hours=max_age)
            if success is None or now - success > limit:
                failing = failure is not None and (success is None or failure > success)
                reasons.append(STALE_FAILING if failing else STALE_OVERDUE)
        n, latest = counts.get(ind.id, (0, None))
        rows.append(
            {
                "indicator_id": ind.id,
                "source": ind.source,
                "source_id": ind.source_id,
                "source_published": seen,
                "held_published": held,
                "last_success_at": success,
                "last_failure_at": failure,
                "last_error": state.last_error if state else None,
                "next_refresh": min(fires) if fires else None,
                "max_age_hours": max_age,
                "stale": bool(reasons),
                "stale_reasons": reasons,
                "observations": int(n),
                "latest_period": latest,
            }
        )
    return pd.DataFrame(rows)


SOURCE_OF_STEP = {"regions": "kolada", "boundaries": "boundaries"}


def step_sources(catalogue: Catalogue | None) -> dict[str, str]:
    """The source each step reads, by the step's target (an indicator id, regions, boundaries)."""
    indicators = catalogue.indicators if catalogue is not None else ()
    return {ind.id: ind.source for ind in indicators} | SOURCE_OF_STEP


def source_health(engine: Engine, catalogue: Catalogue) -> list[dict[str, Any]]:
    """Per source: last success, last failure and its reason, from the run log.

    ``last_error`` is the latest failure's message and ``last_failure`` the failure itself
    (:class:`StepFailure`, whose kind tells an unreachable source from a changed table).
    """
    source_of = step_sources(catalogue)
    health: dict[str, dict[str, Any]] = {
        s: {
            "source": s,
            "last_success_at": None,
            "last_failure_at": None,
            "last_error": None,
            "last_failure": None,
        }
        for s in ("scb", "kolada", "boundaries")
    }
    # The latest finish per step and outcome, not the whole (ever growing) history.
    latest = (
        select(EtlRunItem.target, EtlRunItem.outcome, func.max(EtlRunItem.finished_at))
        .where(EtlRunItem.finished_at.is_not(None), EtlRunItem.run_id.in_(loading_runs()))
        .group_by(EtlRunItem.target, EtlRunItem.outcome)
    )
    with Session(engine) as session:
        for target, outcome, finished in session.execute(latest):
            entry = health.get(source_of.get(target, ""))
            if entry is None:
                continue
            stamp = aware(finished)
            key = "last_success_at" if outcome in ("success", "skipped") else "last_failure_at"
            if (
                outcome in ("success", "skipped", "failed")
                and stamp is not None
                and (entry[key] is None or stamp > entry[key])
            ):
                entry[key] = stamp
        for source, entry in health.items():
            if entry["last_failure_at"] is None:
                continue
            targets = [t for t, s in source_of.items() if s == source]
            last = session.scalars(
                select(EtlRunItem)
                .where(
                    EtlRunItem.target.in_(targets),
                    EtlRunItem.outcome == "failed",
                    EtlRunItem.run_id.in_(loading_runs()),
                )
                .order_by(EtlRunItem.finished_at.desc(), EtlRunItem.id.desc())
                .limit(1)
            ).first()
            if last is not None:
                entry["last_error"] = last.error
                entry["last_failure"] = step_failure(last, source)
    for entry in health.values():
        success, failure = entry["last_success_at"], entry["last_failure_at"]
        entry["healthy"] = failure is None or (success is not None and success > failure)
    return list(health.values())


def step_failure(item: EtlRunItem, source: str | None = None) -> StepFailure | None:
    """Why a recorded step failed, or ``None`` when it did not fail.

    ``source`` is the step's source from the catalogue, for steps recorded before failures
    kept their source.
    """
    if item.outcome != "failed":
        return None
    failure = recorded_failure(item.error_kind, item.error, item.error_detail, item.error_facts)
    if failure.source is None and source is not None:
        failure = replace(failure, source=source)
    return failure


def _seconds(started: datetime | None, finished: datetime | None) -> float | None:
    if started is None or finished is None:
        return None
    return max((finished - started).total_seconds(), 0.0)


def _step(item: EtlRunItem, sources: Mapping[str, str]) -> dict[str, Any]:
    started, finished = aware(item.started_at), aware(item.finished_at)
    source = sources.get(item.target)
    changes = item.changes or {}
    return {
        "id": item.id,
        "target": item.target,
        "kind": item.kind,
        "source": source,
        "outcome": item.outcome,
        "started_at": started,
        "finished_at": finished,
        "seconds": _seconds(started, finished),
        "inserted": item.inserted,
        "updated": item.updated,
        "deleted": item.deleted,
        "unchanged": item.unchanged,
        "requests": item.requests,
        "bytes": item.bytes,
        "error": item.error,
        "note": item.error if item.outcome != "failed" else None,
        "failure": step_failure(item, source),
        "new_periods": changes.get("new_periods", []),
        "drift": changes.get("drift", []),
        "flags": changes.get("flags") or {},
    }


def _run(run: EtlRun, steps: list[dict[str, Any]]) -> dict[str, Any]:
    outcomes = [s["outcome"] for s in steps]
    options = run.options or {}
    started, finished = aware(run.started_at), aware(run.finished_at)
    return {
        "id": run.id,
        "job": run.job,
        "trigger": run.trigger,
        "started_at": started,
        "finished_at": finished,
        "seconds": _seconds(started, finished),
        "outcome": run.outcome,
        "inserted": run.inserted,
        "updated": run.updated,
        "deleted": run.deleted,
        "unchanged": run.unchanged,
        "requests": run.requests,
        "error": run.error,
        "options": options,
        "dry_run": bool(run.dry_run),
        "steps_total": int(options.get("steps_total") or len(steps)),
        "steps_done": sum(1 for o in outcomes if o != "running"),
        "steps_succeeded": outcomes.count("success"),
        "steps_unchanged": outcomes.count("skipped"),
        "steps_failed": outcomes.count("failed") + outcomes.count("aborted"),
        "steps": steps,
    }


def run_history(
    engine: Engine, limit: int = 20, sources: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """The latest runs with their steps and what they changed, newest first.

    Args:
        engine: the database.
        limit: how many runs.
        sources: each step's source by target (:func:`step_sources`), to name the source of
            steps whose failures were recorded without one.
    """
    runs = last_runs(engine, limit)
    return _with_steps(engine, runs, sources or SOURCE_OF_STEP)


def run_detail(
    engine: Engine, run_id: int, sources: Mapping[str, str] | None = None
) -> dict[str, Any] | None:
    """One run with each of its steps (see :func:`run_history`), or ``None`` if there is none."""
    with Session(engine, expire_on_commit=False) as session:
        run = session.get(EtlRun, run_id)
    if run is None:
        return None
    return _with_steps(engine, [run], sources or SOURCE_OF_STEP)[0]


def _with_steps(
    engine: Engine, runs: Sequence[EtlRun], sources: Mapping[str, str]
) -> list[dict[str, Any]]:
    ids = [r.id for r in runs]
    with Session(engine) as session:
        items = session.scalars(
            select(EtlRunItem).where(EtlRunItem.run_id.in_(ids)).order_by(EtlRunItem.id)
        ).all()
        by_run: dict[int, list[dict[str, Any]]] = {}
        for item in items:
            by_run.setdefault(item.run_id, []).append(_step(item, sources))
    return [_run(run, by_run.get(run.id, [])) for run in runs]


def schedule_triggers(job: ScheduleJob) -> tuple[str, str]:
    """The run log's triggers of a scheduled job: run by the schedule, or by an operator now."""
    return f"scheduler:{job.id}", f"operator:{job.id}"


def schedule_overview(engine: Engine, schedule: Schedule, now: datetime) -> list[dict[str, Any]]:
    """Each job of the schedule with its next run after ``now`` and its last run.

    Returns one dict per job, in the schedule's order: ``job`` (the :class:`ScheduleJob`),
    ``next_run`` (aware, in the schedule's time zone, or None), and ``last_run_id``,
    ``last_started_at``, ``last_outcome`` of the latest run the schedule or an operator's
    "run now" started for it (None when it never ran).
    """
    triggers = {t: job.id for job in schedule.jobs for t in schedule_triggers(job)}
    latest = (
        select(EtlRun.trigger, func.max(EtlRun.id))
        .where(EtlRun.trigger.in_(list(triggers)))
        .group_by(EtlRun.trigger)
    )
    with Session(engine) as session:
        last_ids: dict[str, int] = {}
        for trigger, run_id in session.execute(latest):
            job_id = triggers[trigger]
            last_ids[job_id] = max(run_id, last_ids.get(job_id, run_id))
        runs = {
            run.id: run
            for run in session.scalars(select(EtlRun).where(EtlRun.id.in_(list(last_ids.values()))))
        }
    overview = []
    for job in schedule.jobs:
        last = runs.get(last_ids.get(job.id, -1))
        overview.append(
            {
                "job": job,
                "next_run": next_fire(job, schedule.timezone, now),
                "last_run_id": last.id if last is not None else None,
                "last_started_at": aware(last.started_at) if last is not None else None,
                "last_outcome": last.outcome if last is not None else None,
            }
        )
    return overview
