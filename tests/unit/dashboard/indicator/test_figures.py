"""Figure builders: exact values, gaps for missing, direction-aware colours, no colour alone."""

from __future__ import annotations

import pandas as pd
import pytest

from levande.dashboard.components.figures import ROLE_STYLE
from levande.dashboard.indicator.figures import BAND_FILL, TARGET_COLOUR, Target, series_figure


def _lines() -> pd.DataFrame:
    rows = [
        ("Riket", "riket", "T", "2018", 12.5),
        ("Riket", "riket", "T", "2019", 12.25),
        ("Riket", "riket", "T", "2020", 12.0),
        ("Stockholm", "kommun", "T", "2018", 15.25),
        ("Stockholm", "kommun", "T", "2019", float("nan")),
        ("Stockholm", "kommun", "T", "2020", 14.75),
    ]
    frame = pd.DataFrame(rows, columns=["name", "role", "breakdown", "period", "value"])
    frame["text"] = [f"{v} %" for v in frame["value"]]
    return frame


def test_series_values_are_drawn_exactly_and_missing_is_a_gap() -> None:
    fig = series_figure(_lines(), lang="sv", y_title="procent")
    traces = {t.name: t for t in fig.data}
    assert list(traces["Riket"].y) == [12.5, 12.25, 12.0]
    assert list(traces["Riket"].x) == [2018, 2019, 2020]
    assert list(traces["Stockholm"].y) == [15.25, None, 14.75]
    assert traces["Stockholm"].connectgaps is False
    assert fig.layout.separators == ", "
    assert fig.layout.yaxis.title.text == "procent"


def test_lines_differ_by_more_than_colour() -> None:
    fig = series_figure(_lines())
    riket, kommun = fig.data[0], fig.data[1]
    assert riket.line.color != kommun.line.color
    assert riket.line.dash != kommun.line.dash
    assert riket.marker.symbol != kommun.marker.symbol


def test_peer_band_and_target() -> None:
    band = pd.DataFrame(
        {"name": ["Mittersta hälften"] * 2, "period": ["2018", "2019"], "q1": [10.0, 10.5],
         "q3": [12.0, 12.5]}
    )  # fmt: skip
    fig = series_figure(_lines(), band, target=Target(10.0, "Mål 10 år 2030"), lang="en")
    filled = [t for t in fig.data if t.fill == "tonexty"]
    assert len(filled) == 1 and filled[0].fillcolor == BAND_FILL
    assert list(filled[0].y) == [10.0, 10.5]
    target = next(t for t in fig.data if t.name == "Mål 10 år 2030")
    assert list(target.y) == [10.0, 10.0] and target.line.color == TARGET_COLOUR
    assert list(target.x) == [2018, 2020]
    assert fig.layout.separators == ".,"


def test_gender_lines_are_dotted_for_men() -> None:
    frame = pd.DataFrame(
        {"name": ["Riket – kvinnor", "Riket – män"], "role": ["riket", "riket"],
         "breakdown": ["K", "M"], "period": ["2020", "2020"], "value": [1.0, 2.0],
         "text": ["1", "2"]}
    )  # fmt: skip
    women, men = series_figure(frame).data
    assert women.line.dash == "solid" and men.line.dash == "dot"
    assert men.marker.symbol.endswith("-open")


def test_non_year_periods_use_a_category_axis() -> None:
    frame = _lines()
    frame["period"] = ["2018K1", "2018K2", "2018K3"] * 2
    fig = series_figure(frame)
    assert fig.layout.xaxis.type == "category"


def test_empty_series() -> None:
    frame = pd.DataFrame(columns=["name", "role", "breakdown", "period", "value", "text"])
    assert len(series_figure(frame).data) == 0


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("colour", [c for c, _, _ in ROLE_STYLE.values()] + [TARGET_COLOUR])
def test_line_colours_reach_3_to_1_against_white(colour: str) -> None:
    contrast = (1.0 + 0.05) / (_luminance(colour) + 0.05)
    assert contrast >= 3.0, colour
