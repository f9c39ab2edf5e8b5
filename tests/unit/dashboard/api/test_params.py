"""The API's parameter checks: what is accepted, and how a refusal reads."""

from __future__ import annotations

from typing import Any

import pytest

from levande.dashboard.api.params import (
    BREAKDOWN,
    INDICATOR,
    LEVEL,
    PAGE_SIZE,
    PAGING,
    ApiError,
    Param,
    parse_query,
)

PARAMS = (INDICATOR, LEVEL, BREAKDOWN, *PAGING)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({}, {"page": 1, "page_size": 1000}),
        ({"indicator": ["a,b,a"]}, {"indicator": ("a", "b")}),
        ({"indicator": ["a", "c,b"]}, {"indicator": ("a", "c", "b")}),
        ({"level": ["lan"], "page_size": ["5000"]}, {"level": "lan", "page_size": 5000}),
        ({"breakdown": ["K,M"]}, {"breakdown": ("K", "M")}),
    ],
)
def test_accepted_queries(args: dict[str, list[str]], expected: dict[str, Any]) -> None:
    values = parse_query(PARAMS, args).values
    for name, value in expected.items():
        assert values[name] == value


@pytest.mark.parametrize(
    ("args", "code", "parameter"),
    [
        ({"indikator": ["x"]}, "unknown_parameter", "indikator"),
        ({"indicator": ["Trångboddhet"]}, "invalid_value", "indicator"),
        ({"indicator": ["a,,b"]}, "invalid_value", "indicator"),
        ({"level": ["stad"]}, "invalid_value", "level"),
        ({"level": ["lan", "kommun"]}, "repeated_parameter", "level"),
        ({"page_size": ["5001"]}, "invalid_value", "page_size"),
        ({"page_size": ["-1"]}, "invalid_value", "page_size"),
        ({"page": ["1e3"]}, "invalid_value", "page"),
        ({"page": ["99999999999999999999"]}, "invalid_value", "page"),
    ],
)
def test_refusals_name_the_parameter(args: dict[str, list[str]], code: str, parameter: str) -> None:
    with pytest.raises(ApiError) as caught:
        parse_query(PARAMS, args)
    body = caught.value.body()
    assert caught.value.status == 400
    assert (body["error"], body["parameter"]) == (code, parameter)


def test_an_unknown_parameter_lists_the_allowed_ones() -> None:
    with pytest.raises(ApiError) as caught:
        parse_query(PARAMS, {"sida": ["2"]})
    assert caught.value.body()["allowed"] == sorted(p.name for p in PARAMS)
    assert "allowed: breakdown, cursor, indicator, level, page, page_size" in caught.value.message


def test_an_endpoint_without_parameters_says_it_takes_none() -> None:
    with pytest.raises(ApiError, match="it takes none"):
        parse_query((), {"x": ["1"]})


def test_schemas_for_the_document() -> None:
    assert INDICATOR.schema()["type"] == "array"
    assert PAGE_SIZE.schema() == {"type": "integer", "minimum": 1, "maximum": 5000, "default": 1000}
    assert LEVEL.schema() == {"type": "string", "enum": ["riket", "lan", "kommun"]}


def test_a_required_parameter_is_asked_for_by_name() -> None:
    municipality = Param("municipality", "string", "The municipality.", required=True)
    assert parse_query((municipality, LEVEL), {"municipality": ["0180"]}).get("municipality") == (
        "0180"
    )
    with pytest.raises(ApiError) as caught:
        parse_query((municipality, LEVEL), {"level": ["kommun"]})
    body = caught.value.body()
    assert caught.value.status == 400
    assert (body["error"], body["parameter"]) == ("missing_parameter", "municipality")
    assert "municipality is required" in body["message"]
