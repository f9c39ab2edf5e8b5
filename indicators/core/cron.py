"""Validation of cron expressions in the schedule, without importing the scheduler."""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from apscheduler.triggers.cron import CronTrigger

    from levande.indicators.core.catalogue import ScheduleJob

_RANGES = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)]
_NAMES = ["minute", "hour", "day of month", "month", "day of week"]
_ALIASES = {
    "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 0,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip


def _number(token: str, low: int, high: int, name: str) -> int:
    value = _ALIASES.get(token.lower()) if not token.isdigit() else int(token)
    if value is None or not low <= value <= high:
        raise ValueError(f"{name} value {token!r} is outside {low}-{high}")
    return value


def validate_cron(expression: str) -> None:
    """Check a five-field cron expression (minute hour day month weekday).

    Raises:
        ValueError: naming the field that is wrong.
    """
    fields = expression.split()
    if len(fields) != 5:
        raise ValueError(
            f"cron {expression!r} needs 5 fields (minute hour day month weekday), got {len(fields)}"
        )
    for text, (low, high), name in zip(fields, _RANGES, _NAMES, strict=True):
        for part in text.split(","):
            base, _, step = part.partition("/")
            if step and (not step.isdigit() or int(step) == 0):
                raise ValueError(f"{name} step {step!r} must be a positive number")
            if base == "*":
                continue
            start, _, end = base.partition("-")
            lo = _number(start, low, high, name)
            if end and _number(end, low, high, name) < lo:
                raise ValueError(f"{name} range {base!r} runs backwards")


_WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def cron_trigger(expression: str, timezone: str) -> CronTrigger:
    """APScheduler's trigger for a standard five-field cron expression.

    Standard cron counts weekdays from Sunday = 0 (and 7); APScheduler 3 counts from
    Monday = 0. Numbers in the weekday field are therefore turned into names first, so that
    ``1-5`` keeps meaning Monday to Friday.
    """
    from apscheduler.triggers.cron import CronTrigger

    fields = expression.split()
    fields[4] = re.sub(r"\d+", lambda m: _WEEKDAYS[int(m.group())], fields[4])
    return CronTrigger.from_crontab(" ".join(fields), timezone=ZoneInfo(timezone))


def trigger_for(job: ScheduleJob, timezone: str) -> CronTrigger:
    """The cron trigger of a job in the schedule's time zone."""
    return cron_trigger(job.cron, timezone)


def next_fire(job: ScheduleJob, timezone: str, after: datetime) -> datetime | None:
    """When ``job`` is next due strictly after ``after``."""
    fire: datetime | None = trigger_for(job, timezone).get_next_fire_time(None, after)
    return fire
