"""The shipped catalogue in real headless Chromium.

The Government's thirteen focus areas, the context group apart from them, an old address that leads
to the new area, and the method page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from levande.indicators.core.catalogue import load_catalogue
from tests.browser.conftest import (
    SHIPPED_CONFIG,
    LiveApp,
    Watch,
    assert_accessible,
    open_page,
    open_tab,
    screenshot,
    settle,
)

pytestmark = pytest.mark.browser

CATALOGUE = load_catalogue(SHIPPED_CONFIG)


@pytest.fixture
def tab(browser: Any, strategy_app: LiveApp, watch: Watch) -> Iterator[Any]:
    with open_tab(browser, strategy_app.url, watch) as opened:
        yield opened


def test_overview_shows_the_thirteen_areas_and_the_context_group_apart(
    tab: Any, watch: Watch
) -> None:
    open_page(tab, "/")
    tiles = tab.locator("#areas > li .tile__link")
    assert tiles.all_inner_texts() == [fa.name_sv for fa in CATALOGUE.focus_areas]
    assert tiles.count() == 13
    assert tab.locator("#areas-heading").inner_text() == "De tretton fokusområdena"
    group = tab.locator("#context-forutsattningar")
    assert group.locator("h2").inner_text() == "Förutsättningar och sammanhang"
    assert tab.locator("#focus-areas #context-forutsattningar").count() == 0  # apart
    assert tab.locator("#tile-forutsattningar").count() == 0  # never a focus area's tile
    assert group.locator("a").count() == len(CATALOGUE.indicators_of("forutsattningar")) + 1
    goal = tab.locator("#goal-text").inner_text()
    assert CATALOGUE.goal.text_sv in goal and CATALOGUE.goal.ambition_sv in goal
    hrefs = tab.locator("#goal-sources a").evaluate_all("links => links.map(a => a.href)")
    assert hrefs == [s.url for s in CATALOGUE.goal.sources]
    body = tab.locator("main").inner_text()
    assert "Arbetsnamn" not in body and "rekonstruerad" not in body.lower()
    screenshot(tab, "strategy-overview")
    assert_accessible(tab, "strategy-overview")
    assert not watch.server_errors and not watch.console_errors


def test_an_old_area_address_leads_to_the_new_area(tab: Any, watch: Watch) -> None:
    open_page(tab, "/omrade/FA07")
    assert tab.locator("h1").inner_text() == "Adressen har flyttat"
    assert_accessible(tab, "strategy-moved")
    tab.get_by_role("link", name="Trygghet").click()
    tab.wait_for_url("**/omrade/trygghet")
    settle(tab)
    assert tab.locator("h1").inner_text() == "Trygghet"
    assert "trygghet-d1" not in tab.locator("main").inner_text()
    assert tab.locator("#framework-line").count() == 1
    assert not watch.server_errors and not watch.console_errors


def test_area_with_a_gap_the_context_group_and_the_method_in_english(
    tab: Any, watch: Watch
) -> None:
    open_page(tab, "/omrade/arkitektur?lang=en")
    assert tab.locator("h1").inner_text() == "Architecture and design"
    assert tab.locator("#statistics-gap h2").inner_text() == "No national statistics yet"
    assert "section 3.3" in tab.locator("#strategy-line").inner_text()
    assert_accessible(tab, "strategy-area-en")
    open_page(tab, "/omrade/forutsattningar")
    assert tab.locator("#subgoals-heading").count() == 0  # no sub-goals for context
    assert tab.locator(".cards > li").count() == len(CATALOGUE.indicators_of("forutsattningar"))
    tab.locator("footer").get_by_role("link", name="Metod för status").click()
    tab.wait_for_url("**/metod")
    settle(tab)
    assert tab.locator("h1").inner_text() == "Metod för status och jämförelser"
    assert_accessible(tab, "method")
    assert not watch.server_errors and not watch.console_errors
