"""URL state of the place pages: peer groups, custom lists, print view, comparison lists."""

from __future__ import annotations

import pytest

from levande.dashboard.places.params import (
    CompareState,
    ProfileState,
    join_list,
    parse_compare_request,
    parse_compare_state,
    parse_profile_request,
    parse_profile_state,
    parse_search_params,
    split_list,
    typed_items,
)
from levande.indicators.reads.profiles import (
    MAX_COMPARE_INDICATORS,
    MAX_COMPARE_PLACES,
    MAX_CUSTOM_PEERS,
)

KOMMUNER = frozenset(
    {"0114", "0180", "0380", "1480", "1280", "2180"} | {f"09{i:02d}" for i in range(30)}
)
GROUPS = frozenset({"G92787", "G92790", "G2328", "G33612"})


def parse(**kwargs: object) -> ProfileState:
    return parse_profile_state("kommun", "2180", kwargs, groups=GROUPS, kommuner=KOMMUNER)


@pytest.mark.parametrize(
    ("raw", "items"),
    [
        (None, []),
        ("", []),
        ("0180,1480", ["0180", "1480"]),
        (" 0180 , 1480 ,", ["0180", "1480"]),
        ("0180 1480", ["0180", "1480"]),
        (["0180,1480", "1280"], ["0180", "1480", "1280"]),
        ("0180,0180,1480", ["0180", "1480"]),
    ],
)
def test_split_list(raw: object, items: list[str]) -> None:
    assert split_list(raw) == items


def test_join_list() -> None:
    assert join_list(["0180", "1480"]) == "0180,1480"
    assert join_list([]) is None


def test_default_profile_state() -> None:
    state = parse()
    assert (state.peer, state.peers, state.print_view, state.problems) == (None, (), False, ())
    assert state.path == "/kommun/2180"
    assert state.href() == "/kommun/2180"


def test_known_peer_groups_and_the_county() -> None:
    assert parse(peer="G92787").peer == "G92787"
    assert parse(peer="lan").href() == "/kommun/2180?peer=lan"
    assert parse(peer=["G2328", "lan"]).peer == "G2328"  # the first of a repeated parameter


def test_unknown_peer_group_falls_back_with_a_notice() -> None:
    state = parse(peer="<b>x</b>")
    assert state.peer is None
    assert [(p.message_key, p.value) for p in state.problems] == [("bad_peer", "<b>x</b>")]


def test_custom_group_in_the_url() -> None:
    state = parse(peer="custom", peers="0180,1480,1280")
    assert state.peers == ("0180", "1480", "1280")
    assert state.href() == "/kommun/2180?peer=custom&peers=0180%2C1480%2C1280"
    assert state.href(peers=("0180",)) == "/kommun/2180?peer=custom&peers=0180"


def test_a_list_without_peer_means_custom_and_add_is_merged() -> None:
    state = parse(peers="0180", add="1480")
    assert (state.peer, state.peers) == ("custom", ("0180", "1480"))
    assert parse(peer="custom", add="0180").peers == ("0180",)


def test_custom_list_drops_unknown_codes_and_the_place_itself() -> None:
    state = parse(peer="custom", peers="0180,9999,2180,abc")
    assert state.peers == ("0180",)
    assert [(p.message_key, p.value) for p in state.problems] == [
        ("bad_peer_code", "9999"),
        ("bad_peer_code", "abc"),
    ]


def test_custom_list_is_capped() -> None:
    codes = sorted(c for c in KOMMUNER if c.startswith("09"))
    state = parse(peer="custom", peers=",".join(codes))
    assert len(state.peers) == MAX_CUSTOM_PEERS
    assert [p.message_key for p in state.problems] == ["too_many_peers"]


def test_peers_are_ignored_for_another_group() -> None:
    state = parse(peer="G92790", peers="0180")
    assert state.peers == () and state.href() == "/kommun/2180?peer=G92790"


def test_print_view_and_language() -> None:
    assert parse(print="1").print_view
    assert parse(print="1").href() == "/kommun/2180?print=1"
    assert not parse(print="0").print_view
    state = parse(print="yes", lang="en")
    assert not state.print_view and state.lang == "en"
    assert [p.message_key for p in state.problems] == ["bad_print"]
    assert state.href(print_view=True) == "/kommun/2180?lang=en&print=1"


def test_a_county_ignores_peer_parameters() -> None:
    state = parse_profile_state(
        "lan", "21", {"peer": "nope", "peers": "0180"}, groups=GROUPS, kommuner=KOMMUNER
    )
    assert (state.peer, state.peers, state.problems) == (None, (), ())
    assert state.path == "/lan/21"


PLACES = frozenset({"00", "01", "03", "0114", "0180", "0380", *(f"14{i:02d}" for i in range(20))})
INDICATORS = frozenset({"a", "b", "c", "d", "e", "f", "g", "h"})


def compare(**kwargs: object) -> CompareState:
    return parse_compare_state(kwargs, places=PLACES, indicators=INDICATORS)


def test_compare_state() -> None:
    state = compare(places="0180,0114", ind="a,b")
    assert (state.places, state.indicators) == (("0180", "0114"), ("a", "b"))
    assert state.href() == "/jamfor?places=0180%2C0114&ind=a%2Cb"
    assert compare().href() == "/jamfor"
    merged = compare(places="0180", add_place="00", ind="a", add_ind="b")
    assert (merged.places, merged.indicators) == (("0180", "00"), ("a", "b"))


@pytest.mark.parametrize(
    ("raw", "items"),
    [
        (None, []),
        ("", []),
        ("  ", []),
        ("b", ["b"]),
        ("Upplands  Väsby ", ["Upplands Väsby"]),
        ("Trångboddhet, andel (%)", ["Trångboddhet, andel (%)"]),
        (["a", "a", " c "], ["a", "c"]),
    ],
)
def test_typed_items_are_read_whole(raw: object, items: list[str]) -> None:
    assert typed_items(raw) == items


def test_a_typed_name_that_is_no_id_is_one_notice() -> None:
    state = compare(places="0180", ind="a", add_ind="Ingen sådan indikator")
    assert state.indicators == ("a",)
    assert [(p.message_key, p.value) for p in state.problems] == [
        ("bad_compare_indicator", "Ingen sådan indikator")
    ]


def test_compare_state_drops_unknown_and_caps() -> None:
    state = compare(places="0180,9999", ind="a,<x>")
    assert (state.places, state.indicators) == (("0180",), ("a",))
    assert [p.message_key for p in state.problems] == ["bad_place", "bad_compare_indicator"]
    many = compare(
        places=",".join(sorted(c for c in PLACES if c.startswith("14"))),
        ind=",".join(sorted(INDICATORS)),
    )
    assert len(many.places) == MAX_COMPARE_PLACES
    assert len(many.indicators) == MAX_COMPARE_INDICATORS
    assert {p.message_key for p in many.problems} == {"too_many_places", "too_many_indicators"}


def test_requests_keep_only_the_known_parameters() -> None:
    profile = parse_profile_request("kommun", ["%3Cx%3E"], {"peer": "lan", "utm": "1"})
    assert (profile.level, profile.code, profile.query) == ("kommun", "<x>", {"peer": "lan"})
    compare = parse_compare_request({"places": "0180", "ind": "a", "lang": "en", "x": "y"})
    assert compare.query == {"places": "0180", "ind": "a", "lang": "en"} and compare.lang == "en"


def test_search_text_is_cut_and_other_parameters_ignored() -> None:
    params = parse_search_params({"q": ["  " + "å" * 150, "second"], "page": "2"})
    assert params.text == "å" * 100 and params.lang == "sv" and params.problems == ()
    assert parse_search_params({}).text == ""


@pytest.mark.parametrize(
    ("raw", "print_view", "council", "problems"),
    [
        ("1", True, False, 0),
        ("rad", False, True, 0),
        ("0", False, False, 0),
        ("pdf", False, False, 1),
    ],
)
def test_print_and_council_print(raw: str, print_view: bool, council: bool, problems: int) -> None:
    state = parse(print=raw)
    assert (state.print_view, state.council, len(state.problems)) == (print_view, council, problems)
    county = parse_profile_state("lan", "21", {"print": raw}, groups=GROUPS, kommuner=KOMMUNER)
    assert (county.print_view, county.council) == (print_view, council)


def test_compare_state_keeps_a_known_peer_group_only() -> None:
    known = {"places": frozenset({"0180"}), "indicators": frozenset({"a"})}
    state = parse_compare_state(
        {"places": "0180", "ind": "a", "peer": "G1"}, **known, peers=frozenset({"G1"})
    )
    assert state.peer == "G1" and state.href() == "/jamfor?places=0180&ind=a&peer=G1"
    bad = parse_compare_state({"places": "0180", "peer": "G9"}, **known, peers=frozenset({"G1"}))
    assert bad.peer is None and [p.message_key for p in bad.problems] == ["bad_peer"]
