"""The overview drawn from hand-made data: the goal, the tiles, their counts, the context group."""

from __future__ import annotations

from datetime import date

import pytest

from levande.dashboard.overview.data import OverviewData, OverviewState, PlaceOnTrack
from levande.dashboard.overview.map import map_frame
from levande.dashboard.overview.render import render_overview
from levande.dashboard.urls import PageParams, Problem
from levande.indicators.core.catalogue import Goal, GoalSource
from levande.indicators.core.vocabulary import StatusGroup
from levande.indicators.reads import rollups
from tests.unit.dashboard import samples
from tests.unit.dashboard.tree import find, has_id, of_type, text

GOAL = Goal(
    text_sv="Städerna ska vara levande.",
    text_en="Cities shall be living.",
    ambition_sv="Sverige ska vara ett föregångsland.",
    ambition_en="Sweden shall lead.",
    source_document="Skr. 2024/25:96",
    decided=date(2025, 1, 30),
    wording_status="verified",
    translation="product",
    sources=[
        GoalSource(
            title_sv="Regeringens pressmeddelande",
            title_en="The Government's press release",
            url="https://www.regeringen.se/pressmeddelanden/2025/02/strategi/",
        ),
        GoalSource(
            title_sv="Skr. 2024/25:96",
            title_en="Government communication Skr. 2024/25:96",
            url="https://www.regeringen.se/skr-2024-25-96.pdf",
        ),
    ],
)
COUNTS = rollups.StatusCounts(
    counts={
        StatusGroup.IMPROVING: 2,
        StatusGroup.STABLE: 1,
        StatusGroup.WORSENING: 0,
        StatusGroup.NOT_JUDGED: 1,
        StatusGroup.NO_DATA: 0,
    },
    n_indicators=4,
    n_with_data=3,
)
AREAS = (
    samples.area(),
    samples.area(id="livskvalitet", name_sv="Livskvalitet", name_en="Quality of life"),
)


def _overview(**changes: object) -> OverviewData:
    fields: dict[str, object] = {
        "params": PageParams("sv"),
        "goal": GOAL,
        "areas": AREAS,
        "counts": {"trygghet": COUNTS},
        "on_track": {"trygghet": rollups.OnTrack(on_track=2, judged=3, municipalities=4)},
        "context_groups": (samples.context_group(),),
        "context_indicators": {"forutsattningar": (samples.context_indicator(),)},
        "framework": samples.framework(),
    }
    fields.update(changes)
    return OverviewData(**fields)  # type: ignore[arg-type]


def test_goal_is_the_sentence_and_ambition_with_linked_sources() -> None:
    page = render_overview(_overview())
    goal = find(page.children, "goal-text")
    assert "Städerna ska vara levande." in text(goal)
    assert "Sverige ska vara ett föregångsland." in text(goal)
    links = of_type(find(page.children, "goal-sources"), "A")
    assert [a.href for a in links] == [s.url for s in GOAL.sources]
    assert [a.children for a in links] == ["Regeringens pressmeddelande", "Skr. 2024/25:96"]
    assert "Regeringen beslutade strategin 30 januari 2025." in text(page.children)
    assert not has_id(page.children, "goal-wording-note")  # no box for a verified wording
    assert not has_id(page.children, "goal-translation")  # Swedish is the Government's own


def test_in_english_the_goal_is_marked_as_the_products_translation() -> None:
    page = render_overview(_overview(params=PageParams("en")))
    assert "Cities shall be living." in text(find(page.children, "goal-text"))
    assert "The English text is our translation." in text(find(page.children, "goal-translation"))
    assert "The Government's press release" in text(find(page.children, "goal-sources"))
    official = GOAL.model_copy(update={"translation": "official"})
    assert not has_id(render_overview(_overview(goal=official)).children, "goal-translation")


def test_a_goal_without_listed_sources_names_its_document() -> None:
    bare = GOAL.model_copy(update={"sources": [], "source_url": "https://example.org/skr.pdf"})
    sources = find(render_overview(_overview(goal=bare)).children, "goal-sources")
    assert [a.href for a in of_type(sources, "A")] == ["https://example.org/skr.pdf"]


def test_without_a_catalogue_the_goal_is_said_missing() -> None:
    words = text(render_overview(_overview(goal=None)).children)
    assert "Målet kunde inte läsas från katalogen." in words


def test_tiles_count_statuses_coverage_and_places_on_track() -> None:
    page = render_overview(_overview())
    tile = text(find(page.children, "tile-trygghet"))
    assert "Förbättras: 2" in tile and "Står still: 1" in tile and "Ej bedömda: 1" in tile
    assert "Försämras" not in tile  # an empty category takes no room in the bar
    assert "3 av 4 indikatorer har data" in tile
    assert "2 av 4 kommuner på rätt spår" in tile
    plain = text(find(page.children, "tile-livskvalitet"))  # no counts stored for it
    assert "indikatorer har data" not in plain
    links = [n.href for n in of_type(find(page.children, "tile-livskvalitet"), "Link")]
    assert links == ["/omrade/livskvalitet"]
    on_track = find(page.children, "on-track-trygghet")
    assert on_track.href == "/?omrade=trygghet#area-map"  # the list of those on track
    assert "Fokusområden (2)" in text(page.children)  # not the thirteen


def test_areas_keep_the_catalogues_order_in_an_ordered_list() -> None:
    page = render_overview(_overview(areas=tuple(reversed(AREAS))))
    tiles = find(page.children, "areas")
    assert type(tiles).__name__ == "Ol"
    assert [li.id for li in tiles.children] == ["tile-livskvalitet", "tile-trygghet"]


def test_the_context_group_is_shown_apart_and_never_as_a_tile() -> None:
    page = render_overview(_overview())
    assert not has_id(page.children, "tile-forutsattningar")
    assert not has_id(find(page.children, "focus-areas"), "context-forutsattningar")
    group = find(page.children, "context-forutsattningar")
    words = text(group)
    assert "Förutsättningar och sammanhang" in words
    assert "räknas aldrig in i något fokusområdes status" in words
    assert "Förbättras" not in words  # no status roll-up for the group
    hrefs = [n.href for n in of_type(group, "Link")]
    assert hrefs == ["/indikator/folkmangd", "/omrade/forutsattningar"]


def test_no_working_title_tags_and_no_pillars() -> None:
    areas = (samples.area(name_status="working_title", pillar="trygga"),)
    words = text(render_overview(_overview(areas=areas)).children)
    assert "Arbetsnamn" not in words and "trygga" not in words.lower().split()


def test_the_framework_in_force_is_said_once() -> None:
    page = render_overview(_overview())
    line = text(find(page.children, "framework-line"))
    assert "produktens förslag (version 2026.1)" in line
    assert text(page.children).count("Rådet för levande städer") == 1


def test_an_empty_catalogue_says_so_without_instructions() -> None:
    page = render_overview(_overview(areas=(), counts={}, on_track={}, context_groups=()))
    words = text(page.children)
    assert "Det finns inga fokusområden att visa ännu." in words
    assert "levande up" not in words


def test_english_and_a_bad_language() -> None:
    page = render_overview(_overview(params=PageParams("en")))
    assert page.lang == "en" and page.title == "Overview"
    assert "/omrade/trygghet?lang=en" in [n.href for n in of_type(page.children, "Link")]
    assert "Conditions and context" in text(find(page.children, "context-forutsattningar"))
    bad = render_overview(_overview(params=PageParams("sv", (Problem("bad_lang", "xx"),))))
    assert "Språket xx finns inte" in text(find(bad.children, "url-notice"))


def _segments(page: object, area: str) -> list[tuple[str, str]]:
    """(category, width) of each part of an area's status bar."""
    bar = next(n for n in of_type(find(page, f"tile-{area}"), "Ul") if "stack" in n.className)
    return [(li.className.split("--")[1], li.style["width"]) for li in bar.children]


def test_status_bar_parts_are_as_wide_as_their_share_in_the_legends_order() -> None:
    page = render_overview(_overview())
    assert _segments(page.children, "trygghet") == [
        ("improving", "50.00%"), ("stable", "25.00%"), ("not_judged", "25.00%"),
    ]  # fmt: skip
    legend = [li.children[1].strip() for li in find(page.children, "status-legend").children]
    assert legend == ["Förbättras", "Står still", "Försämras", "Ej bedömda", "Saknar data"]


WORSE = rollups.StatusCounts(
    counts={"improving": 1, "stable": 0, "worsening": 3, "not_judged": 0, "no_data": 0},
    n_indicators=4,
    n_with_data=4,
)


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("order", ["tile-trygghet", "tile-livskvalitet"]),
        ("status", ["tile-trygghet", "tile-livskvalitet"]),  # 2 of 4 improving before 1 of 4
        ("on_track", ["tile-livskvalitet", "tile-trygghet"]),  # 3 of 4 before 2 of 4
    ],
)
def test_areas_sort_by_status_or_by_municipalities_on_track(sort: str, expected: list[str]) -> None:
    data = _overview(
        counts={"trygghet": COUNTS, "livskvalitet": WORSE},
        on_track={
            "trygghet": rollups.OnTrack(on_track=2, judged=3, municipalities=4),
            "livskvalitet": rollups.OnTrack(on_track=3, judged=4, municipalities=4),
        },
        state=OverviewState(sort=sort),
    )
    page = render_overview(data)
    assert [li.id for li in find(page.children, "areas").children] == expected
    assert find(page.children, f"areas-sort-{sort}").className.endswith("--current")
    table = find(page.children, "areas-table")
    assert [row.children[0].children for row in table.children[2].children] == [
        "Trygghet" if e == "tile-trygghet" else "Livskvalitet" for e in expected
    ]


def test_the_areas_come_before_the_goal_in_full() -> None:
    page = render_overview(_overview())
    ids = [getattr(c, "id", None) for c in page.children]
    assert ids.index("focus-areas") < ids.index("goal-lead") + 2
    goal = [i for i, c in enumerate(page.children) if getattr(c, "className", "") == "goal"]
    assert ids.index("focus-areas") < goal[0]


PLACES = (
    PlaceOnTrack("0114", "Upplands Väsby", {"trygghet": True, "livskvalitet": True}),
    PlaceOnTrack("0180", "Stockholm", {"trygghet": False, "livskvalitet": True}),
    PlaceOnTrack("0380", "Uppsala", {"trygghet": True}),
    PlaceOnTrack("0999", "Nowhere", {}),
)


def test_map_counts_areas_on_track_in_classes_and_links_each_profile() -> None:
    data = _overview(places=PLACES, geo_url="/geo/kommun.json?v=1")
    frame, classes = map_frame(data)
    assert [c.label for c in classes] == ["2 (bäst)", "1 (sämst)"]
    assert frame["cls"].tolist()[-1] == "missing"  # nothing judged: no class, never zero
    assert frame["href"].tolist()[0] == "/kommun/0114"
    section = find(render_overview(data).children, "area-map")
    assert has_id(section, "area-map-graph")
    table = text(find(section, "area-map-table"))
    assert "Upplands Väsby 2 2" in table and "Nowhere 0 0" in table


def test_map_of_one_area_lists_those_on_track() -> None:
    data = _overview(
        places=PLACES, geo_url="/geo/kommun.json?v=1", state=OverviewState(area="trygghet")
    )
    frame, classes = map_frame(data)
    assert frame["cls"].tolist() == ["yes", "no", "yes", "not_judged"]
    assert [c.label for c in classes] == ["På rätt spår", "Inte på rätt spår", "Kunde inte bedömas"]
    details = find(render_overview(data).children, "area-map-details")
    assert details.open
    rows = find(details, "area-map-table").children[2].children
    assert [text(r.children[0]) for r in rows] == ["Upplands Väsby", "Uppsala"]
    assert "Kommuner på rätt spår i Trygghet (2)" in text(details)
