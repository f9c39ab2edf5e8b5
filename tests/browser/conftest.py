"""The browser suite: one app server and one headless Chromium per session.

The database is loaded through the real ETL from the fake SCB and Kolada servers into a
temporary SQLite file; the app serves it on a loopback port from a background thread; Debian's
Chromium (never a downloaded browser) is driven with Playwright. Screenshots go to
``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import Engine
from werkzeug.serving import BaseWSGIServer, make_server

from levande.dashboard.app import create_app
from levande.indicators.core.settings import Settings
from levande.indicators.store.database import make_engine, upgrade_schema
from testkit.sample_catalogue import write_sample_catalogue
from testkit.seeded import loaded_world

CHROMIUM = os.environ.get("LEVANDE_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@dataclass
class LiveApp:
    """The running app: its base URL and the database behind it."""

    url: str
    engine: Engine
    server: BaseWSGIServer
    thread: threading.Thread


@contextmanager
def serve(app: Any, engine: Engine) -> Iterator[LiveApp]:
    """Serve a Dash app's Flask server on a loopback port from a background thread."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveApp(f"http://127.0.0.1:{server.server_port}", engine, server, thread)
    finally:
        server.shutdown()
        thread.join(timeout=10)


@contextmanager
def serve_world(folder: Path, load: Callable[[Engine, Path, Path], Any]) -> Iterator[LiveApp]:
    """A SQLite database in ``folder`` loaded by ``load`` (a world's context manager), served."""
    url = f"sqlite:///{folder / 'levande.db'}"
    engine = make_engine(url)
    upgrade_schema(engine)
    config = write_sample_catalogue(folder / "config")
    with load(engine, config, folder):
        pass
    app = create_app(Settings(database_url=url, config_dir=config), engine)
    try:
        with serve(app, engine) as live:
            yield live
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    with serve_world(tmp_path_factory.mktemp("browser-world"), loaded_world) as live:
        yield live


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        message = f"Chromium not found at {CHROMIUM}; install Debian's chromium (.ci/system-deps)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Watch:
    """What a page did that a test may want to assert on."""

    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def watch() -> Watch:
    return Watch()


@contextmanager
def open_tab(browser: Any, base_url: str, watch: Watch) -> Iterator[Any]:
    """A new browser context and tab on ``base_url`` that reports errors into ``watch``."""
    context = browser.new_context(
        base_url=base_url,
        viewport={"width": 1280, "height": 900},
        locale="sv-SE",
        accept_downloads=True,
    )
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.on(
        "console",
        lambda msg: watch.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    tab.on("requestfailed", lambda req: watch.failed_requests.append(req.url))
    tab.on("request", lambda req: watch.requests.append(req.url))
    tab.on(
        "response",
        lambda res: (
            watch.server_errors.append(f"{res.status} {res.url}") if res.status >= 500 else None
        ),
    )
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture
def page(browser: Any, live_app: LiveApp, watch: Watch) -> Iterator[Any]:
    with open_tab(browser, live_app.url, watch) as tab:
        yield tab


def settle(page: Any) -> None:
    """Wait until Dash has rendered the page for the current address, figures included.

    assets/levande.js marks ``<html data-rendered>`` with the address after each render.
    """
    page.wait_for_function(
        "() => document.documentElement.dataset.rendered === location.pathname + location.search"
    )
    page.wait_for_function(
        "() => [...document.querySelectorAll('.dash-graph')]"
        ".every(g => g.querySelector('.main-svg'))"
    )


def open_page(page: Any, path: str) -> None:
    """Go to ``path``, expect HTTP 200 and wait for the render."""
    response = page.goto(path)
    assert response is not None and response.status == 200
    settle(page)


def query(page: Any) -> dict[str, list[str]]:
    """The query parameters of the page's current address."""
    return parse_qs(urlsplit(page.url).query)


_AXE: list[Any] = []


def assert_accessible(page: Any, name: str) -> None:
    """axe-core finds no serious or critical violation on the page."""
    if not _AXE:
        from axe_playwright_python.sync_playwright import Axe

        _AXE.append(Axe())
    results = _AXE[0].run(page)
    bad = [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:160]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, f"{name}: " + "; ".join(bad)


def screenshot(page: Any, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


SHIPPED_CONFIG = Path(__file__).resolve().parents[2] / "config"


@pytest.fixture(scope="session")
def strategy_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    """The shipped catalogue synced into an empty database and served.

    The thirteen focus areas, the context group and the old addresses as readers meet them (no data
    loaded).
    """
    from levande.indicators.core.catalogue import load_catalogue
    from levande.indicators.store.sync import sync_catalogue

    folder = tmp_path_factory.mktemp("browser-strategy")
    url = f"sqlite:///{folder / 'levande.db'}"
    engine = make_engine(url)
    upgrade_schema(engine)
    sync_catalogue(engine, load_catalogue(SHIPPED_CONFIG))
    app = create_app(Settings(database_url=url, config_dir=SHIPPED_CONFIG), engine)
    try:
        with serve(app, engine) as live:
            yield live
    finally:
        engine.dispose()
