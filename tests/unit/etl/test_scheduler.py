"""The scheduler's loop with a fake clock: due jobs run, failures are survived."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from levande.etl.scheduler import Scheduler
from levande.indicators.core.catalogue import Schedule, ScheduleJob
from levande.indicators.core.cron import next_fire
from levande.indicators.store.runlog import EtlBusyError


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


def _schedule(*jobs: tuple[str, str, str]) -> Schedule:
    return Schedule(
        timezone="Europe/Stockholm",
        jobs=[ScheduleJob(id=i, job=kind, cron=cron) for i, kind, cron in jobs],
    )


def test_jobs_run_when_due_and_not_before() -> None:
    clock = FakeClock(datetime(2026, 3, 2, 0, 0, tzinfo=UTC))  # 01:00 in Stockholm
    ran: list[str] = []

    def runner(job: ScheduleJob, stop: threading.Event) -> str:
        ran.append(job.id)
        return "success"

    scheduler = Scheduler(
        _schedule(("kolada-nightly", "kolada", "15 2 * * *"), ("scb", "scb", "30 9 * * 1-5")),
        runner,
        clock,
    )
    assert scheduler.next_due() == datetime(2026, 3, 2, 1, 15, tzinfo=UTC)
    assert scheduler.run_pending() == []
    clock.advance(minutes=74)
    assert scheduler.run_pending() == []
    clock.advance(minutes=1)
    assert scheduler.run_pending() == [("kolada-nightly", "success")]
    assert scheduler.run_pending() == []  # rescheduled for the next night
    clock.advance(hours=7, minutes=15)  # 09:30 Stockholm, a Monday
    assert scheduler.run_pending() == [("scb", "success")]
    assert ran == ["kolada-nightly", "scb"]


def test_failing_and_overlapping_jobs_are_survived() -> None:
    clock = FakeClock(datetime(2026, 3, 2, 1, 14, tzinfo=UTC))
    calls = {"n": 0}

    def runner(job: ScheduleJob, stop: threading.Event) -> str:
        calls["n"] += 1
        if job.id == "broken":
            raise RuntimeError("boom")
        if job.id == "busy":
            raise EtlBusyError("another refresh is running")
        return "success"

    scheduler = Scheduler(
        _schedule(
            ("broken", "kolada", "15 2 * * *"),
            ("busy", "scb", "15 2 * * *"),
            ("fine", "regions", "15 2 * * *"),
        ),
        runner,
        clock,
    )
    clock.advance(minutes=1)
    assert scheduler.run_pending() == [
        ("broken", "failed"),
        ("busy", "skipped"),
        ("fine", "success"),
    ]
    assert calls["n"] == 3


def test_stop_ends_the_loop() -> None:
    clock = FakeClock(datetime(2026, 3, 2, 1, 0, tzinfo=UTC))
    scheduler = Scheduler(_schedule(("a", "kolada", "15 2 * * *")), lambda j, s: "success", clock)
    thread = threading.Thread(target=scheduler.run_forever, kwargs={"poll_seconds": 0.05})
    thread.start()
    scheduler.stop.set()
    thread.join(timeout=5)
    assert not thread.is_alive()


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        # Winter (CET, UTC+1) and summer (CEST, UTC+2): 02:15 local is 01:15 or 00:15 UTC.
        (datetime(2026, 1, 10, 12, 0, tzinfo=UTC), datetime(2026, 1, 11, 1, 15, tzinfo=UTC)),
        (datetime(2026, 7, 10, 12, 0, tzinfo=UTC), datetime(2026, 7, 11, 0, 15, tzinfo=UTC)),
    ],
)
def test_cron_is_read_in_stockholm_time(after: datetime, expected: datetime) -> None:
    job = ScheduleJob(id="k", job="kolada", cron="15 2 * * *")
    fire = next_fire(job, "Europe/Stockholm", after)
    assert fire is not None and fire.astimezone(UTC) == expected


@pytest.mark.parametrize(
    ("cron", "after", "expected_weekday"),
    [
        ("0 9 * * 1-5", datetime(2026, 3, 7, 12, 0, tzinfo=UTC), 0),  # Saturday -> Monday
        ("0 9 * * 0", datetime(2026, 3, 2, 12, 0, tzinfo=UTC), 6),  # Sunday in standard cron
        ("0 9 * * 7", datetime(2026, 3, 2, 12, 0, tzinfo=UTC), 6),  # 7 is Sunday too
        ("0 9 * * fri", datetime(2026, 3, 2, 12, 0, tzinfo=UTC), 4),
    ],
)
def test_weekdays_follow_standard_cron(cron: str, after: datetime, expected_weekday: int) -> None:
    fire = next_fire(ScheduleJob(id="j", job="scb", cron=cron), "Europe/Stockholm", after)
    assert fire is not None and fire.weekday() == expected_weekday
