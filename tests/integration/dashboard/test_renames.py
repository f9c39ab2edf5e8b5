"""A renamed indicator keeps its addresses: the page, downloads, feed and API redirect for good."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine

from levande.dashboard.app import create_app
from testkit.dash_routes import route
from testkit.seeded import World, loaded_world

pytestmark = pytest.mark.integration

OLD, NEW = "trangboddhet", "trangboddhet-norm2"


@pytest.fixture
def world(engine: Engine, sample_config: Path, tmp_path: Path) -> Iterator[World]:
    """The small Sweden with ``trangboddhet`` renamed, its former id kept in the catalogue."""
    path = sample_config / "indicators" / "fa06.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(f"  - id: {OLD}\n", f"  - id: {NEW}\n    former_ids: [{OLD}, trangbodd]\n"),
        encoding="utf-8",
    )
    with loaded_world(engine, sample_config, tmp_path) as loaded:
        yield loaded


@pytest.fixture
def client(world: World) -> FlaskClient:
    client: FlaskClient = create_app(world.settings, world.engine).server.test_client()
    return client


PAGE_ADDRESSES = [
    (f"/indikator/{OLD}", f"/indikator/{NEW}"),
    (
        f"/indikator/{OLD}?lang=en&vy=karta&ar=2022",
        f"/indikator/{NEW}?lang=en&vy=karta&ar=2022",
    ),
    (f"/indikator/{OLD}?embed=1", f"/indikator/{NEW}?embed=1"),
    ("/indikator/trangbodd?region=0180", f"/indikator/{NEW}?region=0180"),
    (f"/ladda-ner/{OLD}.csv?lang=en", f"/ladda-ner/{NEW}.csv?lang=en"),
    (f"/flode/indikator/{OLD}.atom", f"/flode/indikator/{NEW}.atom"),
]
API_ADDRESSES = [
    (f"/api/v1/indicators/{OLD}", f"/api/v1/indicators/{NEW}"),
    ("/api/v1/indicators/trangbodd", f"/api/v1/indicators/{NEW}"),
    (
        f"/api/v1/observations?indicator={OLD},folkmangd&from=2020&page_size=10",
        f"/api/v1/observations?indicator={NEW},folkmangd&from=2020&page_size=10",
    ),
    (
        "/api/v1/observations?indicator=folkmangd&indicator=trangbodd&region=0180",
        f"/api/v1/observations?indicator=folkmangd&indicator={NEW}&region=0180",
    ),
    (f"/api/v1/ranks?indicator={OLD}", f"/api/v1/ranks?indicator={NEW}"),
    (f"/api/v1/statuses?indicator={OLD}", f"/api/v1/statuses?indicator={NEW}"),
    (f"/api/v1/changes?indicator={OLD}", f"/api/v1/changes?indicator={NEW}"),
]


@pytest.mark.parametrize(
    ("address", "location", "status"),
    [(a, loc, 301) for a, loc in PAGE_ADDRESSES] + [(a, loc, 308) for a, loc in API_ADDRESSES],
)
def test_a_former_id_moves_permanently_keeping_the_question(
    client: FlaskClient, address: str, location: str, status: int
) -> None:
    """The page and its files answer 301 (what browsers and crawlers know best), the API 308."""
    response = client.get(address)
    assert response.status_code == status
    assert response.headers["Location"] == location
    if address.startswith("/api/"):
        assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert client.get(location).status_code == 200


def test_the_moved_page_shows_the_indicator_under_its_new_id(client: FlaskClient) -> None:
    response = client.get(f"/indikator/{OLD}?lang=en", follow_redirects=True)
    assert response.status_code == 200
    assert response.request.path == f"/indikator/{NEW}"
    status, doc = route(client, f"/indikator/{NEW}", "?lang=en")
    assert status == 200 and "Overcrowding" in str(doc)
    # Inside the running page (no HTTP request), the former id's page leads on to the new one.
    status, doc = route(client, f"/indikator/{OLD}", "?lang=en")
    assert status == 200
    assert f"The indicator {OLD} has a new id" in str(doc)
    assert f"'href': '/indikator/{NEW}?lang=en'" in str(doc)
    # The current id and an unknown one are answered as before, without a redirect.
    assert client.get(f"/indikator/{NEW}").status_code == 200
    assert client.get("/indikator/finns-inte").status_code == 200
    assert client.get("/ladda-ner/finns-inte.csv").status_code == 404


def test_the_redirected_answers_are_those_of_the_current_id(
    world: World, client: FlaskClient
) -> None:
    item = client.get(f"/api/v1/indicators/{OLD}", follow_redirects=True).get_json()
    assert item["data"]["id"] == NEW
    assert item["data"]["former_ids"] == [OLD, "trangbodd"]
    moved = client.get(f"/api/v1/observations?indicator={OLD}", follow_redirects=True).get_json()
    direct = client.get(f"/api/v1/observations?indicator={NEW}").get_json()
    assert moved["data"] and moved["data"] == direct["data"]
    assert {r["indicator_id"] for r in moved["data"]} == {NEW}
    # Nothing is stored under the former id, and it is no indicator of the catalogue.
    listed = client.get("/api/v1/indicators").get_json()["data"]
    assert OLD not in {i["id"] for i in listed}


def test_unknown_and_current_ids_are_not_redirected(client: FlaskClient) -> None:
    assert client.get(f"/api/v1/indicators/{NEW}").status_code == 200
    assert client.get("/api/v1/indicators/finns-inte").status_code == 404
    assert client.get("/api/v1/observations?indicator=finns-inte").status_code == 200
    bad = client.get(f"/api/v1/observations?indicator={OLD}&niva=kommun")
    assert bad.status_code == 400 and bad.get_json()["parameter"] == "niva"
