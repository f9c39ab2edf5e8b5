"""Periods as the sources label them, and which of them stand for a whole year.

SCB's monthly tables label periods ``2026M04``; an indicator's status and its pages work in
years. The catalogue says which month's value is the year's value (``annual_month``: 12 for
the population on 31 December); the pages show those periods, and plain years, unless the
reader asks for every month.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_MONTH_RE = re.compile(r"^\d{4}M(\d{2})$")


def period_month(period: object) -> int | None:
    """The month of a monthly period label (4 for ``2026M04``); None for any other label."""
    match = _MONTH_RE.match(str(period))
    if match is None:
        return None
    month = int(match.group(1))
    return month if 1 <= month <= 12 else None


def is_annual(period: object, annual_month: int | None) -> bool:
    """Whether a period stands for its year.

    Every period without a month does, and the month the catalogue names; every period does
    when the indicator names no month.
    """
    if annual_month is None:
        return True
    month = period_month(period)
    return month is None or month == annual_month


def annual_periods(periods: Iterable[str], annual_month: int | None) -> tuple[str, ...]:
    """The periods that stand for their year, in their order."""
    return tuple(p for p in periods if is_annual(p, annual_month))
