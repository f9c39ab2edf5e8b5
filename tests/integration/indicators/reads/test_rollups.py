"""Statuses rolled up per focus area, municipalities on track, one status explained.

On a database loaded by the real ETL, on SQLite and PostgreSQL; expected values are worked out
by hand from testkit/world.py (see the comments at each test).
"""

from __future__ import annotations

import pytest

from levande.indicators.core.vocabulary import MUNICIPAL_MEAN
from levande.indicators.reads import rollups
from levande.indicators.reads.cache import Reader

pytestmark = pytest.mark.integration


def test_national_status_counts(reader: Reader) -> None:
    # Riket, breakdown T, base 2018 (first value on or after 2015):
    # livskvalitet 65 -> 66 (+0.77 %/yr, moderate), hälsa 70 -> 72 (+1.42 %/yr, moderate),
    # trångboddhet 12.5 -> 12.0 toward 10 by 2030 (ratio 1.10, substantial),
    # folkmängd has no direction (context, not judged).
    counts = rollups.national_status_counts(reader)
    assert counts["FA01"].counts == {
        "improving": 2, "stable": 0, "worsening": 0, "not_judged": 0, "no_data": 0,
    }  # fmt: skip
    assert counts["FA06"].counts == {
        "improving": 1, "stable": 0, "worsening": 0, "not_judged": 1, "no_data": 0,
    }  # fmt: skip
    assert (counts["FA06"].n_indicators, counts["FA06"].n_with_data) == (2, 2)


def test_municipalities_on_track(reader: Reader) -> None:
    # FA01: every municipality improves on livskvalitet; Uppsala's health is suppressed, so it
    # is judged on one indicator: 3 of 3. FA06: 0114 met the target, 0380 substantial, 0180
    # limited progress (folkmängd is context): 2 of 3.
    on_track = rollups.municipalities_on_track(reader)
    assert on_track["FA01"] == rollups.OnTrack(on_track=3, judged=3, municipalities=3)
    assert on_track["FA06"] == rollups.OnTrack(on_track=2, judged=3, municipalities=3)


def test_on_track_by_region(reader: Reader) -> None:
    # The same rule per municipality: on track in FA01 everywhere; in FA06 0114 and 0380 are,
    # 0180 (limited progress) is judged and not. Counts agree with municipalities_on_track.
    by_region = rollups.on_track_by_region(reader, "kommun")
    assert by_region == {
        "0114": {"FA01": True, "FA06": True},
        "0180": {"FA01": True, "FA06": False},
        "0380": {"FA01": True, "FA06": True},
    }
    totals = rollups.municipalities_on_track(reader)
    for area, counted in totals.items():
        judged = [areas[area] for areas in by_region.values() if area in areas]
        assert (sum(judged), len(judged)) == (counted.on_track, counted.judged)


def test_status_groups_of_one_indicator(reader: Reader) -> None:
    # Trångboddhet per municipality: 0114 met the target, 0380 substantial, 0180 limited.
    assert rollups.status_groups_of(reader, "trangboddhet", "kommun") == {
        "improving": 2, "stable": 1, "worsening": 0, "not_judged": 0, "no_data": 0,
    }  # fmt: skip
    # An indicator without statuses: every municipality has no data, never zero places.
    assert rollups.status_groups_of(reader, "finns-inte", "kommun")["no_data"] == 3


def test_focus_area_summaries(reader: Reader) -> None:
    summaries = {s.indicator.id: s for s in rollups.focus_area_summaries(reader, "FA01")}
    livs = summaries["livskvalitet-kommunindex"]
    assert livs.points == (("2018", 65.0), ("2019", 65.5), ("2020", 66.0))
    assert (livs.latest_period, livs.latest_value) == ("2020", 66.0)
    assert livs.aggregation == MUNICIPAL_MEAN
    assert livs.status == "moderate_progress" and livs.has_data
    assert summaries["sjalvskattad-halsa"].aggregation is None


def test_status_explanation(reader: Reader) -> None:
    # 0180 trångboddhet: 15.25 -> 14.75 over two years, target 10 by 2030.
    exp = rollups.status_of(reader, "trangboddhet", "0180")
    assert exp is not None
    assert (exp.status, exp.kind, exp.base_period, exp.latest_value) == (
        "limited_progress", "target", "2018", 14.75,
    )  # fmt: skip
    assert exp.observed_cagr == pytest.approx((14.75 / 15.25) ** 0.5 - 1)
    assert exp.required_cagr == pytest.approx((10 / 15.25) ** (1 / 12) - 1)
    assert exp.thresholds == (0.95, 0.6, 0.0)
    assert rollups.status_of(reader, "trangboddhet", "9999") is None
