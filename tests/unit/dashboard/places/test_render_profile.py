"""A place's profile drawn from hand-made data: header, peer group, sections and print view."""

from __future__ import annotations

from dataclasses import replace

from levande.dashboard.page import NotFound
from levande.dashboard.places.data import PeerChoice, PeerForm
from levande.dashboard.places.params import ProfileState
from levande.dashboard.places.profile import render_profile
from levande.indicators.reads import profiles as p
from tests.unit.dashboard import samples
from tests.unit.dashboard.places.sample_data import LIVS, profile_data
from tests.unit.dashboard.tree import find, has_id, of_type, text


def test_header_facts_and_actions() -> None:
    page = render_profile(profile_data())
    assert page.title == "Profil: Gävle" and page.path == "/kommun/2180"
    assert find(page.children, "place-name").children == "Gävle"
    words = text(page.children)
    assert "Kommun i Gävleborgs län" in words and "B3 Större stad" in words
    assert find(page.children, "download-profile-csv").href == "/ladda-ner/profil/2180.csv"
    assert find(page.children, "compare-place").href == "/jamfor?places=2180"
    assert find(page.children, "print-view").href == "/kommun/2180?print=1"
    header = find(page.children, "print-header")
    assert header.children[1].children == "2026-03-02"  # the browser writes its own when printing


def test_peer_group_named_explained_and_changeable() -> None:
    page = render_profile(profile_data())
    assert find(page.children, "peer-description").children[1] == "Större städer."
    assert text(find(page.children, "peer-members")) == "Gävle, Sandviken"
    form = find(page.children, "state-form")
    chosen = [o.value for o in of_type(find(form, "choose-peer"), "Option") if o.selected]
    assert chosen == ["G2"]
    assert find(page.children, "permalink").href == "/kommun/2180"


def test_a_custom_group_lists_its_members_to_remove_and_compare() -> None:
    state = ProfileState("kommun", "2180", peer="custom", peers=("0180",))
    choice = PeerChoice(p.PeerSet("custom", None, ("0180", "2180")), "custom", "Egen grupp", "")
    form = PeerForm((("custom", "Egen grupp"),), (samples.STOCKHOLM,), (("2181", "Sandviken"),))
    page = render_profile(profile_data(state, choice=choice, peer_form=form))
    remove = find(page.children, "remove-peer-0180")
    assert remove.href == "/kommun/2180?peer=custom"
    assert [o.value for o in of_type(find(page.children, "choose-add"), "Option")] == [
        "",
        "2181",
    ]
    assert find(page.children, "compare-group").href == "/jamfor?places=2180%2C0180"
    assert find(page.children, "keep-peers").value == "0180"


def test_sections_show_positions_changes_coverage_and_sources() -> None:
    page = render_profile(profile_data())
    row = text(find(page.children, "table-FA01-D1"))
    assert "66,0 index (2020)" in row and "+0,5 sedan 2019" in row
    assert "Kvartil 3 · rang 3 av 5" in row and "Kvartil 4 · rang 2 av 2" in row
    assert "ovägt medel av kommunerna" in row  # the nation's value is a mean
    assert "undertryckt" in row and "Saknas" in row  # why Hälsa has no value
    images = of_type(find(page.children, "table-FA01-D1"), "Img")
    assert len(images) == 1 and images[0].className == "trend"
    assert images[0].alt.startswith("Gävle 2018–2020: från 65,0 index till 66,0 index")
    assert "Inget ändrades för Gävle" in text(find(page.children, "changes"))
    assert "Visa de 1 som saknas och varför" in text(find(page.children, "coverage"))
    assert "Sidan skapad 2026-03-02" in text(find(page.children, "profile-dates"))
    strip = find(page.children, "strip-FA01")
    assert "Livskvalitet: kvartil 3" in text(strip)


def test_what_changed_in_the_latest_refresh() -> None:
    change = p.Change(LIVS, ("status", "rank"), "limited_progress", "moderate_progress", 4, 3,
                      "2020", "2020", 66.0, 66.0)  # fmt: skip
    page = render_profile(profile_data(changes=(change,)))
    table = text(find(page.children, "changes-table"))
    assert "status, rang" in table and "Begränsade framsteg" in table and "rang 3" in table
    never = render_profile(profile_data(latest_recompute=None))
    assert not has_id(never.children, "changes-table")


def test_print_view_drops_the_controls_and_opens_the_details() -> None:
    state = ProfileState("kommun", "2180", print_view=True)
    page = render_profile(profile_data(state, peer_form=None))
    assert not has_id(page.children, "state-form") and not has_id(page.children, "place-search")
    assert has_id(page.children, "print-back")
    assert all(d.open for d in of_type(page.children, "Details"))
    assert find(page.children, "profile").className == "profile profile--print"


def test_a_county_lists_its_municipalities_and_has_no_peer_form() -> None:
    data = profile_data(
        ProfileState("lan", "21"),
        place=samples.GAVLEBORG,
        county=None,
        peer_form=None,
        own_group=None,
        county_members=(samples.GAVLE, samples.SANDVIKEN),
    )
    page = render_profile(data)
    members = find(page.children, "county-municipalities")
    assert [n.href for n in of_type(members, "Link")] == ["/kommun/2180", "/kommun/2181"]
    assert not has_id(page.children, "state-form")


def test_english() -> None:
    data = profile_data(ProfileState("kommun", "2180", lang="en"))
    page = render_profile(replace(data, own_group="B3 Larger city"))
    assert page.title == "Profile: Gävle" and "The position is relative." in text(page.children)


def test_an_unknown_place_suggests_others() -> None:
    missing = NotFound("sv", "/kommun/9999", "Det finns ingen kommun med koden 9999.",
                       (("Menade du Gävle (kommun)?", "/kommun/2180"),))  # fmt: skip
    page = render_profile(missing)
    assert has_id(page.children, "friendly-error")
    assert [n.href for n in of_type(page.children, "Link")] == ["/kommun/2180"]
