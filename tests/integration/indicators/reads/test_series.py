"""Series, peer bands, map values, rankings and boundaries.

On a database loaded by the real ETL, on SQLite and PostgreSQL; expected values are worked out
by hand from testkit/world.py (see the comments at each test).
"""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from levande.indicators.core.vocabulary import MUNICIPAL_MEAN
from levande.indicators.reads import series as obs
from levande.indicators.reads.cache import Reader

pytestmark = pytest.mark.integration


def test_series_keeps_missing_as_missing(reader: Reader) -> None:
    frame = obs.series(reader, "sjalvskattad-halsa", ["0380", "0180"], ["T"])
    assert list(frame.columns) == obs.SERIES_COLUMNS
    uppsala = frame[frame.region_code == "0380"]
    assert uppsala["value"].isna().all()
    assert set(uppsala["status"]) == {"Saknas"}
    sthlm = frame[frame.region_code == "0180"]
    assert sthlm["value"].tolist() == [73.0, 74.0, 75.0]
    # Order follows the regions asked for.
    assert frame["region_code"].tolist() == ["0380"] * 3 + ["0180"] * 3


def test_series_by_gender(reader: Reader) -> None:
    frame = obs.series(reader, "folkmangd", ["0114"], ["K", "M"])
    women = frame[frame.breakdown == "K"].set_index("period")
    missing = women.loc["2020", "value"]
    assert isinstance(missing, float)
    assert math.isnan(missing) and women.loc["2020", "status"] == ".."
    assert women.loc["2018", "value"] == 24_000
    assert frame[frame.breakdown == "M"]["value"].tolist() == [24_000, 24_100, 24_200]


def test_peer_band(reader: Reader) -> None:
    # All municipalities 2018: 60, 70, 65 -> median 65, quartiles 62.5 and 67.5 (type 7).
    band = obs.peer_band(reader, "livskvalitet-kommunindex", ["0114", "0180", "0380"])
    assert band.iloc[0].to_dict() == {
        "period": "2018", "median": 65.0, "q1": 62.5, "q3": 67.5, "n": 3, "n_missing": 0,
    }  # fmt: skip
    # Uppsala's health values are missing: counted as missing, never as zero.
    band = obs.peer_band(reader, "sjalvskattad-halsa", ["0114", "0180", "0380"])
    row = band[band.period == "2020"].iloc[0]
    assert (row["median"], row["n"], row["n_missing"]) == (72.5, 2, 1)
    assert obs.peer_band(reader, "sjalvskattad-halsa", []).empty


def test_map_values_include_missing_regions_with_rank(reader: Reader) -> None:
    frame = obs.map_values(reader, "trangboddhet", "2020", "T", "kommun")
    assert list(frame.columns) == obs.MAP_COLUMNS
    got = frame.set_index("region_code")
    assert got.loc["0114", "value"] == 9.6 and got.loc["0114", "rank"] == 1
    assert got.loc["0180", "rank"] == 3 and got.loc["0180", "rank_of"] == 3
    health = obs.map_values(reader, "sjalvskattad-halsa", "2020", "T", "kommun")
    uppsala = health.set_index("region_code").loc["0380"]
    assert isinstance(uppsala["value"], float)
    assert math.isnan(uppsala["value"]) and uppsala["status"] == "Saknas"
    assert pd.isna(uppsala["rank"])
    counties = obs.map_values(reader, "livskvalitet-kommunindex", "2020", "T", "lan")
    assert set(counties["aggregation"]) == {MUNICIPAL_MEAN}


def test_ranking_with_change_and_series_status(reader: Reader) -> None:
    frame = obs.ranking(reader, "trangboddhet", "2020", "T", "kommun")
    assert list(frame.columns) == obs.RANKING_COLUMNS
    assert frame["region_code"].tolist() == ["0114", "0380", "0180"]  # lower is better
    first = frame.iloc[0]
    assert first["previous_period"] == "2019" and first["previous_value"] == 9.85
    assert first["change"] == pytest.approx(-0.25)
    assert first["series_status"] == "target_achieved"
    # Missing values come last, with no change.
    health = obs.ranking(reader, "sjalvskattad-halsa", "2020", "T", "kommun")
    assert health.iloc[-1]["region_code"] == "0380" and math.isnan(health.iloc[-1]["change"])
    earliest = obs.ranking(reader, "trangboddhet", "2018", "T", "kommun")
    assert earliest["previous_period"].isna().all() and earliest["change"].isna().all()


def test_boundaries(reader: Reader) -> None:
    geo = obs.boundaries(reader, "kommun")
    assert geo is not None
    assert {f["id"] for f in json.loads(geo)["features"]} == {"0114", "0180", "0380"}
    assert obs.boundaries(reader, "nope") is None


@pytest.mark.parametrize(("level", "loaded"), [("kommun", True), ("lan", True), ("nope", False)])
def test_whether_boundaries_are_loaded(reader: Reader, level: str, loaded: bool) -> None:
    assert obs.has_boundaries(reader, level) is loaded
    assert obs.has_boundaries(reader, level) is (obs.boundaries(reader, level) is not None)


def test_previous_period(reader: Reader) -> None:
    assert obs.previous_period(reader, "trangboddhet", "2019", "kommun") == "2018"
    assert obs.previous_period(reader, "trangboddhet", "2018", "kommun") is None
