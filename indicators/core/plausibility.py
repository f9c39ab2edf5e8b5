"""Plausibility checks: values that cannot be right, found after each load.

Numbers are stored exactly as published; a value outside its indicator's valid range, or one
that jumped further from the year before than is plausible, is *flagged*, not changed. The
rules are pure: the store applies them to what it holds and keeps the flags.

An indicator's rules are its catalogue entry's ``plausible`` and, for what it does not
declare, defaults derived from its unit: a share in per cent or an index on a stated scale
(``index (0–100)``, ``index 0–1``, ``Gini-koefficient (0–1)``) stays on that scale, coded answers
(``ja = 1, nej = 0``) stay among their codes, counts (``antal …``) are never negative.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from levande.indicators.core.catalogue import Indicator, Plausible

_NUMBER = r"(-?\d+(?:[.,]\d+)?)"
_SCALE = re.compile(
    # "index (0–100)", "Gini-koefficient (0–1)", and a bare scale after "index": "index 0–1".
    # Any other bare range is not a scale: "per invånare 7–20 år" names an age band.
    rf"\({_NUMBER}\s*[–-]\s*{_NUMBER}\)|^index\s+{_NUMBER}\s*[–-]\s*{_NUMBER}(?!\S)",
    re.IGNORECASE,
)
_CODES = (
    re.compile(r"(?<![\w.,])(-?\d+)\s*=\s*[^\W\d]"),  # "0 = underskott, 1 = balans"
    re.compile(r"[^\W\d]\s*=\s*(-?\d+)(?!\d|[.,]\d)"),  # "ja = 1, nej = 0"
)
_SHARE = re.compile(r"^(?:procent|andel\b.*%|%)", re.IGNORECASE)
_COUNT = re.compile(r"^antal\b", re.IGNORECASE)


class Rule(StrEnum):
    """Which check a value failed. Stored in ``value_flag.rule``: never rename one."""

    BELOW_RANGE = "below_range"
    ABOVE_RANGE = "above_range"
    JUMP = "jump"


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def unit_defaults(unit_sv: str) -> Plausible:
    """The valid range a unit implies, or no limits when the unit implies none."""
    unit = unit_sv.strip()
    scale = _SCALE.search(unit)
    if scale is not None:
        ends = [end for end in scale.groups() if end is not None]
        low, high = sorted((_number(ends[0]), _number(ends[1])))
        return Plausible(min=low, max=high)
    codes = [int(code) for pattern in _CODES for code in pattern.findall(unit)]
    if len(codes) >= 2:
        return Plausible(min=min(codes), max=max(codes))
    if _SHARE.match(unit):
        return Plausible(min=0, max=100)
    if _COUNT.match(unit):
        return Plausible(min=0)
    return Plausible()


def rules_of(indicator: Indicator) -> Plausible:
    """The indicator's checks: what its entry declares, the unit's defaults for the rest."""
    defaults = unit_defaults(indicator.unit_sv)
    declared = indicator.plausible
    if declared is None:
        return defaults
    return Plausible(
        min=declared.min if declared.min is not None else defaults.min,
        max=declared.max if declared.max is not None else defaults.max,
        max_change=declared.max_change if declared.max_change is not None else defaults.max_change,
    )


@dataclass(frozen=True, slots=True)
class Value:
    """One stored value of a series: region, breakdown, period and the number."""

    region_code: str
    breakdown: str
    period: str
    value: float


@dataclass(frozen=True, slots=True)
class Finding:
    """A value that failed a check.

    Attributes:
        value: the value as stored.
        rule: which check it failed.
        bound: the limit it crossed (the range's end, or the largest plausible change).
        previous: for a jump, the value of the year before.
    """

    value: Value
    rule: Rule
    bound: float
    previous: Value | None = None


def _year(period: str) -> int | None:
    return int(period) if period.isascii() and period.isdigit() else None


def check(values: Iterable[Value], rules: Plausible) -> list[Finding]:
    """Every value outside the range, and every jump beyond the limit between two years.

    A jump is measured between consecutive years of the same region and breakdown; a value
    already outside the range is not also reported as a jump, nor is the first value back
    inside it.
    """
    findings: list[Finding] = []
    series: dict[tuple[str, str], dict[int, Value]] = {}
    out_of_range: set[Value] = set()
    for item in values:
        if not math.isfinite(item.value):
            continue
        if rules.min is not None and item.value < rules.min:
            findings.append(Finding(item, Rule.BELOW_RANGE, rules.min))
            out_of_range.add(item)
        elif rules.max is not None and item.value > rules.max:
            findings.append(Finding(item, Rule.ABOVE_RANGE, rules.max))
            out_of_range.add(item)
        year = _year(item.period)
        if year is not None:
            series.setdefault((item.region_code, item.breakdown), {})[year] = item
    if rules.max_change is None:
        return findings
    for by_year in series.values():
        for year, item in sorted(by_year.items()):
            before = by_year.get(year - 1)
            if before is None or item in out_of_range or before in out_of_range:
                continue
            if abs(item.value - before.value) > rules.max_change:
                findings.append(Finding(item, Rule.JUMP, rules.max_change, before))
    return findings


def check_columns(
    region_codes: Sequence[str],
    breakdowns: Sequence[str],
    periods: Sequence[str],
    values: Sequence[float],
    rules: Plausible,
) -> list[Finding]:
    """What :func:`check` finds in the values given as columns (row ``i`` is entry ``i``).

    The same findings in the same order. An indicator's load checks every value it holds, a
    million in a full national load; without a jump rule (all but a few indicators) the range
    is checked on one array, and only the values outside it become objects.
    """
    if rules.max_change is not None:
        return check(
            (
                Value(region, breakdown, period, float(value))
                for region, breakdown, period, value in zip(
                    region_codes, breakdowns, periods, values, strict=True
                )
            ),
            rules,
        )
    if rules.min is None and rules.max is None:
        return []
    array = np.asarray(values, dtype=np.float64)
    finite = np.isfinite(array)
    below = finite & (array < rules.min) if rules.min is not None else np.zeros_like(finite)
    above = (
        finite & ~below & (array > rules.max) if rules.max is not None else np.zeros_like(finite)
    )
    findings: list[Finding] = []
    for i in np.flatnonzero(below | above).tolist():
        item = Value(region_codes[i], breakdowns[i], periods[i], float(array[i]))
        if below[i]:
            findings.append(Finding(item, Rule.BELOW_RANGE, rules.min))  # type: ignore[arg-type]
        else:
            findings.append(Finding(item, Rule.ABOVE_RANGE, rules.max))  # type: ignore[arg-type]
    return findings
