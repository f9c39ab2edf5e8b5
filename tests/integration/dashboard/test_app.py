"""The app reads one data version per request, and each read once, with the read cache off.

Every request is a pinned scope of the app's reader (:meth:`Reader.pinned`): a page that asks
for the catalogue, the regions or a level's status counts from several of its parts sends each
question to the database once, and the next request sees a sync or a load at once.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine

from levande.dashboard.app import create_app
from levande.dashboard.context import context_of
from levande.indicators.reads import dimensions as dims
from levande.indicators.store.sync import sync_catalogue
from testkit.dash_routes import route, route_body
from testkit.databases import pool_checkouts, sent_statements
from testkit.seeded import World, loaded_world

pytestmark = pytest.mark.integration

NEW_GOAL = "Ett nytt mål för städerna."


@pytest.fixture
def world(engine: Engine, sample_config: Path, tmp_path: Path) -> Iterator[World]:
    with loaded_world(engine, sample_config, tmp_path) as loaded:
        yield loaded


@pytest.fixture
def client(world: World) -> FlaskClient:
    """The app with its read cache off: whatever it does not read twice, it saves by itself."""
    off = world.settings.model_copy(update={"cache": "off", "page_cache_shared": False})
    app_client: FlaskClient = create_app(off, world.engine).server.test_client()
    return app_client


@pytest.mark.parametrize(
    "path,search",
    [
        ("/indikator/trangboddhet", ""),
        ("/indikator/trangboddhet", "?tab=map"),
        ("/indikator/trangboddhet", "?tab=table"),
        ("/kommun/0180", ""),
        ("/", ""),
    ],
)
def test_a_page_reads_the_data_version_and_the_regions_once(
    world: World, client: FlaskClient, path: str, search: str
) -> None:
    route(client, path, search)  # the first answer of the app (the router, imports)
    with sent_statements(world.engine) as sent:
        status, doc = route(client, path, search)
    assert status == 200 and doc is not None
    page = [s for s in sent if "FROM meta" in s or "FROM region ORDER BY" in s]
    assert sum("FROM meta" in s for s in page) <= 2  # this request's and the router's GET
    assert sum("FROM region ORDER BY" in s for s in page) <= 1


def test_the_next_request_sees_a_new_catalogue(world: World, client: FlaskClient) -> None:
    _, before = route(client, "/")
    assert NEW_GOAL not in json.dumps(before, ensure_ascii=False)
    renamed = dataclasses.replace(
        world.catalogue,
        goal=world.catalogue.goal.model_copy(update={"text_sv": NEW_GOAL}),
    )
    sync_catalogue(world.engine, renamed)  # bumps the data version
    _, after = route(client, "/")
    assert NEW_GOAL in json.dumps(after, ensure_ascii=False)


def test_outside_a_request_the_reader_is_not_pinned(world: World, client: FlaskClient) -> None:
    route(client, "/indikator/trangboddhet", "?tab=table")
    route(client, "/no/such/page")
    reader = context_of(client.application).reader
    with sent_statements(world.engine) as sent:
        dims.regions(reader, "kommun")
        dims.regions(reader, "kommun")
    assert sum("FROM region ORDER BY" in s for s in sent) == 2


# --- one connection per request ------------------------------------------------------------


@pytest.mark.parametrize(
    "path,search",
    [
        ("/indikator/trangboddhet", ""),
        ("/indikator/trangboddhet", "?tab=map&year=2019"),
        ("/indikator/trangboddhet", "?tab=table&sort=-value"),
        ("/indikator/sjalvskattad-halsa", "?tab=about"),
        ("/kommun/0180", ""),
        ("/jamfor", "?places=0114,0180&indikator=trangboddhet"),
        ("/", ""),
    ],
)
def test_a_page_reads_through_one_connection(
    world: World, client: FlaskClient, path: str, search: str
) -> None:
    route(client, path, search)  # the router, imports
    with pool_checkouts(world.engine) as counts, sent_statements(world.engine) as sent:
        response = client.post("/_dash-update-component", json=route_body(path, search))
    assert response.status_code == 200 and b"friendly-error" not in response.data
    assert len(sent) > 3  # the page did read, with every cache off...
    assert (counts.taken, counts.returned) == (1, 1)  # ...all through one connection


@pytest.mark.parametrize(
    "address",
    [
        "/ladda-ner/trangboddhet.csv",
        "/ladda-ner/profil/0180.csv",
        "/api/v1/observations?indicator=trangboddhet&level=kommun",
    ],
)
def test_a_download_or_api_answer_reads_through_one_connection(
    world: World, client: FlaskClient, address: str
) -> None:
    client.get(address)
    with pool_checkouts(world.engine) as counts:
        response = client.get(address)
    assert response.status_code == 200 and response.data
    assert (counts.taken, counts.returned) == (1, 1)


def test_the_connection_is_returned_when_a_request_fails(world: World, client: FlaskClient) -> None:
    """A request that fails after reading still gives its connection back to the pool."""
    server = client.application
    reader = context_of(server).reader

    def failing() -> str:
        dims.regions(reader, "kommun")
        raise RuntimeError("the page failed after its first read")

    server.add_url_rule("/failing-after-a-read", view_func=failing)
    server.testing = False  # answered as in production: a 500, not an exception in the test
    route(client, "/")
    with pool_checkouts(world.engine) as counts:
        assert client.get("/failing-after-a-read").status_code == 500
    assert (counts.taken, counts.returned) == (1, 1)
    assert world.engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    # and the next request reads as usual, through one connection of its own
    with pool_checkouts(world.engine) as counts:
        status, doc = route(client, "/indikator/trangboddhet", "?tab=table")
    assert status == 200 and doc is not None and counts.returned == counts.taken
