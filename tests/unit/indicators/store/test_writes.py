"""JSON documents written column by column are the text json.dumps gives, character for character.

The status step stores its explanation and previous-status documents as text built by
``json_objects``; a reader parsing them sees the same documents, and the stored text stays
what ``json.dumps`` (SQLAlchemy's serializer) wrote before.
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from levande.indicators.store.writes import json_objects, json_values

SCALARS: list[Any] = [
    None, True, False, 0, -1, 7, 2**70, -(2**63), 0.0, -0.0, 0.1, 1 / 3, 1e22, 1e-7, 5e-324,
    1.7976931348623157e308, -2.5e-300, 123456789.123456789, math.nan, math.inf, -math.inf,
    "", "plain", 'quote " and \\ backslash', "tab\tnew\nline\r\x00\x1f", "åäö", "€ 😀",
    "\u2028\u2029", "{0} {}", [], ["status"], ["status", "rank", "value"], ["å", '"'],
    [1, None, 2.5], {"nested": [1, {"a": None}]}, (1, "x"), np.float64(0.1), np.float64("nan"),
]  # fmt: skip


@pytest.mark.parametrize("value", SCALARS, ids=repr)
def test_each_value_is_written_as_json_dumps_writes_it(value: Any) -> None:
    assert json_values([value]) == [json.dumps(value)]


def test_documents_equal_json_dumps_of_the_dicts() -> None:
    names = ["computed_status", 'odd "key" {0}', "n", "changed"]
    columns = [SCALARS, list(reversed(SCALARS)), list(range(len(SCALARS))), SCALARS[::-1]]
    expected = [
        json.dumps(dict(zip(names, row, strict=True))) for row in zip(*columns, strict=True)
    ]
    assert json_objects(names, columns) == expected


@pytest.mark.parametrize(
    "column",
    [
        [0.1, None, 1e22, -0.0, 5e-324],
        [math.nan, 1.5, None, math.inf, -math.inf],
        [None, None],
        [2.5, np.float64(1 / 3)],
    ],
)
def test_float_columns_are_written_as_json_dumps_writes_them(column: list[Any]) -> None:
    assert json_values(column) == [json.dumps(v) for v in column]


def test_edge_shapes() -> None:
    assert json_objects([], []) == []
    assert json_objects(["a"], [[]]) == []
    with pytest.raises(ValueError, match="distinct"):
        json_objects(["a", "a"], [[1], [2]])


json_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(),
    st.lists(st.text(), max_size=4),
)  # fmt: skip


@given(st.dictionaries(st.text(), json_leaf, min_size=1, max_size=6), st.integers(1, 4))
def test_any_flat_documents_equal_json_dumps(template: dict[str, Any], rows: int) -> None:
    names = list(template)
    columns = [[template[name]] * rows for name in names]
    assert json_objects(names, columns) == [json.dumps(template)] * rows
