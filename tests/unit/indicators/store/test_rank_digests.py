"""Fingerprints of an indicator's ranks: the same rows give the same print, any change another."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from levande.indicators.store.statuses import rank_digests

RANKS = """indicator_id,period,breakdown,region_code,rank,rank_of,quartile
a,2023,T,0114,1,3,1
a,2023,T,0115,2,3,2
a,2023,T,0117,3,3,4
a,2024,T,0114,1,1,
b,2023,T,0114,2,2,4
b,2023,T,0115,1,2,1
"""


def _ranked(csv: str = RANKS) -> pd.DataFrame:
    frame = pd.read_csv(io.StringIO(csv), dtype={"period": str, "region_code": str})
    return frame.astype({"rank": "Int64", "rank_of": "Int64", "quartile": "Int64"})


def test_rows_in_any_order_give_the_same_prints() -> None:
    ranked = _ranked()
    shuffled = ranked.sample(frac=1.0, random_state=3).reset_index(drop=True)
    assert rank_digests(ranked, ["a", "b"]) == rank_digests(shuffled, ["a", "b"])


def test_each_indicator_counts_its_rows_and_one_without_ranks_gets_none() -> None:
    prints = rank_digests(_ranked(), ["a", "b", "c"])
    assert [prints[i][1] for i in ("a", "b", "c")] == [4, 2, 0]
    assert len({prints[i][0] for i in ("a", "b", "c")}) == 3
    assert prints["c"] == rank_digests(_ranked().iloc[0:0], ["c"])["c"]


@pytest.mark.parametrize(
    ("row", "column", "value"),
    [
        (0, "rank", 2),
        (1, "rank_of", 4),
        (2, "quartile", None),
        (3, "quartile", 1),
        (0, "region_code", "0118"),
        (0, "period", "2022"),
        (0, "breakdown", "K"),
    ],
)
def test_any_changed_cell_changes_only_its_indicators_print(
    row: int, column: str, value: str | int | None
) -> None:
    before = rank_digests(_ranked(), ["a", "b"])
    changed = _ranked()
    changed.loc[row, column] = value
    after = rank_digests(changed, ["a", "b"])
    assert after["a"][0] != before["a"][0]
    assert after["b"] == before["b"]


def test_a_swap_of_ranks_between_two_places_changes_the_print() -> None:
    swapped = _ranked()
    swapped.loc[[0, 1], "rank"] = [2, 1]
    assert rank_digests(swapped, ["a"])["a"] != rank_digests(_ranked(), ["a"])["a"]
