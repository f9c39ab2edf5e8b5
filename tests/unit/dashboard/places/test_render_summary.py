"""A profile's summary drawn from hand-made rows: on track per area, weakest and strongest."""

from __future__ import annotations

import pytest

from levande.dashboard.places.params import ProfileState
from levande.dashboard.places.profile import render_profile
from levande.dashboard.places.summary import summary_section, weakest_and_strongest
from levande.indicators.reads import profiles as p
from tests.unit.dashboard import samples
from tests.unit.dashboard.places.sample_data import profile_data
from tests.unit.dashboard.tree import find, of_type, text


def _row(
    i: int, rank: int | None, of: int = 10, direction: str = "higher_is_better"
) -> p.ProfileRow:
    info = samples.indicator(
        id=f"ind-{i}", title_sv=f"Indikator {i}", focus_area="FA01", subgoals=["FA01-D1"],
        direction=direction,
    )  # fmt: skip
    quartile = None if rank is None else min(4, 1 + 4 * (rank - 1) // of)
    return p.ProfileRow(
        info,
        value=1.0 if rank is not None else None,
        status="deterioration" if i % 2 else "moderate_progress",
        peer_position=p.Position(rank, of if rank is not None else None, quartile),
    )


def test_weakest_and_strongest_by_position_among_the_peers() -> None:
    rows = [_row(i, rank) for i, rank in enumerate([3, 10, 1, 7, None, 5, 2])]
    rows.append(_row(99, 1, direction="neutral"))  # no better or worse: never listed
    weakest, strongest = weakest_and_strongest(rows, n=2)
    assert [r.indicator.id for r in weakest] == ["ind-1", "ind-3"]  # rank 10, then 7
    assert [r.indicator.id for r in strongest] == ["ind-2", "ind-6"]  # rank 1, then 2


def test_few_indicators_are_split_and_never_listed_twice() -> None:
    rows = [_row(i, rank) for i, rank in enumerate([3, 10, 1])]
    weakest, strongest = weakest_and_strongest(rows, n=10)
    assert [r.indicator.id for r in weakest] == ["ind-1", "ind-0"]
    assert [r.indicator.id for r in strongest] == ["ind-2"]
    assert weakest_and_strongest([_row(0, 1, of=1)]) == ([], [])  # a group of one ranks nothing


def test_summary_names_the_group_the_areas_on_track_and_links_each_indicator() -> None:
    rows = tuple(_row(i, rank) for i, rank in enumerate([3, 10, 1, 7]))
    base = profile_data()
    data = profile_data(
        profile=p.Profile(base.place, base.profile.county, base.profile.peers, rows),
        on_track={"FA01": False},
    )
    section = summary_section(data)
    assert "Jämfört med jämförelsegruppen B3 Större stad (2 platser)." in text(section)
    area = text(find(section, "summary-on-track"))
    assert "Livskvalitet" in area and "Inte på rätt spår" in area
    weakest = find(section, "summary-weakest")
    assert [text(r.children[0]) for r in of_type(weakest, "Tr")[1:]] == [
        "Indikator 1",
        "Indikator 3",
    ]
    link = of_type(weakest, "Link")[0]
    assert link.href == "/indikator/ind-1?kommun=2180&lan=21&peer=G2"  # place and peers preset
    assert "Kvartil 4 · rang 10 av 10" in text(weakest) and "Försämring" in text(weakest)
    assert "Kvartil 1 · rang 1 av 10" in text(find(section, "summary-strongest"))


@pytest.mark.parametrize(
    ("judged", "expected"), [({}, "Kunde inte bedömas"), ({"FA01": True}, "På rätt spår")]
)
def test_an_area_not_judged_or_on_track(judged: dict[str, bool], expected: str) -> None:
    assert expected in text(
        find(summary_section(profile_data(on_track=judged)), "summary-on-track")
    )


def test_the_summary_comes_right_after_the_heading_and_coverage_is_folded() -> None:
    page = render_profile(profile_data())
    ids = [getattr(c, "id", None) for c in page.children[0].children]
    assert ids.index("summary") == ids.index("place-name") + 1
    coverage = find(page.children, "coverage-details")
    assert type(coverage).__name__ == "Details" and not coverage.open
    printed = render_profile(profile_data(state=ProfileState("kommun", "2180", print_view=True)))
    assert find(printed.children, "coverage-details").open


def test_the_council_print_has_the_summary_and_the_whole_picture_only() -> None:
    state = ProfileState("kommun", "2180", council=True)
    assert state.href() == "/kommun/2180?print=rad"
    page = render_profile(profile_data(state=state))
    assert page.title == "Rådsunderlag: Gävle"
    body = page.children[0]
    ids = [getattr(c, "id", None) for c in body.children]
    assert "summary" in ids and "overview" in ids  # the whole picture's strips
    assert "peer" not in ids and "coverage" not in ids and "fa-FA01" not in text(ids)
    assert find(body, "print-back").href == "/kommun/2180"
    assert "profile--council" in body.className


def test_the_profile_links_the_full_and_the_council_print_beside_one_print_button() -> None:
    page = render_profile(profile_data())
    actions = find(page.children, "profile-actions")
    assert find(actions, "council-print").href == "/kommun/2180?print=rad"
    assert find(actions, "print-view").href == "/kommun/2180?print=1"
    for state in (None, ProfileState("kommun", "2180", print_view=True)):
        buttons = of_type(render_profile(profile_data(state=state)).children, "Button")
        assert [getattr(b, "id", None) for b in buttons].count("print-button") == 1
