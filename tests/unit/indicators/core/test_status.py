"""The status method gives the documented status, score and explanation for every branch.

Expected results are tables written inline as CSV, one row per case, so a reader can check
them against docs/method.md by hand. Property-based tests cover the invariants the method
promises: direction flips the score, units do not matter, and the many-series computation
agrees with the one-series one.
"""

from __future__ import annotations

import io
import math
from collections.abc import Hashable, Mapping
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from levande.indicators.core.catalogue import Indicator, MethodSettings
from levande.indicators.core.status import (
    METHOD_VERSION,
    STATUS_COLUMNS,
    Reason,
    SeriesStatus,
    compute_series_status,
    compute_statuses,
    period_year,
)
from levande.indicators.core.vocabulary import Status

METHOD = MethodSettings()


def make_indicator(
    direction: str = "higher_is_better",
    target_value: float | None = None,
    target_year: int | None = None,
    manual: str | None = None,
    indicator_id: str = "test-indicator",
) -> Indicator:
    """A valid catalogue entry with only what the status method reads varied."""
    data: dict[str, Any] = {
        "id": indicator_id,
        "focus_area": "FA01",
        "subgoals": ["FA01-D1"],
        "source": "kolada",
        "source_id": "N00001",
        "title_sv": "Test",
        "title_en": "Test",
        "description_sv": "Test",
        "description_en": "Test",
        "unit_sv": "andel (%)",
        "unit_en": "share (%)",
        "direction": direction,
        "levels": ["kommun"],
    }
    if target_value is not None:
        data["target"] = {"value": target_value, "year": target_year}
    if manual is not None:
        data["manual_status"] = {"status": manual, "comment_sv": "Bedömd", "comment_en": "Judged"}
    return Indicator.model_validate(data)


def read_csv(text: str) -> pd.DataFrame:
    """An inline CSV table; periods and codes stay text, empty cells are missing."""
    return pd.read_csv(
        io.StringIO(text),
        dtype={
            "period": str,
            "region_code": str,
            "breakdown": str,
            "base_period": str,
            "latest_period": str,
            "reason": str,
            "manual": str,
        },
        keep_default_na=True,
    )


# Series: one row per (series, period); an empty value is a missing value.
SERIES = read_csv(
    """\
series,period,value
fast,2015,100
fast,2016,102
fast,2017,104.04
fast,2018,106.1208
moderate,2015,100
moderate,2016,101
moderate,2017,102.01
slow,2015,100
slow,2016,100.2
slow,2017,100.4004
flat,2015,100
flat,2016,100
flat,2017,100
down,2015,100
down,2016,99
down,2017,98.01
boundary,2015,100
boundary,2016,101
boundary,2017,103.0225
t_up,2015,100
t_up,2016,102
t_up,2017,104
t_up,2018,106
t_up,2019,108
t_up,2020,110
t_down,2015,100
t_down,2016,96
t_down,2017,92
t_down,2018,88
t_down,2019,84
t_down,2020,80
zero_base,2015,0
zero_base,2016,5
zero_base,2017,10
zero_latest,2015,10
zero_latest,2016,5
zero_latest,2017,0
gaps,2015,100
gaps,2016,
gaps,2017,NaN
gaps,2018,110
gaps,2019,121
one,2014,
one,2019,100
empty,2015,
empty,2016,
old,2010,100
old,2012,110
late,2012,50
late,2016,100
late,2017,101
late,2018,102.01
zigzag,2015,100
zigzag,2016,110
zigzag,2017,100
zigzag,2018,110
zigzag,2019,100
zigzag,2020,112
half,2015,100
half,2016,105
half,2017,110
half,2018,108
plateau,2015,100
plateau,2016,105
plateau,2017,105
plateau,2018,100
plateau,2019,110
plateau_up,2015,100
plateau_up,2016,105
plateau_up,2017,105
plateau_up,2018,110
two,2015,100
two,2020,110
labels,2015,100
labels,2016,101
labels,2017K1,50
labels,2017K4,102.01
labels,abcd,1000
"""
)

# One row per case: the series, the indicator's settings and the expected result.
# score, observed_cagr and required_cagr are rounded to 6 decimals.
EXPECTED = read_csv(
    """\
case,series,direction,target_value,target_year,manual,status,computed_status,score,reason,base_period,latest_period,n_points,observed_cagr,required_cagr
no_target_substantial,fast,higher_is_better,,,,substantial_progress,substantial_progress,0.02,,2015,2018,4,0.02,
no_target_moderate,moderate,higher_is_better,,,,moderate_progress,moderate_progress,0.01,,2015,2017,3,0.01,
no_target_limited,slow,higher_is_better,,,,limited_progress,limited_progress,0.002,,2015,2017,3,0.002,
no_target_zero_score_is_limited,flat,higher_is_better,,,,limited_progress,limited_progress,0.0,,2015,2017,3,0.0,
no_target_deterioration,down,higher_is_better,,,,deterioration,deterioration,-0.01,,2015,2017,3,-0.01,
lower_is_better_no_target,down,lower_is_better,,,,moderate_progress,moderate_progress,0.01,,2015,2017,3,-0.01,
lower_is_better_rising,fast,lower_is_better,,,,deterioration,deterioration,-0.02,,2015,2018,4,0.02,
threshold_reached_despite_rounding,boundary,higher_is_better,,,,substantial_progress,substantial_progress,0.015,,2015,2017,3,0.015,
target_on_track,t_up,higher_is_better,130,2030,,substantial_progress,substantial_progress,1.090682,,2015,2020,6,0.019245,0.017645
target_acceleration_needed,t_up,higher_is_better,150,2030,,moderate_progress,moderate_progress,0.702376,,2015,2020,6,0.019245,0.0274
target_limited,t_up,higher_is_better,200,2030,,limited_progress,limited_progress,0.406919,,2015,2020,6,0.019245,0.047294
target_wrong_way,t_down,higher_is_better,130,2030,,deterioration,deterioration,-2.473673,,2015,2020,6,-0.043648,0.017645
target_already_met,t_up,higher_is_better,110,2030,,target_achieved,target_achieved,3.019163,,2015,2020,6,0.019245,0.006374
target_lower_on_track,t_down,lower_is_better,50,2030,,substantial_progress,substantial_progress,0.966542,,2015,2020,6,-0.043648,-0.045158
target_lower_met,t_down,lower_is_better,80,2030,,target_achieved,target_achieved,2.95592,,2015,2020,6,-0.043648,-0.014766
target_base_met_then_lost,t_down,higher_is_better,90,2030,,deterioration,deterioration,,base_met_target,2015,2020,6,-0.043648,-0.006999
target_base_equals_target,t_down,higher_is_better,100,2030,,deterioration,deterioration,,base_met_target,2015,2020,6,-0.043648,0.0
target_year_before_base,t_up,higher_is_better,130,2015,,not_available,not_available,,target_year_not_after_base,2015,2020,6,0.019245,
target_negative,t_down,lower_is_better,-5,2030,,not_available,not_available,,negative_target,2015,2020,6,-0.043648,
target_zero_met,zero_latest,lower_is_better,0,2030,,target_achieved,target_achieved,,,2015,2017,3,,-1.0
target_zero_not_met,t_down,lower_is_better,0,2030,,limited_progress,limited_progress,0.043648,,2015,2020,6,-0.043648,-1.0
zero_base,zero_base,higher_is_better,,,,not_available,not_available,,zero_or_negative_base,2015,2017,3,,
zero_latest,zero_latest,lower_is_better,,,,not_available,not_available,,zero_or_negative_latest,2015,2017,3,,
missing_years_skipped,gaps,higher_is_better,,,,substantial_progress,substantial_progress,0.048809,,2015,2019,3,0.048809,
one_point,one,higher_is_better,,,,not_available,not_available,,one_point,2019,2019,1,,
no_data,empty,higher_is_better,,,,not_available,not_available,,no_data,,,0,,
only_before_base_year,old,higher_is_better,,,,not_available,not_available,,no_base_in_window,,2012,0,,
first_year_after_base_year,late,higher_is_better,,,,moderate_progress,moderate_progress,0.01,,2016,2018,3,0.01,
volatile,zigzag,higher_is_better,,,,too_uncertain,too_uncertain,0.022925,volatile,2015,2020,6,0.022925,
half_flips_is_not_volatile,half,higher_is_better,,,,substantial_progress,substantial_progress,0.025986,,2015,2018,4,0.025986,
zero_change_dropped_then_flips,plateau,higher_is_better,,,,too_uncertain,too_uncertain,0.024114,volatile,2015,2019,5,0.024114,
zero_change_dropped_no_flips,plateau_up,higher_is_better,,,,substantial_progress,substantial_progress,0.03228,,2015,2018,4,0.03228,
two_points_too_uncertain,two,higher_is_better,,,,too_uncertain,too_uncertain,0.019245,few_points,2015,2020,2,0.019245,
two_points_with_target,two,higher_is_better,130,2030,,too_uncertain,too_uncertain,1.090682,few_points,2015,2020,2,0.019245,0.017645
neutral_is_context,t_up,neutral,,,,context,context,,,2015,2020,6,0.019245,
neutral_zero_base,zero_base,neutral,,,,context,context,,zero_or_negative_base,2015,2017,3,,
neutral_no_data,empty,neutral,,,,not_available,not_available,,no_data,,,0,,
manual_overrides,t_up,higher_is_better,,,deterioration,deterioration,substantial_progress,0.019245,,2015,2020,6,0.019245,
manual_on_no_data,empty,higher_is_better,,,moderate_progress,moderate_progress,not_available,,no_data,,,0,,
period_labels,labels,higher_is_better,,,,moderate_progress,moderate_progress,0.01,,2015,2017K4,3,0.01,
"""
)


def _optional(value: Any) -> Any:
    return None if pd.isna(value) else value


def _indicator_for(case: pd.Series) -> Indicator:
    target_value = _optional(case["target_value"])
    target_year = _optional(case["target_year"])
    return make_indicator(
        direction=str(case["direction"]),
        target_value=float(target_value) if target_value is not None else None,
        target_year=int(target_year) if target_year is not None else None,
        manual=_optional(case["manual"]),
    )


def _points(series: str) -> list[tuple[str, float | None]]:
    rows = SERIES[SERIES["series"] == series]
    assert not rows.empty, f"no series {series!r} in SERIES"
    return [
        (str(p), None if pd.isna(v) else float(v))
        for p, v in zip(rows["period"], rows["value"], strict=True)
    ]


def _close(actual: float | None, expected: Any) -> bool:
    if pd.isna(expected):
        return actual is None
    return actual is not None and math.isclose(actual, float(expected), abs_tol=5e-7)


@pytest.mark.parametrize("case", EXPECTED.to_dict("records"), ids=list(EXPECTED["case"]))
def test_series_status_matches_expected_table(case: dict[str, Any]) -> None:
    row = pd.Series(case)
    result = compute_series_status(_points(str(row["series"])), _indicator_for(row), METHOD)

    assert result.status == Status(row["status"])
    assert result.computed_status == Status(row["computed_status"])
    assert result.manual is (not pd.isna(row["manual"]))
    expected_reason = _optional(row["reason"])
    assert result.reason == (Reason(expected_reason) if expected_reason else None)
    assert result.base_period == _optional(row["base_period"])
    assert result.latest_period == _optional(row["latest_period"])
    assert result.n_points == int(row["n_points"])
    assert _close(result.score, row["score"]), result.score
    assert _close(result.observed_cagr, row["observed_cagr"]), result.observed_cagr
    assert _close(result.required_cagr, row["required_cagr"]), result.required_cagr
    assert result.method_version == METHOD_VERSION


def test_explanation_carries_values_target_and_thresholds() -> None:
    result = compute_series_status(
        _points("t_up"), make_indicator(target_value=130, target_year=2030), METHOD
    )
    assert (result.base_value, result.latest_value) == (100.0, 110.0)
    assert (result.target_value, result.target_year) == (130.0, 2030)
    assert result.thresholds == (0.95, 0.6, 0.0)
    assert result.kind == "target"
    assert result.flip_share == 0.0

    no_target = compute_series_status(_points("t_up"), make_indicator(), METHOD)
    assert no_target.thresholds == (0.015, 0.005, 0.0)
    assert no_target.kind == "no_target"
    context = compute_series_status(_points("t_up"), make_indicator("neutral"), METHOD)
    assert context.thresholds is None and context.score is None


def test_method_settings_are_used() -> None:
    later_base = MethodSettings(base_year=2017)
    result = compute_series_status(_points("t_up"), make_indicator(), later_base)
    assert (result.base_period, result.n_points) == ("2017", 4)

    strict = MethodSettings(thresholds_no_target=(0.03, 0.01, 0.0))
    assert compute_series_status(_points("fast"), make_indicator(), strict).status == (
        Status.MODERATE_PROGRESS
    )
    lenient = MethodSettings(min_points_for_confidence=2)
    assert compute_series_status(_points("two"), make_indicator(), lenient).status == (
        Status.SUBSTANTIAL_PROGRESS
    )
    tolerant = MethodSettings(max_sign_flip_share=1.0)
    assert compute_series_status(_points("zigzag"), make_indicator(), tolerant).status == (
        Status.SUBSTANTIAL_PROGRESS
    )


@pytest.mark.parametrize(
    ("period", "year"),
    [("2019", 2019), ("2019-20", 2019), ("2019K4", 2019), ("19", None), ("abcd", None), ("", None)],
)
def test_period_year_reads_leading_four_digits(period: str, year: int | None) -> None:
    assert period_year(period) == year


# --- many series at once -------------------------------------------------------------------

OBSERVATIONS = read_csv(
    """\
indicator_id,region_code,breakdown,period,value
up,00,T,2014,50
up,00,T,2015,100
up,00,T,2016,102
up,00,T,2017,104.04
up,00,K,2015,100
up,00,K,2016,99
up,00,K,2017,98.01
up,0114,T,2015,
up,0114,T,2016,
up,0114,T,2017,100
down,00,T,2015,100
down,00,T,2016,96
down,00,T,2017,92
down,00,T,2018,88
down,00,T,2019,84
down,00,T,2020,80
down,0180,T,2015,100
down,0180,T,2016,120
down,0180,T,2017,100
down,0180,T,2018,120
ctx,00,T,2015,10
ctx,00,T,2016,11
ctx,00,T,2017,12
judged,00,T,2015,100
judged,00,T,2016,99
judged,00,T,2017,98
orphan,00,T,2015,1
orphan,00,T,2016,2
"""
)

EXPECTED_FRAME = read_csv(
    """\
indicator_id,region_code,breakdown,status,computed_status,manual,score,reason,kind,base_period,latest_period,n_points
ctx,00,T,context,context,False,,,context,2015,2017,3
down,00,T,substantial_progress,substantial_progress,False,0.966542,,target,2015,2020,6
down,0180,T,too_uncertain,too_uncertain,False,-1.387529,volatile,target,2015,2018,4
judged,00,T,substantial_progress,deterioration,True,-0.010051,,no_target,2015,2017,3
up,00,K,deterioration,deterioration,False,-0.01,,no_target,2015,2017,3
up,00,T,substantial_progress,substantial_progress,False,0.02,,no_target,2015,2017,3
up,0114,T,not_available,not_available,False,,one_point,no_target,2017,2017,1
"""
)


def _catalogue() -> list[Indicator]:
    return [
        make_indicator("higher_is_better", indicator_id="up"),
        make_indicator("lower_is_better", 50, 2030, indicator_id="down"),
        make_indicator("neutral", indicator_id="ctx"),
        make_indicator("higher_is_better", manual="substantial_progress", indicator_id="judged"),
    ]


def test_compute_statuses_matches_expected_frame() -> None:
    frame = compute_statuses(OBSERVATIONS, _catalogue(), METHOD)

    assert list(frame.columns) == list(STATUS_COLUMNS)
    expected = EXPECTED_FRAME
    assert list(frame["indicator_id"]) == list(expected["indicator_id"]), "orphan rows dropped"
    assert list(frame["region_code"]) == list(expected["region_code"])
    assert list(frame["breakdown"]) == list(expected["breakdown"])
    for column in ("status", "computed_status", "kind", "base_period", "latest_period"):
        assert list(frame[column]) == list(expected[column]), column
    assert list(frame["manual"]) == [m == "True" for m in expected["manual"]]
    assert list(frame["n_points"]) == list(expected["n_points"])
    assert [_optional(r) for r in frame["reason"]] == [_optional(r) for r in expected["reason"]]
    for actual, wanted in zip(frame["score"], expected["score"], strict=True):
        assert _close(_optional(actual), wanted), (actual, wanted)
    assert set(frame["method_version"]) == {METHOD_VERSION}
    assert frame["target_year"].dtype == "Int64"


def test_compute_statuses_agrees_with_series_status_on_examples() -> None:
    catalogue = {ind.id: ind for ind in _catalogue()}
    frame = compute_statuses(OBSERVATIONS, catalogue, METHOD)
    row: Any
    for row in frame.itertuples(index=False):
        rows = OBSERVATIONS[
            (OBSERVATIONS["indicator_id"] == row.indicator_id)
            & (OBSERVATIONS["region_code"] == row.region_code)
            & (OBSERVATIONS["breakdown"] == row.breakdown)
        ]
        points = [
            (str(p), None if pd.isna(v) else float(v))
            for p, v in zip(rows["period"], rows["value"], strict=True)
        ]
        single = compute_series_status(points, catalogue[str(row.indicator_id)], METHOD)
        _assert_same(single, row._asdict())


def test_compute_statuses_edge_inputs() -> None:
    with pytest.raises(ValueError, match="value"):
        compute_statuses(OBSERVATIONS.drop(columns=["value"]), _catalogue(), METHOD)
    empty = compute_statuses(OBSERVATIONS.iloc[0:0], _catalogue(), METHOD)
    assert empty.empty and list(empty.columns) == list(STATUS_COLUMNS)
    only_missing = pd.DataFrame(
        {
            "indicator_id": ["up", "up"],
            "region_code": ["00", "00"],
            "breakdown": ["T", "T"],
            "period": ["2015", "2016"],
            "value": [None, None],
        }
    )
    frame = compute_statuses(only_missing, _catalogue(), METHOD)
    assert list(frame["status"]) == ["not_available"]
    assert list(frame["reason"]) == ["no_data"]


# --- properties ----------------------------------------------------------------------------

positive_values = st.integers(min_value=1, max_value=1_000_000)


@st.composite
def annual_series(draw: st.DrawFn, min_size: int = 0) -> list[tuple[str, float | None]]:
    """Years 2012..2025, some missing, positive integer values (so scaling keeps order)."""
    years = draw(st.lists(st.integers(2012, 2025), min_size=min_size, max_size=14, unique=True))
    points: list[tuple[str, float | None]] = []
    for year in sorted(years):
        value = draw(st.one_of(st.none(), positive_values.map(float)))
        points.append((str(year), value))
    return points


@given(annual_series())
def test_flipping_direction_flips_the_score(points: list[tuple[str, float | None]]) -> None:
    up = compute_series_status(points, make_indicator("higher_is_better"), METHOD)
    down = compute_series_status(points, make_indicator("lower_is_better"), METHOD)
    if up.score is None:
        assert down.score is None
    else:
        assert down.score == -up.score
    assert up.observed_cagr == down.observed_cagr
    assert up.reason == down.reason


def _same_score(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


@given(
    annual_series(),
    st.floats(min_value=1e-3, max_value=1e3),
    st.sampled_from(["higher_is_better", "lower_is_better"]),
)
def test_scaling_leaves_status_and_score_unchanged(
    points: list[tuple[str, float | None]], factor: float, direction: str
) -> None:
    scaled = [(p, None if v is None else v * factor) for p, v in points]
    indicator = make_indicator(direction)
    a = compute_series_status(points, indicator, METHOD)
    b = compute_series_status(scaled, indicator, METHOD)
    assert a.status == b.status
    assert a.reason == b.reason
    assert _same_score(a.score, b.score)


@given(
    annual_series(),
    st.floats(min_value=1e-3, max_value=1e3),
    st.sampled_from(["higher_is_better", "lower_is_better"]),
    positive_values,
    st.integers(2016, 2040),
)
def test_scaling_with_target_leaves_status_and_score_unchanged(
    points: list[tuple[str, float | None]],
    factor: float,
    direction: str,
    target: int,
    target_year: int,
) -> None:
    scaled = [(p, None if v is None else v * factor) for p, v in points]
    a = compute_series_status(points, make_indicator(direction, target, target_year), METHOD)
    b = compute_series_status(
        scaled, make_indicator(direction, target * factor, target_year), METHOD
    )
    assert a.status == b.status
    assert a.reason == b.reason
    assert _same_score(a.score, b.score)


def _assert_same(single: SeriesStatus, row: Mapping[Hashable, Any]) -> None:
    """A row of compute_statuses says what compute_series_status says for that series."""
    assert row["status"] == single.status.value
    assert row["computed_status"] == single.computed_status.value
    assert bool(row["manual"]) is single.manual
    assert _optional(row["reason"]) == (single.reason.value if single.reason else None)
    assert _optional(row["base_period"]) == single.base_period
    assert _optional(row["latest_period"]) == single.latest_period
    assert int(row["n_points"]) == single.n_points
    for name in ("score", "observed_cagr", "required_cagr", "flip_share", "base_value"):
        assert _same_score(_optional(row[name]), getattr(single, name)), name


@st.composite
def observation_frames(draw: st.DrawFn) -> pd.DataFrame:
    """A few series over a few regions and breakdowns, with duplicate-year labels and gaps."""
    rows: list[dict[str, Any]] = []
    for indicator_id in ("up", "down", "ctx"):
        for region in draw(st.lists(st.sampled_from(["00", "01", "0114"]), unique=True)):
            for breakdown in draw(st.lists(st.sampled_from(["T", "K"]), min_size=1, unique=True)):
                periods = draw(
                    st.lists(
                        st.sampled_from(
                            ["2013", "2015", "2016", "2017", "2017K1", "2018", "2020", "x"]
                        ),
                        unique=True,
                        max_size=7,
                    )
                )
                for period in periods:
                    value = draw(
                        st.one_of(st.none(), st.sampled_from([0.0, -1.0]), positive_values)
                    )
                    rows.append(
                        {
                            "indicator_id": indicator_id,
                            "region_code": region,
                            "breakdown": breakdown,
                            "period": period,
                            "value": value,
                        }
                    )
    frame = pd.DataFrame(
        rows, columns=["indicator_id", "region_code", "breakdown", "period", "value"]
    )
    return frame.sample(frac=1.0, random_state=draw(st.integers(0, 1000)))


@settings(max_examples=60, deadline=None)
@given(observation_frames())
def test_many_series_agree_with_one_series(observations: pd.DataFrame) -> None:
    catalogue = {
        "up": make_indicator("higher_is_better", indicator_id="up"),
        "down": make_indicator("lower_is_better", 50, 2030, indicator_id="down"),
        "ctx": make_indicator("neutral", indicator_id="ctx"),
    }
    frame = compute_statuses(observations, catalogue, METHOD)
    keys = observations[["indicator_id", "region_code", "breakdown"]].drop_duplicates()
    assert len(frame) == len(keys)
    for row in frame.to_dict("records"):
        rows = observations[
            (observations["indicator_id"] == row["indicator_id"])
            & (observations["region_code"] == row["region_code"])
            & (observations["breakdown"] == row["breakdown"])
        ]
        points = [
            (str(p), None if v is None or pd.isna(v) else float(v))
            for p, v in zip(rows["period"], rows["value"], strict=True)
        ]
        _assert_same(compute_series_status(points, catalogue[row["indicator_id"]], METHOD), row)


def test_worked_examples_of_the_method_document() -> None:
    """docs/method.md section 8: the numbers printed there are the method's."""
    employed = compute_series_status(
        [
            ("2014", 78.0),
            ("2015", 78.4),
            ("2016", 79.1),
            ("2017", None),
            ("2018", 79.9),
            ("2019", 80.6),
        ],
        make_indicator("higher_is_better"),
        METHOD,
    )
    assert (employed.base_period, employed.latest_period, employed.n_points) == ("2015", "2019", 4)
    assert employed.observed_cagr == pytest.approx(0.00694, abs=5e-6)
    assert employed.flip_share == 0.0
    assert employed.status is Status.MODERATE_PROGRESS

    overcrowding = compute_series_status(
        [("2015", 14.0), ("2017", 13.6), ("2019", 13.5), ("2021", 13.0), ("2023", 12.6)],
        make_indicator("lower_is_better", 10, 2030),
        METHOD,
    )
    assert overcrowding.observed_cagr == pytest.approx(-0.01308, abs=5e-6)
    assert overcrowding.required_cagr == pytest.approx(-0.02218, abs=5e-6)
    assert overcrowding.score == pytest.approx(0.590, abs=5e-4)
    assert overcrowding.status is Status.LIMITED_PROGRESS


# --- every series at once against the one-series reference ---------------------------------


def _indicator_variants() -> list[Indicator]:
    """Indicators covering each kind, target shape and manual status the decision reads."""
    from levande.indicators.core.catalogue import Target

    variants = [
        make_indicator("higher_is_better", indicator_id="up"),
        make_indicator("lower_is_better", indicator_id="down"),
        make_indicator("neutral", indicator_id="ctx"),
        make_indicator("neutral", 50, 2030, indicator_id="ctx-target"),
        make_indicator("higher_is_better", 60, 2030, indicator_id="up-target"),
        make_indicator("lower_is_better", 20, 2035, indicator_id="down-target"),
        make_indicator("lower_is_better", 0, 2030, indicator_id="down-zero"),
        make_indicator("lower_is_better", -5, 2030, indicator_id="down-negative"),
        make_indicator("higher_is_better", 60, 2017, indicator_id="up-early"),
        make_indicator("higher_is_better", 60, 2015, indicator_id="up-at-base"),
        make_indicator("higher_is_better", manual="deterioration", indicator_id="up-manual"),
        make_indicator("lower_is_better", 20, 2030, "substantial_progress", "down-manual"),
        make_indicator("higher_is_better", 180, 2030, indicator_id="up-edge"),
    ]
    no_year = make_indicator("higher_is_better", 60, 2030, indicator_id="up-no-year")
    # A target without a year is refused by the catalogue but handled by the method.
    variants.append(no_year.model_copy(update={"target": Target.model_construct(value=60.0)}))
    return variants


def _edge_series() -> list[list[tuple[str, float | None]]]:
    """Series built to land on or next to each threshold, and the fixed edge cases."""
    series: list[list[tuple[str, float | None]]] = [
        [],
        [("2015", None), ("2016", float("nan"))],
        [("2010", 3.0), ("2012", 4.0)],
        [("2010", 3.0), ("2019", 4.0)],
        [("2015", 0.0), ("2016", 1.0), ("2017", 2.0)],
        [("2015", -1.0), ("2016", 1.0), ("2017", 2.0)],
        [("2015", 2.0), ("2016", 1.0), ("2017", 0.0)],
        [("2015", 2.0), ("2016", 1.0), ("2017", -3.0)],
        [("2015", 5.0), ("2016", 5.0), ("2017", 5.0)],
        [("2015", 1.0), ("2016", 2.0), ("2017", 1.0), ("2018", 2.0), ("2019", 1.0)],
        [("2019K1", 1.0), ("2019K4", 2.0), ("2015", 3.0), ("x", 9.0), ("2020", float("inf"))],
    ]
    for rate in (0.015, 0.005, 0.0, -0.005, 0.95 * 0.04, 0.6 * 0.04):
        for nudge in (0.0, -5e-10, 5e-10, -2e-9, 2e-9, -1e-6):
            r = rate + nudge
            series.append([(str(2015 + k), 100.0 * (1.0 + r) ** k) for k in range(6)])
            series.append([(str(2015 + k), 100.0 * (1.0 - r) ** k) for k in range(6)])
    return series


def _generated_series(rng: Any, count: int) -> list[list[tuple[str, float | None]]]:
    """Random series with gaps, repeats, zeros, negatives, missing and duplicate-year labels."""
    out = []
    for _ in range(count):
        points: list[tuple[str, float | None]] = []
        level = rng.choice([1.0, 50.0, 100.0, 1e-3, 1e6])
        for year in range(rng.choice([2008, 2013, 2015, 2016]), rng.choice([2016, 2018, 2024]) + 1):
            roll = rng.random()
            if roll < 0.15:
                continue
            if roll < 0.2:
                value: float | None = rng.choice([None, float("nan"), 0.0, -level])
            elif roll < 0.35:
                value = points[-1][1] if points else level
            else:
                value = level * rng.uniform(0.5, 1.6)
            label = str(year) if rng.random() < 0.9 else f"{year}K{rng.randint(1, 4)}"
            points.append((label, value))
        out.append(points)
    return out


def _bits(value: Any) -> Any:
    """A value compared exactly: floats by their bits, missing of any kind as None."""
    import struct

    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float):
        return struct.pack("<d", value)
    return value.item() if hasattr(value, "item") else value


@pytest.mark.parametrize(
    "method",
    [
        METHOD,
        MethodSettings(base_year=2016, min_points_for_confidence=4, max_sign_flip_share=0.3),
        MethodSettings(max_sign_flip_share=0.0, thresholds_no_target=(0.02, 0.01, -0.01)),
    ],
)
def test_every_series_at_once_equals_the_one_series_decision_bit_for_bit(
    method: MethodSettings,
) -> None:
    """compute_statuses' vectorised decision gives _decide's every field, floats exactly."""
    import random

    rng = random.Random(20261129)
    indicators = _indicator_variants()
    shapes = _edge_series() + _generated_series(rng, 250)
    rows: list[dict[str, Any]] = []
    points_of: dict[tuple[str, str], list[tuple[str, float | None]]] = {}
    for indicator in indicators:
        for number, points in enumerate(shapes):
            region = f"{number:04d}"
            points_of[(indicator.id, region)] = points
            rows.extend(
                {"indicator_id": indicator.id, "region_code": region, "breakdown": "T",
                 "period": period, "value": value}
                for period, value in points
            )  # fmt: skip
            if not points:  # a series with no rows at all has no key: give it a missing value
                rows.append({"indicator_id": indicator.id, "region_code": region,
                             "breakdown": "T", "period": "2016", "value": None})  # fmt: skip
    observations = pd.DataFrame(rows).sample(frac=1.0, random_state=7)
    frame = compute_statuses(observations, indicators, method)
    by_id = {i.id: i for i in indicators}
    assert len(frame) == len(points_of)
    seen_statuses, seen_reasons = set(), set()
    for row in frame.to_dict("records"):
        one = compute_series_status(
            points_of[(row["indicator_id"], row["region_code"])], by_id[row["indicator_id"]], method
        )
        thresholds = one.thresholds or (None, None, None)
        expected = {
            "status": one.status.value, "computed_status": one.computed_status.value,
            "manual": one.manual, "score": one.score,
            "reason": one.reason.value if one.reason else None, "kind": one.kind,
            "base_period": one.base_period, "base_value": one.base_value,
            "latest_period": one.latest_period, "latest_value": one.latest_value,
            "target_value": one.target_value, "target_year": one.target_year,
            "observed_cagr": one.observed_cagr, "required_cagr": one.required_cagr,
            "threshold_substantial": thresholds[0], "threshold_moderate": thresholds[1],
            "threshold_limited": thresholds[2], "n_points": one.n_points,
            "flip_share": one.flip_share, "method_version": one.method_version,
        }  # fmt: skip
        actual = {name: _bits(row[name]) for name in expected}
        assert actual == {name: _bits(v) for name, v in expected.items()}, row
        seen_statuses.add(one.computed_status)
        seen_reasons.add(one.reason)
    if method == METHOD:  # the other settings move many series into the same branch
        assert seen_statuses == set(Status), "every status is reached"
        assert seen_reasons == {*Reason, None}, "every reason is reached"
    assert frame["target_year"].dtype == "Int64"
    assert frame["n_points"].dtype == "int64" and frame["manual"].dtype == bool
