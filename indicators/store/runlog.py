"""The ETL's run log and its one-run-at-a-time lock, stored in the database itself.

Both live in the database rather than in files so that every process that can reach the data —
a cron job, the scheduler, an operator's button — sees the same runs and the same lock, on
SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from levande.indicators.core.clock import aware, now_utc
from levande.indicators.core.failures import StepFailure
from levande.indicators.store.schema import EtlLock, EtlRun, EtlRunItem

log = logging.getLogger(__name__)

LOCK_NAME = "etl"


class EtlBusyError(RuntimeError):
    """Another refresh holds the lock on this database."""


def _holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class EtlLockHandle:
    """A held lock; :meth:`heartbeat` keeps it fresh and :meth:`release` frees it."""

    engine: Engine
    holder: str

    def heartbeat(self) -> None:
        """Show that the holder is alive, so the lock is not taken over as stale."""
        with self.engine.begin() as conn:
            conn.execute(
                update(EtlLock)
                .where(EtlLock.name == LOCK_NAME, EtlLock.holder == self.holder)
                .values(heartbeat_at=now_utc())
            )

    def release(self) -> None:
        """Free the lock if this holder still has it."""
        with self.engine.begin() as conn:
            conn.execute(
                delete(EtlLock).where(EtlLock.name == LOCK_NAME, EtlLock.holder == self.holder)
            )


def acquire_lock(
    engine: Engine,
    *,
    wait_seconds: float = 0.0,
    stale_after: timedelta = timedelta(minutes=30),
    poll_seconds: float = 1.0,
) -> EtlLockHandle:
    """Take the ETL lock of this database.

    Args:
        engine: the database.
        wait_seconds: how long to wait for a running refresh to finish; 0 fails at once.
        stale_after: a lock whose holder has not shown a heartbeat for this long is taken
            over (its process died without releasing it).
        poll_seconds: how often to try again while waiting.

    Raises:
        EtlBusyError: naming the holder and since when, when the lock stays taken.
    """
    holder = _holder()
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            with engine.begin() as conn:
                stamp = now_utc()
                conn.execute(
                    insert(EtlLock).values(
                        name=LOCK_NAME, holder=holder, acquired_at=stamp, heartbeat_at=stamp
                    )
                )
            return EtlLockHandle(engine, holder)
        except IntegrityError:
            pass
        with Session(engine) as session:
            current = session.get(EtlLock, LOCK_NAME)
            if (
                current is not None
                and now_utc() - (aware(current.heartbeat_at) or now_utc()) > stale_after
            ):
                log.warning(
                    "taking over a stale ETL lock held by %s since %s",
                    current.holder,
                    current.acquired_at,
                )
                session.execute(
                    delete(EtlLock).where(
                        EtlLock.name == LOCK_NAME, EtlLock.holder == current.holder
                    )
                )
                session.commit()
                continue
        if time.monotonic() >= deadline:
            who = f"{current.holder} since {current.acquired_at:%Y-%m-%d %H:%M}" if current else "?"
            raise EtlBusyError(f"another refresh is running on this database ({who}); try later")
        time.sleep(poll_seconds)


COUNTERS = ("inserted", "updated", "deleted", "unchanged", "requests", "bytes")


class RunLog:
    """Records one run and each of its steps, each write in its own short transaction."""

    def __init__(
        self,
        engine: Engine,
        job: str,
        *,
        trigger: str = "cli",
        options: Any = None,
        dry_run: bool = False,
    ):
        self.engine = engine
        with Session(engine) as session, session.begin():
            run = EtlRun(
                job=job,
                trigger=trigger,
                started_at=now_utc(),
                outcome="running",
                inserted=0,
                updated=0,
                deleted=0,
                unchanged=0,
                requests=0,
                bytes=0,
                options=options,
                dry_run=dry_run,
            )
            session.add(run)
            session.flush()
            self.run_id: int = run.id

    def set_total(self, steps: int) -> None:
        """Record how many steps the run has, so its progress can be shown while it runs."""
        with Session(self.engine) as session, session.begin():
            run = session.get(EtlRun, self.run_id)
            if run is not None:
                run.options = {**(run.options or {}), "steps_total": steps}

    def start_item(self, target: str, kind: str) -> int:
        """Record the start of one step; returns its id."""
        with Session(self.engine) as session, session.begin():
            item = EtlRunItem(
                run_id=self.run_id,
                target=target,
                kind=kind,
                started_at=now_utc(),
                outcome="running",
                inserted=0,
                updated=0,
                deleted=0,
                unchanged=0,
                requests=0,
                bytes=0,
            )
            session.add(item)
            session.flush()
            return item.id

    def finish_item(
        self,
        item_id: int,
        outcome: str,
        *,
        note: str | None = None,
        failure: StepFailure | None = None,
        changes: dict[str, Any] | None = None,
        **counts: int,
    ) -> None:
        """Record how one step ended, with its counts and, if it failed, its failure.

        Args:
            item_id: the step, from :meth:`start_item`.
            outcome: ``success``, ``skipped`` (nothing new at the source) or ``failed``.
            note: a remark on a step that did not fail (e.g. why it was skipped); kept in the
                ``error`` column, without a kind.
            failure: why the step failed: message, kind and detail each in their column.
            changes: what the step changed, for the operators' history.
            **counts: row and traffic counters (see :data:`COUNTERS`).
        """
        values: dict[str, Any] = {
            "finished_at": now_utc(),
            "outcome": outcome,
            "error": failure.message if failure is not None else note,
            "error_kind": failure.kind.value if failure is not None else None,
            "error_detail": failure.detail if failure is not None else None,
            "error_facts": failure.facts() if failure is not None else None,
            "changes": changes,
        }
        values.update({k: v for k, v in counts.items() if k in COUNTERS})
        with self.engine.begin() as conn:
            conn.execute(update(EtlRunItem).where(EtlRunItem.id == item_id).values(**values))

    def finish(self, outcome: str | None = None, error: str | None = None) -> str:
        """Close the run; its counts are the sums of its steps.

        Args:
            outcome: force an outcome (``aborted``); by default success when every step
                succeeded or was skipped, failed when all failed, partial otherwise.
            error: the run-level error text, if any.

        Returns:
            The outcome recorded.
        """
        with Session(self.engine) as session, session.begin():
            sums = session.execute(
                select(
                    *(func.coalesce(func.sum(getattr(EtlRunItem, c)), 0) for c in COUNTERS)
                ).where(EtlRunItem.run_id == self.run_id)
            ).one()
            outcomes = list(
                session.scalars(select(EtlRunItem.outcome).where(EtlRunItem.run_id == self.run_id))
            )
            failed = outcomes.count("failed") + outcomes.count("running")
            if outcome is None:
                if error is not None:
                    outcome = "failed"
                elif failed == 0:
                    outcome = "success"
                elif failed == len(outcomes):
                    outcome = "failed"
                else:
                    outcome = "partial"
            session.execute(
                update(EtlRunItem)
                .where(EtlRunItem.run_id == self.run_id, EtlRunItem.outcome == "running")
                .values(outcome="aborted" if outcome == "aborted" else "failed",
                        finished_at=now_utc())
            )  # fmt: skip
            failures = session.execute(
                select(EtlRunItem.target, EtlRunItem.error).where(
                    EtlRunItem.run_id == self.run_id, EtlRunItem.outcome == "failed"
                )
            ).all()
            summary = error or ("; ".join(f"{t}: {e}" for t, e in failures) if failures else None)
            session.execute(
                update(EtlRun)
                .where(EtlRun.id == self.run_id)
                .values(
                    finished_at=now_utc(),
                    outcome=outcome,
                    error=summary,
                    **{c: int(v) for c, v in zip(COUNTERS, sums, strict=True)},
                )
            )
        return outcome


def abort_stale_runs(engine: Engine) -> int:
    """Mark runs left 'running' as aborted; call only while holding the lock.

    A process killed mid-run (power loss, SIGKILL) cannot close its run; the next run, which
    holds the lock and so knows no other run is live, closes it.
    """
    with Session(engine) as session, session.begin():
        result = session.execute(
            update(EtlRun)
            .where(EtlRun.outcome == "running")
            .values(outcome="aborted", finished_at=now_utc(), error="the run was interrupted")
        )
        return int(getattr(result, "rowcount", 0) or 0)
