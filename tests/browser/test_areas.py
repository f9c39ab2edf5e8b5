"""The page "Inom kommunen" in headless Chromium: map and table, keyboard, own boundaries only.

The app serves the small Sweden with its DeSO/RegSO values and boundaries loaded through the
real ETL from the fake SCB, Kolada and WFS (testkit/small_area_world.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from testkit.small_area_world import DESO_2018, REGSO_2020, loaded_small_area_world
from tests.browser.conftest import (
    LiveApp,
    Watch,
    assert_accessible,
    open_page,
    open_tab,
    screenshot,
    serve_world,
)

pytestmark = pytest.mark.browser

# Stockholm is the large municipality of the small Sweden (six DeSO, three RegSO); Upplands
# Väsby the small one (three DeSO, two RegSO).
CASES = [
    ("0180", "regso", [c for c in REGSO_2020 if c.startswith("0180")]),
    ("0180", "deso", [c for c in DESO_2018 if c.startswith("0180")]),
    ("0114", "regso", [c for c in REGSO_2020 if c.startswith("0114")]),
    ("0114", "deso", [c for c in DESO_2018 if c.startswith("0114")]),
]


@pytest.fixture(scope="module")
def areas_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    with serve_world(tmp_path_factory.mktemp("areas-world"), loaded_small_area_world) as live:
        yield live


@pytest.fixture
def page(browser: Any, areas_app: LiveApp, watch: Watch) -> Iterator[Any]:
    with open_tab(browser, areas_app.url, watch) as tab:
        yield tab


@pytest.mark.parametrize(("code", "level", "areas"), CASES)
def test_map_and_table_of_every_area(
    page: Any, watch: Watch, code: str, level: str, areas: list[str]
) -> None:
    open_page(page, f"/kommun/{code}/omraden?niva={level}&ar=2024&indikator=omr-folkmangd")
    # One shape per area on the map, one row per area in the table.
    page.wait_for_function(
        f"() => document.querySelectorAll('#areas-map .choroplethlocation').length >= {len(areas)}"
    )
    rows = page.locator("#areas-table tbody tr")
    assert rows.count() == len(areas)
    text = page.locator("#areas-table").inner_text()
    assert all(area in text for area in areas)
    # Only this municipality's boundaries were fetched, and no other's.
    geo = [u for u in watch.requests if "/geo/omraden/" in u]
    assert geo and all(f"/{level}/2018/{code}.json" in u or f"/{level}/2020/{code}.json" in u
                       for u in geo), geo  # fmt: skip
    assert not watch.server_errors and not watch.console_errors, (
        watch.server_errors,
        watch.console_errors,
    )
    screenshot(page, f"areas-{code}-{level}")


def test_the_choices_stand_side_by_side_on_a_wide_screen(page: Any) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    open_page(page, "/kommun/0180/omraden")
    tops = {round(page.locator(f"#choose-{name}").bounding_box()["y"]) for name in
            ("indikator", "niva", "ar", "typer")}  # fmt: skip
    assert len(tops) == 1, tops
    heading = page.locator("#main h2").first.bounding_box()
    assert heading["y"] + heading["height"] < 900  # the measure's heading on the first screen


def test_keyboard_reaches_every_areas_value(page: Any) -> None:
    open_page(page, "/kommun/0180/omraden?indikator=omr-lag-ekonomisk-standard&ar=2024")
    region = page.locator("#areas-table-region")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "areas-table-region":
            break
    else:
        pytest.fail("the table of areas is never reached with the keyboard")
    # The focused region is the labelled table: every area's value is in it, for reading.
    assert region.get_attribute("aria-label", timeout=1000)
    focused = page.evaluate("() => document.activeElement.innerText")
    for value in ("4,5", "30,0", "5,5"):
        assert value in focused


def test_area_types_switch_and_language(page: Any) -> None:
    open_page(page, "/kommun/0180/omraden?typer=1&lang=en")
    assert page.locator("#areas-title").inner_text() == "Within the municipality: Stockholm"
    assert page.locator("#choose-typer").input_value() == "1"
    assert "1 Major socio-economic challenges" in page.locator("#areas-table").inner_text()


def test_accessible(page: Any) -> None:
    open_page(page, "/kommun/0180/omraden?ar=2024")
    assert_accessible(page, "areas")


def test_printed_page_has_the_measure_every_area_and_the_folded_tables(
    page: Any, tmp_path: Any
) -> None:
    import io

    from pypdf import PdfReader

    open_page(page, "/kommun/0180/omraden?indikator=omr-lag-ekonomisk-standard&ar=2024")
    assert not page.locator("#areas-print-header").is_visible()  # on paper only
    assert not page.locator("#areas-type-table").is_visible()  # folded on screen
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.click("#print-button")
    assert page.evaluate("window.__printed === true")
    assert page.locator("#areas-type-table").is_visible()  # unfolded for paper
    summary = page.locator("#areas-by-type ~ details summary")
    assert summary.inner_text() == "Visa diagrammets data som tabell"
    page.emulate_media(media="print")
    assert page.locator("#areas-print-header").is_visible()
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    screenshot(page, "areas-print")
    pdf = page.pdf(format="A4", print_background=True)
    (tmp_path / "areas.pdf").write_bytes(pdf)
    flat = " ".join(
        " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages).split()
    )
    assert "inom kommunen Stockholm · Låg ekonomisk standard 2024, RegSO · utskriven" in flat
    for name in ("Norrmalm", "Rinkeby", "Bromma"):
        assert name in flat, name
    assert "Hur stora är skillnaderna?" in flat
    # The by-type chart's caption, and again its table's, now unfolded.
    assert flat.count("Stockholm: måttet efter områdestyp och år") >= 2
    for control in ("Välj vad som visas", "Skriv ut", "Ladda ner"):
        assert control not in flat, control  # no controls on paper
