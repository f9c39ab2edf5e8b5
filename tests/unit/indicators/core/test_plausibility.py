"""Plausibility rules: ranges from the unit or the catalogue, and jumps between two years."""

from __future__ import annotations

import pytest

from levande.indicators.core.catalogue import Plausible
from levande.indicators.core.plausibility import (
    Finding,
    Rule,
    Value,
    check,
    check_columns,
    unit_defaults,
)


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("procent", Plausible(min=0, max=100)),
        ("index (0–100)", Plausible(min=0, max=100)),
        ("Gini-koefficient (0–1)", Plausible(min=0, max=1)),
        ("index 0–1", Plausible(min=0, max=1)),
        ("deltagartillfällen per invånare 7–20 år", Plausible()),
        ("antal per 1 000 invånare 16–64 år", Plausible(min=0)),
        ("ja = 1, nej = 0 (län och riket andel kommuner med ja)", Plausible(min=0, max=1)),
        ("0 = underskott, 1 = balans, 2 = överskott (län och riket medelvärde)",
         Plausible(min=0, max=2)),
        ("antal per 1 000 invånare", Plausible(min=0)),
        ("antal invånare", Plausible(min=0)),
        ("index (100 = egen köpkraft)", Plausible()),
        ("kronor per invånare", Plausible()),
        ("år", Plausible()),
    ],
)  # fmt: skip
def test_the_unit_gives_the_range(unit: str, expected: Plausible) -> None:
    assert unit_defaults(unit) == expected


def _values(*rows: tuple[str, str, float]) -> list[Value]:
    return [Value(region, "T", period, value) for region, period, value in rows]


def test_values_outside_the_range_are_found_exactly() -> None:
    values = _values(("0180", "2019", 100.0), ("0180", "2020", 100.5), ("0114", "2020", -0.1))
    found = check(values, Plausible(min=0, max=100))
    assert found == [
        Finding(values[1], Rule.ABOVE_RANGE, 100),
        Finding(values[2], Rule.BELOW_RANGE, 0),
    ]


def test_a_coefficient_of_1934_is_out_of_range() -> None:
    (value,) = _values(("0180", "2021", 1934.0))
    assert check([value], unit_defaults("Gini-koefficient (0–1)")) == [
        Finding(value, Rule.ABOVE_RANGE, 1)
    ]


def test_jumps_between_consecutive_years_beyond_the_limit() -> None:
    values = _values(
        ("0180", "2018", 80.0),
        ("0180", "2019", 81.0),
        ("0180", "2020", 95.0),  # +14: a jump
        ("0180", "2022", 60.0),  # 2021 missing: not compared
        ("0114", "2019", 50.0),
        ("0114", "2020", 40.0),  # -10: exactly the limit, not beyond
    )
    found = check(values, Plausible(min=0, max=100, max_change=10))
    assert found == [Finding(values[2], Rule.JUMP, 10, values[1])]


def test_a_value_out_of_range_is_not_also_a_jump() -> None:
    values = _values(("0180", "2019", 50.0), ("0180", "2020", 500.0), ("0180", "2021", 52.0))
    found = check(values, Plausible(min=0, max=100, max_change=10))
    assert [(f.value.period, f.rule) for f in found] == [("2020", Rule.ABOVE_RANGE)]


def test_without_limits_nothing_is_found() -> None:
    assert check(_values(("0180", "2019", -1e9), ("0180", "2020", 1e9)), Plausible()) == []


def test_a_range_must_be_in_order() -> None:
    with pytest.raises(ValueError, match="min 10 is above max 0"):
        Plausible(min=10, max=0)


@pytest.mark.parametrize(
    "rules",
    [
        Plausible(min=0, max=100),
        Plausible(min=0),
        Plausible(max=1),
        Plausible(),
        Plausible(min=60, max=100, max_change=3),
        Plausible(max_change=0.5),
    ],
)
def test_columns_find_what_objects_find_in_the_same_order(rules: Plausible) -> None:
    """check_columns is check over columns: the same findings, the same order."""
    import random

    rng = random.Random(3)
    specials = [float("nan"), float("inf"), -float("inf"), -0.0, 0.0, 100.0, 60.0, 1e308]
    values = [
        Value(
            rng.choice(["00", "01", "0180", "0114"]),
            rng.choice("TKM"),
            rng.choice(["2019", "2020", "2021", "2022", "2020Q1", "X"]),
            rng.choice(specials) if rng.random() < 0.2 else rng.uniform(-20, 140),
        )
        for _ in range(3000)
    ]
    columns = (
        [v.region_code for v in values],
        [v.breakdown for v in values],
        [v.period for v in values],
        [v.value for v in values],
    )
    expected = check(values, rules)
    assert check_columns(*columns, rules) == expected
    assert expected or rules == Plausible()  # the data does cross every rule's limits
