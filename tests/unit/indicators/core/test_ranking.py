"""Ranks, quartiles and peer reference values follow the documented rules.

Expected results are inline CSV tables; property-based tests check that the ranking is a
competition ranking that does not depend on the order of the input.
"""

from __future__ import annotations

import io
import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from levande.indicators.core.ranking import (
    RANK_COLUMNS,
    PeerReference,
    level_of,
    peer_reference,
    rank_frame,
    rank_values,
    rank_within,
)
from levande.indicators.core.vocabulary import Direction, Level


def read_csv(text: str) -> pd.DataFrame:
    """An inline CSV table; codes and periods stay text, empty cells are missing."""
    return pd.read_csv(
        io.StringIO(text), dtype={"region_code": str, "period": str, "breakdown": str}
    )


def as_list(series: pd.Series) -> list[int | None]:
    """Nullable integers as a plain list with None for missing."""
    return [None if pd.isna(x) else int(x) for x in series]


# Expected ranks per direction for the same values: ties share the best rank ("1224"),
# the missing value gets no rank and does not count in rank_of.
TIES = read_csv(
    """\
region_code,value,rank_higher,quartile_higher,rank_lower,quartile_lower,rank_neutral
a,10,4,4,1,1,4
b,20,2,2,2,2,2
c,20,2,2,2,2,2
d,30,1,1,4,4,1
e,,,,,,
"""
)


def test_ties_use_competition_ranking_in_both_directions() -> None:
    values = TIES.set_index("region_code")["value"]
    higher = rank_values(values, Direction.HIGHER_IS_BETTER)
    lower = rank_values(values, Direction.LOWER_IS_BETTER)
    neutral = rank_values(values, Direction.NEUTRAL)

    assert list(higher.columns) == list(RANK_COLUMNS)
    assert list(higher.index) == list(values.index)
    assert as_list(higher["rank"]) == as_list(TIES["rank_higher"])
    assert as_list(higher["quartile"]) == as_list(TIES["quartile_higher"])
    assert as_list(lower["rank"]) == as_list(TIES["rank_lower"])
    assert as_list(lower["quartile"]) == as_list(TIES["quartile_lower"])
    assert as_list(higher["rank_of"]) == [4] * 5
    assert higher["judgement"].all()

    assert as_list(neutral["rank"]) == as_list(TIES["rank_neutral"])
    assert neutral["quartile"].isna().all(), "a context indicator has no better quarter"
    assert not neutral["judgement"].any()


QUARTILES = read_csv(
    """\
rank_of,ranks,quartiles
1,1,
2,1 2,1 4
3,1 2 3,1 3 4
4,1 2 3 4,1 2 3 4
5,1 2 3 4 5,1 2 3 4 4
8,1 2 3 4 5 6 7 8,1 1 2 2 3 3 4 4
"""
)


@pytest.mark.parametrize("row", QUARTILES.to_dict("records"), ids=lambda r: f"n{r['rank_of']}")
def test_quartile_is_position_from_best_to_worst(row: dict[str, object]) -> None:
    n = int(str(row["rank_of"]))
    values = pd.Series([float(100 - i) for i in range(n)])  # distinct, best first
    ranked = rank_values(values, Direction.HIGHER_IS_BETTER)
    assert as_list(ranked["rank"]) == [int(r) for r in str(row["ranks"]).split()]
    quartiles = row["quartiles"]
    expected = (
        [None] * n
        if isinstance(quartiles, float) and math.isnan(quartiles)
        else [int(q) for q in str(quartiles).split()]
    )
    assert as_list(ranked["quartile"]) == expected


def test_quartile_boundaries_for_all_municipalities() -> None:
    values = pd.Series(range(290), dtype="float64")
    quartiles = rank_values(values, Direction.HIGHER_IS_BETTER)["quartile"]
    assert quartiles.value_counts().sort_index().to_dict() == {1: 73, 2: 72, 3: 72, 4: 73}


def test_missing_and_infinite_values_are_not_ranked() -> None:
    values = pd.Series([1.0, None, float("inf"), float("nan"), 2.0], index=list("abcde"))
    ranked = rank_values(values, Direction.LOWER_IS_BETTER)
    assert as_list(ranked["rank"]) == [1, None, None, None, 2]
    assert as_list(ranked["rank_of"]) == [2] * 5
    all_missing = rank_values(pd.Series([None, None], dtype=object), Direction.HIGHER_IS_BETTER)
    assert as_list(all_missing["rank"]) == [None, None]
    assert as_list(all_missing["rank_of"]) == [0, 0]


OBSERVATIONS = read_csv(
    """\
indicator_id,region_code,period,breakdown,value
emp,00,2023,T,80
emp,01,2023,T,82
emp,03,2023,T,79
emp,0114,2023,T,70
emp,0115,2023,T,75
emp,0117,2023,T,75
emp,0120,2023,T,
emp,0114,2023,K,72
emp,0115,2023,K,71
emp,0114,2022,T,90
emp,0115,2022,T,60
crime,0114,2023,T,300
crime,0115,2023,T,200
crime,0117,2023,T,400
ctx,0114,2023,T,5
ctx,0115,2023,T,6
gone,0114,2023,T,1
"""
)

EXPECTED_RANKS = read_csv(
    """\
indicator_id,region_code,period,breakdown,level,rank,rank_of,quartile,judgement
emp,00,2023,T,riket,1,1,,True
emp,01,2023,T,lan,1,2,1,True
emp,03,2023,T,lan,2,2,4,True
emp,0114,2023,T,kommun,3,3,4,True
emp,0115,2023,T,kommun,1,3,1,True
emp,0117,2023,T,kommun,1,3,1,True
emp,0120,2023,T,kommun,,3,,True
emp,0114,2023,K,kommun,1,2,1,True
emp,0115,2023,K,kommun,2,2,4,True
emp,0114,2022,T,kommun,1,2,1,True
emp,0115,2022,T,kommun,2,2,4,True
crime,0114,2023,T,kommun,2,3,3,True
crime,0115,2023,T,kommun,1,3,1,True
crime,0117,2023,T,kommun,3,3,4,True
ctx,0114,2023,T,kommun,2,2,,False
ctx,0115,2023,T,kommun,1,2,,False
gone,0114,2023,T,kommun,,,,False
"""
)


def test_rank_frame_ranks_each_indicator_period_breakdown_and_level() -> None:
    directions = {
        "emp": Direction.HIGHER_IS_BETTER,
        "crime": Direction.LOWER_IS_BETTER,
        "ctx": Direction.NEUTRAL,
    }
    ranked = rank_frame(OBSERVATIONS, directions)

    assert list(ranked.index) == list(OBSERVATIONS.index)
    for column in ("indicator_id", "region_code", "period", "breakdown", "value"):
        assert ranked[column].equals(OBSERVATIONS[column]), "input columns kept as they were"
    assert list(ranked["level"]) == list(EXPECTED_RANKS["level"])
    for column in ("rank", "rank_of", "quartile"):
        assert as_list(ranked[column]) == as_list(EXPECTED_RANKS[column]), column
    assert list(ranked["judgement"]) == list(EXPECTED_RANKS["judgement"])


def test_rank_frame_uses_a_given_level_column() -> None:
    observations = OBSERVATIONS[OBSERVATIONS["indicator_id"] == "crime"].assign(
        level=["group-a", "group-a", "group-b"]
    )
    ranked = rank_frame(observations, {"crime": Direction.LOWER_IS_BETTER})
    assert as_list(ranked["rank"]) == [2, 1, 1]
    assert as_list(ranked["rank_of"]) == [2, 2, 1]
    with pytest.raises(ValueError, match="value"):
        rank_frame(observations.drop(columns=["value"]), {})


PEERS = read_csv(
    """\
region_code,value
0114,10
0115,30
0117,20
0120,
0125,40
"""
)


def test_rank_within_peer_group_counts_peers_without_values_as_missing() -> None:
    values = PEERS.set_index("region_code")["value"]
    ranked = rank_within(
        values, ["0115", "0114", "0120", "9999", "0114"], Direction.LOWER_IS_BETTER
    )
    assert list(ranked.index) == ["0115", "0114", "0120", "9999"]
    assert as_list(ranked["rank"]) == [2, 1, None, None]
    assert as_list(ranked["rank_of"]) == [2, 2, 2, 2]
    assert as_list(ranked["quartile"]) == [4, 1, None, None]


def test_peer_reference_with_missing_values() -> None:
    values = PEERS.set_index("region_code")["value"]
    peers = values.reindex(["0114", "0115", "0117", "0120", "0125", "9999"])
    assert peer_reference(peers) == PeerReference(median=25.0, q1=17.5, q3=32.5, n=4, n_missing=2)
    assert peer_reference([1.0, None, 3.0]) == PeerReference(2.0, 1.5, 2.5, 2, 1)
    assert peer_reference([5.0]) == PeerReference(5.0, 5.0, 5.0, 1, 0)
    assert peer_reference([None, float("nan")]) == PeerReference(None, None, None, 0, 2)
    assert peer_reference([]) == PeerReference(None, None, None, 0, 0)


def test_peer_reference_matches_pandas_linear_quantiles() -> None:
    values = pd.Series([3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0])
    ref = peer_reference(values)
    assert ref.median == pytest.approx(values.quantile(0.5))
    assert ref.q1 == pytest.approx(values.quantile(0.25))
    assert ref.q3 == pytest.approx(values.quantile(0.75))


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("00", Level.RIKET),
        ("01", Level.LAN),
        ("25", Level.LAN),
        ("0114", Level.KOMMUN),
        ("2584", Level.KOMMUN),
        ("114", None),
        ("G123", None),
        (None, None),
    ],
)
def test_level_of_region_codes(code: str | None, level: Level | None) -> None:
    assert level_of(code) is level


# --- properties ----------------------------------------------------------------------------

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
directions = st.sampled_from([Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER])


@given(st.lists(finite, min_size=1, max_size=40, unique=True), directions)
def test_distinct_values_get_ranks_one_to_n(values: list[float], direction: Direction) -> None:
    ranked = rank_values(pd.Series(values), direction)
    ranks = [r for r in as_list(ranked["rank"]) if r is not None]
    assert sorted(ranks) == list(range(1, len(values) + 1))


@given(
    st.lists(st.one_of(st.none(), st.integers(-5, 5).map(float)), max_size=40),
    directions,
    st.data(),
)
def test_rank_is_one_plus_number_of_better_values_in_any_order(
    values: list[float | None], direction: Direction, data: st.DataObject
) -> None:
    series = pd.Series(values, dtype="float64", index=[f"r{i}" for i in range(len(values))])
    ranked = rank_values(series, direction)
    present = [v for v in values if v is not None]
    sign = direction.sign
    for code, value in series.items():
        rank = ranked.at[code, "rank"]
        if pd.isna(value):
            assert pd.isna(rank)
        else:
            better = sum(1 for other in present if sign * other > sign * value)
            assert rank == 1 + better
        assert ranked.at[code, "rank_of"] == len(present)

    order = data.draw(st.permutations(list(series.index)))
    shuffled = series.reindex(order)
    again = rank_values(shuffled, direction).reindex(series.index)
    assert again.equals(ranked), "ranks do not depend on the order of the input"
