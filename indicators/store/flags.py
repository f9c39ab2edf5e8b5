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
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from levande.indicators.core.catalogue import Indicator
from levande.indicators.core.clock import now_utc
from levande.indicators.core.plausibility import Finding, Value, check, rules_of
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


def flag_values(engine: Engine, indicator: Indicator, run_id: int | None = None) -> FlagReport:
    """Check every stored value of ``indicator`` and bring its flags in line, in one transaction.

    Args:
        engine: the database.
        indicator: the indicator just loaded, with its plausibility rules.
        run_id: the run that loaded it, kept on new flags.
    """
    rules = rules_of(indicator)
    stamp = now_utc()
    with Session(engine) as session, session.begin():
        rows = session.execute(
            select(
                Observation.region_code,
                Observation.period,
                Observation.breakdown,
                Observation.value,
                Observation.status,
                Observation.fetched_at,
                Observation.run_id,
            ).where(Observation.indicator_id == indicator.id, Observation.value.is_not(None))
        ).all()
        stored = {(r.region_code, r.period, r.breakdown): r for r in rows}
        findings: dict[Key, Finding] = {}
        values = (Value(r.region_code, r.breakdown, r.period, float(r.value)) for r in rows)
        for finding in check(values, rules):
            v = finding.value
            findings[_key(v.region_code, v.period, v.breakdown, finding.rule.value)] = finding
        current = {
            _key(f.region_code, f.period, f.breakdown, f.rule): f
            for f in session.scalars(
                select(ValueFlag).where(
                    ValueFlag.indicator_id == indicator.id, ValueFlag.resolved_at.is_(None)
                )
            )
        }
        opened = closed = 0
        for key, flag in current.items():
            found = findings.get(key)
            if found is None or found.value.value != flag.value:
                flag.resolved_at = stamp  # the source revised or removed the value
                closed += 1
        for key, finding in findings.items():
            kept = current.get(key)
            if kept is not None and kept.resolved_at is None:
                continue
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
            opened += 1
        accepted = {
            key
            for key, flag in current.items()
            if flag.resolved_at is None and flag.accepted_at is not None
        }
        still_open = sum(1 for key in findings if key not in accepted)
        if opened or closed:
            bump_data_version(session)  # public pages note flagged values: their caches die
    if opened or closed:
        log.warning(
            "%s: %d implausible value(s) flagged, %d flag(s) closed by a revision",
            indicator.id,
            opened,
            closed,
        )
    return FlagReport(opened, closed, still_open)


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
