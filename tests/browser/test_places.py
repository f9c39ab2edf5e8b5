"""The place pages in headless Chromium: search, profiles, peer groups, comparison, printing.

The app serves testkit/profile_world.py's Sweden (the base world plus Gävleborg, refreshed
twice), loaded through the real ETL from the fake sources into a SQLite file of its own.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from levande.indicators.reads import dimensions as dims
from levande.indicators.reads.cache import Reader
from testkit.profile_world import GAVLE, loaded_profile_world
from tests.browser.conftest import (
    LiveApp,
    Watch,
    assert_accessible,
    open_page,
    open_tab,
    query,
    screenshot,
    serve_world,
    settle,
)

pytestmark = pytest.mark.browser

HALSA = "sjalvskattad-halsa"
TRANG = "trangboddhet"


@pytest.fixture(scope="module")
def place_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    with serve_world(tmp_path_factory.mktemp("place-world"), loaded_profile_world) as live:
        yield live


@pytest.fixture
def page(browser: Any, place_app: LiveApp, watch: Watch) -> Iterator[Any]:
    with open_tab(browser, place_app.url, watch) as tab:
        yield tab


def assert_clean(watch: Watch) -> None:
    assert not watch.server_errors, watch.server_errors
    assert not watch.failed_requests, watch.failed_requests
    assert not watch.console_errors, watch.console_errors


PAGES = [
    ("search", "/sok"),
    ("search-results", "/sok?q=gavle"),
    ("search-none-en", "/sok?q=zzz&lang=en"),
    ("profile", f"/kommun/{GAVLE}"),
    ("profile-en", f"/kommun/{GAVLE}?lang=en"),
    ("profile-county-peers", f"/kommun/{GAVLE}?peer=lan"),
    ("profile-custom", f"/kommun/{GAVLE}?peer=custom&peers=0180,0114"),
    ("profile-print", f"/kommun/{GAVLE}?print=1"),
    ("profile-stockholm", "/kommun/0180"),
    ("profile-county", "/lan/21"),
    ("profile-county-en", "/lan/01?lang=en"),
    ("compare-empty", "/jamfor"),
    ("compare", f"/jamfor?places=0180,{GAVLE},00&ind={TRANG},{HALSA}"),
    ("compare-en", "/jamfor?places=01,03&ind=livskvalitet-kommunindex&lang=en"),
    ("unknown-kommun", "/kommun/9999"),
    ("unknown-lan", "/lan/99"),
    ("bad-parameters", f"/kommun/{GAVLE}?peer=nope&print=x"),
]


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[n for n, _ in PAGES])
def test_each_place_page_renders_and_is_accessible(
    page: Any, watch: Watch, name: str, path: str
) -> None:
    open_page(page, path)
    lang = "en" if "lang=en" in path else "sv"
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.locator("h1").count() == 1
    body = page.locator("#main").inner_text()
    assert "Traceback" not in body
    screenshot(page, f"places-{name}")
    assert_accessible(page, name)
    assert_clean(watch)


def type_into_combobox(page: Any, field_id: str, typed: str) -> tuple[Any, Any]:
    """Type key by key into a type-ahead field; its field and first suggestion, once open."""
    field = page.locator(f"#{field_id}")
    field.click()
    field.press_sequentially(typed)
    option = page.locator(f"#{field_id}-list [role=option]").first
    option.wait_for()
    assert field.get_attribute("role") == "combobox"
    assert field.get_attribute("aria-expanded") == "true"
    return field, option


def choose_first_with_keys(field: Any, option: Any) -> None:
    """Arrow down to the first suggestion (announced as active and selected), then Enter."""
    field.press("ArrowDown")
    field_id = field.get_attribute("id")
    assert field.get_attribute("aria-activedescendant") == f"{field_id}-opt-0"
    assert option.get_attribute("aria-selected") == "true"
    field.press("Enter")


def test_search_gavle_lands_on_gavles_profile(page: Any, watch: Watch) -> None:
    open_page(page, "/sok")
    field, option = type_into_combobox(page, "place-q", "gavle")
    assert "Gävle" in option.inner_text() and "Gävleborgs län" in option.inner_text()
    assert page.locator("#place-q-status").inner_text().startswith("2 förslag")
    assert_accessible(page, "search-open")
    choose_first_with_keys(field, option)
    page.wait_for_url(f"**/kommun/{GAVLE}")
    settle(page)
    assert page.locator("h1").inner_text() == "Gävle"
    assert page.locator(".kicker").text_content() == "Kommun i Gävleborgs län"

    # From the profile's own search, by case and diacritics, with the form's button.
    field = page.locator("#place-q")
    field.fill("SANDVIKEN")
    page.locator("#place-search button[type=submit]").click()
    page.wait_for_url("**/kommun/2181")
    settle(page)
    assert page.locator("h1").inner_text() == "Sandviken"
    assert_clean(watch)


def test_search_without_a_choice_lists_the_matches(page: Any) -> None:
    open_page(page, "/sok")
    page.locator("#place-q").fill("gävle")
    page.locator("#place-q").press("Escape")
    page.locator("#place-search button[type=submit]").click()
    page.wait_for_url("**/kommun/2180")  # an exact name goes straight to the place
    open_page(page, "/sok?q=gav")
    results = page.locator("#search-results li")
    assert results.count() == 2
    results.first.locator("a").click()
    page.wait_for_url(f"**/kommun/{GAVLE}")
    settle(page)
    assert page.locator("h1").inner_text() == "Gävle"


def _profile_texts(page: Any) -> dict[str, str]:
    return {
        "peer": page.locator("#peer-description").inner_text(),
        "members": page.locator("#peer-members").text_content(),
        "table": page.locator("#table-FA01-D1").inner_text(),
    }


def test_switching_the_peer_group(page: Any, watch: Watch) -> None:
    open_page(page, f"/kommun/{GAVLE}")
    texts = _profile_texts(page)
    assert texts["peer"].startswith("B3 Större stad.")
    assert texts["members"] == "Gävle, Uppsala"
    # Gävle and Uppsala tie on livskvalitet in 2020: first of two, best quartile.
    row = page.locator("#table-FA01-D1 tbody tr").first.inner_text()
    assert "Kvartil 3 · rang 3 av 5" in row and "Kvartil 1 · rang 1 av 2" in row
    assert "Positionen är relativ." in page.locator(".relative-note").inner_text()

    page.select_option("#choose-peer", "lan")
    page.wait_for_url("**peer=lan**")
    settle(page)
    assert page.evaluate("document.activeElement.id") == "choose-peer"
    texts = _profile_texts(page)
    assert texts["peer"].startswith("Kommunerna i Gävleborgs län.")
    assert texts["members"] == "Gävle, Sandviken"
    row = page.locator("#table-FA01-D1 tbody tr").first.inner_text()
    assert "Kvartil 4 · rang 2 av 2" in row  # Sandviken's 66.5 beats Gävle's 66.0
    assert "66,3" in row  # the group's median (66.25), display rounding only

    page.select_option("#choose-peer", "G2328")
    page.wait_for_url("**peer=G2328**")
    settle(page)
    assert page.locator("#peer-description").inner_text().startswith("Alla kommuner.")
    assert_clean(watch)


def test_custom_group_of_three_survives_a_reload(
    page: Any, browser: Any, place_app: LiveApp, watch: Watch
) -> None:
    open_page(page, f"/kommun/{GAVLE}")
    page.select_option("#choose-peer", "custom")
    page.wait_for_url("**peer=custom**")
    settle(page)
    for code in ("0180", "0114", "0380"):
        page.select_option("#choose-add", code)
        page.wait_for_url(f"**{code}**")
        settle(page)
    assert query(page) == {"peer": ["custom"], "peers": ["0180,0114,0380"]}
    assert page.locator("#custom-peers li").count() == 3
    before = _profile_texts(page)
    assert before["members"] == "Gävle, Stockholm, Upplands Väsby, Uppsala"
    permalink = page.url
    assert page.locator("#permalink").inner_text().endswith("peers=0180%2C0114%2C0380")

    page.reload()
    settle(page)
    assert _profile_texts(page) == before

    other = browser.new_context(base_url=place_app.url).new_page()
    try:
        open_page(other, permalink)
        assert _profile_texts(other) == before
        assert other.locator("#choose-peer").input_value() == "custom"
    finally:
        other.context.close()

    page.click("#remove-peer-0114")
    page.wait_for_url("**peers=0180%2C0380**")
    settle(page)
    assert page.locator("#custom-peers li").count() == 2
    assert_clean(watch)


def test_compare_two_municipalities_and_two_indicators(
    page: Any, place_app: LiveApp, watch: Watch, tmp_path: Path
) -> None:
    open_page(page, "/jamfor")
    assert page.locator("#compare-empty").count() == 1
    # Places are picked by typing: the keyboard's arrow and Enter, then a click on a suggestion.
    field = page.locator("#add-place-q")
    field.fill("stockh")
    page.wait_for_selector("#add-place-q-list [role=option]")
    assert (
        page.locator("#add-place-q-list [role=option]").first.inner_text().startswith("Stockholm")
    )
    field.press("ArrowDown")
    assert field.get_attribute("aria-activedescendant") == "add-place-q-opt-0"
    field.press("Enter")
    page.wait_for_url("**places=0180**")
    settle(page)
    page.locator("#add-place-q").fill("gävle")
    page.wait_for_selector("#add-place-q-list [role=option]")
    # The render replaced the field the Enter was pressed in; the old field's closing timer
    # (150 ms after its focus left) must not empty the list typed into the new one.
    page.wait_for_timeout(300)
    assert page.locator("#add-place-q").get_attribute("aria-expanded") == "true"
    assert page.locator("#add-place-q-list [role=option]").first.inner_text().startswith("Gävle")
    page.locator("#add-place-q-list [role=option]").first.click()
    page.wait_for_url(f"**{GAVLE}**")
    settle(page)
    # Indicators too: part of the title typed, the keyboard's arrow and Enter; then a click.
    field, option = type_into_combobox(page, "add-ind-q", "trångbo")
    assert page.locator("label[for=add-ind-q]").inner_text() == "Lägg till en indikator"
    assert option.inner_text().startswith("Trångboddhet")
    detail = option.locator(".place-search__detail").inner_text().strip()
    assert detail.startswith("– ") and len(detail) > 4  # the indicator's focus area
    assert_accessible(page, "compare-indicator-picker-open")
    choose_first_with_keys(field, option)
    page.wait_for_url(f"**ind={TRANG}**")
    settle(page)
    page.locator("#add-ind-q").fill("kommunindex")
    page.wait_for_selector("#add-ind-q-list [role=option]")
    page.locator("#add-ind-q-list [role=option]").first.click()
    page.wait_for_url("**livskvalitet-kommunindex**")
    settle(page)
    assert query(page) == {
        "places": [f"0180,{GAVLE}"],
        "ind": [f"{TRANG},livskvalitet-kommunindex"],
    }
    assert page.locator(".compare-indicator").count() == 2
    chart = page.locator(f"#chart-{TRANG}")
    assert chart.locator(".scatterlayer .trace").count() == 1  # Gävle has no overcrowding
    assert page.locator("#chart-livskvalitet-kommunindex .scatterlayer .trace").count() == 2
    table = page.locator("#table-livskvalitet-kommunindex").inner_text()
    assert "Stockholm" in table and "Gävle" in table and "75,0" in table and "66,0" in table
    trang = page.locator(f"#table-{TRANG}").inner_text()
    assert "14,5" in trang and "saknas" in trang  # Gävle's column: missing, never 0
    screenshot(page, "places-compare-journey")

    with page.expect_download() as info:
        page.click("#download-compare-csv")
    path = tmp_path / "compare.csv"
    info.value.save_as(path)
    # Swedish Excel's dialect on a Swedish page: byte-order mark, ";", decimal comma.
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert list(rows[0]) == [
        "indikator_id", "indikator", "regionkod", "region", "nivå", "period",
        "uppdelning_kod", "uppdelning", "värde", "enhet", "källans_tecken", "beräkning",
        "källa", "källans_id",
    ]  # fmt: skip
    stockholm_2020 = [
        r for r in rows
        if r["indikator_id"] == TRANG and r["regionkod"] == "0180" and r["period"] == "2020"
    ]  # fmt: skip
    assert [r["värde"] for r in stockholm_2020] == ["14,8"]  # 14.75 to the indicator's decimal
    assert {r["regionkod"] for r in rows} == {"0180", GAVLE}

    page.click(f"#remove-places-{GAVLE}")
    page.wait_for_url("**places=0180&**")
    settle(page)
    assert page.locator("#chart-livskvalitet-kommunindex .scatterlayer .trace").count() == 1
    assert_clean(watch)


def test_an_english_page_suggests_indicators_in_english(page: Any, watch: Watch) -> None:
    open_page(page, "/jamfor?places=0180&lang=en")
    field, option = type_into_combobox(page, "add-ind-q", "overcr")
    assert option.inner_text().startswith("Overcrowding")
    assert page.locator("#add-ind-q-status").inner_text().startswith("1 suggestions")
    choose_first_with_keys(field, option)
    page.wait_for_url(f"**ind={TRANG}**")
    settle(page)
    assert query(page) == {"places": ["0180"], "ind": [TRANG], "lang": ["en"]}
    assert page.locator(f"#chart-{TRANG}").count() == 1
    assert_clean(watch)


def test_printed_profile_has_the_place_and_every_focus_area(
    page: Any, place_app: LiveApp, tmp_path: Path
) -> None:
    open_page(page, f"/kommun/{GAVLE}")
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.click("#print-button")
    assert page.evaluate("window.__printed === true")
    page.click("#print-view")
    page.wait_for_url("**print=1**")
    settle(page)
    assert page.locator("#print-header").is_visible()
    assert page.locator("#state-form").count() == 0  # no controls on paper
    pdf = page.pdf(format="A4", print_background=True)
    (tmp_path / "profile.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join((p.extract_text() or "") for p in reader.pages)
    flat = " ".join(text.split())
    assert "Gävle" in flat
    for fa in dims.focus_areas(Reader(place_app.engine)):
        assert " ".join(fa.name_sv.split()) in flat, fa.name_sv
    assert "Källor och metod" in flat and "Metod för status" in flat
    assert "docs/method.md" not in flat
    assert "Positionen är relativ." in flat
    assert "utskriven" in flat
    assert len(reader.pages) >= 1
    assert reader.pages[0].mediabox.width == pytest.approx(595, abs=2)  # A4 portrait


def test_malformed_place_addresses_are_friendly(page: Any, watch: Watch) -> None:
    cases = [
        ("/kommun/9999", "Det finns ingen kommun med koden 9999."),
        ("/lan/99", "Det finns inget län med koden 99."),
        ("/lan/2180", "Menade du Gävle (kommun)?"),
        ("/kommun/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "Det finns ingen kommun med koden"),
        (f"/kommun/{GAVLE}?peer=%3Cb%3Ex", "Jämförelsegruppen <b>x finns inte."),
        (f"/kommun/{GAVLE}?peer=custom&peers=0180,9999", "Koden 9999 i den egna gruppen"),
        ("/jamfor?places=0180,9999&ind=nope", "Det finns ingen plats med koden 9999."),
    ]
    dialogs: list[str] = []

    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    for path, message in cases:
        open_page(page, path)
        body = page.locator("#main").inner_text()
        assert message in body, (path, body[:400])
        assert page.locator("#friendly-error, #url-notice").count() == 1
    assert not dialogs
    assert_clean(watch)


def test_ranking_table_links_to_profiles(page: Any) -> None:
    open_page(page, f"/indikator/{TRANG}?tab=table")
    page.locator("#ranking-table a", has_text="Sandviken").click()
    page.wait_for_url("**/kommun/2181")
    settle(page)
    assert page.locator("h1").inner_text() == "Sandviken"


def _head_feeds(page: Any) -> list[str]:
    return list(
        page.eval_on_selector_all(
            'head link[rel="alternate"][type="application/atom+xml"]',
            "links => links.map(l => l.getAttribute('href'))",
        )
    )


def test_the_head_announces_the_feed_of_the_page_reached_in_the_app(page: Any) -> None:
    open_page(page, "/kommun/0180")
    assert _head_feeds(page) == ["/flode/kommun/0180.atom", "/flode.atom"]
    page.evaluate("window.__sameDocument = true")
    page.locator(f'#main a[href^="/indikator/{TRANG}?"]').first.click()
    page.wait_for_url(f"**/indikator/{TRANG}?*")
    settle(page)
    assert page.evaluate("window.__sameDocument === true")  # no new document was loaded
    assert _head_feeds(page) == [f"/flode/indikator/{TRANG}.atom", "/flode.atom"]
    # The language switch, also in the app, gives the English feeds.
    page.locator("#lang-switch").click()
    page.wait_for_url("**lang=en*")
    settle(page)
    assert page.evaluate("window.__sameDocument === true")
    assert _head_feeds(page) == [
        f"/flode/indikator/{TRANG}.atom?lang=en",
        "/flode.atom?lang=en",
    ]
