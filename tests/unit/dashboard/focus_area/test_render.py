"""A focus area drawn from hand-made data: sub-goals, indicator cards and their sparklines."""

from __future__ import annotations

from dataclasses import replace

from levande.dashboard.focus_area.data import FocusAreaData, SubgoalData
from levande.dashboard.focus_area.render import render_focus_area
from levande.dashboard.page import NotFound
from levande.dashboard.urls import PageParams
from levande.indicators.core.vocabulary import STATUS_GROUP_ORDER
from levande.indicators.reads import rollups
from levande.indicators.reads import series as obs
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
    area = samples.focus_area(**changes)
    return FocusAreaData(PageParams("sv"), area, None, parts)


def test_cards_show_status_latest_value_and_the_national_trend() -> None:
    page = render_focus_area(_area(SubgoalData(samples.subgoal(), (SUMMARY,))))
    card = find(page.children, "card-trangboddhet")
    words = text(card)
    assert "Begränsade framsteg" in words and "14,8 procent (2020)" in words
    image = of_type(card, "Img")[0]
    assert image.alt == "Utveckling i riket 2018–2020: från 15,3 procent till 14,8 procent."
    assert image.className == "sparkline" and image.src.startswith("data:image/svg+xml")
    assert [n.href for n in of_type(card, "Link")] == ["/indikator/trangboddhet"]


def test_municipal_means_and_indicators_without_data() -> None:
    mean = SubgoalData(samples.subgoal(), (replace(SUMMARY, aggregation=obs.MUNICIPAL_MEAN),))
    assert "ovägt medel av kommunerna" in text(render_focus_area(_area(mean)).children)
    empty = rollups.IndicatorSummary(SUMMARY.indicator, "not_available", None, None, None, ())
    page = render_focus_area(_area(SubgoalData(samples.subgoal(), (empty,))))
    card = find(page.children, "card-trangboddhet")
    assert "Ingen data ännu" in text(card) and not of_type(card, "Img")


def test_sub_goals_say_who_proposed_them_and_when_they_are_empty() -> None:
    council = SubgoalData(samples.subgoal(id="FA06-D2", proposed_by="council"), ())
    page = render_focus_area(_area(SubgoalData(samples.subgoal(), (SUMMARY,)), council))
    assert "Förslag från Levande städer" in text(find(page.children, "subgoal-FA06-D1"))
    second = text(find(page.children, "subgoal-FA06-D2"))
    assert "Rådet för levande städer" in second and "Inga indikatorer ännu." in second


def test_working_title_and_status_counts() -> None:
    counts = rollups.StatusCounts(dict.fromkeys(STATUS_GROUP_ORDER, 1), 5, 5)
    data = _area(name_status="working_title")
    page = render_focus_area(FocusAreaData(data.params, data.area, counts, ()))
    words = text(page.children)
    assert "Arbetsnamn" in words and "Står still : 1" in words
    assert page.title == "Bostäder" and page.path == "/omrade/FA06"


def test_unknown_focus_area() -> None:
    page = render_focus_area(NotFound("sv", "/omrade/X", "Det finns inget fokusområde med id X."))
    assert has_id(page.children, "friendly-error") and "id X." in text(page.children)
