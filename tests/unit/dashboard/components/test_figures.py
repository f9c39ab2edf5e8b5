"""The time axis: whole-year ticks that never collide, the latest year always named."""

from __future__ import annotations

import plotly.graph_objects as go  # type: ignore[import-untyped]
import pytest

from levande.dashboard.components.figures import period_axis, year_step


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
    period_axis(months, ["2026M01", "2026M02"])
    assert months.layout.xaxis.type == "category"
