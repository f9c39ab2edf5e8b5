"""The dashboard in real headless Chromium: pages, choices, permalinks, downloads, errors, a11y.

Each test drives the app as a user would: it opens pages, picks values in the form's lists,
follows the view links, switches language, downloads a CSV and compares it with the database,
and opens broken addresses. axe-core checks every page for serious or critical violations.
"""

from __future__ import annotations

import csv
from typing import Any

import pandas as pd
import pytest

from levande.indicators.reads.export import observations_frame
from tests.browser.conftest import (
    LiveApp,
    Watch,
    assert_accessible,
    open_page,
    query,
    screenshot,
    settle,
)

pytestmark = pytest.mark.browser

PAGES = [
    ("overview", "/"),
    ("overview-en", "/?lang=en"),
    ("focus-area", "/omrade/FA01"),
    ("focus-area-en", "/omrade/FA06?lang=en"),
    ("indicator-chart", "/indikator/trangboddhet?kommun=0180&lan=01&peer=G2328"),
    ("indicator-chart-gender", "/indikator/folkmangd?gender=1&kommun=0114"),
    ("indicator-map", "/indikator/sjalvskattad-halsa?tab=map&year=2020"),
    ("indicator-map-lan-en", "/indikator/livskvalitet-kommunindex?tab=map&level=lan&lang=en"),
    ("indicator-table", "/indikator/sjalvskattad-halsa?tab=table"),
    ("indicator-about", "/indikator/folkmangd?tab=about&kommun=0114"),
    ("indicator-download", "/indikator/trangboddhet?tab=download"),
    ("accessibility", "/tillganglighet"),
    ("api-docs", "/api"),
    ("api-docs-en", "/api?lang=en"),
    ("bad-parameters", "/indikator/trangboddhet?kommun=9999&year=abc"),
    ("unknown-page", "/finns/inte"),
]


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[n for n, _ in PAGES])
def test_each_page_renders_and_is_accessible(page: Any, watch: Watch, name: str, path: str) -> None:
    open_page(page, path)
    lang = "en" if "lang=en" in path else "sv"
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.locator("h1").count() == 1
    assert "Levande städer" in page.title() or "Living cities" in page.title()
    footer = page.locator("footer").inner_text()
    assert "Kolada" in footer and "SCB" in footer
    if page.locator(".js-plotly-plot").count():
        page.wait_for_selector(".js-plotly-plot .main-svg")
    screenshot(page, name)
    assert_accessible(page, name)
    assert not watch.server_errors, watch.server_errors
    assert not watch.failed_requests, watch.failed_requests  # nothing fetched from outside
    assert not watch.console_errors, watch.console_errors


def test_user_switches_indicator_area_year_tab_and_language(page: Any, watch: Watch) -> None:
    open_page(page, "/")
    page.click("#tile-FA06 a")
    page.wait_for_url("**/omrade/FA06")
    settle(page)
    page.click("#card-trangboddhet a")
    page.wait_for_url("**/indikator/trangboddhet")
    settle(page)
    assert page.locator("h1").inner_text() == "Trångboddhet"

    page.select_option("#choose-kommun", "0180")
    page.wait_for_url("**kommun=0180**")
    settle(page)
    assert "Stockholm" in page.locator("#chart-table").text_content()
    assert page.evaluate("document.activeElement.id") == "choose-kommun"  # focus kept

    page.click("#tab-map")
    page.wait_for_url("**tab=map**")
    settle(page)
    assert page.locator("#tab-map").get_attribute("aria-current") == "page"
    page.select_option("#choose-year", "2018")
    page.wait_for_url("**year=2018**")
    settle(page)
    assert page.locator("h2", has_text="Karta 2018").count() == 1
    map_table = page.locator("#map-table").text_content()
    assert "10,1" in map_table and "15,3" in map_table  # 2018: 10.1 and 15.25

    page.click("#tab-table")
    page.wait_for_url("**tab=table**")
    settle(page)
    first_row = page.locator("#ranking-table tbody tr").first.inner_text()
    assert "Upplands Väsby" in first_row  # lowest overcrowding ranks first

    page.click("#lang-switch")
    page.wait_for_url("**lang=en**")
    settle(page)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("h1").inner_text() == "Overcrowding"
    assert page.locator("#tab-table").get_attribute("aria-current") == "page"
    assert query(page)["kommun"] == ["0180"] and query(page)["year"] == ["2018"]
    screenshot(page, "journey-table-en")

    # Another indicator through the breadcrumb, keeping the language.
    page.click("nav.breadcrumbs a >> nth=1")
    page.wait_for_url("**/omrade/FA06?lang=en")
    settle(page)
    page.click("#card-folkmangd a")
    page.wait_for_url("**/indikator/folkmangd?lang=en")
    settle(page)
    assert page.locator("h1").inner_text() == "Population"
    page.go_back()
    page.wait_for_url("**/omrade/FA06?lang=en")
    settle(page)
    assert not watch.server_errors and not watch.console_errors


def test_permalink_restores_the_view(page: Any, browser: Any, live_app: LiveApp) -> None:
    open_page(page, "/indikator/folkmangd")
    page.select_option("#choose-lan", "03")
    page.select_option("#choose-breakdown", "M")
    # A view link pressed before the choices' navigation happened keeps them.
    page.click("#tab-table")
    page.wait_for_url("**tab=table**")
    settle(page)
    page.click("#sort-value")
    page.wait_for_url("**sort=value**")
    settle(page)
    permalink = page.url
    before = page.locator("#ranking-table").inner_text()

    other = browser.new_context(base_url=live_app.url).new_page()
    try:
        open_page(other, permalink)
        assert other.locator("#ranking-table").inner_text() == before
        assert other.locator("#choose-lan").input_value() == "03"
        assert other.locator("#choose-breakdown").input_value() == "M"
        assert other.locator("#tab-table").get_attribute("aria-current") == "page"
        assert other.locator("#ranking-table th[aria-sort]").get_attribute("aria-sort") == (
            "ascending"
        )
    finally:
        other.context.close()


def test_downloaded_csv_matches_the_database(page: Any, live_app: LiveApp, tmp_path: Any) -> None:
    open_page(page, "/indikator/folkmangd?tab=download&breakdown=K&year=2020")
    with page.expect_download() as info:
        page.click("#download-table-csv")
    path = tmp_path / "table.csv"
    info.value.save_as(path)
    # The Swedish page gives Swedish Excel's CSV: byte-order mark, ";", decimal comma.
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    stored = observations_frame(live_app.engine, ["folkmangd"])
    stored = stored[(stored.period == "2020") & (stored.breakdown == "K")]
    stored = stored[stored.region_level == "kommun"].set_index("region_code")
    assert {r["regionkod"] for r in rows} == set(stored.index)
    for row in rows:
        expected = stored.loc[row["regionkod"]]
        assert isinstance(expected, pd.Series)
        if row["värde"] == "":
            assert pd.isna(expected["value"])  # missing stays missing, never 0
            assert row["källans_tecken"] == expected["status"] == ".."
        else:  # whole numbers: the indicator has no decimals
            assert float(row["värde"].replace(",", ".")) == float(expected["value"])
        assert row["enhet"] == "antal" and row["källa"] == "SCB" and row["period"] == "2020"
        assert row["uppdelning_kod"] == "K" and row["uppdelning"] == "Kvinnor"

    with page.expect_download() as info:
        page.click("#download-chart-xlsx")
    assert info.value.suggested_filename == "folkmangd_chart_00_K.xlsx"


MALFORMED = [
    ("/indikator/finns-inte", "Det finns ingen indikator med id finns-inte."),
    ("/indikator/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "Det finns ingen indikator med id"),
    ("/indikator/trangboddhet?kommun=9999", "Kommunkoden 9999 finns inte."),
    ("/indikator/trangboddhet?year=abc", "Året abc finns inte för den här indikatorn."),
    ("/indikator/trangboddhet?lan=%3Cscript%3Ealert(1)%3C/script%3E", "Länskoden <script>"),
    ("/indikator/trangboddhet?tab=%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E", "Fliken"),
    ("/omrade/FA99?lang=en", "There is no focus area with id FA99."),
    ("/omrade/FA01?lang=klingon", "Språket klingon finns inte"),
    ("/nagot/annat?x=%00", "Adressen leder inte till någon sida här."),
]


@pytest.mark.parametrize(("path", "message"), MALFORMED, ids=[p for p, _ in MALFORMED])
def test_malformed_addresses_give_a_friendly_message(
    page: Any, watch: Watch, path: str, message: str
) -> None:
    dialogs: list[str] = []

    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    open_page(page, path)
    body = page.locator("#main").inner_text()
    assert message in body
    assert "Traceback" not in body and "Error" not in body
    way_back = page.locator("#friendly-error a, #url-notice a").first
    assert way_back.count() == 1
    assert not dialogs  # injected script never runs
    assert not watch.server_errors, watch.server_errors
    way_back.click()
    settle(page)
    assert page.locator("#friendly-error, #url-notice").count() == 0


def test_keyboard_reaches_everything_with_visible_focus(page: Any) -> None:
    open_page(page, "/indikator/trangboddhet")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    seen: list[str] = []
    for _ in range(40):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => {
                const el = document.activeElement;
                const style = getComputedStyle(el);
                return [el.id || el.tagName, style.outlineStyle, style.boxShadow];
            }"""
        )
        seen.append(info[0])
        assert info[1] != "none" or info[2] != "none", f"no visible focus on {info[0]}"
        if info[0] == "tab-map":
            break
    assert {"choose-lan", "choose-kommun", "choose-peer", "choose-year"} <= set(seen)
    page.keyboard.press("Enter")
    page.wait_for_url("**tab=map**")
    settle(page)
    assert page.evaluate("document.activeElement.id") == "tab-map"  # focus stays on the view
    screenshot(page, "keyboard-map")


def test_map_boundaries_are_fetched_once(page: Any, watch: Watch) -> None:
    open_page(page, "/indikator/trangboddhet?tab=map")
    page.wait_for_selector("#map .main-svg")
    for year in ("2019", "2018", "2020"):
        page.select_option("#choose-year", year)
        page.wait_for_url(f"**year={year}**")
        settle(page)
        page.wait_for_selector("#map .main-svg")
    fetched = [u for u in watch.requests if "/geo/kommun.json" in u]
    assert len(fetched) == 1, fetched
    # Three municipalities and two of them again in the close-up of Stockholms län.
    assert page.locator("#map .choroplethlocation").count() == 5
