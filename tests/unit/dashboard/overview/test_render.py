"""The overview drawn from hand-made data: the goal, the tiles, their counts, the context group."""

from __future__ import annotations

from datetime import date

from levande.dashboard.overview.data import OverviewData
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
    assert "Förbättras : 2" in tile and "Ej bedömda : 1" in tile
    assert "3 av 4 indikatorer har data" in tile
    assert "2 av 4 kommuner på rätt spår" in tile
    plain = text(find(page.children, "tile-livskvalitet"))  # no counts stored for it
    assert "indikatorer har data" not in plain
    links = [n.href for n in of_type(find(page.children, "tile-livskvalitet"), "Link")]
    assert links == ["/omrade/livskvalitet"]
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
