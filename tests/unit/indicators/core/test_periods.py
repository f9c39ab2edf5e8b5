"""Which periods stand for a whole year: plain years and the month the catalogue names."""

from __future__ import annotations

import pytest

from levande.indicators.core.periods import annual_periods, is_annual, period_month


@pytest.mark.parametrize(
    ("period", "month"),
    [("2026M04", 4), ("2025M12", 12), ("2025", None), ("2026K2", None), ("2026M13", None),
     ("2026M4", None), (None, None)],
)  # fmt: skip
def test_the_month_of_a_monthly_label(period: object, month: int | None) -> None:
    assert period_month(period) == month


@pytest.mark.parametrize(
    ("period", "annual_month", "expected"),
    [
        ("2025M12", 12, True),
        ("2026M04", 12, False),
        ("2024", 12, True),  # older years from an annual table stay
        ("2026M04", None, True),  # an indicator without annual_month shows every period
        ("2026K2", 12, True),
    ],
)
def test_a_period_stands_for_its_year(
    period: str, annual_month: int | None, expected: bool
) -> None:
    assert is_annual(period, annual_month) is expected


def test_a_monthly_series_becomes_one_value_a_year() -> None:
    periods = ["2023", "2024", "2025M01", "2025M06", "2025M12", "2026M01", "2026M04"]
    assert annual_periods(periods, 12) == ("2023", "2024", "2025M12")
    assert annual_periods(periods, None) == tuple(periods)
