"""The local data page in headless Chromium: the compass and its table beside the area's statistics.

The app serves the small Sweden with its DeSO/RegSO values loaded through the real ETL from the
fake sources, and Platskompassen results published for one of Upplands Väsby's RegSO.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from levande.indicators.core.local_data import LocalKind, parse_dataset
from levande.indicators.store import local_data as local_store
from testkit.small_area_world import loaded_small_area_world
from tests.browser.conftest import (
    LiveApp,
    Watch,
    assert_accessible,
    open_page,
    open_tab,
    serve_world,
)

pytestmark = pytest.mark.browser

SURVEY = """area_code,area_name,survey_date,theme,mean_score,respondents
0114R001,Väsby norra,2026-05-12,trygghet,4.5,40
0114R001,Väsby norra,2026-05-12,natur,5.8,40
0114R001,Väsby norra,2026-05-12,kollektivtrafik,3.2,40
0114R002,Väsby södra,2026-05-12,trygghet,3.9,6
"""


@contextmanager
def _load(engine: Engine, config: Path, folder: Path) -> Iterator[None]:
    with loaded_small_area_world(engine, config, folder):
        local_store.publish(
            engine,
            local_store.Publisher(local_store.OPERATOR, None),
            local_store.DatasetFile(
                municipality="0114", slug="platskompassen-2026",
                kind=LocalKind.PLATSKOMPASSEN, title="Platskompassen Upplands Väsby",
                method="Enkät och dialog, maj 2026.",
                rows=parse_dataset(SURVEY, LocalKind.PLATSKOMPASSEN, "0114"),
            ),
        )  # fmt: skip
        yield


@pytest.fixture(scope="module")
def local_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    with serve_world(tmp_path_factory.mktemp("local-world"), _load) as live:
        yield live


@pytest.fixture
def page(browser: Any, local_app: LiveApp, watch: Watch) -> Iterator[Any]:
    with open_tab(browser, local_app.url, watch) as tab:
        yield tab


def test_compass_and_table_beside_the_areas_statistics(page: Any, watch: Watch) -> None:
    open_page(page, "/kommun/0114/lokal?area=0114R001&compare=0114R002")
    # The compass is drawn: one polar trace per line (the area and the one compared with).
    page.wait_for_function(
        "() => document.querySelectorAll('#local-compass .scatterlayer .trace').length >= 2"
    )
    table = page.locator("#local-compass-table").inner_text()
    assert "Känna sig trygg" in table and "4,5" in table and "för få svar" in table
    stats = page.locator("#local-statistics-table").inner_text()
    assert "Folkmängd" in stats
    # Side by side on a wide screen: the statistics start to the right of the compass.
    compass = page.locator(".local-compass").bounding_box()
    beside = page.locator(".local-statistics").bounding_box()
    assert beside["x"] > compass["x"] + compass["width"] / 2
    assert "Lokal data från Upplands Väsby kommun, inte officiell statistik." in (
        page.locator("#local-notice").inner_text()
    )
    assert_accessible(page, "local-data")
    assert watch.console_errors == [] and watch.server_errors == []


def test_reached_from_the_profile_and_the_area_page(page: Any) -> None:
    open_page(page, "/kommun/0114")
    page.locator("#local-link").click()
    page.wait_for_selector("#local-compass-table")
    open_page(page, "/kommun/0114/omraden")
    page.locator("#areas-local-link").click()
    page.wait_for_selector("#local-compass-table")
