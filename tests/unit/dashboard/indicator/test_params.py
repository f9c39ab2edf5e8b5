"""URL state: parsing, defaults, malformed values and the round trip through a link."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from levande.dashboard.indicator.params import (
    Facts,
    IndicatorState,
    parse_indicator_state,
    parse_request,
)
from levande.dashboard.urls import Problem

FACTS = Facts(
    kommuner=frozenset({"0114", "0180", "0380"}),
    lan=frozenset({"01", "03"}),
    peers=frozenset({"G2328", "G92787"}),
    periods={"kommun": ("2018", "2019", "2020"), "lan": ("2019", "2020")},
    breakdowns=("T", "K", "M"),
    levels=("kommun", "lan"),
)


def test_defaults() -> None:
    state = parse_indicator_state("x", {}, FACTS)
    assert state == IndicatorState("x", year="2020")
    assert state.problems == ()
    assert state.href() == "/indikator/x?year=2020"


def test_every_choice_is_read() -> None:
    raw = {
        "lang": "en", "tab": "map", "lan": "01", "kommun": "0180", "peer": "G2328",
        "year": "2019", "breakdown": "K", "level": "lan", "gender": "1", "sort": "-value",
    }  # fmt: skip
    state = parse_indicator_state("x", raw, FACTS)
    assert state.problems == ()
    assert (state.lang, state.tab, state.lan, state.kommun, state.peer) == (
        "en", "map", "01", "0180", "G2328",
    )  # fmt: skip
    assert (state.year, state.breakdown, state.level, state.gender, state.sort) == (
        "2019", "K", "lan", True, "-value",
    )  # fmt: skip


def test_a_link_reproduces_the_state() -> None:
    raw = {"tab": "table", "kommun": "0114", "year": "2018", "sort": "name", "lang": "en"}
    state = parse_indicator_state("x", raw, FACTS)
    query = parse_qs(urlsplit(state.href()).query)
    again = parse_indicator_state("x", query, FACTS)  # values arrive as lists
    assert again == state


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ({"kommun": "9999"}, Problem("bad_kommun", "9999")),
        ({"year": "abc"}, Problem("bad_year", "abc")),
        ({"year": "1999"}, Problem("bad_year", "1999")),
        ({"lan": "<script>alert(1)</script>"}, Problem("bad_lan", "<script>alert(1)</script>")),
        ({"tab": "karta"}, Problem("bad_tab", "karta")),
        ({"breakdown": "X"}, Problem("bad_breakdown", "X")),
        ({"peer": "G1"}, Problem("bad_peer", "G1")),
        ({"level": "riket"}, Problem("bad_level", "riket")),
        ({"sort": "drop table"}, Problem("bad_sort", "drop table")),
        ({"gender": "yes"}, Problem("bad_gender", "yes")),
        ({"show": "farg"}, Problem("bad_show", "farg")),
        ({"status": "deterioration"}, Problem("bad_status", "deterioration")),
        ({"lang": "de"}, Problem("bad_lang", "de")),
    ],
)
def test_malformed_values_fall_back_and_are_reported(raw: dict[str, str], problem: Problem) -> None:
    state = parse_indicator_state("x", raw, FACTS)
    assert state.problems == (problem,)
    default = parse_indicator_state("x", {}, FACTS)
    assert state == default  # problems do not count in equality


def test_year_follows_the_level() -> None:
    assert parse_indicator_state("x", {"level": "lan"}, FACTS).year == "2020"
    state = parse_indicator_state("x", {"level": "lan", "year": "2018"}, FACTS)
    assert state.year == "2020" and state.problems == (Problem("bad_year", "2018"),)


def test_no_gender_comparison_without_gender_data() -> None:
    facts = Facts(FACTS.kommuner, FACTS.lan, FACTS.peers, FACTS.periods, ("T",))
    state = parse_indicator_state("x", {"gender": "1"}, facts)
    assert not state.gender and state.problems == (Problem("bad_gender", "1"),)


def test_unknown_parameters_are_ignored() -> None:
    state = parse_indicator_state("x", {"utm_source": "mail", "foo": ["a", "b"]}, FACTS)
    assert state.problems == ()


def test_the_request_keeps_the_known_parameters_and_the_id_from_the_path() -> None:
    request = parse_request(["a%20b"], {"tab": "map", "utm_source": "mail", "lang": "en"})
    assert request.indicator_id == "a b" and request.path == "/indikator/a%20b"
    assert request.query == {"tab": "map", "lang": "en"} and request.lang == "en"
    assert parse_request("", {"lang": "xx"}).lang == "sv"


def test_value_or_status_and_the_status_filter_are_read_and_written_back() -> None:
    state = parse_indicator_state("x", {"tab": "table", "show": "status", "status": "forsamring",
                                        "sort": "status"}, FACTS)  # fmt: skip
    assert (state.show, state.status, state.sort) == ("status", "forsamring", "status")
    assert (
        state.href() == "/indikator/x?tab=table&year=2020&sort=status&show=status&status=forsamring"
    )
    assert state.href(status=None, show="value") == "/indikator/x?tab=table&year=2020&sort=status"
