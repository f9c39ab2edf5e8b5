"""The indicator page around its view, drawn from hand-made data."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from levande.dashboard.indicator.data import AboutView, MapView, TableView
from levande.dashboard.indicator.render import render
from levande.dashboard.page import Content, NotFound
from levande.dashboard.urls import Problem
from levande.indicators.core.failures import FailureCause, FailureKind, StepFailure
from tests.unit.dashboard import samples
from tests.unit.dashboard.indicator.sample_data import chart, indicator_data, ranking
from tests.unit.dashboard.tree import find, has_id, of_type, text


def _page(**changes: Any) -> Content:
    view = chart([("00", "Riket", "riket", "2020", 12.0, None)])
    return render(indicator_data(view, **changes))


def test_title_breadcrumbs_and_summary() -> None:
    page = _page()
    assert page.title == "Trångboddhet" and page.path == "/indikator/trangboddhet"
    trail = [n.href for n in of_type(page.children, "Link")][:2]
    assert trail == ["/", "/omrade/FA06"]
    summary = text(of_type(page.children, "Dl")[0])
    assert "Begränsade framsteg" in summary and "14,8 procent (2020)" in summary
    assert "Målvärde 10,0 procent år 2030" in summary
    assert "Kommunerna" not in summary  # no municipality has a status: nothing to count


def test_municipalities_on_track_link_to_exactly_those_in_the_ranking() -> None:
    groups = {"improving": 156, "stable": 80, "worsening": 40, "not_judged": 10, "no_data": 4}
    view = chart([("00", "Riket", "riket", "2020", 12.0, None)])
    page = render(replace(indicator_data(view), kommun_groups=groups))
    link = find(page.children, "on-track-link")
    assert link.children == "156 av 290 kommuner på rätt spår"
    assert link.href == (
        "/indikator/trangboddhet?tab=table&year=2020&show=status&status=forbattring"
    )


def test_periods_are_written_for_people() -> None:
    national = samples.explanation(region_code="00", latest_period="2026M04")
    view = chart([("00", "Riket", "riket", "2020", 12.0, None)])
    page = render(replace(indicator_data(view), national=national))
    summary = text(of_type(page.children, "Dl")[0])
    assert "(april 2026)" in summary and "2026M04" not in summary


def test_controls_keep_the_state_in_the_form() -> None:
    page = _page(kommun="2180", tab="chart", lang="en", sort="-name")
    form = find(page.children, "state-form")
    assert form.action == "/indikator/trangboddhet" and form.method == "get"
    chosen = [o.value for o in of_type(find(form, "choose-kommun"), "Option") if o.selected]
    assert chosen == ["2180"]
    assert [o.value for o in of_type(find(form, "choose-year"), "Option")] == [
        "2020",
        "2019",
        "2018",
    ]
    kept = {n.name: n.value for n in of_type(form, "Input")}
    assert kept == {"lang": "en", "sort": "-name"}  # defaults are left out
    assert not has_id(form, "choose-breakdown")  # one breakdown only: no list


def test_tabs_mark_the_current_view() -> None:
    view = TableView(ranking([{"region_code": "0180", "region_name": "Stockholm", "value": 1.0}]))
    page = render(indicator_data(view, tab="table"))
    current = find(page.children, "tab-table").to_plotly_json()["props"]
    assert current.get("aria-current") == "page"
    assert "aria-current" not in find(page.children, "tab-map").to_plotly_json()["props"]
    assert find(page.children, "view").className == "view view--table"
    assert {k: v for k, v in page.params.items() if v} == {"tab": "table", "year": "2020"}


@pytest.mark.parametrize(
    ("view", "tab", "marker"),
    [
        (MapView(ranking([]), has_boundaries=False), "map", "map-table"),
        (AboutView("Riket", None), "about", "definition"),
        (None, "download", "download-chart-csv"),
    ],
)
def test_each_tab_draws_its_view(view: Any, tab: str, marker: str) -> None:
    page = render(indicator_data(view, tab=tab))
    assert has_id(find(page.children, "view"), marker)


def test_problems_in_the_address_are_listed_with_a_way_back() -> None:
    data = indicator_data(chart([]), tab="chart")
    state = replace(data.state, problems=(Problem("bad_kommun", "9999"),))
    page = render(replace(data, state=state))
    notice = find(page.children, "url-notice")
    assert "Kommunkoden 9999 finns inte." in text(notice)


def test_an_indicator_without_values_says_why() -> None:
    view = chart([])
    data = indicator_data(view)
    message = "kolada: HTTP 503 Service Unavailable after 2 attempts [http://10.0.0.9/v3/kpi]"
    failure = StepFailure(
        FailureKind.HTTP, message, None, source="kolada", cause=FailureCause.STATUS, status=503,
        attempts=2,
    )  # fmt: skip
    failed = replace(
        data, has_data=False, about=samples.about(last_error=message, last_failure=failure)
    )
    notice = text(find(render(failed).children, "no-data"))
    assert "Kolada svarade med ett fel (fel hos källan, HTTP 503) efter 2 försök" in notice
    assert "http://" not in notice and "Service Unavailable" not in notice
    unknown = replace(failed, about=samples.about(last_error=message))
    assert "Den senaste hämtningen misslyckades" in text(find(render(unknown).children, "no-data"))
    never = text(find(render(replace(data, has_data=False, about=None)).children, "no-data"))
    assert "HTTP 503" not in never and never
    assert not has_id(render(data).children, "no-data")


def test_an_unknown_indicator_is_a_friendly_page() -> None:
    page = render(NotFound("en", "/indikator/x", "There is no indicator with id x."))
    assert page.title == "Page not found"
    assert has_id(page.children, "friendly-error")
    assert "There is no indicator with id x." in text(page.children)
