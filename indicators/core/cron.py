"""Cron expressions of the schedule, read by APScheduler 3 and checked by building its trigger.

The catalogue is checked with the very trigger the scheduler will run, so an expression that
passes ``levande config check`` cannot fail when the scheduler starts. Only the weekday field
is read here first: standard cron counts weekdays from Sunday = 0 (and 7), APScheduler 3 from
Monday = 0, so the field is turned into APScheduler's weekday names before the trigger sees it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

if TYPE_CHECKING:
    from levande.indicators.core.catalogue import ScheduleJob

FIELDS = (
    ("minute", "minute", "0-59"),
    ("hour", "hour", "0-23"),
    ("day", "day of month", "1-31"),
    ("month", "month", "1-12 or jan-dec"),
    ("day_of_week", "day of week", "0-7 (0 and 7 are Sunday) or sun-sat"),
)
"""APScheduler's name, the name operators know, and what the field takes: for messages."""

_SYNTAX = "a value, a range a-b, a list a,b, or a step */n or a-b/n"
WEEKDAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
"""Weekday names in standard cron order (Sunday = 0); APScheduler reads the names alike."""


def validate_cron(expression: str) -> None:
    """Check a five-field cron expression (minute hour day month weekday).

    Raises:
        ValueError: naming the field that is wrong, what APScheduler found and what it takes.
    """
    cron_trigger(expression, "UTC")


def cron_trigger(expression: str, timezone: str) -> CronTrigger:
    """APScheduler's trigger for a standard five-field cron expression.

    Weekday numbers and ranges keep their standard meaning (``1-5`` is Monday to Friday,
    ``0`` and ``7`` are Sunday, ``*/2`` is Sunday, Tuesday, Thursday and Saturday).

    Raises:
        ValueError: naming the field that is wrong, what is wrong and what it takes.
    """
    fields = expression.split()
    if len(fields) != 5:
        raise ValueError(
            f"cron {expression!r} needs 5 fields (minute hour day month weekday), got {len(fields)}"
        )
    values = dict(zip((key for key, _, _ in FIELDS), fields, strict=True))
    values["day_of_week"] = apscheduler_weekdays(fields[4])
    zone = ZoneInfo(timezone)
    try:
        return CronTrigger(timezone=zone, **values)
    except ValueError:
        pass
    # Name the field: try each alone, as the full trigger's error does not say which it was.
    for (key, name, takes), text in zip(FIELDS, fields, strict=True):
        try:
            CronTrigger(timezone=zone, **{key: values[key]})
        except ValueError as exc:
            raise ValueError(f"{name} {text!r} is not valid; use {takes} ({exc})") from None
    raise ValueError(f"cron {expression!r} is not valid")


def apscheduler_weekdays(field: str) -> str:
    """A standard cron weekday field as APScheduler weekday names, e.g. ``1-5`` → ``mon,…,fri``.

    ``*`` stays ``*``; anything else becomes the explicit list of days it stands for, so that
    ranges and steps keep their standard meaning.

    Raises:
        ValueError: for a weekday outside 0-7 or sun-sat, a range that runs backwards or a
            step that is not a positive number.
    """
    if field == "*":
        return field
    days: list[int] = []
    for part in field.split(","):
        base, slash, step_text = part.partition("/")
        if slash and not (step_text.isdigit() and int(step_text) > 0):
            raise ValueError(f"day of week step {step_text!r} must be a positive number")
        step = int(step_text) if slash else 1
        if base == "*":
            low, high = 0, 6
        else:
            start, dash, end = base.partition("-")
            low = _weekday(start)
            high = _weekday(end) if dash else (7 if slash else low)
            if high < low:
                raise ValueError(f"day of week range {base!r} runs backwards")
        days.extend(day % 7 for day in range(low, high + 1, step))
    return ",".join(WEEKDAYS[day] for day in sorted(set(days)))


def _weekday(token: str) -> int:
    name = token.lower()
    if name in WEEKDAYS:
        return WEEKDAYS.index(name)
    if token.isdigit() and int(token) <= 7:
        return int(token)
    raise ValueError(
        f"day of week value {token!r} is not valid; use 0-7 (0 and 7 are Sunday) or "
        f"sun-sat, as {_SYNTAX}"
    )


def trigger_for(job: ScheduleJob, timezone: str) -> CronTrigger:
    """The cron trigger of a job in the schedule's time zone."""
    return cron_trigger(job.cron, timezone)


def next_fire(job: ScheduleJob, timezone: str, after: datetime) -> datetime | None:
    """When ``job`` is next due strictly after ``after``."""
    fire: datetime | None = trigger_for(job, timezone).get_next_fire_time(None, after)
    return fire
