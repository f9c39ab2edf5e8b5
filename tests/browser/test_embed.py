"""An embeddable chart inside another site's page, served from another port, renders."""

from __future__ import annotations

import html
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from levande.dashboard.app import create_app
from levande.indicators.core.settings import Settings
from tests.browser.conftest import LiveApp, Watch, assert_accessible, open_page, open_tab, serve

pytestmark = pytest.mark.browser


@contextmanager
def host_site(frame_src: str) -> Iterator[str]:
    """Another site (another origin: another port) whose one page frames ``frame_src``."""
    body = (
        '<!DOCTYPE html><html lang="sv"><head><title>Kommunens sida</title></head><body>'
        "<h1>Vår stad i siffror</h1>"
        f'<iframe src="{html.escape(frame_src)}" title="Trångboddhet – Diagram" '
        'width="900" height="700" style="border:0"></iframe></body></html>'
    )

    @Request.application
    def app(_request: Request) -> Response:
        return Response(body, mimetype="text/html")

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def test_a_chart_embedded_in_another_site_renders(
    browser: Any, live_app: LiveApp, watch: Watch
) -> None:
    src = f"{live_app.url}/indikator/trangboddhet?kommun=0180&embed=1"
    with host_site(src) as site, open_tab(browser, site, watch) as tab:
        assert tab.goto(site).status == 200
        frame = tab.frame_locator("iframe")
        frame.locator("#chart .main-svg").first.wait_for()
        assert frame.locator("h1").inner_text() == "Trångboddhet – Diagram"
        assert "Källa: Kolada." in frame.locator(".source-line").first.inner_text()
        assert "Källor: SCB · Kolada" in frame.locator(".embed-footer").inner_text()
        assert "Data senast uppdaterad" in frame.locator("#embed-refresh").inner_text()
        assert frame.locator("table").count() >= 1  # the table behind the chart
        assert frame.locator(".site-header").count() == 0
        full = frame.locator("#embed-open-full")
        href = full.get_attribute("href") or ""
        assert href.startswith(f"{live_app.url}/indikator/trangboddhet?kommun=0180")
        assert "embed" not in href
    assert not watch.server_errors, watch.server_errors
    assert not watch.console_errors, watch.console_errors


def test_a_site_the_operator_did_not_allow_cannot_frame_it(
    browser: Any, live_app: LiveApp, watch: Watch
) -> None:
    settings = Settings(
        database_url=live_app.engine.url.render_as_string(hide_password=False),
        frame_ancestors="'self'",
    )
    app = create_app(settings, live_app.engine)
    with serve(app, live_app.engine) as strict:
        src = f"{strict.url}/indikator/trangboddhet?embed=1"
        with host_site(src) as site, open_tab(browser, site, watch) as tab:
            tab.goto(site, wait_until="load")  # the page's load waits for its frame's
            frame = tab.frames[-1]
            # The browser refused the document: the frame holds its error page, not the view.
            assert frame.url != src, frame.url
            assert frame.locator("#main").count() == 0


def test_the_embedded_view_is_accessible_and_the_snippet_is_offered(
    page: Any, live_app: LiveApp
) -> None:
    open_page(page, "/indikator/trangboddhet?tab=map&embed=1")
    assert page.locator(".site-header").count() == 0
    assert_accessible(page, "embed-map")
    open_page(page, "/indikator/trangboddhet?tab=map")
    page.get_by_text("Bädda in", exact=True).click()
    code = page.get_by_label("Kod att klistra in").input_value()
    assert code.startswith(f'<iframe src="{live_app.url}/indikator/trangboddhet?tab=map')
    assert "embed=1" in code
