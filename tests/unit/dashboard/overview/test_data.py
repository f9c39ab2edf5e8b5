"""The overview loaded from the seeded database and rendered."""

from __future__ import annotations

from typing import Any

import pytest

from levande.dashboard.context import AppContext
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


HEADLINE_TABLES = {
    "livskvalitet-kommunindex": """\
År;Värde (index)
2018;65,0
2019;65,5
2020;66,0
""",
    "trangboddhet": """\
År;Värde (procent)
2018;12,5
2019;12,3
2020;12,0
""",
}
"""The nation's stored values as the headline tables show them (12.25 rounds half up)."""


def test_headlines_are_the_catalogues_with_the_stored_national_series(ctx: AppContext) -> None:
    page = overview.layout_for(ctx)
    cards = find(page, "headlines").children
    assert [li.id for li in cards] == ["headline-livskvalitet-kommunindex", "headline-trangboddhet"]
    quality = " ".join(text(cards[0]).split())
    assert "66,0 index (2020)" in quality and "ovägt medel av kommunerna" in quality
    assert "Högre värde är bättre" in quality and "Källa: Kolada." in quality
    crowding = " ".join(text(cards[1]).split())
    assert "12,0 procent (2020)" in crowding and "Lägre värde är bättre" in crowding
    for indicator_id, expected in HEADLINE_TABLES.items():
        table = find(page, f"headline-table-{indicator_id}")
        rows = [";".join(text(cell).strip() for cell in tr.children) for tr in of_type(table, "Tr")]
        assert "\n".join(rows) + "\n" == expected
