"""Read queries for operators: runs, steps, freshness and drift per indicator."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from indicators.schema import EtlRun, EtlRunItem, IndicatorRow, Observation, SourceState


def last_runs(engine: Engine, limit: int = 10) -> list[EtlRun]:
    """The latest runs, newest first."""
    with Session(engine, expire_on_commit=False) as session:
        return list(session.scalars(select(EtlRun).order_by(EtlRun.id.desc()).limit(limit)))


def run_items(engine: Engine, run_id: int) -> list[EtlRunItem]:
    """The steps of one run, in the order they ran."""
    with Session(engine, expire_on_commit=False) as session:
        return list(
            session.scalars(
                select(EtlRunItem).where(EtlRunItem.run_id == run_id).order_by(EtlRunItem.id)
            )
        )


def indicator_freshness(engine: Engine) -> pd.DataFrame:
    """One row per active indicator: source stamp, our last fetch, errors, drift, row counts.

    Columns: indicator_id, source, source_id, source_updated, last_checked_at,
    last_success_at, last_failure_at, last_error, drift, observations, latest_period.
    """
    with Session(engine) as session:
        counts = (
            select(
                Observation.indicator_id,
                func.count().label("observations"),
                func.max(Observation.period).label("latest_period"),
            )
            .group_by(Observation.indicator_id)
            .subquery()
        )
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
    from indicators.schema import IndicatorStatus

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
