"""Pages built from URL parameters on the seeded database, without a browser."""

from __future__ import annotations

from typing import Any

import pytest

from levande.dashboard import not_found_404
from levande.dashboard.accessibility import layout as accessibility
from levande.dashboard.accessibility.data import statement_sections
from levande.dashboard.context import AppContext
from levande.dashboard.focus_area import layout as focus_area
from levande.dashboard.indicator import layout as indicator
from levande.dashboard.overview import layout as overview
from tests.unit.dashboard.tree import find, has_id, of_type, text

pytestmark = pytest.mark.integration


def _page_lang(page: Any) -> str:
    return str(find(page, "page-meta").data["lang"])


def test_overview_shows_goal_note_and_tiles(ctx: AppContext) -> None:
    page = overview.layout_for(ctx)
    words = text(page)
    assert "Sveriges städer ska utvecklas till levande, trygga och robusta städer." in words
    assert has_id(page, "goal-wording-note") and "Rekonstruerad formulering." in words
    assert has_id(page, "tile-FA01") and has_id(page, "tile-FA06")
    tile = text(find(page, "tile-FA06"))
    assert "Förbättras" in tile and ": 1" in tile and "Ej bedömda" in tile
    assert "2 av 3 kommuner på rätt spår" in tile
    links = [n.href for n in of_type(find(page, "tile-FA01"), "Link")]
    assert "/omrade/FA01" in links
    assert _page_lang(page) == "sv"


def test_overview_in_english(ctx: AppContext) -> None:
    page = overview.layout_for(ctx, lang="en")
    words = text(page)
    assert "National goal for urban development" in words
    assert "3 of 3 municipalities on track" in words
    assert _page_lang(page) == "en"
    assert "/omrade/FA01?lang=en" in [n.href for n in of_type(page, "Link")]


def test_overview_reports_a_bad_language(ctx: AppContext) -> None:
    page = overview.layout_for(ctx, lang="<b>xx</b>")
    assert has_id(page, "url-notice")
    assert "Språket <b>xx</b> finns inte" in text(page)


def test_focus_area_page(ctx: AppContext) -> None:
    page = focus_area.layout_for(ctx, focus_area_id="FA01")
    words = text(page)
    assert "Livskvalitet som draglok för Sveriges städer" in words
    assert "Förslag från Levande städer" in words  # sub-goals are the product's proposals
    card = find(page, "card-livskvalitet-kommunindex")
    card_text = text(card)
    assert "66,0 index (2020)" in card_text and "Måttliga framsteg" in card_text
    assert "ovägt medel av kommunerna" in card_text
    img = of_type(card, "Img")[0]
    assert img.alt.startswith("Utveckling i riket 2018–2020: från 65,0 index till 66,0 index")


def test_focus_area_unknown_id(ctx: AppContext) -> None:
    page = focus_area.layout_for(ctx, focus_area_id="FA99<script>")
    assert has_id(page, "friendly-error")
    assert "FA99<script>" in text(page)


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

    monkeypatch.setattr("levande.indicators.reads.queries.indicator", boom)
    page = indicator.layout_for(ctx, indicator_id="trangboddhet")
    assert has_id(page, "friendly-error")
    assert "Något gick fel" in text(page)


def test_not_found_and_accessibility_pages(ctx: AppContext) -> None:
    assert has_id(not_found_404.layout_for(ctx), "friendly-error")
    page = accessibility.layout_for(ctx, lang="en")
    assert "Accessibility statement" in text(page)
    sections = statement_sections()
    assert set(sections) == {"sv", "en"}


def test_working_title_and_no_data_marks(ctx: AppContext, monkeypatch: Any) -> None:
    from dataclasses import replace

    from levande.indicators.reads import queries as q

    areas = tuple(
        replace(fa, name_status="working_title") if fa.id == "FA06" else fa
        for fa in q.focus_areas(ctx.engine)
    )
    monkeypatch.setattr(q, "focus_areas", lambda _engine: areas)
    page = overview.layout_for(ctx)
    assert "Arbetsnamn" in text(find(page, "tile-FA06"))
    assert "Arbetsnamn" not in text(find(page, "tile-FA01"))

    summaries = tuple(
        replace(s, points=(), latest_period=None, latest_value=None, status="not_available")
        for s in q.focus_area_summaries(ctx.engine, "FA06")
    )
    monkeypatch.setattr(q, "focus_area_summaries", lambda _engine, _fa: summaries)
    area = focus_area.layout_for(ctx, focus_area_id="FA06")
    assert "Ingen data ännu" in text(find(area, "card-trangboddhet"))
    assert "Arbetsnamn" in text(area)


def test_indicator_without_data_says_why(ctx: AppContext, monkeypatch: Any) -> None:
    from dataclasses import replace

    from levande.indicators.reads import queries as q

    real_about = q.about

    def failed_about(*args: Any, **kwargs: Any) -> Any:
        info = real_about(*args, **kwargs)
        return replace(info, last_error="Kolada: HTTP 503 Service Unavailable")

    monkeypatch.setattr(q, "indicator_has_data", lambda _engine, _id: False)
    monkeypatch.setattr(q, "about", failed_about)
    page = indicator.layout_for(ctx, indicator_id="trangboddhet", lang="en")
    notice = text(find(page, "no-data"))
    assert "The indicator has no values yet." in notice
    assert "Kolada: HTTP 503 Service Unavailable" in notice
