"""Sparklines: gaps break the line, lone values are dots, the latest value is marked."""

from __future__ import annotations

import math
import re
from dataclasses import replace
from typing import Any

from levande.dashboard.components.sparkline import (
    NATIONAL,
    PLACE,
    sparkline,
    sparkline_svg,
    svg_data_uri,
)


def test_national_sparkline_breaks_at_missing_values() -> None:
    svg = sparkline_svg(
        [("2018", 1.0), ("2019", 2.0), ("2020", None), ("2021", 3.0), ("2022", 4.0)]
    )
    assert svg.count("<path") == 2
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("<circle") == 1  # the latest value
    single = sparkline_svg([("2020", 5.0)])
    assert "<circle" in single and "<path" not in single
    assert "<path" not in sparkline_svg([("2020", None)])
    flat = sparkline_svg([("2019", 5.0), ("2020", 5.0)])
    ys = {float(y) for y in re.findall(r",([\d.]+)", flat)}
    assert all(not math.isnan(y) for y in ys)


def test_national_sparkline_marks_no_latest_value_after_a_gap() -> None:
    svg = sparkline_svg([("2018", 1.0), ("2019", 2.0), ("2020", None)])
    assert svg.count("<path") == 1 and "<circle" not in svg


def test_place_over_the_nation_draws_place_solid_and_reference_dashed() -> None:
    svg = sparkline_svg(
        [("2018", 1.0), ("2019", 2.0), ("2020", 3.0)],
        [("2018", 2.0), ("2020", 2.5)],
        style=PLACE,
    )
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("<path") == 2
    assert svg.count("stroke-dasharray='4 3'") == 1  # the reference only
    assert svg.count("<circle") == 1  # the place's latest value


def test_place_sparkline_keeps_lone_values_and_marks_the_latest_run() -> None:
    svg = sparkline_svg([("2017", 1.0), ("2018", None), ("2019", 2.0), ("2020", 3.0)], style=PLACE)
    assert svg.count("<path") == 1  # 2019-2020
    assert svg.count("<circle") == 2  # 2017 alone, and the latest value
    assert "nan" not in svg


def test_sparkline_without_values_is_an_empty_image_of_its_size() -> None:
    svg = sparkline_svg([("2018", None)], [], style=PLACE)
    assert "<path" not in svg and "<circle" not in svg
    assert "width='110'" in svg and "height='30'" in svg


def test_flat_series_is_centred() -> None:
    svg = sparkline_svg([("2018", 5.0), ("2019", 5.0)], style=replace(PLACE, width=100))
    assert "cy='15.0'" in svg


def test_both_series_share_one_scale() -> None:
    low_place = sparkline_svg([("2018", 1.0), ("2019", 1.0)], [("2018", 9.0)], style=PLACE)
    alone = sparkline_svg([("2018", 1.0), ("2019", 1.0)], style=PLACE)
    assert "cy='27.0'" in low_place  # at the bottom, below the nation's 9
    assert "cy='15.0'" in alone  # flat and alone: in the middle


def test_data_uris() -> None:
    uri = svg_data_uri("<svg a='1' fill='#1a1a1a'>x y</svg>", compact=True)
    assert uri == "data:image/svg+xml,%3Csvg%20a='1'%20fill='%231a1a1a'%3Ex%20y%3C/svg%3E"
    assert svg_data_uri("<svg/>").startswith("data:image/svg+xml;charset=utf-8,")


def test_sparkline_image_has_its_alternative_and_size() -> None:
    image: Any = sparkline([("2019", 1.0), ("2020", 2.0)], alt="Från 1 till 2", style=NATIONAL)
    assert image.alt == "Från 1 till 2"
    assert (image.width, image.height, image.className) == ("120", "32", "sparkline")
    assert image.src.startswith("data:image/svg+xml;charset=utf-8,%3Csvg")
