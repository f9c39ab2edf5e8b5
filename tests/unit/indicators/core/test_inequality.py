"""Spread and segregation between areas, against hand-computed examples and PySAL itself."""

from __future__ import annotations

import csv
import io
import math

import numpy as np
import pytest
from inequality.gini import Gini
from inequality.theil import Theil

from levande.indicators.core.inequality import (
    TOO_FEW_AREAS,
    AreaPoint,
    GroupCount,
    _segregation_indices,
    gap_trend,
    segregation,
    spread,
)

# Five areas with a value, one suppressed (E, SCB's ".."), one small (F, 50 residents).
AREAS = """\
code,value,population,status
A,10,100,
B,20,100,
C,30,200,
D,40,100,
E,,100,..
F,50,50,
"""


def _points(text: str) -> list[AreaPoint]:
    return [
        AreaPoint(
            row["code"],
            float(row["value"]) if row["value"] else None,
            float(row["population"]) if row["population"] else None,
            row["status"] or None,
        )
        for row in csv.DictReader(io.StringIO(text))
    ]


def test_spread_by_hand() -> None:
    result = spread(_points(AREAS), min_areas=5, small_population=60)
    assert (result.n_areas, result.n_with_data) == (6, 5)
    assert result.missing == ("E",)  # left out, never imputed
    assert result.small == ("F",)  # kept, flagged
    assert result.highest == ("F", 50.0)
    assert result.lowest == ("A", 10.0)
    # Percentiles of 10, 20, 30, 40, 50 (linear): 40 + 0.6 * 10 and 10 + 0.4 * 10.
    assert (result.p90, result.p10) == pytest.approx((46.0, 14.0))
    assert result.p90_p10 == pytest.approx(46 / 14)
    # Every resident carries the area's value: 550 people, total 15,500. The sum of
    # w_i * w_j * |x_i - x_j| over unordered pairs of areas is 2,000,000, so
    # G = 2 * 2,000,000 / (2 * 550 * 15,500) = 80/341.
    assert result.gini == pytest.approx(80 / 341)
    # T = sum over areas of w * x / 15,500 * ln(550 * x / 15,500).
    theil = sum(
        w * x / 15_500 * math.log(550 * x / 15_500)
        for x, w in [(10, 100), (20, 100), (30, 200), (40, 100), (50, 50)]
    )
    assert result.theil == pytest.approx(theil)
    assert result.reason is None


def test_spread_agrees_with_pysal_on_the_residents() -> None:
    people = np.repeat([10.0, 20.0, 30.0, 40.0, 50.0], [100, 100, 200, 100, 50])
    result = spread(_points(AREAS), min_areas=2, small_population=0)
    assert result.gini == pytest.approx(Gini(people).g)
    assert result.theil == pytest.approx(float(np.ravel(Theil(people).T)[0]))


@pytest.mark.parametrize(
    ("text", "min_areas", "reason"),
    [
        (AREAS, 6, TOO_FEW_AREAS),  # five areas with data, six needed
        ("code,value,population,status\nA,,100,..\nB,,100,..\n", 1, TOO_FEW_AREAS),
        (AREAS, 5, None),
    ],
)
def test_no_index_where_too_few_areas_have_data(text: str, min_areas: int, reason: str) -> None:
    result = spread(_points(text), min_areas=min_areas, small_population=0)
    assert result.reason == reason
    if reason is not None:
        assert (result.p90_p10, result.gini, result.highest) == (None, None, None)


def test_weighted_measures_need_every_population() -> None:
    text = AREAS.replace("C,30,200,", "C,30,,")
    result = spread(_points(text), min_areas=5, small_population=0)
    assert result.p90_p10 == pytest.approx(46 / 14)  # unweighted measures still given
    assert (result.gini, result.theil) == (None, None)


def test_a_zero_tenth_percentile_gives_no_ratio() -> None:
    text = "code,value,population,status\nA,0,100,\nB,0,100,\nC,5,100,\n"
    assert spread(_points(text), min_areas=3, small_population=0).p90_p10 is None


COUNTS = """\
code,group,total
A,10,100
B,20,100
C,70,100
D,,100
"""


def _counts(text: str) -> list[GroupCount]:
    return [
        GroupCount(r["code"], float(r["group"]) if r["group"] else None, float(r["total"]))
        for r in csv.DictReader(io.StringIO(text))
    ]


def test_segregation_by_hand() -> None:
    result = segregation(_counts(COUNTS), min_areas=3)
    assert result.missing == ("D",)
    assert result.group_share == pytest.approx(100 / 300)
    # D = 1/2 * (|0.1 - 0.45| + |0.2 - 0.4| + |0.7 - 0.15|) = 0.55
    assert result.dissimilarity == pytest.approx(0.55)
    # xPx = 0.1 * 0.1 + 0.2 * 0.2 + 0.7 * 0.7 = 0.54
    assert result.isolation == pytest.approx(0.54)


def test_segregation_indices_are_pysals_to_the_bit() -> None:
    """The written-out formulas give exactly PySAL's floats, on many shapes of input."""
    import pandas as pd
    from segregation.singlegroup import Dissim, Isolation

    rng = np.random.default_rng(7)
    for n in [3, 4, 7, 30, 120, 550, 1300]:
        for _ in range(8):
            totals = rng.integers(1, 5000, n).astype(float)
            if rng.random() < 0.5:
                totals = np.round(rng.random(n) * 3000 + 0.5, 3)  # shares turned into counts
            groups = np.floor(totals * rng.random(n) * rng.random())
            usable = list(zip(groups.tolist(), totals.tolist(), strict=True))
            frame = pd.DataFrame({"group": groups.tolist(), "total": totals.tolist()})
            expected = (
                float(Dissim(frame, "group", "total").statistic),
                float(Isolation(frame, "group", "total").statistic),
            )
            assert _segregation_indices(usable) == expected


@pytest.mark.parametrize(
    "text",
    [
        COUNTS.replace("C,70,100", "C,,100"),  # two areas with data, three needed
        "code,group,total\nA,0,100\nB,0,100\nC,0,100\n",  # nobody of the group
        "code,group,total\nA,10,5\nB,1,100\nC,1,100\n",  # a count above its total is unusable
    ],
)
def test_segregation_not_given_without_enough_data(text: str) -> None:
    result = segregation(_counts(text), min_areas=3)
    assert result.reason == TOO_FEW_AREAS
    assert (result.dissimilarity, result.isolation) == (None, None)


@pytest.mark.parametrize(
    ("first", "latest", "expected"),
    [(3.0, 2.5, "closing"), (3.0, 3.5, "widening"), (3.0, 3.01, "unchanged"), (None, 2.0, None),
     (2.0, float("nan"), None)],
)  # fmt: skip
def test_gap_trend(first: float | None, latest: float | None, expected: str | None) -> None:
    assert gap_trend(first, latest) == expected
