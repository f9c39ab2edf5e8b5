"""A run with a failing source, as the public and an operator see it: plain words only.

A refresh runs against the fake Kolada answering 503 with a body that names an internal host;
the data-status page and the run's page are then asked of the app in Swedish and English,
and every visible text is checked for what belongs in the run log only: the exception's text,
the internal addresses, the server's own words and the settings' names.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from pydantic import SecretStr
from sqlalchemy import Engine

from levande.dashboard.app import create_app
from levande.dashboard.operator.auth import COOKIE
from levande.etl.pipeline import run_refresh
from testkit.dash_routes import route
from testkit.fakes.server import Fault
from testkit.seeded import World, loaded_world

pytestmark = pytest.mark.integration

TOKEN = "op-" + "5b1e2d" * 6
INTERNAL = "db01.internal.example: connection pool exhausted"
PLAIN = {
    "sv": "Kolada svarade med ett fel (fel hos källan, HTTP 503) efter 2 försök",
    "en": "Kolada answered with an error (a fault at the source, HTTP 503) after 2 attempts",
}
STEPS = {
    "sv": "misslyckad",
    "en": "failed",
}


@pytest.fixture
def failed_run(engine: Engine, sample_config: Path, tmp_path: Path) -> Iterator[tuple[World, int]]:
    with loaded_world(engine, sample_config, tmp_path) as world:
        world.kolada.add_fault(
            Fault.server_error(503, body=INTERNAL), path_contains="/data", times=1000
        )
        summary = run_refresh(world.engine, world.catalogue, world.settings, sources=["kolada"])
        assert summary.outcome == "failed"
        yield world, summary.run_id


def _client(world: World) -> FlaskClient:
    settings = world.settings.model_copy(update={"admin_token": SecretStr(TOKEN)})
    client: FlaskClient = create_app(settings, world.engine).server.test_client()
    return client


def _texts(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for item in node:
            yield from _texts(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in ("href", "id", "className", "type", "namespace"):
                yield from _texts(value)


def _page(client: FlaskClient, path: str, lang: str) -> str:
    status, body = route(client, path, "?lang=en" if lang == "en" else "")
    assert status == 200
    return "\n".join(_texts(body))


def _leaks(text: str, world: World) -> list[str]:
    leaks = ["http://", "https://", "Service Unavailable", INTERNAL, "LEVANDE_", "Traceback"]
    leaks += [world.kolada.url, "127.0.0.1", "SourceStatusError", "[", "]"]
    return [leak for leak in leaks if leak in text]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_public_sees_plain_words_and_no_exception_text(
    failed_run: tuple[World, int], lang: str
) -> None:
    world, run_id = failed_run
    client = _client(world)
    run_page = _page(client, f"/data/korning/{run_id}", lang)
    assert PLAIN[lang] in run_page
    assert STEPS[lang] in run_page
    assert _leaks(run_page, world) == []
    data_page = _page(client, "/data", lang)
    assert PLAIN[lang] in data_page  # the source's health, in words
    assert f"#{run_id}" in data_page  # the run history, read-only, without a token
    assert _leaks(data_page, world) == []


def test_a_signed_in_operator_also_sees_the_technical_detail(
    failed_run: tuple[World, int],
) -> None:
    world, run_id = failed_run
    client = _client(world)
    response = client.post("/operator/login", data={"token": TOKEN})
    assert response.status_code == 303 and client.get_cookie(COOKIE) is not None
    page = _page(client, f"/data/korning/{run_id}", "en")
    assert PLAIN["en"] in page
    assert "Technical detail" in page and "HTTP 503 Service Unavailable" in page
    # The page depends on who asks: it is never served from the page cache.
    client.post("/operator/logout")
    assert "Technical detail" not in _page(client, f"/data/korning/{run_id}", "en")


def test_counts_add_up_for_a_failed_run(failed_run: tuple[World, int]) -> None:
    world, run_id = failed_run
    page = _page(_client(world), f"/data/korning/{run_id}", "sv")
    kolada = sum(1 for i in world.catalogue.indicators if i.source == "kolada")
    assert f"{kolada} steg: 0 klara, 0 utan nytt, {kolada} misslyckade" in page
