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
