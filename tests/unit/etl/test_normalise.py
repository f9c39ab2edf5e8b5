"""Mapping of Kolada and SCB values to observation rows: the one place codes are translated."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from levande.etl.normalise import (
    kolada_region_code,
    normalise_kolada,
    normalise_scb,
    region_level,
)
from levande.indicators.core.catalogue import Indicator, ScbQuery
from levande.indicators.core.vocabulary import MUNICIPAL_MEAN, Level
from levande.indicators.store.writes import ObservationRow


@pytest.mark.parametrize(
    ("kolada_id", "code"),
    [("0000", "00"), ("0001", "01"), ("0025", "25"), ("0180", "0180"), ("2584", "2584"),
     ("G2328", None), ("V15E144001301", None), ("01", None)],
)  # fmt: skip
def test_kolada_region_code(kolada_id: str, code: str | None) -> None:
    assert kolada_region_code(kolada_id) == code


@pytest.mark.parametrize(
    ("code", "level"),
    [("00", Level.RIKET), ("01", Level.LAN), ("0180", Level.KOMMUN), ("1+2", None),
     ("018", None), ("SE", None)],
)  # fmt: skip
def test_region_level(code: str, level: Level | None) -> None:
    assert region_level(code) == level


@dataclass(frozen=True)
class Value:
    municipality: str
    period: int
    gender: str
    value: float | None
    status: str | None = None
    is_deleted: bool = False


def _indicator(**changes: object) -> Indicator:
    base: dict[str, object] = {
        "id": "x", "focus_area": "FA01", "subgoals": ["FA01-D1"], "source": "kolada",
        "source_id": "N00001", "title_sv": "t", "title_en": "t", "description_sv": "d",
        "description_en": "d", "unit_sv": "u", "unit_en": "u", "direction": "higher_is_better",
        "levels": ["riket", "lan", "kommun"],
    }  # fmt: skip
    return Indicator.model_validate(base | changes)


def test_municipal_mean_levels_come_from_groups() -> None:
    ind = _indicator(municipal_mean_levels=["riket", "lan"])
    values = [
        Value("0180", 2020, "T", 70.0),
        Value("G33612", 2020, "T", 65.0),
        Value("G2328", 2020, "T", 64.0),
        Value("0001", 2020, "T", 99.0),  # a county value Kolada should not have: ignored
        Value("G999", 2020, "T", 1.0),  # an unknown group: reported
    ]
    out = normalise_kolada(ind, values, {"G33612": "01", "G2328": "00"})
    assert out.rows == [
        ObservationRow("0180", "2020", "T", 70.0),
        ObservationRow("01", "2020", "T", 65.0, aggregation=MUNICIPAL_MEAN),
        ObservationRow("00", "2020", "T", 64.0, aggregation=MUNICIPAL_MEAN),
    ]
    assert out.unplaced == {"G999"}


def test_riket_prefers_kolada_own_value() -> None:
    ind = _indicator(municipal_mean_levels=["riket", "lan"])
    values = [Value("0000", 2020, "T", 63.5), Value("G2328", 2020, "T", 64.0)]
    out = normalise_kolada(ind, values, {"G2328": "00"})
    assert out.rows == [ObservationRow("00", "2020", "T", 63.5)]


def test_gender_deletions_and_missing() -> None:
    values = [
        Value("0180", 2020, "K", 1.5),
        Value("0180", 2020, "T", None, status="Saknas"),
        Value("0180", 2019, "T", None, is_deleted=True),
        Value("0180", 2020, "X", 1.0),
    ]
    without = normalise_kolada(_indicator(), values, {})
    assert [r.breakdown for r in without.rows] == ["T"]
    with_gender = normalise_kolada(_indicator(gender=True), values, {})
    assert with_gender.rows == [
        ObservationRow("0180", "2020", "K", 1.5),
        ObservationRow("0180", "2020", "T", None, status="Saknas"),
    ]
    assert with_gender.deletions == [("0180", "2019", "T")]
    assert with_gender.unplaced == {"gender X"}


@dataclass(frozen=True)
class Cell:
    codes: dict[str, str]
    value: float | None
    status: str | None = None


def test_scb_cells() -> None:
    query = ScbQuery(
        selection={"ContentsCode": ["BE0101N1"]}, gender_variable="Kon",
        gender_codes={"T": "1+2", "K": "2", "M": "1"},
    )  # fmt: skip
    ind = _indicator(source="scb", source_id="TAB638", scb=query, levels=["riket", "kommun"],
                     gender=True)  # fmt: skip
    cells = [
        Cell({"Region": "00", "Kon": "1+2", "Tid": "2020"}, 10.0),
        Cell({"Region": "01", "Kon": "1+2", "Tid": "2020"}, 5.0),  # lan not declared: dropped
        Cell({"Region": "0180", "Kon": "2", "Tid": "2020"}, None, ".."),
        Cell({"Region": "0180", "Kon": "9", "Tid": "2020"}, 1.0),
        Cell({"Region": "SE", "Kon": "1+2", "Tid": "2020"}, 1.0),
    ]
    out = normalise_scb(ind, query, cells)
    assert out.rows == [
        ObservationRow("00", "2020", "T", 10.0),
        ObservationRow("0180", "2020", "K", None, status=".."),
    ]
    assert out.unplaced == {"Kon=9", "SE"}
