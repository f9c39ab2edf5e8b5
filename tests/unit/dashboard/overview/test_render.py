"""The overview drawn from hand-made data: the goal, the tiles and their counts."""

from __future__ import annotations

from datetime import date

from levande.dashboard.overview.data import OverviewData
from levande.dashboard.overview.render import render_overview
from levande.dashboard.urls import PageParams, Problem
from levande.indicators.core.catalogue import Goal
from levande.indicators.core.vocabulary import StatusGroup
from levande.indicators.reads import rollups
from tests.unit.dashboard import samples
from tests.unit.dashboard.tree import find, has_id, of_type, text

GOAL = Goal(
    text_sv="Städerna ska vara levande.",
    text_en="Cities shall be living.",
    ambition_sv="Trygga städer.",
    ambition_en="Safe cities.",
    source_document="Skr. 2024/25:96",
    decided=date(2025, 3, 6),
    wording_status="reconstructed",
    wording_note_sv="Rekonstruerad.",
    wording_note_en="Reconstructed.",
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


def _overview(**changes: object) -> OverviewData:
    fields: dict[str, object] = {
        "params": PageParams("sv"),
        "goal": GOAL,
        "areas": (samples.focus_area(), samples.focus_area(id="FA01", name_sv="Livskvalitet")),
        "counts": {"FA06": COUNTS},
        "on_track": {"FA06": rollups.OnTrack(on_track=2, judged=3, municipalities=4)},
    }
    fields.update(changes)
    return OverviewData(**fields)  # type: ignore[arg-type]


def test_goal_and_its_reconstructed_wording() -> None:
    page = render_overview(_overview())
    words = text(page.children)
    assert "Städerna ska vara levande." in words and "Skr. 2024/25:96" in words
    assert "Rekonstruerad." in text(find(page.children, "goal-wording-note"))
    verified = GOAL.model_copy(update={"wording_status": "verified"})
    assert not has_id(render_overview(_overview(goal=verified)).children, "goal-wording-note")


def test_without_a_catalogue_the_goal_is_said_missing() -> None:
    words = text(render_overview(_overview(goal=None)).children)
    assert "Målet kunde inte läsas från katalogen." in words


def test_tiles_count_statuses_coverage_and_places_on_track() -> None:
    page = render_overview(_overview())
    tile = text(find(page.children, "tile-FA06"))
    assert "Förbättras : 2" in tile and "Ej bedömda : 1" in tile
    assert "3 av 4 indikatorer har data" in tile
    assert "2 av 4 kommuner på rätt spår" in tile
    plain = text(find(page.children, "tile-FA01"))  # no counts stored for it
    assert "indikatorer har data" not in plain
    assert [n.href for n in of_type(find(page.children, "tile-FA01"), "Link")] == ["/omrade/FA01"]
    assert "Fokusområden (2)" in text(page.children)  # not the thirteen


def test_working_titles_are_marked() -> None:
    areas = (samples.focus_area(name_status="working_title"), samples.focus_area(id="FA01"))
    page = render_overview(_overview(areas=areas))
    assert "Arbetsnamn" in text(find(page.children, "tile-FA06"))
    assert "Arbetsnamn" not in text(find(page.children, "tile-FA01"))


def test_an_empty_database_says_how_to_load_it() -> None:
    page = render_overview(_overview(areas=(), counts={}, on_track={}))
    assert "Kör `levande up`" in text(page.children)


def test_english_and_a_bad_language() -> None:
    page = render_overview(_overview(params=PageParams("en")))
    assert page.lang == "en" and page.title == "Overview"
    assert "/omrade/FA06?lang=en" in [n.href for n in of_type(page.children, "Link")]
    bad = render_overview(_overview(params=PageParams("sv", (Problem("bad_lang", "xx"),))))
    assert "Språket xx finns inte" in text(find(bad.children, "url-notice"))
