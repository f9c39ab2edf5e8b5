"""The table view drawn from hand-made data: order, sort headers, changes, notes, links."""

from __future__ import annotations

from levande.dashboard.indicator.data import TableView, filter_by_status, sort_ranking
from levande.dashboard.indicator.table import render_table
from levande.indicators.core.vocabulary import MUNICIPAL_MEAN
from tests.unit.dashboard.indicator.sample_data import indicator_data, ranking
from tests.unit.dashboard.tree import find, of_type, text

FRAME = ranking(
    [
        {"region_code": "0180", "region_name": "Stockholm", "value": 9.6, "rank": 1,
         "rank_of": 2, "previous_period": "2019", "previous_value": 10.6, "change": -1.0,
         "series_status": "moderate_progress"},
        {"region_code": "2180", "region_name": "Gävle", "value": 14.75, "rank": 2,
         "rank_of": 2, "aggregation": MUNICIPAL_MEAN, "previous_period": "2019"},
        {"region_code": "0380", "region_name": "Uppsala", "value": float("nan"),
         "status": "Saknas", "previous_period": "2019"},
    ]
)  # fmt: skip


def _words(node: object) -> str:
    return " ".join(text(node).split())


def _rows(out: object) -> list[str]:
    return [_words(r) for r in of_type(find(out, "ranking-table"), "Tr")][1:]


def test_rows_follow_the_frame_with_changes_statuses_and_notes() -> None:
    view = TableView(FRAME)
    rows = _rows(render_table(indicator_data(view, tab="table"), view))
    assert rows[0] == "1 Stockholm 9,6 -1,0 △ Måttliga framsteg"
    assert rows[1] == "2 Gävle 14,8 saknas ovägt medel av kommunerna"  # no value in 2019
    assert rows[2] == "Uppsala saknas saknas källans tecken Saknas"


def test_without_an_earlier_period_there_is_no_change_to_show() -> None:
    view = TableView(FRAME.assign(previous_period=None, change=float("nan")))
    out = render_table(indicator_data(view, tab="table"), view)
    assert _rows(out)[0].startswith("1 Stockholm 9,6 inget tidigare år")
    assert _words(of_type(find(out, "ranking-table"), "Th")[3]) == "Förändring"


def test_places_link_to_their_profiles_in_the_language() -> None:
    view = TableView(FRAME)
    out = render_table(indicator_data(view, tab="table", lang="en"), view)
    links = [n.href for n in of_type(find(out, "ranking-table"), "Link")]
    assert links == ["/kommun/0180?lang=en", "/kommun/2180?lang=en", "/kommun/0380?lang=en"]


def test_sort_headers_say_the_order_and_turn_it_around() -> None:
    view = TableView(FRAME)
    out = render_table(indicator_data(view, tab="table", sort="-value"), view)
    headers = of_type(find(out, "ranking-table"), "Th")[:4]
    sorts = [h.to_plotly_json()["props"].get("aria-sort") for h in headers]
    assert sorts == [None, None, "descending", None]
    assert "sort=value" in find(out, "sort-value").href  # pressed again: ascending
    assert "sort=name" in find(out, "sort-name").href
    assert "Förändring sedan 2019" in text(headers[3])


def test_source_line_follows_the_table() -> None:
    view = TableView(FRAME)
    out = render_table(indicator_data(view, tab="table"), view)
    assert of_type(out, "P")[-1].className == "source-line"


def test_status_filter_links_count_each_category_and_mark_the_chosen_one() -> None:
    counts = {"improving": 1, "stable": 0, "worsening": 1, "not_judged": 0, "no_data": 1}
    view = TableView(FRAME.iloc[:1], counts)
    out = render_table(indicator_data(view, tab="table", status="forbattring"), view)
    nav = find(out, "status-filter-forbattring")
    assert nav.children == "Förbättras (1)" and nav.className.endswith("--current")
    assert find(out, "status-filter-alla").children == "Alla (3)"
    assert find(out, "status-filter-forsamring").href.endswith("status=forsamring")
    assert "Bara platser vars serie förbättras: 1." in text(find(out, "ranking-table"))


def test_with_statuses_shown_the_status_comes_after_the_place() -> None:
    view = TableView(FRAME)
    rows = _rows(render_table(indicator_data(view, tab="table", show="status"), view))
    assert rows[0] == "1 Stockholm △ Måttliga framsteg 9,6 -1,0"


def test_sort_and_filter_by_status_category() -> None:
    frame = ranking(
        [
            {
                "region_code": "a",
                "region_name": "A",
                "value": 1.0,
                "rank": 1,
                "series_status": "deterioration",
            },
            {
                "region_code": "b",
                "region_name": "B",
                "value": 2.0,
                "rank": 2,
                "series_status": "target_achieved",
            },
            {
                "region_code": "c",
                "region_name": "C",
                "value": 3.0,
                "rank": 3,
                "series_status": None,
            },
            {
                "region_code": "d",
                "region_name": "D",
                "value": 4.0,
                "rank": 4,
                "series_status": "limited_progress",
            },
        ]
    )
    assert sort_ranking(frame, "status")["region_code"].tolist() == ["b", "d", "a", "c"]
    assert sort_ranking(frame, "-status")["region_code"].tolist() == ["c", "a", "d", "b"]
    assert filter_by_status(frame, "forsamring")["region_code"].tolist() == ["a"]
    assert filter_by_status(frame, "saknar-data")["region_code"].tolist() == ["c"]
    assert filter_by_status(frame, None)["region_code"].tolist() == ["a", "b", "c", "d"]
