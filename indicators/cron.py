"""Validation of cron expressions in the schedule, without importing the scheduler."""

from __future__ import annotations

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
