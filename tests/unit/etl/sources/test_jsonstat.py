"""JSON-stat 2.0 parsing, metadata parsing, selection expressions and merging, without HTTP.

The fixtures are small documents in the shape SCB's PxWebApi 2.0 sends (``extension.px``,
``role``, ``category.unit``...), written out here so the tests stand on their own.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from levande.etl.sources.http import HttpClient, SourceError
from levande.etl.sources.scb import (
    ScbDataset,
    expand_value_codes,
    parse_jsonstat2,
    parse_metadata,
    parse_updated,
)


def dataset(
    dims: dict[str, list[str]], value: Any, status: Any = None, **extra: Any
) -> dict[str, Any]:
    """A json-stat2 document like SCB's, with the given dimensions and values."""
    doc: dict[str, Any] = {
        "version": "2.0",
        "class": "dataset",
        "label": "Folkmängd efter region, kön och år",
        "source": "SCB",
        "updated": "2026-02-21T07:00:00Z",
        "role": {"time": ["Tid"], "metric": ["ContentsCode"]},
        "id": list(dims),
        "size": [len(codes) for codes in dims.values()],
        "dimension": {
            name: {
                "label": name.lower(),
                "category": {
                    "index": {code: i for i, code in enumerate(codes)},
                    "label": {code: f"{name} {code}" for code in codes},
                },
                "extension": {"elimination": False, "show": "value"},
            }
            for name, codes in dims.items()
        },
        "extension": {"px": {"tableid": "TAB638", "matrix": "TAB638", "language": "sv"}},
        "value": value,
    }
    if status is not None:
        doc["status"] = status
    doc.update(extra)
    return doc


THREE = {"Region": ["00", "0180"], "Kon": ["1", "2", "TotSa"], "Tid": ["2023", "2024"]}


def test_values_are_row_major_with_the_last_dimension_fastest() -> None:
    ds = parse_jsonstat2(dataset(THREE, list(range(12))))

    rows = list(ds.rows())

    assert ds.dimension_ids == ("Region", "Kon", "Tid")
    assert [r.codes for r in rows[:3]] == [
        {"Region": "00", "Kon": "1", "Tid": "2023"},
        {"Region": "00", "Kon": "1", "Tid": "2024"},
        {"Region": "00", "Kon": "2", "Tid": "2023"},
    ]
    # Region 0180 (1), Kon TotSa (2), Tid 2023 (0): 1*6 + 2*2 + 0 = 10.
    assert ds.cell(Region="0180", Kon="TotSa", Tid="2023") == rows[10]
    assert rows[10].value == 10.0
    assert [r.value for r in rows] == [float(i) for i in range(12)]


def test_category_index_given_as_a_list_orders_categories_like_the_dict_form() -> None:
    doc = dataset(THREE, list(range(12)))
    doc["dimension"]["Kon"]["category"]["index"] = ["1", "2", "TotSa"]

    ds = parse_jsonstat2(doc)

    assert ds.dimension("Kon").codes == ("1", "2", "TotSa")
    assert ds.cell(Region="00", Kon="2", Tid="2024") is not None
    assert ds.cell(Region="00", Kon="2", Tid="2024").value == 3.0  # type: ignore[union-attr]


def test_category_index_positions_decide_the_order_not_the_key_order() -> None:
    doc = dataset({"Tid": ["2023", "2024"]}, [1, 2])
    doc["dimension"]["Tid"]["category"]["index"] = {"2024": 1, "2023": 0}

    ds = parse_jsonstat2(doc)

    assert ds.dimension("Tid").codes == ("2023", "2024")
    assert [r.value for r in ds.rows()] == [1.0, 2.0]


def test_sparse_value_object_fills_missing_cells_with_none() -> None:
    ds = parse_jsonstat2(dataset(THREE, {"0": 1.5, "11": 7, "5": None}))

    values = [r.value for r in ds.rows()]

    assert len(values) == 12
    assert values[0] == 1.5
    assert values[11] == 7.0
    assert values[1:11] == [None] * 10


def test_status_object_attaches_symbols_and_null_values_keep_them() -> None:
    value: list[float | None] = [float(i) for i in range(12)]
    value[4] = None
    ds = parse_jsonstat2(dataset(THREE, value, status={"4": "..", "7": "p"}))

    rows = list(ds.rows())

    assert (rows[4].value, rows[4].status) == (None, "..")
    assert (rows[7].value, rows[7].status) == (7.0, "p")
    assert sum(r.status is None for r in rows) == 10


def test_status_as_a_list_and_as_one_string() -> None:
    statuses: list[str | None] = [None] * 12
    statuses[2] = "."
    listed = parse_jsonstat2(dataset(THREE, [None] * 12, status=statuses))
    single = parse_jsonstat2(dataset(THREE, [None] * 12, status="e"))

    assert [r.status for r in listed.rows()][2] == "."
    assert sum(r.status is not None for r in listed.rows()) == 1
    assert {r.status for r in single.rows()} == {"e"}


def test_numbers_are_kept_exactly_as_published() -> None:
    text = '{"version":"2.0","class":"dataset","id":["Tid"],"size":[4],'
    text += '"dimension":{"Tid":{"category":{"index":{"a":0,"b":1,"c":2,"d":3}}}},'
    text += '"value":[31.32959689,245284,0.1,1234567.8912345]}'

    values = [r.value for r in parse_jsonstat2(json.loads(text)).rows()]

    assert values == [31.32959689, 245284.0, 0.1, 1234567.8912345]
    assert all(isinstance(v, float) for v in values)


def test_size_that_does_not_match_value_is_an_error() -> None:
    with pytest.raises(SourceError, match="size does not match value"):
        parse_jsonstat2(dataset(THREE, list(range(11))))


def test_id_and_size_of_different_length_is_an_error() -> None:
    doc = dataset(THREE, list(range(12)))
    doc["size"] = [2, 3]

    with pytest.raises(SourceError, match="'id' has 3 entries but 'size' has 2"):
        parse_jsonstat2(doc)


def test_dimension_without_category_index_is_an_error() -> None:
    doc = dataset(THREE, list(range(12)))
    del doc["dimension"]["Kon"]["category"]["index"]

    with pytest.raises(SourceError, match="dimension 'Kon' has no category index"):
        parse_jsonstat2(doc)


def test_single_category_may_omit_its_index_as_json_stat_allows() -> None:
    doc = dataset({"ContentsCode": ["BE0101N1"], "Tid": ["2024"]}, [10])
    del doc["dimension"]["ContentsCode"]["category"]["index"]

    assert [r.codes for r in parse_jsonstat2(doc).rows()] == [
        {"ContentsCode": "BE0101N1", "Tid": "2024"}
    ]


def test_category_count_must_match_size() -> None:
    doc = dataset(THREE, list(range(12)))
    doc["size"] = [2, 2, 3]

    with pytest.raises(SourceError, match="'Kon' has 3 categories but size says 2"):
        parse_jsonstat2(doc)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(value=[True, *range(11)]), "not a number"),
        (lambda d: d.update(value={"12": 1}), "outside the 12 cells"),
        (lambda d: d["dimension"].pop("Tid"), "missing from 'dimension'"),
        (lambda d: d.update({"class": "collection"}), "not 'dataset'"),
        (lambda d: d.update(status=["x"]), "status list has 1 entries"),
    ],
)
def test_broken_documents_are_refused_with_a_reason(mutate: Any, message: str) -> None:
    doc = dataset(THREE, list(range(12)))
    mutate(doc)

    with pytest.raises(SourceError, match=message):
        parse_jsonstat2(doc)


def test_json_stat_1_is_recognised_and_refused() -> None:
    with pytest.raises(SourceError, match="JSON-stat 1"):
        parse_jsonstat2({"dataset": {"dimension": {}, "value": []}})


def test_dataset_metadata_is_read() -> None:
    ds = parse_jsonstat2(dataset(THREE, list(range(12))))

    assert ds.label == "Folkmängd efter region, kön och år"
    assert ds.source == "SCB"
    assert ds.table_id == "TAB638"
    assert ds.updated == datetime(2026, 2, 21, 7, 0, tzinfo=UTC)
    assert ds.dimension("Region").labels["0180"] == "Region 0180"
    assert len(ds) == 12


def test_a_body_with_a_bom_decodes_and_parses() -> None:
    body = "\ufeff".encode() + json.dumps(dataset(THREE, list(range(12)))).encode()
    with HttpClient("scb") as http:
        doc = http.decode_json(body, "http://example.invalid/data")

    assert parse_jsonstat2(doc).cell(Region="00", Kon="1", Tid="2024") is not None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"version":"2.0","value":[1,2,', "truncated JSON"),
        (b'{"label":"Folkm\xc3\xa4ngd', "truncated JSON"),
        (b'{"version":"2.0","class":dataset}', "malformed JSON at line 1"),
        (b'{"a":1} trailing', "malformed JSON"),
        (b"   ", "empty answer"),
        (b"\xff\xfe{}", "not UTF-8"),
    ],
)
def test_broken_bodies_are_named(body: bytes, message: str) -> None:
    with HttpClient("scb") as http, pytest.raises(SourceError, match=message) as caught:
        http.decode_json(body, "http://example.invalid/data")

    assert caught.value.status == 200
    assert caught.value.url == "http://example.invalid/data"


@given(
    sizes=st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=4),
    data=st.data(),
)
def test_every_cell_lands_on_its_row_major_position(sizes: list[int], data: Any) -> None:
    dims = {f"D{i}": [f"c{j}" for j in range(n)] for i, n in enumerate(sizes)}
    total = math.prod(sizes)
    value = data.draw(
        st.lists(
            st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False)),
            min_size=total,
            max_size=total,
        )
    )
    ds = parse_jsonstat2(dataset(dims, value))

    for row in ds.rows():
        flat = 0
        for name, n in zip(dims, sizes, strict=True):
            flat = flat * n + dims[name].index(row.codes[name])
        assert row.value == value[flat]


def test_updated_timestamps_become_aware_utc() -> None:
    assert parse_updated("2026-06-08T06:00:00Z") == datetime(2026, 6, 8, 6, tzinfo=UTC)
    assert parse_updated("2017-12-24T06:00:00.0140000Z") == datetime(
        2017, 12, 24, 6, 0, 0, 14000, tzinfo=UTC
    )
    assert parse_updated("2026-06-08T08:00:00+02:00") == datetime(2026, 6, 8, 6, tzinfo=UTC)
    assert parse_updated("2026-06-08T06:00:00") == datetime(2026, 6, 8, 6, tzinfo=UTC)
    assert parse_updated(None) is None
    assert parse_updated("not a date") is None


def test_metadata_lists_variables_codes_units_and_codelists() -> None:
    doc = dataset(
        {"Region": ["00", "01", "0180"], "ContentsCode": ["000007SF"], "Tid": ["2025M01"]},
        [],
        note=["Uppgiften avser förhållandet den sista dagen i månaden."],
    )
    region = doc["dimension"]["Region"]
    region["extension"] = {
        "elimination": True,
        "eliminationValueCode": "00",
        "codelists": [
            {"id": "vs_CKM02Län", "label": "län", "type": "Valueset", "links": []},
            {"id": "vs_CKM03Kommun", "label": "kommuner", "type": "Valueset", "links": []},
        ],
    }
    doc["dimension"]["ContentsCode"]["category"]["unit"] = {
        "000007SF": {"base": "antal", "decimals": 0}
    }

    meta = parse_metadata(doc, table_id="TAB6471")

    assert meta.table_id == "TAB638"  # extension.px.tableid wins over the argument
    assert [v.code for v in meta.variables] == ["Region", "ContentsCode", "Tid"]
    assert meta.variable("region").values == ("00", "01", "0180")
    assert meta.variable("Region").elimination is True
    assert meta.variable("Region").elimination_value_code == "00"
    assert meta.variable("Region").codelists == ("vs_CKM02Län", "vs_CKM03Kommun")
    assert meta.time_variable is not None and meta.time_variable.code == "Tid"
    assert meta.contents_variable is not None
    assert meta.contents_variable.units["000007SF"].base == "antal"
    assert meta.contents_variable.units["000007SF"].decimals == 0
    assert meta.notes == ("Uppgiften avser förhållandet den sista dagen i månaden.",)
    with pytest.raises(KeyError):
        meta.variable("Alder")


YEARS = ["2019", "2020", "2021", "2022", "2023", "2024"]


@pytest.mark.parametrize(
    ("requested", "is_time", "expected"),
    [
        (["TOP(2)"], True, ["2023", "2024"]),
        (["TOP(2,1)"], True, ["2022", "2023"]),
        (["BOTTOM(2)"], True, ["2019", "2020"]),
        (["TOP(2)"], False, ["2019", "2020"]),
        (["BOTTOM(1)"], False, ["2024"]),
        (["RANGE(2023,2020)"], True, ["2020", "2021", "2022", "2023"]),
        (["[RANGE(2020,2021)]"], True, ["2020", "2021"]),
        (["FROM(2023)"], True, ["2023", "2024"]),
        (["TO(2020)"], True, ["2019", "2020"]),
        (["*"], True, YEARS),
        (["202?"], True, ["2020", "2021", "2022", "2023", "2024"]),
        (["2024", "2019", "2024"], True, ["2019", "2024"]),
        (["2019", "1999"], True, ["2019", "1999"]),
    ],
)
def test_selection_expressions_expand_in_table_order(
    requested: list[str], is_time: bool, expected: list[str]
) -> None:
    assert expand_value_codes(requested, YEARS, is_time=is_time) == expected


def test_merge_puts_parts_back_in_table_order() -> None:
    east = parse_jsonstat2(dataset({"Region": ["0180"], "Tid": ["2023", "2024"]}, [3, 4]))
    west = parse_jsonstat2(
        dataset({"Region": ["00", "1480"], "Tid": ["2023", "2024"]}, [1, 2, 5, None])
    )

    merged = ScbDataset.merge([east, west], {"Region": ["00", "0180", "1480"]})

    assert merged.dimension("Region").codes == ("00", "0180", "1480")
    assert [(r.codes["Region"], r.codes["Tid"], r.value) for r in merged.rows()] == [
        ("00", "2023", 1.0),
        ("00", "2024", 2.0),
        ("0180", "2023", 3.0),
        ("0180", "2024", 4.0),
        ("1480", "2023", 5.0),
        ("1480", "2024", None),
    ]


def test_merge_skips_combinations_no_part_delivered() -> None:
    first = parse_jsonstat2(dataset({"Region": ["00"], "Tid": ["2023"]}, [1]))
    second = parse_jsonstat2(dataset({"Region": ["0180"], "Tid": ["2024"]}, [2]))

    merged = ScbDataset.merge([first, second])

    assert len(merged) == 2
    assert merged.cell(Region="00", Tid="2024") is None
    assert [r.value for r in merged.rows()] == [1.0, 2.0]


def test_merge_refuses_parts_with_different_dimensions() -> None:
    first = parse_jsonstat2(dataset({"Region": ["00"], "Tid": ["2023"]}, [1]))
    second = parse_jsonstat2(dataset({"Tid": ["2023"]}, [1]))

    with pytest.raises(SourceError, match="different dimensions"):
        ScbDataset.merge([first, second])
