"""A focus area drawn from hand-made data: sub-goals, indicator cards and their sparklines.

A context group's page; an old address.
"""

from __future__ import annotations

from dataclasses import replace

from levande.dashboard.focus_area.data import FocusAreaData, Moved, SubgoalData
from levande.dashboard.focus_area.render import render_focus_area
from levande.dashboard.page import NotFound
from levande.dashboard.urls import PageParams
from levande.indicators.core.vocabulary import MUNICIPAL_MEAN, STATUS_GROUP_ORDER
from levande.indicators.reads import rollups
from tests.unit.dashboard import samples
from tests.unit.dashboard.tree import find, has_id, of_type, text

SUMMARY = rollups.IndicatorSummary(
    indicator=samples.indicator(),
    status="limited_progress",
    latest_period="2020",
    latest_value=14.75,
    aggregation=None,
    points=(("2018", 15.25), ("2019", None), ("2020", 14.75)),
)


def _area(*parts: SubgoalData, **changes: object) -> FocusAreaData:
    area = samples.area(**changes)
    return FocusAreaData(PageParams("sv"), area, None, parts, (), samples.framework())


def _part(**changes: object) -> SubgoalData:
    return SubgoalData(samples.catalogue_subgoal(**changes), (SUMMARY,))


def test_cards_show_status_latest_value_and_the_national_trend() -> None:
    page = render_focus_area(_area(_part()))
    card = find(page.children, "card-trangboddhet")
    words = text(card)
    assert "Begränsade framsteg" in words and "14,8 procent (2020)" in words
    image = of_type(card, "Img")[0]
    assert image.alt == "Utveckling i riket 2018–2020: från 15,3 procent till 14,8 procent."
    assert image.className == "sparkline" and image.src.startswith("data:image/svg+xml")
    assert [n.href for n in of_type(card, "Link")] == ["/indikator/trangboddhet"]


def test_municipal_means_and_indicators_without_data() -> None:
    mean = SubgoalData(samples.catalogue_subgoal(), (replace(SUMMARY, aggregation=MUNICIPAL_MEAN),))
    assert "ovägt medel av kommunerna" in text(render_focus_area(_area(mean)).children)
    empty = rollups.IndicatorSummary(SUMMARY.indicator, "not_available", None, None, None, ())
    page = render_focus_area(_area(SubgoalData(samples.catalogue_subgoal(), (empty,))))
    card = find(page.children, "card-trangboddhet")
    assert "Ingen data ännu" in text(card) and not of_type(card, "Img")


def test_sub_goals_are_numbered_and_the_framework_is_said_once() -> None:
    second = SubgoalData(samples.catalogue_subgoal(id="trygghet-d2", text_sv="Färre brott."), ())
    page = render_focus_area(_area(_part(), second))
    words = text(page.children)
    assert "Delmål 1:" in text(find(page.children, "subgoal-trygghet-d1"))
    second_text = text(find(page.children, "subgoal-trygghet-d2"))
    assert "Delmål 2:" in second_text and "Färre brott." in second_text
    assert "Inga indikatorer ännu." in second_text
    assert "trygghet-d1" not in words and "trygghet-d2" not in words  # never a raw id
    line = text(find(page.children, "framework-line"))
    assert line == (
        "Delmålen är produktens förslag (version 2026.1) tills Rådet för levande städer "
        "föreslår egna."
    )
    assert words.count("Rådet för levande städer") == 1  # one line, not a note per sub-goal


def test_a_council_framework_is_named_as_such() -> None:
    council = samples.framework(
        origin="council_proposal", source_document="Rådets rapport", published="2027-01-01"
    )
    data = replace(_area(_part()), framework=council)
    line = text(find(render_focus_area(data).children, "framework-line"))
    assert line == "Delmålen är Rådet för levande städers förslag (version 2026.1)."


def test_heading_from_the_name_with_the_skrivelses_section_and_status_counts() -> None:
    counts = rollups.StatusCounts(dict.fromkeys(STATUS_GROUP_ORDER, 1), 5, 5)
    data = _area(
        strategy_section="3.5",
        heading_sv="Mobilitet för en tillgänglig stad",
        heading_en="Mobility for an accessible city",
        name_status="working_title",
        pillar="trygga",
    )
    page = render_focus_area(replace(data, counts=counts))
    words = text(page.children)
    assert [h.children for h in of_type(page.children, "H1")] == ["Trygghet"]
    assert find(page.children, "strategy-line").children == (
        "I strategin: avsnitt 3.5, ”Mobilitet för en tillgänglig stad”"
    )
    assert "Fokusområde trygghet" not in words and "Arbetsnamn" not in words
    assert "Står still : 1" in words
    assert page.title == "Trygghet" and page.path == "/omrade/trygghet"
    english = render_focus_area(replace(data, params=PageParams("en")))
    assert "In the strategy: section 3.5" in text(find(english.children, "strategy-line"))
    assert not has_id(render_focus_area(_area()).children, "strategy-line")


def test_the_statistics_gap_is_said_plainly() -> None:
    data = _area(
        statistics_gap_sv="Det finns ännu ingen nationell statistik om upplevd trygghet i parker.",
        statistics_gap_en="There is not yet any national statistic on feeling safe in parks.",
    )
    gap = text(find(render_focus_area(data).children, "statistics-gap"))
    assert gap.startswith("Ingen nationell statistik ännu")
    assert "upplevd trygghet i parker" in gap
    assert not has_id(render_focus_area(_area()).children, "statistics-gap")


def test_a_context_group_lists_its_indicators_without_sub_goals_or_roll_up() -> None:
    data = FocusAreaData(
        PageParams("sv"), samples.context_group(), None, (), (SUMMARY,), samples.framework()
    )
    page = render_focus_area(data)
    words = text(page.children)
    assert [h.children for h in of_type(page.children, "H1")] == ["Förutsättningar och sammanhang"]
    assert "Sammanhangsindikatorer" in words
    assert has_id(page.children, "card-trangboddhet")
    assert "Delmål" not in words and not has_id(page.children, "framework-line")
    assert "räknas aldrig in i något fokusområdes status" in words
    assert "I strategin: avsnitt 3.6" in words


def test_an_old_address_leads_to_the_area_that_replaced_it() -> None:
    moved = Moved("sv", "/omrade/FA07", (("Trygghet", "/omrade/trygghet"),))
    page = render_focus_area(moved)
    assert has_id(page.children, "friendly-error")
    assert "Adressen har flyttat" in text(page.children)
    links = [(n.children, n.href) for n in of_type(page.children, "Link")]
    assert links == [("Trygghet", "/omrade/trygghet"), ("Till översikten", "/")]
    assert page.path == "/omrade/FA07"


def test_unknown_focus_area() -> None:
    page = render_focus_area(NotFound("sv", "/omrade/X", "Det finns inget fokusområde med id X."))
    assert has_id(page.children, "friendly-error") and "id X." in text(page.children)
