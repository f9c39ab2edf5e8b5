"""The time axis: whole-year ticks that never collide, the latest year always named."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go  # type: ignore[import-untyped]
import pytest

from levande.dashboard.components.figures import period_axis, x_values, year_step


@pytest.mark.parametrize(("n", "step"), [(1, 1), (6, 1), (7, 2), (12, 2), (13, 5), (25, 5)])
def test_year_steps(n: int, step: int) -> None:
    assert year_step(n) == step


def test_years_are_ticked_from_the_latest_and_other_periods_are_categories() -> None:
    fig = go.Figure()
    period_axis(fig, [str(y) for y in range(2015, 2025)])
    assert (fig.layout.xaxis.dtick, fig.layout.xaxis.tick0, fig.layout.xaxis.tickformat) == (
        2, 2024, "d",
    )  # fmt: skip
    months = go.Figure()
    period_axis(months, ["2026M02", "2026M01"])
    assert months.layout.xaxis.type == "category"
    assert months.layout.xaxis.categoryarray == ("januari 2026", "februari 2026")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("sv", ["december 2024", "2025", "januari 2026", "kvartal 2 2026"]),
        ("en", ["December 2024", "2025", "January 2026", "Q2 2026"]),
    ],
)
def test_periods_other_than_years_are_written_for_people(lang: str, expected: list[str]) -> None:
    periods = pd.Series(["2024M12", "2025", "2026M01", "2026K2"])
    assert x_values(periods, lang) == (expected, False)
    assert x_values(pd.Series(["2019", "2020"]), lang) == ([2019, 2020], True)


def test_a_long_monthly_axis_names_every_fifth_month_from_the_latest() -> None:
    fig = go.Figure()
    months = [f"2025M{m:02d}" for m in range(1, 13)] + ["2026M01", "2026M02", "2026M03"]
    period_axis(fig, months)
    named = list(fig.layout.xaxis.tickvals)
    assert named == ["maj 2025", "oktober 2025", "mars 2026"]  # 15 months: every fifth
    assert list(fig.layout.xaxis.ticktext) == named
