"""Flags on implausible values: kept after each load, and accepted by an operator.

The values stay in ``observation`` exactly as published. After a load, every value of the
indicator is checked (``core.plausibility``) and the flags in ``value_flag`` are brought in
line: a new finding gets a flag with its source row; a flag whose value the source has revised
(or removed) is closed with the time; a flag whose value is unchanged keeps its state, so an
accepted value stays accepted. An open flag keeps its value out of the status method until an
operator accepts it (who and when are kept and logged) or the source revises it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from levande.indicators.core.catalogue import Indicator
from levande.indicators.core.clock import now_utc
from levande.indicators.core.plausibility import Finding, Value, check, check_columns, rules_of
from levande.indicators.store.schema import Observation, ValueFlag
from levande.indicators.store.writes import bump_data_version

log = logging.getLogger(__name__)

Key = tuple[str, str, str, str]
"""A flag's identity: region, period, breakdown and rule."""


@dataclass(frozen=True)
class FlagReport:
    """What a check changed: flags opened and closed, and how many stay open."""

    opened: int = 0
    closed: int = 0
    open: int = 0


def _key(region: str, period: str, breakdown: str, rule: str) -> Key:
    return region, period, breakdown, rule


def _findings(values: Iterable[Value], indicator: Indicator) -> dict[Key, Finding]:
    return _keyed(check(values, rules_of(indicator)))


def _keyed(findings: Iterable[Finding]) -> dict[Key, Finding]:
    found: dict[Key, Finding] = {}
    for finding in findings:
        v = finding.value
        found[_key(v.region_code, v.period, v.breakdown, finding.rule.value)] = finding
    return found


def _open_flags(session: Session, indicator_id: str) -> dict[Key, ValueFlag]:
    flags = session.scalars(
        select(ValueFlag).where(
            ValueFlag.indicator_id == indicator_id, ValueFlag.resolved_at.is_(None)
        )
    )
    return {_key(f.region_code, f.period, f.breakdown, f.rule): f for f in flags}


@dataclass(frozen=True)
class Reconciled:
    """How the findings of a check meet the flags already open.

    Attributes:
        to_open: findings not flagged yet.
        to_close: open flags whose value the source revised or removed.
        still_open: findings that stay out of the status (not accepted by an operator).
    """

    to_open: list[Finding]
    to_close: list[Key]
    still_open: int


def _reconcile(findings: Mapping[Key, Finding], current: Mapping[Key, ValueFlag]) -> Reconciled:
    to_close = [
        key
        for key, flag in current.items()
        if (found := findings.get(key)) is None or found.value.value != flag.value
    ]
    closing = set(to_close)
    to_open = [f for key, f in findings.items() if key not in current or key in closing]
    accepted = {
        key for key, flag in current.items() if key not in closing and flag.accepted_at is not None
    }
    return Reconciled(to_open, to_close, sum(1 for key in findings if key not in accepted))


def flag_values(engine: Engine, indicator: Indicator, run_id: int | None = None) -> FlagReport:
    """Check every stored value of ``indicator`` and bring its flags in line, in one transaction.

    Args:
        engine: the database.
        indicator: the indicator just loaded, with its plausibility rules.
        run_id: the run that loaded it, kept on new flags.
    """
    stamp = now_utc()
    with Session(engine) as session, session.begin():
        # Core rows, without the ORM's loading layer: a million of them in a full load.
        rows = (
            session.connection()
            .execute(
                select(
                    Observation.region_code,
                    Observation.period,
                    Observation.breakdown,
                    Observation.value,
                ).where(Observation.indicator_id == indicator.id, Observation.value.is_not(None))
            )
            .all()
        )
        # As columns: a full load checks every stored value, a million rows, and objects per
        # row (a key dict, a Value each, a parsed fetched_at) cost seconds where only the
        # flagged values need them.
        regions = [r[0] for r in rows]
        periods = [r[1] for r in rows]
        breakdowns = [r[2] for r in rows]
        values = cast(list[float], [r[3] for r in rows])  # not NULL, by the query
        findings = check_columns(regions, breakdowns, periods, values, rules_of(indicator))
        current = _open_flags(session, indicator.id)
        plan = _reconcile(_keyed(findings), current)
        stored = _source_rows(session, indicator.id, plan.to_open)
        for key in plan.to_close:
            current[key].resolved_at = stamp  # the source revised or removed the value
        for finding in plan.to_open:
            v = finding.value
            row = stored[(v.region_code, v.period, v.breakdown)]
            session.add(
                ValueFlag(
                    indicator_id=indicator.id,
                    region_code=v.region_code,
                    period=v.period,
                    breakdown=v.breakdown,
                    rule=finding.rule.value,
                    value=v.value,
                    bound=finding.bound,
                    previous_period=finding.previous.period if finding.previous else None,
                    previous_value=finding.previous.value if finding.previous else None,
                    source_row={
                        "source": indicator.source,
                        "source_id": indicator.source_id,
                        "region_code": v.region_code,
                        "period": v.period,
                        "breakdown": v.breakdown,
                        "value": v.value,
                        "status": row.status,
                        "fetched_at": row.fetched_at.isoformat() if row.fetched_at else None,
                        "run_id": row.run_id,
                    },
                    run_id=run_id,
                    flagged_at=stamp,
                )
            )
        opened, closed = len(plan.to_open), len(plan.to_close)
        if opened or closed:
            bump_data_version(session)  # public pages note flagged values: their caches die
    if opened or closed:
        log.warning(
            "%s: %d implausible value(s) flagged, %d flag(s) closed by a revision",
            indicator.id,
            opened,
            closed,
        )
    return FlagReport(opened, closed, plan.still_open)


def _source_rows(session: Session, indicator_id: str, findings: list[Finding]) -> dict[Any, Any]:
    """The stored rows (status, fetched_at, run_id) of the values about to be flagged."""
    wanted = {(f.value.region_code, f.value.period, f.value.breakdown) for f in findings}
    if not wanted:
        return {}
    periods = sorted({period for _, period, _ in wanted})
    found: dict[Any, Any] = {}
    for start in range(0, len(periods), 500):
        for row in session.execute(
            select(
                Observation.region_code,
                Observation.period,
                Observation.breakdown,
                Observation.status,
                Observation.fetched_at,
                Observation.run_id,
            ).where(
                Observation.indicator_id == indicator_id,
                Observation.period.in_(periods[start : start + 500]),
            )
        ):
            key = (row.region_code, row.period, row.breakdown)
            if key in wanted:
                found[key] = row
    return found


def preview_flags(
    session: Session, indicator: Indicator, values: Mapping[tuple[str, str, str], float | None]
) -> tuple[FlagReport, list[dict[str, Any]]]:
    """What :func:`flag_values` would do if ``values`` were stored; reads only (a dry run).

    Args:
        session: an open session.
        indicator: the indicator, with its plausibility rules.
        values: every value by (region, period, breakdown), as a load would leave them.

    Returns:
        The report a real check would give, and each value that would be newly flagged (region,
        period, breakdown, value, rule, bound, and for a jump the year before).
    """
    checked = (
        Value(region, breakdown, period, float(value))
        for (region, period, breakdown), value in values.items()
        if value is not None
    )
    plan = _reconcile(_findings(checked, indicator), _open_flags(session, indicator.id))
    listed = [
        {
            "region_code": f.value.region_code,
            "period": f.value.period,
            "breakdown": f.value.breakdown,
            "value": f.value.value,
            "rule": f.rule.value,
            "bound": f.bound,
            "previous_period": f.previous.period if f.previous else None,
            "previous_value": f.previous.value if f.previous else None,
        }
        for f in plan.to_open
    ]
    return FlagReport(len(plan.to_open), len(plan.to_close), plan.still_open), listed


class FlagNotFoundError(LookupError):
    """No open flag has this id (it does not exist, or was accepted or revised already)."""


def accept_flag(engine: Engine, flag_id: int, who: str) -> ValueFlag:
    """Accept a flagged value as right: it counts in the status from the next computation.

    Args:
        engine: the database.
        flag_id: the flag.
        who: who accepts it, kept with the time and logged.

    Raises:
        FlagNotFoundError: no open flag has this id.
        ValueError: ``who`` is empty.
    """
    name = " ".join(who.split())[:100]
    if not name:
        raise ValueError("say who accepts the value")
    with Session(engine, expire_on_commit=False) as session, session.begin():
        flag = session.get(ValueFlag, flag_id)
        if flag is None or flag.resolved_at is not None or flag.accepted_at is not None:
            raise FlagNotFoundError(f"no open flag {flag_id}")
        flag.accepted_by = name
        flag.accepted_at = now_utc()
        bump_data_version(session)  # the note beside the value goes at once, cache or not
    log.info(
        "flag %d accepted by %s: %s %s %s %s = %r (%s)",
        flag.id,
        name,
        flag.indicator_id,
        flag.region_code,
        flag.period,
        flag.breakdown,
        flag.value,
        flag.rule,
    )
    return flag
