"""Data status and the operator's refresh in headless Chromium.

A server of its own, with an operator token and the fake sources kept running, so a refresh
started from the page really fetches and shows up in the run history.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.serving import make_server

from levande.dashboard.app import create_app
from levande.indicators.store.database import make_engine, upgrade_schema
from levande.indicators.store.schema import EtlRun
from testkit.sample_catalogue import write_sample_catalogue
from testkit.seeded import World, loaded_world
from tests.browser.conftest import assert_accessible, screenshot, settle

pytestmark = pytest.mark.browser

TOKEN = "browser-operator-" + "4e1d" * 8


@pytest.fixture(scope="module")
def ops_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, World]]:
    folder = tmp_path_factory.mktemp("ops-world")
    engine = make_engine(f"sqlite:///{folder / 'levande.db'}")
    upgrade_schema(engine)
    config = write_sample_catalogue(folder / "config")
    with loaded_world(engine, config, folder) as world:
        settings = world.settings.model_copy(update={"admin_token": SecretStr(TOKEN)})
        app = create_app(settings, engine)
        server = make_server("127.0.0.1", 0, app.server, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}", world
        finally:
            server.shutdown()
            thread.join(timeout=10)
            engine.dispose()


@pytest.fixture
def ops_page(browser: Any, ops_app: tuple[str, World]) -> Iterator[Any]:
    context = browser.new_context(base_url=ops_app[0], viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_data_status_page(ops_page: Any, ops_app: tuple[str, World]) -> None:
    _, world = ops_app
    ops_page.goto("/data")
    settle(ops_page)
    table = ops_page.locator("#indicator-freshness")
    assert table.locator("tbody tr").count() == len(world.catalogue.indicators)
    assert "Aktuell" in table.inner_text()
    assert "Kolada" in ops_page.locator("#source-health").inner_text()
    assert "varje natt 02:15" in ops_page.locator("#schedule").inner_text()
    screenshot(ops_page, "data-status")
    assert_accessible(ops_page, "data-status")
    # Each run of the public history opens its own page, with every step.
    ops_page.locator("#run-history a").first.click()
    ops_page.wait_for_url("**/data/korning/*")
    settle(ops_page)
    steps = ops_page.locator("#run-steps")
    assert steps.locator("tbody tr").count() >= 1
    assert "lyckad" in steps.inner_text()
    assert ops_page.locator("details").count() == 0  # no technical detail for the public
    screenshot(ops_page, "run-page")
    assert_accessible(ops_page, "run-page")


CAPTIONS_IN_VIEW = """() => [...document.querySelectorAll('.table-scroll')]
    .filter(box => box.querySelector('caption') && box.scrollWidth > box.clientWidth)
    .map(box => {
        const seen = box.getBoundingClientRect();
        const caption = box.querySelector('caption').getBoundingClientRect();
        return [caption.left >= seen.left - 1 && caption.right <= seen.right + 1,
                box.querySelector('caption').textContent];
    })"""


@pytest.mark.parametrize("path", ["/data", "/kommun/0180"])
def test_a_wide_tables_caption_stays_in_view_on_a_phone(
    browser: Any, ops_app: tuple[str, World], path: str
) -> None:
    """The table scrolls sideways under its caption, which wraps within the visible width."""
    context = browser.new_context(
        base_url=ops_app[0], viewport={"width": 390, "height": 844}, is_mobile=True
    )
    try:
        page = context.new_page()
        page.goto(path)
        settle(page)
        captions = page.evaluate(CAPTIONS_IN_VIEW)
        assert captions, "a table wider than the phone's screen"
        assert all(inside for inside, _ in captions), captions
        page.evaluate(
            "() => document.querySelectorAll('.table-scroll').forEach(b => b.scrollLeft = 400)"
        )
        assert all(inside for inside, _ in page.evaluate(CAPTIONS_IN_VIEW))
    finally:
        context.close()


def test_operator_signs_in_and_starts_a_refresh(ops_page: Any, ops_app: tuple[str, World]) -> None:
    _, world = ops_app
    ops_page.goto("/data/operator?lang=en")
    settle(ops_page)
    assert_accessible(ops_page, "operator-sign-in")
    ops_page.get_by_label("Operator token").fill("wrong")
    ops_page.get_by_role("button", name="Sign in").click()
    ops_page.wait_for_url("**/data/operator?refused=1&lang=en")
    settle(ops_page)
    assert "not accepted" in ops_page.locator("main").inner_text()
    assert ops_page.locator("#operator-start").count() == 0

    ops_page.get_by_label("Operator token").fill(TOKEN)
    ops_page.get_by_role("button", name="Sign in").click()
    ops_page.wait_for_url("**/data/operator?lang=en")
    settle(ops_page)
    ops_page.get_by_label("What should be fetched?").select_option("indicator:trangboddhet")
    ops_page.get_by_role("button", name="Start refresh").click()
    ops_page.wait_for_url("**started=indicator*")
    settle(ops_page)
    # The run shows up in the history, which refreshes itself until the run has finished.
    ops_page.wait_for_function(
        "() => /#\\d+ selected indicators/.test("
        "document.querySelector('#run-history')?.innerText || '')"
        " && !/running/.test(document.querySelector('#run-history').innerText)",
        timeout=60_000,
    )
    screenshot(ops_page, "operator-history")
    assert_accessible(ops_page, "operator-history")
    with Session(world.engine) as session:
        run = session.scalars(select(EtlRun).where(EtlRun.trigger == "operator")).one()
    assert run.outcome == "success"
    assert f"#{run.id} selected indicators" in ops_page.locator("#run-history").inner_text()
    # The console lists the schedule with "run now" for each job.
    schedule = ops_page.locator("#schedule")
    assert "every night at 02:15" in schedule.inner_text()
    assert schedule.get_by_role("button", name="Run kolada-nightly now").count() == 1
