"""The column-wise parse and normalisation give exactly what the record-wise ones gave.

The full load reads Kolada pages column by column and normalises columns; these tests keep
a copy of the former per-value rules and compare value for value, errors included.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from levande.etl.normalise import kolada_region_code, normalise_kolada
from levande.etl.sources.http import HttpClient, SourceError
from levande.etl.sources.kolada import (
    KoladaColumns,
    KoladaValue,
    _parse_data_page,
    _parse_data_record,
)
from levande.indicators.core.catalogue import Indicator
from levande.indicators.core.vocabulary import MUNICIPAL_MEAN, Level
from levande.indicators.store.writes import ObservationRow


def kolada_indicator(**changes: object) -> Indicator:
    base: dict[str, object] = {
        "id": "x", "focus_area": "FA01", "subgoals": ["FA01-D1"], "source": "kolada",
        "source_id": "N00001", "title_sv": "t", "title_en": "t", "description_sv": "d",
        "description_en": "d", "unit_sv": "u", "unit_en": "u", "direction": "higher_is_better",
        "levels": ["riket", "lan", "kommun"],
    }  # fmt: skip
    return Indicator.model_validate(base | changes)


MUNICIPALITY_IDS = ["0000", "0001", "0014", "0180", "1400", "G1", "G2", "X9"]

entries = st.fixed_dictionaries(
    {
        "gender": st.sampled_from(["T", "K", "M"]),
        "value": st.one_of(
            st.none(),
            st.integers(-(10**6), 10**6),
            st.floats(allow_nan=False, allow_infinity=False),
        ),
    },
    optional={
        "status": st.sampled_from([None, "", "  ", "..", "B"]),
        "count": st.integers(0, 9),
        "isdeleted": st.booleans(),
    },
)
records = st.fixed_dictionaries(
    {
        "kpi": st.just("N1"),
        "municipality": st.sampled_from(MUNICIPALITY_IDS),
        "period": st.integers(2000, 2030),
        "values": st.lists(entries, max_size=3),
    }
)


def _old_columns(items: list[Any], path: str) -> KoladaColumns:
    return KoladaColumns.of(v for item in items for v in _parse_data_record(item, path))


@settings(max_examples=200, deadline=None)
@given(st.lists(records, max_size=30))
def test_a_page_parses_to_the_same_values_by_columns(items: list[Any]) -> None:
    assert _parse_data_page(items, "/data") == _old_columns(items, "/data")


@pytest.mark.parametrize(
    "bad",
    [
        {"kpi": "N1", "municipality": "0180", "period": "x", "values": []},
        {"kpi": "N1", "municipality": "0180", "period": 2020},
        {"kpi": "N1", "municipality": "0180", "period": 2020, "values": [1]},
        {"kpi": "N1", "municipality": "0180", "period": 2020, "values": [{"gender": "X"}]},
        {"kpi": "N1", "municipality": "0180", "period": 2020,
         "values": [{"gender": "T", "value": True}]},
        {"kpi": "N1", "municipality": "0180", "period": 2020,
         "values": [{"gender": "T", "value": "1"}]},
        {"municipality": "0180", "period": 2020, "values": []},
        "not a record",
    ],
)  # fmt: skip
def test_a_bad_record_raises_the_same_error(bad: Any) -> None:
    good = {"kpi": "N1", "municipality": "0180", "period": 2020, "values": [{"gender": "T"}]}
    with pytest.raises(SourceError) as old:
        _old_columns([good, bad], "/data")
    with pytest.raises(SourceError) as new:
        _parse_data_page([good, bad], "/data")
    assert str(new.value) == str(old.value)


class _Int(int):
    """An int subclass the column checks do not know: left to the record-wise parser."""


def test_values_the_column_checks_do_not_know_take_the_record_path() -> None:
    items = [{"kpi": "N1", "municipality": "0180", "period": 2020,
              "values": [{"gender": "T", "value": _Int(3)}]}]  # fmt: skip
    assert _parse_data_page(items, "/data") == _old_columns(items, "/data")


# --- normalisation: a copy of the former per-value rules -----------------------------------


def _old_normalise(
    indicator: Indicator, values: list[KoladaValue], group_regions: dict[str, str]
) -> tuple[list[ObservationRow], list[tuple[str, str, str]], set[str]]:
    rows: list[ObservationRow] = []
    deletions: list[tuple[str, str, str]] = []
    unplaced: set[str] = set()
    levels, mean_levels = set(indicator.levels), set(indicator.municipal_mean_levels)
    direct, from_groups = [], []
    for item in values:
        if item.gender not in ("T", "K", "M"):
            unplaced.add(f"gender {item.gender}")
            continue
        if not indicator.gender and item.gender != "T":
            continue
        code = kolada_region_code(item.municipality)
        if code is not None:
            direct.append((code, item))
        elif item.municipality in group_regions:
            from_groups.append((group_regions[item.municipality], item))
        else:
            unplaced.add(item.municipality)
    riket_published = any(code == "00" and not it.is_deleted for code, it in direct)

    def add(code: str, item: KoladaValue, aggregation: str | None) -> None:
        key = (code, str(item.period), item.gender)
        if item.is_deleted:
            deletions.append(key)
        else:
            rows.append(ObservationRow(code, str(item.period), item.gender, item.value,
                                       item.status or None, aggregation))  # fmt: skip

    from levande.etl.normalise import region_level

    for code, item in direct:
        level = region_level(code)
        if level is None or level not in levels:
            continue
        if level in mean_levels and not (level is Level.RIKET and riket_published):
            continue
        add(code, item, None)
    for code, item in from_groups:
        level = region_level(code)
        if level is None or level not in mean_levels:
            continue
        if level is Level.RIKET and riket_published:
            continue
        add(code, item, MUNICIPAL_MEAN)
    return rows, deletions, unplaced


@settings(max_examples=200, deadline=None)
@given(
    st.lists(records, max_size=40),
    st.booleans(),
    st.sampled_from([(), (Level.RIKET,), (Level.LAN,), (Level.RIKET, Level.LAN)]),
)
def test_normalising_columns_gives_the_former_rows(
    items: list[Any], gender: bool, mean_levels: tuple[Level, ...]
) -> None:
    indicator = kolada_indicator(
        gender=gender, municipal_mean_levels=[level.value for level in mean_levels]
    )
    values = [v for item in items for v in _parse_data_record(item, "/data")]
    groups = {"G1": "00", "G2": "01"}
    rows, deletions, unplaced = _old_normalise(indicator, values, groups)
    for given_values in (_parse_data_page(items, "/data"), values):
        out = normalise_kolada(indicator, given_values, groups)
        assert out.rows == rows
        assert out.deletions == deletions
        assert out.unplaced == unplaced


# --- JSON: orjson where it can, the standard library otherwise -----------------------------


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.one_of(
            st.none(), st.booleans(), st.integers(-(2**63), 2**63 - 1),
            st.floats(allow_nan=False, allow_infinity=False), st.text(),
        ),
        lambda children: st.lists(children) | st.dictionaries(st.text(), children),
        max_leaves=20,
    )
)  # fmt: skip
def test_decoding_gives_what_the_standard_library_gives(doc: Any) -> None:
    client = HttpClient("kolada")
    for body in (json.dumps(doc).encode(), b"\xef\xbb\xbf" + json.dumps(doc).encode()):
        decoded = client.decode_json(body, "http://x")
        assert decoded == json.loads(body.decode("utf-8-sig"))
        assert repr(decoded) == repr(json.loads(body.decode("utf-8-sig")))


@pytest.mark.parametrize(
    "body", [b"[NaN, Infinity, 1e400]", b"", b"[1, 2", b'{"a": 1} x', b"\xff\xfe"]
)
def test_documents_orjson_refuses_still_decode_or_fail_as_before(body: bytes) -> None:
    client = HttpClient("kolada")
    try:
        expected: Any = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        with pytest.raises(SourceError):
            client.decode_json(body, "http://x")
        return
    decoded = client.decode_json(body, "http://x")
    assert [math.isnan(x) or x for x in decoded] == [math.isnan(x) or x for x in expected]
