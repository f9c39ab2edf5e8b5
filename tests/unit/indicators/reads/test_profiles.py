"""The pure parts of the place reads: name folding, search, missing reasons, coverage."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from levande.indicators.core.catalogue import FocusArea, Indicator, Subgoal
from levande.indicators.core.ranking import peer_reference, rank_within
from levande.indicators.core.vocabulary import Direction
from levande.indicators.reads import dimensions as dims
from levande.indicators.reads import profiles as p


def _region(code: str, name: str, level: str = "kommun") -> dims.RegionInfo:
    return dims.RegionInfo(code, name, level, code[:2] if level == "kommun" else "00", None, None)


PLACES = [
    dims.RegionInfo("00", "Riket", "riket", None, None, None),
    _region("21", "Gävleborgs län", "lan"),
    _region("2180", "Gävle"),
    _region("0114", "Upplands Väsby"),
    _region("0180", "Stockholm"),
    _region("01", "Stockholms län", "lan"),
    _region("2584", "Kiruna"),
    _region("1280", "Malmö"),
    _region("0117", "Österåker"),
    _region("1480", "Göteborg"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gävle", "gavle"),
        ("GÄVLE", "gavle"),
        ("  Upplands   Väsby ", "upplands vasby"),
        ("Österåker", "osteraker"),
        ("Malmö", "malmo"),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert p.fold(text) == expected


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("gavle", ["2180", "21"]),  # the municipality before the county
        ("Gävle", ["2180", "21"]),
        ("gävleborg", ["21"]),
        ("vasby", ["0114"]),  # a later word of the name
        ("STOCKHOLM", ["0180", "01"]),  # exact name first
        ("ostera", ["0117"]),
        ("goteborg", ["1480"]),
        ("1280", ["1280"]),  # by code
        ("holm", ["0180", "01"]),  # anywhere in the name
        ("riket", []),  # the nation has no profile
        ("", []),
        ("zz", []),
    ],
)
def test_search_places(text: str, codes: list[str]) -> None:
    assert [r.code for r in p.search_places(PLACES, text)] == codes


def test_search_limit() -> None:
    assert len(p.search_places(PLACES, "a", limit=3)) == 3


def _indicator(ind_id: str, levels: tuple[str, ...], subgoals: tuple[str, ...]) -> Indicator:
    return Indicator.model_validate(
        {"id": ind_id, "focus_area": "FA01", "subgoals": list(subgoals), "source": "kolada",
         "source_id": "N00001", "title_sv": ind_id, "title_en": ind_id, "description_sv": "",
         "description_en": "", "unit_sv": "%", "unit_en": "%", "direction": "higher_is_better",
         "levels": list(levels)}
    )  # fmt: skip


def test_missing_reason() -> None:
    county_only = _indicator("a", ("riket", "lan"), ("S1",))
    every = _indicator("b", ("riket", "lan", "kommun"), ("S1",))
    assert p.missing_reason(county_only, "kommun", False, False) == "not_applicable"
    assert p.missing_reason(every, "kommun", True, True) == "suppressed"
    assert p.missing_reason(every, "kommun", False, True) == "not_run"
    assert p.missing_reason(every, "kommun", False, False) == "not_published"


def test_coverage_counts_each_subgoal_and_every_reason() -> None:
    area = FocusArea(
        id="FA01", name_sv="Ett", name_en="One", description_sv="", description_en="",
        subgoals=[
            Subgoal(id=f"FA01-S{n}", text_sv=sv, text_en=en, proposed_by="project")
            for n, sv, en in ((1, "Ett", "One"), (2, "Två", "Two"), (3, "Tre", "Three"))
        ],
    )  # fmt: skip
    rows = [
        p.ProfileRow(_indicator("a", ("kommun",), ("FA01-S1",)), period="2020", value=1.0),
        p.ProfileRow(
            _indicator("b", ("kommun",), ("FA01-S1", "FA01-S2")), missing_reason="suppressed"
        ),
        p.ProfileRow(_indicator("c", ("lan",), ("FA01-S2",)), missing_reason="not_applicable"),
        p.ProfileRow(_indicator("d", ("kommun",), ("FA01-S2",)), missing_reason="not_run"),
        p.ProfileRow(_indicator("e", ("kommun",), ("FA01-S2",)), missing_reason="not_published"),
    ]
    cells = p.coverage(rows, [area])
    assert [c.subgoal_id for c in cells] == ["FA01-S1", "FA01-S2", "FA01-S3"]
    assert {c.focus_area_id for c in cells} == {"FA01"}
    s1, s2, s3 = cells
    assert (s1.total, s1.with_data, s1.missing["suppressed"]) == (2, 1, ("b",))
    assert (s2.total, s2.with_data) == (4, 0)
    assert {r: s2.count(r) for r in p.MISSING_REASONS} == {
        "not_published": 1, "suppressed": 1, "not_applicable": 1, "not_run": 1,
    }  # fmt: skip
    assert (s3.total, s3.with_data) == (0, 0)


values_strategy = st.lists(
    st.one_of(
        st.none(),
        st.just(float("nan")),
        st.sampled_from([1.0, 2.0, 2.0, 3.5]),  # ties
        st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(values=values_strategy, direction=st.sampled_from(list(Direction)), data=st.data())
def test_position_in_agrees_with_rank_within(
    values: list[float | None], direction: Direction, data: st.DataObject
) -> None:
    codes = [f"{i:04d}" for i in range(len(values))]
    mine = data.draw(st.integers(min_value=0, max_value=len(values) - 1))
    series = pd.Series(values, index=pd.Index(codes, dtype=object), dtype="float64")
    expected = rank_within(series, codes, direction).loc[codes[mine]]
    got = p.position_in(values[mine], values, direction)

    def opt(value: object) -> int | None:
        return None if pd.isna(value) else int(value)  # type: ignore[call-overload]

    assert got == p.Position(
        opt(expected["rank"]), opt(expected["rank_of"]), opt(expected["quartile"])
    ) or (got == p.NO_POSITION and opt(expected["rank"]) is None)


@settings(max_examples=200, deadline=None)
@given(values=values_strategy)
def test_group_reference_agrees_with_peer_reference(values: list[float | None]) -> None:
    assert p.group_reference(values) == peer_reference(values)
