"""Indicator pages loaded from the seeded database for URL parameters, and rendered."""

from __future__ import annotations

from typing import Any

import pytest

from levande.dashboard.context import AppContext
from levande.dashboard.indicator import layout as indicator
from tests.unit.dashboard.tree import find, has_id, of_type, text

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("tab", ["chart", "map", "table", "about", "download"])
def test_indicator_tabs_render(ctx: AppContext, tab: str) -> None:
    page = indicator.layout_for(ctx, indicator_id="trangboddhet", tab=tab, kommun="0180")
    assert not has_id(page, "friendly-error")
    assert has_id(page, "view") and has_id(page, f"tab-{tab}")
    current = find(page, f"tab-{tab}")
    assert current.to_plotly_json()["props"].get("aria-current") == "page"


def test_indicator_chart_has_lines_band_target_and_table(ctx: AppContext) -> None:
    page = indicator.layout_for(
        ctx, indicator_id="trangboddhet", kommun="0180", lan="01", peer="G2328"
    )
    figure = find(page, "chart").figure
    names = (
        [t["name"] for t in figure["data"]]
        if isinstance(figure, dict)
        else [t.name for t in figure.data]
    )
    assert "Riket" in names and "Stockholm" in names
    assert any(n.startswith("Median") for n in names)
    assert any(n.startswith("Målvärde 10,0 år 2030") for n in names)
    table = text(find(page, "chart-table"))
    assert "14,8" in table and "12,0" in table  # 14.75 shown with one decimal
    assert "Källa: Kolada. Senast hämtad" in text(page)


def test_indicator_map_refers_to_boundaries_by_url(ctx: AppContext) -> None:
    page = indicator.layout_for(ctx, indicator_id="sjalvskattad-halsa", tab="map", year="2020")
    figure = find(page, "map").figure
    trace = figure.data[0]
    assert trace.geojson.startswith("/geo/kommun.json?v=")
    table = text(find(page, "map-table"))
    assert "saknas (Saknas)" in table  # Uppsala is suppressed at the source


def test_the_municipality_map_has_the_catalogues_inset_with_the_chosen_place_outlined(
    ctx: AppContext,
) -> None:
    page = indicator.layout_for(
        ctx, indicator_id="trangboddhet", tab="map", year="2020", kommun="0180", peer="G92787"
    )
    figure = find(page, "map").figure
    inset = [t for t in figure.data if t.geo == "geo2"]
    drawn = sorted(c for t in inset if t.hoverinfo != "skip" for c in t.locations)
    assert drawn == ["0114", "0180"]  # Stockholms län's places of the small Sweden
    outlined = [list(t.locations) for t in inset if t.hoverinfo == "skip"]
    assert outlined == [["0180"]]  # the chosen place, outlined in the close-up too
    assert [a.text for a in figure.layout.annotations] == ["Stockholms län"]
    county = indicator.layout_for(ctx, indicator_id="sjalvskattad-halsa", tab="map", level="lan")
    assert not [t for t in find(county, "map").figure.data if t.geo == "geo2"]  # counties: none


def test_indicator_table_sorting_and_marks(ctx: AppContext) -> None:
    page = indicator.layout_for(ctx, indicator_id="sjalvskattad-halsa", tab="table", sort="-name")
    table = find(page, "ranking-table")
    rows = [text(r).strip() for r in of_type(table, "Tr")[1:]]
    # Names descending: Uppsala (no value, no rank), Upplands Väsby (2), Stockholm (1).
    assert [r.split()[0] for r in rows] == ["Uppsala", "2", "1"]
    assert "källans tecken Saknas" in rows[0]  # the missing value is listed, with the symbol
    assert rows[2].startswith("1 Stockholm 75,0 +1,0")
    assert "källans tecken Saknas" in rows[0]
    header = find(page, "sort-name")
    assert "sort=name" in header.href  # a second press turns the order around
    lan = indicator.layout_for(
        ctx, indicator_id="livskvalitet-kommunindex", tab="table", level="lan"
    )
    assert "ovägt medel av kommunerna" in text(find(lan, "ranking-table"))


def test_indicator_about_explains_and_reproduces(ctx: AppContext) -> None:
    page = indicator.layout_for(ctx, indicator_id="trangboddhet", tab="about", kommun="0180")
    words = text(page)
    assert "Status för Stockholm, totalt" in words
    assert "Begränsade framsteg" in words
    assert "2018: 15,3 procent" in words  # 15.25 rounded half away from zero
    assert "https://www.kolada.se/verktyg/fri-sokning/?kpis=N07907" in words
    assert "/data/kpi/N07907/year/2018,2019,2020" in words
    scb = text(indicator.layout_for(ctx, indicator_id="folkmangd", tab="about"))
    assert "POST" in scb and '"variableCode": "ContentsCode"' in scb


def test_indicator_download_links_carry_the_state(ctx: AppContext) -> None:
    page = indicator.layout_for(
        ctx, indicator_id="folkmangd", tab="download", kommun="0114", breakdown="K", lang="en"
    )
    link = find(page, "download-table-csv")
    assert link.href.startswith("/ladda-ner/folkmangd.csv?view=table")
    assert "kommun=0114" in link.href and "breakdown=K" in link.href and "lang=en" in link.href


@pytest.mark.parametrize(
    "kwargs",
    [
        {"kommun": "9999"},
        {"year": "abc"},
        {"tab": "<script>alert(1)</script>"},
        {"kommun": ["0180", "0114"], "year": ["2019"]},
        {"peer": "' OR 1=1 --"},
    ],
)
def test_malformed_parameters_give_a_notice_not_an_error(
    ctx: AppContext, kwargs: dict[str, Any]
) -> None:
    page = indicator.layout_for(ctx, indicator_id="trangboddhet", **kwargs)
    assert not has_id(page, "friendly-error")
    if kwargs.get("kommun") != ["0180", "0114"]:
        assert has_id(page, "url-notice")


def test_unknown_indicator(ctx: AppContext) -> None:
    page = indicator.layout_for(ctx, indicator_id="no-such", lang="en")
    assert has_id(page, "friendly-error")
    assert "There is no indicator with id no-such." in text(page)


def test_a_failing_builder_gives_a_friendly_page(ctx: AppContext, monkeypatch: Any) -> None:
    def boom(*_: Any, **__: Any) -> Any:
        raise RuntimeError("simulated")

    monkeypatch.setattr("levande.indicators.reads.dimensions.indicator", boom)
    page = indicator.layout_for(ctx, indicator_id="trangboddhet")
    assert has_id(page, "friendly-error")
    assert "Något gick fel" in text(page)
