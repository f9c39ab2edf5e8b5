"""Hostile addresses for every page: no 5xx, no error page for a valid path, nothing echoed raw.

Hypothesis builds addresses from every page's valid path with random known parameters (in
and out of their domains), unknown ones, and ones named like the arguments of the functions
that build the pages (``level``, ``code``, ``ctx``...), with values that hold markup, quotes,
Unicode, repeats and nothing. Each address is asked of the app's page router as the browser
does; the plain routes (boundaries, downloads) are asked too. A page may say that a value
could not be used, but a valid path never shows the friendly error page, which means a page
failed; and no value from the address reaches a place where it would not be escaped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levande.dashboard.app import create_app
from levande.dashboard.i18n import t
from levande.indicators.core.settings import Settings
from levande.indicators.store.database import make_engine
from testkit.dash_routes import route_body
from testkit.sample_catalogue import write_strategy_sample
from testkit.seeded import seeded_client

pytestmark = pytest.mark.integration

#: Every page's valid paths (one per template), on the seeded small Sweden.
PAGES = (
    "/",
    "/omrade/FA01",
    "/indikator/trangboddhet",
    "/indikator/folkmangd",
    "/kommun/0180",
    "/kommun/0114",
    "/kommun/0180/lokal",
    "/kommun/0180/omraden",
    "/lan/01",
    "/jamfor",
    "/sok",
    "/data",
    "/data/operator",
    "/data/korning/1",
    "/tillganglighet",
    "/metod",
    "/api",
)
#: Plain routes whose answer is HTML or text that could echo the address.
ROUTES = (
    "/ladda-ner/trangboddhet.csv",
    "/ladda-ner/profil/0180.csv",
    "/flode/kommun/0180.atom",
    "/flode/indikator/",
    "/ladda-ner/lokal/0180.csv",
    "/kommun/0180/lokal/publicera",
    "/data/operator/lokal",
)

KNOWN = (
    "lang", "tab", "year", "kommun", "lan", "breakdown", "gender", "peers", "peer", "sort",
    "level", "print", "places", "indikator", "ind", "q", "stale", "refused", "busy", "started",
    "format", "area", "map", "dataset", "version", "compare", "niva", "ar", "typer", "dry_run",
    "no_dry_run", "accepted", "months", "show", "status", "omrade", "add_place", "add_ind",
)  # fmt: skip
#: Names of the arguments of the functions that build the pages, and other likely collisions.
ARGUMENTS = (
    "ctx", "code", "indicator_id", "focus_area_id", "run_id", "url", "kwargs", "self", "path",
    "render", "build", "request", "params", "template", "_", "__class__",
)  # fmt: skip
MARKER = "<script>x</script>"
VALUES = st.one_of(
    st.sampled_from(
        ["", "en", "sv", "1", "0", "-1", "2019", "0180", "01", "00", "table", "map", "about",
         "-value", "county", "x" * 300, MARKER, '"><img src=x onerror=alert(1)>',
         "javascript:alert(1)", "%00", "../../etc/passwd", "0180,0114,9999", "{}", "[]",
         "NaN", "1e309", "\u202e", "😀"]
    ),
    st.text(max_size=20),
)  # fmt: skip
NAMES = st.one_of(st.sampled_from(KNOWN), st.sampled_from(ARGUMENTS), st.text(max_size=8))
QUERIES = st.lists(st.tuples(NAMES, VALUES), max_size=5)
ERROR_TITLES = (t("error_title", "sv"), t("error_title", "en"))


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlaskClient]:
    with seeded_client(tmp_path_factory.mktemp("fuzz"), write_strategy_sample) as (client, _):
        yield client


def _components(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, list):
        for item in node:
            yield from _components(item)
    elif isinstance(node, dict):
        if "type" in node and "props" in node:
            yield node
        for value in node.values():
            yield from _components(value)


def unescaped(body: Any) -> list[str]:
    """Where an answer would let text through unescaped: raw HTML, script links."""
    found = []
    for component in _components(body):
        props = component["props"]
        raw_html = props.get("dangerously_allow_html") or component["type"] == "Markdown"
        quoted = json.dumps(props, ensure_ascii=False)
        if raw_html and (MARKER in quoted or "onerror" in quoted):
            found.append(f"{component['type']} quotes markup from the address")
        for key in ("href", "src", "action"):
            value = props.get(key)
            if isinstance(value, str) and value.strip().lower().startswith("javascript:"):
                found.append(f"{component['type']}.{key} is a script link: {value[:60]}")
    return found


@settings(
    max_examples=250,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(path=st.sampled_from(PAGES), query=QUERIES)
def test_no_page_fails_on_any_query(
    client: FlaskClient, path: str, query: list[tuple[str, str]]
) -> None:
    search = f"?{urlencode(query)}" if query else ""
    response = client.post("/_dash-update-component", json=route_body(path, search))
    assert response.status_code == 200, (path, search)
    body = response.get_json()
    text = json.dumps(body, ensure_ascii=False)
    assert not any(title in text for title in ERROR_TITLES), (path, search)
    assert unescaped(body) == [], (path, search)


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(path=st.sampled_from(ROUTES), query=QUERIES, tail=st.sampled_from(["", MARKER, "%3Cb%3E"]))
def test_no_route_fails_or_echoes_markup(
    client: FlaskClient, path: str, query: list[tuple[str, str]], tail: str
) -> None:
    address = path + tail + (f"?{urlencode(query)}" if query else "")
    response = client.get(address)
    assert response.status_code < 500, address
    assert MARKER not in response.get_data(as_text=True), address


def test_the_fuzzed_pages_are_every_page_of_the_app() -> None:
    import re

    import dash

    create_app(Settings(database_url="sqlite://"), make_engine("sqlite://"))
    templates = {p.get("path_template") or p["path"] for p in dash.page_registry.values()}

    def covered(template: str) -> bool:
        pattern = re.sub(r"<[^>]+>", "[^/]+", template)
        return any(re.fullmatch(pattern, path) for path in PAGES)

    assert sorted(tpl for tpl in templates if tpl != "/404" and not covered(tpl)) == []


def test_a_profile_with_a_parameter_named_like_an_argument_is_the_profile(
    client: FlaskClient,
) -> None:
    for search in ("?level=x", "?code=0114", "?ctx=1", "?level=lan&code=01&lang=en"):
        response = client.post("/_dash-update-component", json=route_body("/kommun/0180", search))
        assert response.status_code == 200, search
        body = response.get_json()
        text = json.dumps(body, ensure_ascii=False)
        assert not any(title in text for title in ERROR_TITLES), search
        headings = [json.dumps(c["props"].get("children"), ensure_ascii=False)
                    for c in _components(body) if c["type"] == "H1"]  # fmt: skip
        assert len(headings) == 1 and "Stockholm" in headings[0], search  # the path's place
        assert "Upplands Väsby" not in headings[0], search
