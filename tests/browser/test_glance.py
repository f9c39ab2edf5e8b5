"""Answers at a glance, in real headless Chromium on a desktop and on a phone.

The overview's status bars and map of municipalities on track; the indicator's status map and
the ranking filtered by status, reached from an "on track" link; the profile's summary; the
council print as a PDF; keyboard focus after in-app navigation. axe-core checks each page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import (
    LiveApp,
    Watch,
    assert_accessible,
    open_page,
    open_tab,
    query,
    screenshot,
    settle,
)

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(params=["desktop", "phone"])
def screen(request: pytest.FixtureRequest) -> dict[str, int]:
    return DESKTOP if request.param == "desktop" else PHONE


@pytest.fixture
def tab(browser: Any, live_app: LiveApp, watch: Watch, screen: dict[str, int]) -> Iterator[Any]:
    with open_tab(browser, live_app.url, watch) as opened:
        opened.set_viewport_size(screen)
        yield opened


def on_first_screen(page: Any, selector: str) -> bool:
    """Whether the first element matching ``selector`` is (at least partly) above the fold."""
    box = page.locator(selector).first.bounding_box()
    height = page.viewport_size["height"]
    return bool(box is not None and box["y"] < height and box["y"] + box["height"] > 0)


def open_and_shoot(tab: Any, path: str, kind: str, screen: dict[str, int]) -> str:
    """Open ``path``, save its screenshot as ``glance-<kind>-<width>`` and return that name."""
    open_page(tab, path)
    name = f"glance-{kind}-{screen['width']}"
    screenshot(tab, name)
    return name


def test_overview_shows_statuses_on_the_first_screen(
    tab: Any, watch: Watch, screen: dict[str, int]
) -> None:
    name = open_and_shoot(tab, "/", "overview", screen)
    assert on_first_screen(tab, "#areas .stack")
    assert on_first_screen(tab, "#areas .on-track-link")
    assert "Förbättras: 2" in tab.locator("#tile-FA01 .stack").inner_text()
    # The map is drawn by the smaller plotly.js bundle; the full one is never fetched.
    tab.wait_for_selector("#area-map-graph .choroplethlocation")
    assert any(r.endswith("/plotly-levande.min.js") for r in watch.requests)
    assert not any("plotly.min.js" in r for r in watch.requests)
    assert tab.locator("#tile-FA01 .on-track-link").inner_text() == ("3 av 3 kommuner på rätt spår")
    # Sweden's three municipalities and, in the close-up of Stockholms län, two of them again.
    tab.wait_for_function(
        "() => document.querySelectorAll('#area-map-graph .choroplethlocation').length === 5"
    )
    assert_accessible(tab, name)
    assert not watch.server_errors and not watch.console_errors


def test_overview_sorts_by_on_track_and_leads_to_the_list(tab: Any, watch: Watch) -> None:
    open_page(tab, "/")
    order = tab.locator("#areas > li").evaluate_all("items => items.map(li => li.id)")
    tab.locator("#areas-sort-on_track").click()
    tab.wait_for_url("**/?sort=on_track")
    settle(tab)
    assert tab.locator("#areas-sort-on_track").get_attribute("aria-current") == "true"
    # FA01 has 3 of 3 on track, FA06 2 of 3: the better share comes first either way.
    assert tab.locator("#areas > li").evaluate_all("items => items.map(li => li.id)") == [
        "tile-FA01",
        "tile-FA06",
    ]
    assert sorted(order) == ["tile-FA01", "tile-FA06"]
    tab.locator("#on-track-FA06").click()
    tab.wait_for_url("**omrade=FA06**")
    settle(tab)
    assert query(tab)["omrade"] == ["FA06"] and query(tab)["sort"] == ["on_track"]
    rows = tab.locator("#area-map-table tbody tr")
    assert rows.count() == 2  # 0114 and 0380 are on track in FA06, 0180 is not
    assert tab.locator("#area-map-details").get_attribute("open") is not None
    assert_accessible(tab, "glance-overview-area")
    assert not watch.server_errors and not watch.console_errors


def test_overview_map_click_opens_the_profile(tab: Any, watch: Watch) -> None:
    open_page(tab, "/")
    tab.wait_for_selector("#area-map-graph .choroplethlocation")
    place = tab.locator("#area-map-graph .choroplethlocation").first
    place.scroll_into_view_if_needed()
    place.click(force=True)
    tab.wait_for_url("**/kommun/*")
    settle(tab)
    assert tab.locator("h1").count() == 1
    assert not watch.server_errors and not watch.console_errors


def test_on_track_link_leads_to_the_filtered_ranking_and_the_status_map(
    tab: Any, watch: Watch, screen: dict[str, int]
) -> None:
    open_page(tab, "/indikator/trangboddhet")
    link = tab.locator("#on-track-link")
    assert link.inner_text() == "2 av 3 kommuner på rätt spår"  # 0114 and 0380 improve
    link.click()
    tab.wait_for_url("**status=forbattring**")
    settle(tab)
    assert query(tab)["tab"] == ["table"] and query(tab)["show"] == ["status"]
    names = tab.locator("#ranking-table tbody th").all_inner_texts()
    assert sorted(names) == ["Upplands Väsby", "Uppsala"]
    assert "Förbättras (2)" in tab.locator("#status-filter-forbattring").inner_text()
    name = f"glance-ranking-improving-{screen['width']}"
    screenshot(tab, name)
    assert_accessible(tab, name)
    tab.locator("#status-filter-forsamring").click()
    tab.wait_for_url("**status=forsamring**")
    settle(tab)
    assert tab.locator("#ranking-table tbody tr").count() == 0
    tab.locator("#tab-map").click()
    tab.wait_for_url("**tab=map**")
    settle(tab)
    legend = tab.locator(".map-legend").inner_text()
    assert "Förbättras" in legend and "Försämras" in legend
    tab.wait_for_function(
        "() => document.querySelectorAll('#map .choroplethlocation').length === 5"
    )
    name = f"glance-status-map-{screen['width']}"
    screenshot(tab, name)
    assert_accessible(tab, name)
    tab.locator("#display-switch-value").click()
    tab.wait_for_url(lambda url: "show=" not in url)
    settle(tab)
    assert "(sämst)" in tab.locator(".map-legend").inner_text()
    assert not watch.server_errors and not watch.console_errors


def test_profile_summary_is_on_the_first_screen_and_links_with_the_peers(
    tab: Any, watch: Watch, screen: dict[str, int]
) -> None:
    name = open_and_shoot(tab, "/kommun/0180", "profile", screen)
    assert on_first_screen(tab, "#summary-on-track")
    assert on_first_screen(tab, "#summary .summary__list")
    areas = tab.locator("#summary-on-track li").all_inner_texts()
    assert len(areas) == 2  # FA01 and FA06; the context group is never on or off track
    assert tab.locator("#coverage-details").get_attribute("open") is None  # folded away
    assert_accessible(tab, name)
    link = tab.locator("#summary a[href^='/indikator/']").first
    link.click()
    tab.wait_for_url("**/indikator/**")
    settle(tab)
    chosen = query(tab)
    assert chosen["kommun"] == ["0180"] and "peer" in chosen and chosen["lan"] == ["01"]
    assert not watch.server_errors and not watch.console_errors


def test_profile_and_its_summary_tables_fit_the_screen_with_every_status_whole(
    tab: Any, screen: dict[str, int]
) -> None:
    open_page(tab, "/kommun/0180")
    assert tab.evaluate("document.documentElement.scrollWidth") <= screen["width"]  # no page
    scrolls = tab.locator("#summary .table-scroll")
    assert scrolls.count() == 2
    for i in range(scrolls.count()):
        wrapper = scrolls.nth(i)
        assert wrapper.evaluate("e => e.scrollWidth <= e.clientWidth"), "scrolls sideways"
        edge = wrapper.bounding_box()
        for badge in wrapper.locator(".badge").all():
            box = badge.bounding_box()
            assert box["x"] >= edge["x"] and box["x"] + box["width"] <= edge["x"] + edge["width"]


def test_profile_buttons_on_one_line_stand_level(page: Any) -> None:
    open_page(page, "/kommun/0180")
    tops = {
        button: round(page.locator(f"#{button}").bounding_box()["y"])
        for button in ("print-view", "council-print", "copy-link")
    }
    assert len(set(tops.values())) == 1, tops


def active_element(page: Any) -> str:
    """The focused element: its tag and id, or its tag and text."""
    return str(
        page.evaluate(
            "() => { const e = document.activeElement;"
            " return e.tagName + '#' + (e.id || e.textContent.trim().slice(0, 40)); }"
        )
    )


def test_keyboard_focus_moves_to_the_main_heading_after_navigation(tab: Any, watch: Watch) -> None:
    open_page(tab, "/")
    tab.locator("#tile-FA01 .tile__link").focus()
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/omrade/FA01")
    settle(tab)
    tab.wait_for_function("() => document.activeElement.tagName === 'H1'")
    heading = tab.locator("main h1").inner_text()
    assert active_element(tab) == "H1#" + heading[:40]
    # A link in the page's header leads to another page: focus on its heading too.
    tab.locator("header a[href='/sok']").focus()
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/sok")
    settle(tab)
    tab.wait_for_function("() => document.activeElement.tagName === 'H1'")
    # The same page in another state (an order of the areas) keeps focus on the control.
    open_page(tab, "/")
    tab.locator("#areas-sort-status").focus()
    tab.keyboard.press("Enter")
    tab.wait_for_url("**sort=status")
    settle(tab)
    assert active_element(tab) == "A#areas-sort-status"
    # A link to a part of a page ("X av 3 på rätt spår") focuses that part.
    tab.locator("#on-track-FA06").focus()
    tab.keyboard.press("Enter")
    tab.wait_for_url("**#area-map")
    settle(tab)
    tab.wait_for_function("() => document.activeElement.id === 'area-map'")
    assert not watch.server_errors and not watch.console_errors


@pytest.mark.parametrize("path", ["/kommun/0180", "/lan/01?lang=en"])
def test_council_print_is_a_pdf_of_at_most_two_a4_pages(
    page: Any, watch: Watch, path: str, tmp_path: Any
) -> None:
    """From the profile's link to the printed PDF (Chromium's print, as a reader's)."""
    import io

    from pypdf import PdfReader

    open_page(page, path)
    page.locator("#council-print").click()
    page.wait_for_url("**print=rad**")
    settle(page)
    title = page.locator("h1").inner_text()
    assert title.startswith(("Rådsunderlag: ", "Council brief: "))
    assert_accessible(page, "glance-council")
    pdf = page.pdf(format="A4", print_background=True)
    (tmp_path / "council.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert 1 <= len(reader.pages) <= 2
    words = " ".join(p.extract_text() for p in reader.pages)
    place = title.split(": ", 1)[1]
    assert place in words
    assert ("Svagast" in words and "Starkast" in words) or ("Weakest" in words)
    assert "Byt jämförelsegrupp" not in words and "Skriv ut" not in words  # no controls on paper
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert abs(float(width) - 595.3) < 1 and abs(float(height) - 841.9) < 1  # A4 in points
    assert not watch.server_errors and not watch.console_errors


def test_a_select_changed_with_the_keyboard_applies_on_enter_or_when_left(
    tab: Any, watch: Watch
) -> None:
    open_page(tab, "/indikator/trangboddhet?tab=table")
    before = tab.url
    if tab.locator("#choices").get_attribute("open") is None:  # folded on a phone: open it
        tab.locator("#choices summary").focus()
        tab.keyboard.press("Enter")
    year = tab.locator("#choose-year")
    options = year.locator("option").evaluate_all("os => os.map(o => o.value)")
    year.focus()
    tab.keyboard.press("ArrowDown")
    tab.keyboard.press("ArrowDown")
    tab.wait_for_timeout(900)  # longer than the mouse's pause: nothing may have happened
    assert tab.url == before
    chosen = year.input_value()
    assert chosen == options[2]
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"**year={chosen}**")
    settle(tab)
    assert active_element(tab) == "SELECT#choose-year"  # the same page: focus stays
    tab.keyboard.press("ArrowUp")
    tab.keyboard.press("Tab")  # leaving the select applies it
    tab.wait_for_url(f"**year={options[1]}**")
    settle(tab)
    assert not watch.server_errors and not watch.console_errors


@pytest.mark.parametrize("path", ["/indikator/trangboddhet?tab=map&kommun=0180", "/kommun/0180"])
def test_copy_link_copies_the_full_address(page: Any, watch: Watch, path: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_page(page, path)
    page.locator("#copy-link").click()
    page.wait_for_function("() => document.getElementById('copy-link-status').textContent")
    status = page.locator("#copy-link-status").inner_text()
    assert status.endswith(page.url) and page.url.startswith("http://127.0.0.1:")
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    assert not watch.server_errors and not watch.console_errors


def test_on_a_phone_the_choices_fold_into_one_line(
    tab: Any, watch: Watch, screen: dict[str, int]
) -> None:
    open_page(tab, "/indikator/trangboddhet?kommun=0180&lan=01")
    choices = tab.locator("#choices")
    assert choices.locator("summary").text_content() == "Val (2 valda)"
    phone = screen["width"] < 600
    assert (choices.get_attribute("open") is None) is phone
    if phone:
        choices.locator("summary").click()
        tab.locator("#choose-year").select_option(index=1)
        tab.wait_for_url("**year=**")
        settle(tab)
        assert tab.locator("#choices").get_attribute("open") is not None  # stays open once opened
    assert not watch.server_errors and not watch.console_errors


def test_overview_headlines_show_the_latest_value_a_sparkline_and_the_good_direction(
    tab: Any, watch: Watch, screen: dict[str, int]
) -> None:
    open_page(tab, "/")
    cards = tab.locator("#headlines > li")
    assert cards.count() == 2  # the two the sample catalogue marks, in its order
    crowding = tab.locator("#headline-trangboddhet")
    words = " ".join(crowding.inner_text().split())
    assert "12,0 procent (2020)" in words and "Lägre värde är bättre" in words
    assert "Källa: Kolada." in words
    image = crowding.locator("img.sparkline")
    assert image.get_attribute("alt") == (
        "Utveckling i riket 2018–2020: från 12,5 procent till 12,0 procent."
    )
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")  # drawn, not broken
    box = crowding.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= screen["width"]
    crowding.locator("summary").click()
    rows = crowding.locator("table tbody tr").all_inner_texts()
    assert [" ".join(r.split()) for r in rows] == ["2018 12,5", "2019 12,3", "2020 12,0"]
    name = f"glance-headlines-{screen['width']}"
    crowding.scroll_into_view_if_needed()
    screenshot(tab, name)
    assert_accessible(tab, name)
    assert not watch.server_errors and not watch.console_errors


def test_the_map_has_a_close_up_of_the_metropolitan_region_with_the_legend_beside_it(
    tab: Any, watch: Watch, screen: dict[str, int]
) -> None:
    open_page(tab, "/indikator/trangboddhet?tab=map&kommun=0180")
    # Three places and their close-up (two), plus Stockholm's outline on each map.
    tab.wait_for_function(
        "() => document.querySelectorAll('#map .choroplethlocation').length === 7"
    )
    assert tab.locator("#map .annotation-text").text_content() == "Stockholms län"
    legend = tab.locator(".map-legend")
    assert "Stockholm (tjock ram)" in legend.inner_text()  # the chosen place, named
    graph, key = tab.locator("#map").bounding_box(), legend.bounding_box()
    assert graph is not None and key is not None
    assert graph["height"] >= 500
    if screen["width"] >= 1000:
        assert key["x"] >= graph["x"] + graph["width"] - 1  # beside the map on a wide screen
        assert graph["height"] >= 650
    else:
        assert key["y"] >= graph["y"] + graph["height"] - 1  # below it on a phone
    name = f"glance-map-insets-{screen['width']}"
    screenshot(tab, name)
    assert_accessible(tab, name)
    assert not watch.server_errors and not watch.console_errors


def test_compare_adds_the_peer_groups_median_in_one_click(
    tab: Any, watch: Watch, screen: dict[str, int]
) -> None:
    open_page(tab, "/jamfor?places=0180&ind=trangboddhet")
    if screen["width"] < 600:
        tab.locator("#choices > summary").click()  # on a phone the choices are folded
    add = tab.locator("#compare-add-peer")
    assert "A1 Storstäder" in add.inner_text()
    add.click()
    tab.wait_for_url("**peer=G92787**")
    settle(tab)
    tab.wait_for_function(
        "() => document.querySelectorAll('#chart-trangboddhet .scatterlayer .trace').length === 2"
    )
    legend = tab.locator("#chart-trangboddhet .legendtext").all_text_contents()
    assert legend == ["Stockholm", "Median, A1 Storstäder"]
    header = tab.locator("#table-trangboddhet thead th").all_inner_texts()
    assert header == ["År", "Stockholm", "Median, A1 Storstäder"]
    chart = tab.locator("#chart-trangboddhet").bounding_box()
    assert chart is not None and chart["width"] <= screen["width"]  # never wider than a phone
    name = f"glance-compare-peer-{screen['width']}"
    screenshot(tab, name)
    assert_accessible(tab, name)
    remove = tab.locator("#compare-remove-peer")
    assert remove.is_visible()  # opened once, the choices stay open after the navigation
    remove.click()
    tab.wait_for_url(lambda url: "peer=" not in url)
    assert not watch.server_errors and not watch.console_errors


def test_compare_chart_is_on_the_first_screen_with_the_choices_folded_on_a_phone(
    tab: Any, watch: Watch, screen: dict[str, int]
) -> None:
    open_page(tab, "/jamfor?places=0180,0114&ind=trangboddhet")
    tab.wait_for_selector("#chart-trangboddhet .scatterlayer .trace")
    phone = screen["width"] < 600
    name = f"glance-compare-first-screen-{screen['width']}"
    screenshot(tab, name)
    assert tab.locator("#choices").evaluate("d => d.open") is not phone
    if phone:
        assert tab.locator("#choices > summary").inner_text() == "Val (3 valda)"
    # On a phone the choices are folded and at least the chart's upper half is on the first
    # screen; on a wide screen the places and the indicators stand side by side, each picker
    # under its list, and the chart starts on the first screen (its first 100 px, as on the
    # indicator page).
    chart = tab.locator("#chart-trangboddhet").bounding_box()
    assert chart is not None and chart["x"] + chart["width"] <= screen["width"]
    shown = 200 if phone else 100
    assert chart["y"] + shown <= screen["height"], f"the chart starts at {chart['y']:.0f} px"
    assert_accessible(tab, name)
    assert not watch.server_errors and not watch.console_errors


def test_the_indicator_chart_starts_on_the_first_screen(
    tab: Any, watch: Watch, screen: dict[str, int]
) -> None:
    open_page(tab, "/indikator/trangboddhet")
    tab.wait_for_selector("#chart .scatterlayer .trace")
    screenshot(tab, f"glance-indicator-first-screen-{screen['width']}")
    chart = tab.locator("#chart").bounding_box()
    assert chart is not None
    # The status, the latest value and the on-track link stand above it, and at least the
    # chart's first 100 px (its title and the top of its lines) are on the first screen.
    assert on_first_screen(tab, ".facts .badge")
    assert chart["y"] + 100 <= screen["height"], f"the chart starts at {chart['y']:.0f} px"
    assert not watch.server_errors and not watch.console_errors
