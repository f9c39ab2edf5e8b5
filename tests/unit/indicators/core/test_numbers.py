"""Stored numbers read back: missing stays missing, a present value is never changed."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from levande.indicators.core.numbers import optional_float, optional_int


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None), (float("nan"), None), (pd.NA, None), (np.nan, None), ("x", None),
        (True, None), (0, 0.0), (0.0, 0.0), (65.5, 65.5), (np.float64(1.25), 1.25),
        (Decimal("3.10"), 3.1), (-2, -2.0),
    ],
)  # fmt: skip
def test_optional_float(raw: object, expected: float | None) -> None:
    assert optional_float(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"), [(None, None), (pd.NA, None), (float("nan"), None), (3.0, 3), (7, 7)]
)
def test_optional_int(raw: object, expected: int | None) -> None:
    got = optional_int(raw)
    assert got == expected and (got is None or type(got) is int)
