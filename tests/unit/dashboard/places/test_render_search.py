"""The place search drawn from hand-made data: matches with their county, the directory."""

from __future__ import annotations

from levande.dashboard.places.data import SearchData
from levande.dashboard.places.params import SearchParams
from levande.dashboard.places.search import render_search
from tests.unit.dashboard import samples
from tests.unit.dashboard.tree import find, has_id, of_type, text

COUNTIES = (samples.STOCKHOLMS_LAN, samples.GAVLEBORG)
KOMMUNER = (samples.STOCKHOLM, samples.SANDVIKEN, samples.GAVLE)


def _search(text_: str, found: tuple[object, ...] | None, lang: str = "sv") -> SearchData:
    return SearchData(SearchParams(text_, lang), found, COUNTIES, KOMMUNER, "v7")  # type: ignore[arg-type]


def test_matches_name_their_kind_and_county() -> None:
    page = render_search(_search("gav", (samples.GAVLE, samples.GAVLEBORG)))
    results = find(page.children, "search-results")
    assert [n.id for n in of_type(results, "Li")] == ["result-2180", "result-21"]
    assert "Gävle (Kommun, Gävleborgs län)" in " ".join(text(results).split())
    assert find(page.children, "place-q").value == "gav"
    assert page.params == {"q": "gav"}


def test_no_match_says_so_and_no_text_shows_no_results() -> None:
    assert has_id(render_search(_search("zzz", ())).children, "search-none")
    page = render_search(_search("", None))
    assert not has_id(page.children, "search-results") and page.params == {"q": None}


def test_directory_lists_each_county_with_its_municipalities_alphabetically() -> None:
    page = render_search(_search("", None, lang="en"))
    county = find(page.children, "county-21")
    assert [n.href for n in of_type(county, "Link")] == [
        "/lan/21?lang=en",
        "/kommun/2180?lang=en",
        "/kommun/2181?lang=en",
    ]
    assert "data-source" in str(find(page.children, "place-q-status").to_plotly_json())
