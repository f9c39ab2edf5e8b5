"""Reading one stored number back: missing stays missing, whatever form "missing" took.

A value read from the database or a frame may be None, NaN, pandas' ``<NA>`` or (from a
driver) a Decimal or numpy scalar. Reads and pages turn each into a float or None here, once,
so that a missing value never becomes 0 and a present one is never changed.
"""

from __future__ import annotations

import math
from typing import Any


def optional_float(value: Any) -> float | None:
    """The value as a float, or None where it is missing (None, NaN, ``<NA>``, not a number)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def optional_int(value: Any) -> int | None:
    """The value as an int, or None where it is missing."""
    number = optional_float(value)
    return int(number) if number is not None else None
