"""Value texts: decimals and units, missing values, names of the nation and breakdowns."""

from __future__ import annotations

import pytest

from levande.dashboard.components.values import (
    breakdown_label,
    cell_text,
    region_name,
    source_name,
    value_text,
)
from tests.unit.dashboard import samples


def test_values_carry_the_indicators_decimals_and_unit() -> None:
    info = samples.indicator()
    assert value_text(info, 14.75, "sv") == "14,8 procent"
    assert value_text(info, 1234.5, "en") == "1,234.5 per cent"
    assert value_text(info, None, "sv") == "saknas"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(14.75, "14,8"), (float("nan"), ""), (None, ""), ("12.0", "12,0"), ("x", ""), (-0.01, "0,0")],
)
def test_table_cells_take_whatever_a_frame_holds(value: object, expected: str) -> None:
    assert cell_text(samples.indicator(), value, "sv") == expected


def test_signed_changes() -> None:
    assert cell_text(samples.indicator(), 0.5, "sv", signed=True) == "+0,5"
    assert cell_text(samples.indicator(), -0.5, "en", signed=True) == "-0.5"


def test_names() -> None:
    assert region_name("00", "Riket", "en") == "Sweden"
    assert region_name("0180", "Stockholm", "en") == "Stockholm"
    assert breakdown_label("K", "sv") == "Kvinnor" and breakdown_label("X", "sv") == "X"
    assert source_name("kolada") == "Kolada" and source_name("other") == "other"
    assert source_name("boundaries", "en") == "Municipal and county boundaries"
