"""The built-in scheduler: runs the refresh jobs of ``config/schedule.yaml`` when they are due.

Cron expressions are read with APScheduler's ``CronTrigger`` (Europe/Stockholm by default);
the loop itself is small and takes its clock as a parameter so it can be tested without
waiting. Jobs run one at a time in this process, and the database's ETL lock keeps a cron job,
another scheduler or an operator's button from running at the same moment: an overlapping run
is skipped and logged, never interleaved.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from apscheduler.triggers.cron import CronTrigger

from levande.indicators.core.catalogue import Schedule, ScheduleJob
from levande.indicators.core.clock import now_utc
from levande.indicators.core.cron import cron_trigger
from levande.indicators.store.runlog import EtlBusyError

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
Runner = Callable[[ScheduleJob, threading.Event], str]


@dataclass
class _Entry:
    job: ScheduleJob
    trigger: CronTrigger
    due: datetime | None


class Scheduler:
    """Runs scheduled jobs when due, one at a time, surviving any job's failure."""

    def __init__(self, schedule: Schedule, runner: Runner, clock: Clock = now_utc) -> None:
        """Create a scheduler.

        Args:
            schedule: the validated schedule from the catalogue folder.
            runner: runs one job and returns its outcome (``success``, ``partial``, ...);
                receives the stop event so a long run can end early.
            clock: the current time (aware); tests pass a fake clock.
        """
        self.schedule = schedule
        self.runner = runner
        self.clock = clock
        self.stop = threading.Event()
        now = clock()
        self.entries = []
        for job in schedule.jobs:
            trigger = cron_trigger(job.cron, schedule.timezone)
            self.entries.append(_Entry(job, trigger, trigger.get_next_fire_time(None, now)))
        self.history: list[tuple[str, datetime, str]] = []

    def next_due(self) -> datetime | None:
        """The earliest time any job is due."""
        times = [e.due for e in self.entries if e.due is not None]
        return min(times) if times else None

    def run_job(self, job: ScheduleJob) -> str:
        """Run one job now; never raises (the scheduler must outlive any job)."""
        started = self.clock()
        log.info("scheduled job %s (%s) starts", job.id, job.job)
        try:
            outcome = self.runner(job, self.stop)
        except EtlBusyError as exc:
            outcome = "skipped"
            log.warning("scheduled job %s skipped: %s", job.id, exc)
        except Exception:
            outcome = "failed"
            log.exception("scheduled job %s failed", job.id)
        log.info("scheduled job %s ends: %s", job.id, outcome)
        self.history.append((job.id, started, outcome))
        return outcome

    def run_pending(self) -> list[tuple[str, str]]:
        """Run every job that is due now, in order of due time; reschedule each after it."""
        ran: list[tuple[str, str]] = []
        now = self.clock()
        for entry in sorted(
            (e for e in self.entries if e.due is not None and e.due <= now),
            key=lambda e: e.due or now,
        ):
            if self.stop.is_set():
                break
            ran.append((entry.job.id, self.run_job(entry.job)))
            # Runs missed while another job ran are not repeated: the next one is due after now.
            later = self.clock() + timedelta(microseconds=1)
            entry.due = entry.trigger.get_next_fire_time(None, later)
        return ran

    def run_forever(self, poll_seconds: float = 30.0) -> None:
        """Loop until :attr:`stop` is set, sleeping until the next job is due."""
        log.info(
            "scheduler started with %d jobs (%s); next due %s",
            len(self.entries),
            self.schedule.timezone,
            self.next_due(),
        )
        while not self.stop.is_set():
            self.run_pending()
            due = self.next_due()
            wait = poll_seconds
            if due is not None:
                wait = max(0.0, min(poll_seconds, (due - self.clock()).total_seconds()))
            self.stop.wait(wait)
        log.info("scheduler stopped")


SOURCES_OF_JOB = {
    "regions": ["regions"],
    "boundaries": ["boundaries"],
    "scb": ["scb"],
    "kolada": ["kolada"],
}
