"""Area-type shares and segregation per municipality, county and country, by hand."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from levande.indicators.core.area_measures import (
    INCOMPLETE,
    AreaInput,
    group_counts_from_shares,
    segregation_by_region,
    share_in_types,
)

# Three RegSO in two municipalities of one county, two years; in 2021 one type is missing.
TYPES = """\
code,municipality,county,period,value
0180R001,0180,01,2020,1
0180R002,0180,01,2020,4
0114R001,0114,01,2020,2
0180R001,0180,01,2021,1
0180R002,0180,01,2021,
0114R001,0114,01,2021,3
"""
POPULATION = """\
code,municipality,county,period,value
0180R001,0180,01,2020,1000
0180R002,0180,01,2020,3000
0114R001,0114,01,2020,1000
0180R001,0180,01,2021,1000
0180R002,0180,01,2021,3000
0114R001,0114,01,2021,1000
"""


def _inputs(text: str) -> list[AreaInput]:
    return [
        AreaInput(r["code"], r["municipality"], r["county"], r["period"],
                  float(r["value"]) if r["value"] else None)
        for r in csv.DictReader(io.StringIO(text))
    ]  # fmt: skip


def test_share_in_types_by_hand() -> None:
    got = {
        (v.region_code, v.period): (v.value, v.status)
        for v in share_in_types(_inputs(TYPES), _inputs(POPULATION), [1, 2])
    }
    assert got == {
        ("0180", "2020"): (pytest.approx(25.0), None),  # 1,000 of 4,000
        ("0114", "2020"): (pytest.approx(100.0), None),
        ("01", "2020"): (pytest.approx(40.0), None),  # 2,000 of 5,000
        ("00", "2020"): (pytest.approx(40.0), None),
        # 2021: 0180R002 has no type, so Stockholm, the county and the country have no share.
        ("0180", "2021"): (None, INCOMPLETE),
        ("0114", "2021"): (pytest.approx(0.0), None),
        ("01", "2021"): (None, INCOMPLETE),
        ("00", "2021"): (None, INCOMPLETE),
    }


GROUP = """\
code,municipality,county,period,value
A,0180,01,2020,10
B,0180,01,2020,20
C,0180,01,2020,70
D,0114,01,2020,5
"""
TOTAL = """\
code,municipality,county,period,value
A,0180,01,2020,100
B,0180,01,2020,100
C,0180,01,2020,100
D,0114,01,2020,100
"""


def test_segregation_by_region_by_hand() -> None:
    dissim: dict[str, tuple[Any, ...]] = {v.region_code: (v.value, v.status, v.areas)
              for v in segregation_by_region(_inputs(GROUP), _inputs(TOTAL), "dissimilarity",
                                             min_areas=3)}  # fmt: skip
    assert dissim["0180"] == (pytest.approx(0.55), None, 3)
    assert dissim["0114"] == (None, INCOMPLETE, 1)  # one DeSO, three needed
    # County: shares 0.1, 0.2, 0.7, 0.05 of 105 in 400; D = sum |g/105 - n/295| / 2.
    expected = sum(abs(g / 105 - (100 - g) / 295) for g in (10, 20, 70, 5)) / 2
    assert dissim["01"][0] == pytest.approx(expected)
    isolation = segregation_by_region(_inputs(GROUP), _inputs(TOTAL), "isolation", min_areas=3)
    assert next(v.value for v in isolation if v.region_code == "0180") == pytest.approx(0.54)


# Low economic standard: SCB publishes a share (per cent) and the persons it is a share of.
SHARES = """\
code,municipality,county,period,value
A,0180,01,2020,10.0
B,0180,01,2020,25.5
C,0180,01,2020,
D,0180,01,2020,40.0
"""
PERSONS = """\
code,municipality,county,period,value
A,0180,01,2020,1000
B,0180,01,2020,200
C,0180,01,2020,500
D,0180,01,2020,
"""


def test_group_counts_from_shares_by_hand() -> None:
    got = {a.code: a.value for a in group_counts_from_shares(_inputs(SHARES), _inputs(PERSONS))}
    # A suppressed share (C) or total (D) leaves the count missing, never zero.
    assert got == {"A": pytest.approx(100.0), "B": pytest.approx(51.0), "C": None, "D": None}


def test_segregation_of_a_published_share_by_hand() -> None:
    shares = _inputs(SHARES.replace("C,0180,01,2020,\n", "C,0180,01,2020,70.0\n"))
    persons = _inputs(PERSONS.replace("D,0180,01,2020,\n", "D,0180,01,2020,300\n"))
    counts = group_counts_from_shares(shares, persons)
    (got,) = [v for v in segregation_by_region(counts, persons, "dissimilarity", min_areas=3)
              if v.region_code == "0180"]  # fmt: skip
    # Counts 100, 51, 350, 120 of 1000, 200, 500, 300: G = 621, others = 1379.
    groups, totals = (100, 51, 350, 120), (1000, 200, 500, 300)
    expected = sum(abs(g / 621 - (t - g) / 1379) for g, t in zip(groups, totals, strict=True)) / 2
    assert got.value == pytest.approx(expected)
    assert got.areas == 4
