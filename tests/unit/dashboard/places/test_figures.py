"""Figure builders of the place pages: small multiples and comparison charts."""

from __future__ import annotations

import math

import pandas as pd

from levande.dashboard.places.figures import COMPARE_STYLES, compare_figure, svg_uri, trend_svg


def test_trend_svg_draws_place_solid_and_reference_dashed() -> None:
    svg = trend_svg([("2018", 1.0), ("2019", 2.0), ("2020", 3.0)], [("2018", 2.0), ("2020", 2.5)])
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("<path") == 2
    assert svg.count("stroke-dasharray='4 3'") == 1  # the reference only
    assert svg.count("<circle") == 1  # the place's latest value


def test_trend_svg_breaks_at_missing_values_and_keeps_single_points() -> None:
    svg = trend_svg([("2017", 1.0), ("2018", None), ("2019", 2.0), ("2020", 3.0)])
    assert svg.count("<path") == 1  # 2019-2020
    assert svg.count("<circle") == 2  # 2017 alone, and the latest value
    assert "nan" not in svg


def test_trend_svg_without_values_is_empty() -> None:
    svg = trend_svg([("2018", None)], [])
    assert "<path" not in svg and "<circle" not in svg


def test_trend_svg_flat_series_is_centred() -> None:
    svg = trend_svg([("2018", 5.0), ("2019", 5.0)], width=100, height=30)
    assert "cy='15.0'" in svg


def test_svg_uri_escapes_only_what_it_must() -> None:
    uri = svg_uri("<svg a='1' fill='#1a1a1a'>x y</svg>")
    assert uri == "data:image/svg+xml,%3Csvg%20a='1'%20fill='%231a1a1a'%3Ex%20y%3C/svg%3E"


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
