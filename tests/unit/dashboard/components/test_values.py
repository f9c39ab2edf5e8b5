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


YES_NO = samples.indicator(
    unit_sv="ja = 1, nej = 0 (län och riket andel kommuner med ja)",
    unit_en="yes = 1, no = 0 (county and nation share of municipalities answering yes)",
    decimals=2, direction="higher_is_better", target=None,
    municipal_mean_levels=["riket", "lan"],
    value_labels=[
        {"value": 1, "label_sv": "ja", "label_en": "yes"},
        {"value": 0, "label_sv": "nej", "label_en": "no"},
    ],
)  # fmt: skip
HOUSING = samples.indicator(
    unit_sv="0 = underskott, 1 = balans, 2 = överskott (län och riket medelvärde)",
    unit_en="0 = shortage, 1 = balance, 2 = surplus (county and nation mean)",
    decimals=2, direction="neutral", target=None, municipal_mean_levels=["riket", "lan"],
    value_labels=[
        {"value": 0, "label_sv": "underskott", "label_en": "shortage"},
        {"value": 1, "label_sv": "balans", "label_en": "balance"},
        {"value": 2, "label_sv": "överskott", "label_en": "surplus"},
    ],
)  # fmt: skip


@pytest.mark.parametrize(
    ("info", "value", "level", "lang", "expected"),
    [
        (HOUSING, 1.0, "kommun", "sv", "Balans (1)"),
        (HOUSING, 0.0, "kommun", "en", "Shortage (0)"),  # zero is a code, never "missing"
        (HOUSING, 1.0, None, "sv", "Balans (1)"),
        (HOUSING, 1.2345, "riket", "sv", "1,23 (medelvärde av kommunernas svar)"),
        (HOUSING, 1.2345, "lan", "en", "1.23 (mean of the municipalities' answers)"),
        (YES_NO, 1.0, "kommun", "sv", "Ja (1)"),
        (YES_NO, 0.0, "kommun", "en", "No (0)"),
        (YES_NO, 0.58, "riket", "sv", "58 % av kommunerna"),
        (YES_NO, 1.0, "lan", "sv", "100 % av kommunerna"),  # a mean, even when all say yes
        (YES_NO, 0.575, "lan", "en", "58% of the municipalities"),
        (YES_NO, 0.5, "kommun", "sv", "0,50"),  # not a code: the number alone
        (YES_NO, None, "kommun", "sv", "saknas"),
    ],
)
def test_coded_values_are_written_in_words(
    info: object, value: float | None, level: str | None, lang: str, expected: str
) -> None:
    assert value_text(info, value, lang, level=level) == expected  # type: ignore[arg-type]
