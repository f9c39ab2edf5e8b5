"""Flagged values: what the console and ``levande etl status`` list, what pages mark.

Flags are written by the store after each load (``indicators.store.flags``); here they are
only read. An *open* flag is neither accepted by an operator nor closed by a revision at the
source; public pages put a note beside such a value, and the status method leaves it out.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from levande.indicators.core.clock import aware
from levande.indicators.reads.cache import Reader
from levande.indicators.store.schema import ValueFlag

FlagKey = tuple[str, str, str]
"""A flagged value: region, period, breakdown."""


def open_flag_keys(reader: Reader, indicator_id: str) -> frozenset[FlagKey]:
    """The values of an indicator with an open flag, for the note beside them."""

    def load() -> frozenset[FlagKey]:
        with reader.connect() as conn, Session(conn) as session:
            rows = session.execute(
                select(ValueFlag.region_code, ValueFlag.period, ValueFlag.breakdown).where(
                    ValueFlag.indicator_id == indicator_id,
                    ValueFlag.accepted_at.is_(None),
                    ValueFlag.resolved_at.is_(None),
                )
            ).all()
        return frozenset((r.region_code, r.period, r.breakdown) for r in rows)

    return reader.cached(("open_flags", indicator_id), load)


def open_flags_of_place(reader: Reader, region_code: str) -> frozenset[tuple[str, str]]:
    """(indicator, period) of a place's values (total breakdown) with an open flag."""

    def load() -> frozenset[tuple[str, str]]:
        with reader.connect() as conn, Session(conn) as session:
            rows = session.execute(
                select(ValueFlag.indicator_id, ValueFlag.period).where(
                    ValueFlag.region_code == region_code,
                    ValueFlag.breakdown == "T",
                    ValueFlag.accepted_at.is_(None),
                    ValueFlag.resolved_at.is_(None),
                )
            ).all()
        return frozenset((r.indicator_id, r.period) for r in rows)

    return reader.cached(("open_flags_of_place", region_code), load)


def value_flags(engine: Engine, *, only_open: bool = True) -> list[dict[str, Any]]:
    """Flags per indicator, newest first within each, with the source row and the decision.

    Args:
        engine: the database.
        only_open: only the flags waiting for an operator (default); else also the accepted
            ones and those the source has revised, to see the decisions taken.
    """
    query = select(ValueFlag).order_by(ValueFlag.indicator_id, ValueFlag.id.desc())
    if only_open:
        query = query.where(ValueFlag.accepted_at.is_(None), ValueFlag.resolved_at.is_(None))
    with Session(engine) as session:
        flags = session.scalars(query).all()
        return [
            {
                "id": f.id,
                "indicator_id": f.indicator_id,
                "region_code": f.region_code,
                "period": f.period,
                "breakdown": f.breakdown,
                "rule": f.rule,
                "value": f.value,
                "bound": f.bound,
                "previous_period": f.previous_period,
                "previous_value": f.previous_value,
                "source_row": dict(f.source_row or {}),
                "run_id": f.run_id,
                "flagged_at": aware(f.flagged_at),
                "accepted_by": f.accepted_by,
                "accepted_at": aware(f.accepted_at),
                "resolved_at": aware(f.resolved_at),
            }
            for f in flags
        ]


def flag_decisions(engine: Engine, limit: int = 20) -> list[dict[str, Any]]:
    """The latest flags decided: accepted by an operator or closed by a revision, newest first."""
    decided = [
        f for f in value_flags(engine, only_open=False) if f["accepted_at"] or f["resolved_at"]
    ]
    decided.sort(
        key=lambda f: max(s for s in (f["accepted_at"], f["resolved_at"]) if s), reverse=True
    )
    return decided[:limit]
