"""The comparison chart: one line per place, each styled apart, gaps for missing values."""

from __future__ import annotations

import math

import pandas as pd

from levande.dashboard.places.figures import COMPARE_STYLES, compare_figure


def _lines() -> pd.DataFrame:
    rows = []
    for name, values in (("Stockholm", [70.0, 70.5, 75.0]), ("Gävle", [65.0, math.nan, 66.0])):
        for period, value in zip(("2018", "2019", "2020"), values, strict=True):
            rows.append({"name": name, "period": period, "value": value, "text": str(value)})
    return pd.DataFrame(rows)


def test_compare_figure_one_styled_line_per_place() -> None:
    fig = compare_figure(_lines(), lang="sv", y_title="index")
    assert [t.name for t in fig.data] == ["Stockholm", "Gävle"]
    styles = {(t.line.color, t.line.dash, t.marker.symbol) for t in fig.data}
    assert len(styles) == 2  # colour, dash and marker all differ
    gavle = fig.data[1]
    assert list(gavle.y) == [65.0, None, 66.0]  # missing is a gap, never 0
    assert gavle.connectgaps is False
    assert list(gavle.x) == [2018, 2019, 2020]
    assert fig.layout.separators == ", "
    assert fig.layout.yaxis.title.text == "index"
    assert fig.layout.showlegend is True  # named even when only one place has values


def test_compare_styles_are_all_distinct() -> None:
    assert len(set(COMPARE_STYLES)) == len(COMPARE_STYLES) == 10
    assert len({dash for _, dash, _ in COMPARE_STYLES[:6]}) == 6
    assert len({symbol for _, _, symbol in COMPARE_STYLES}) == 10


def test_compare_figure_with_non_year_periods_uses_categories() -> None:
    lines = pd.DataFrame(
        {
            "name": ["A", "A"],
            "period": ["2019K1", "2019K2"],
            "value": [1.0, 2.0],
            "text": ["1", "2"],
        }
    )
    fig = compare_figure(lines, lang="en")
    assert fig.layout.xaxis.type == "category"
    assert fig.layout.separators == ".,"


def test_compare_figure_without_rows() -> None:
    empty = pd.DataFrame({"name": [], "period": [], "value": [], "text": []})
    assert len(compare_figure(empty).data) == 0
