"""The open API on both databases: values as stored, filters, paging, validators, refusals."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from levande.dashboard.app import create_app
from levande.dashboard.context import context_of
from levande.indicators.core.catalogue import load_catalogue
from levande.indicators.core.settings import Settings
from levande.indicators.store.schema import ObservationRank
from levande.indicators.store.sync import sync_catalogue
from levande.indicators.store.writes import bump_data_version
from testkit.dash_routes import route
from testkit.sample_catalogue import write_sample_catalogue
from testkit.seeded import World, loaded_world
from testkit.stored import stored_observations

pytestmark = pytest.mark.integration


@pytest.fixture
def world(engine: Engine, sample_config: Path, tmp_path: Path) -> Iterator[World]:
    with loaded_world(engine, sample_config, tmp_path) as loaded:
        yield loaded


@pytest.fixture
def client(world: World) -> FlaskClient:
    client: FlaskClient = create_app(world.settings, world.engine).server.test_client()
    return client


def all_pages(client: FlaskClient, address: str) -> list[dict[str, Any]]:
    """Every row of a paged answer, following ``next``."""
    rows: list[dict[str, Any]] = []
    url: str | None = address
    while url is not None:
        response = client.get(url)
        assert response.status_code == 200, response.get_data(as_text=True)
        doc = response.get_json()
        rows.extend(doc["data"])
        url = doc["next"]
    return rows


def test_observations_equal_the_database_for_every_indicator(
    world: World, client: FlaskClient
) -> None:
    stored = stored_observations(world.engine)
    assert stored
    for ind in world.catalogue.indicators:
        expected = [r for r in stored if r[0] == ind.id]
        assert expected, ind.id
        # A small page size, so that paging is followed too.
        got = all_pages(client, f"/api/v1/observations?indicator={ind.id}&page_size=7")
        as_tuples = [
            (r["indicator_id"], r["region_code"], r["period"], r["breakdown"], r["value"],
             r["status"], r["aggregation"])
            for r in got
        ]  # fmt: skip
        assert as_tuples == expected, ind.id


def test_ranks_equal_the_database(world: World, client: FlaskClient) -> None:
    with Session(world.engine) as session:
        stored = sorted(
            tuple(r)
            for r in session.execute(
                select(
                    ObservationRank.indicator_id,
                    ObservationRank.region_code,
                    ObservationRank.period,
                    ObservationRank.breakdown,
                    ObservationRank.rank,
                    ObservationRank.rank_of,
                    ObservationRank.quartile,
                )
            )
        )
    got = all_pages(client, "/api/v1/ranks?page_size=5000")
    assert [tuple(r.values()) for r in got] == stored


EXPECTED_FILTERED = """\
indicator_id,region_code,period,breakdown,value,status
sjalvskattad-halsa,0114,2019,K,68.0,
sjalvskattad-halsa,0114,2020,K,69.0,
sjalvskattad-halsa,0180,2019,K,73.0,
sjalvskattad-halsa,0180,2020,K,74.0,
sjalvskattad-halsa,0380,2019,T,,Saknas
sjalvskattad-halsa,0380,2020,T,,Saknas
"""


def test_filters_by_level_period_and_breakdown(client: FlaskClient) -> None:
    rows = all_pages(
        client,
        "/api/v1/observations?indicator=sjalvskattad-halsa&level=kommun&from=2019&to=2020"
        "&breakdown=K,T&region=0114,0180,0380",
    )
    rows = [r for r in rows if r["breakdown"] == "K" or r["region_code"] == "0380"]
    expected = list(csv.DictReader(io.StringIO(EXPECTED_FILTERED)))
    assert len(rows) == len(expected)
    for got, want in zip(rows, expected, strict=True):
        assert got["region_code"] == want["region_code"]
        assert got["period"] == want["period"]
        assert got["breakdown"] == want["breakdown"]
        assert got["value"] == (float(want["value"]) if want["value"] else None)
        assert got["status"] == (want["status"] or None)


def test_paging_counts_and_links(client: FlaskClient) -> None:
    first = client.get("/api/v1/observations?indicator=folkmangd&page_size=10").get_json()
    assert first["total"] > 20
    assert first["page"] == 1 and len(first["data"]) == 10
    assert first["next"].startswith("/api/v1/observations?indicator=folkmangd&page_size=10&cursor=")
    second = client.get(first["next"]).get_json()
    by_number = client.get("/api/v1/observations?indicator=folkmangd&page_size=10&page=2")
    assert second["page"] == 2 and second["data"] == by_number.get_json()["data"]
    beyond = client.get("/api/v1/observations?indicator=folkmangd&page=999").get_json()
    assert beyond["data"] == [] and beyond["next"] is None


@pytest.mark.parametrize("endpoint", ["observations", "ranks", "statuses", "changes"])
def test_following_next_gives_every_row_once_in_order(client: FlaskClient, endpoint: str) -> None:
    whole = client.get(f"/api/v1/{endpoint}?page_size=5000").get_json()["data"]
    assert all_pages(client, f"/api/v1/{endpoint}?page_size=3") == whole


@pytest.mark.parametrize(
    "query",
    ["cursor=bm9wZQ", "cursor=WzIsImEiXQ", "cursor=WzEsImEiLCJiIiwiYyIsImQiXQ", "cursor=!"],
)
def test_a_cursor_not_written_by_the_endpoint_is_refused(client: FlaskClient, query: str) -> None:
    response = client.get(f"/api/v1/observations?{query}")
    assert response.status_code == 400
    assert response.get_json()["parameter"] == "cursor"


def test_page_and_cursor_together_are_refused(client: FlaskClient) -> None:
    first = client.get("/api/v1/observations?page_size=2").get_json()
    response = client.get(first["next"] + "&page=2")
    assert response.status_code == 400
    assert response.get_json()["error"] == "conflicting_parameters"


@pytest.mark.parametrize(
    ("query", "parameter", "code"),
    [
        ("indikator=folkmangd", "indikator", "unknown_parameter"),
        ("page_size=5001", "page_size", "invalid_value"),
        ("page=0", "page", "invalid_value"),
        ("page=two", "page", "invalid_value"),
        ("level=stad", "level", "invalid_value"),
        ("breakdown=T,X", "breakdown", "invalid_value"),
        ("region=Stockholm", "region", "invalid_value"),
        ("page=1&page=2", "page", "repeated_parameter"),
    ],
)
def test_bad_parameters_are_refused_with_a_clear_body(
    client: FlaskClient, query: str, parameter: str, code: str
) -> None:
    response = client.get(f"/api/v1/observations?{query}")
    assert response.status_code == 400
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["error"] == code
    assert body["parameter"] == parameter
    assert parameter in body["message"]
    if code == "unknown_parameter":
        assert "indicator" in body["allowed"] and "page_size" in body["allowed"]


def test_unknown_things_are_a_json_404(client: FlaskClient) -> None:
    for address in ("/api/v1/indicators/finns-inte", "/api/v1/regions/9999", "/api/v1/nothing"):
        response = client.get(address)
        assert response.status_code == 404, address
        assert response.get_json()["error"] == "not_found"


def test_validators_give_304_until_the_data_changes(world: World, client: FlaskClient) -> None:
    address = "/api/v1/observations?indicator=trangboddhet"
    first = client.get(address)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert first.headers["Cache-Control"].startswith("public")
    assert first.headers["X-Data-Version"] == first.get_json()["data_version"]
    assert client.get(address, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(address, headers={"If-Modified-Since": modified}).status_code == 304
    # The same question asked with its parameters in another order has the same validator.
    one = client.get("/api/v1/observations?indicator=trangboddhet&page_size=9")
    other = client.get("/api/v1/observations?page_size=9&indicator=trangboddhet")
    assert one.headers["ETag"] == other.headers["ETag"] != etag
    with Session(world.engine) as session, session.begin():
        bump_data_version(session)
    context_of(client.application).reader.cache.clear()
    changed = client.get(address, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag


def test_any_origin_may_read(client: FlaskClient) -> None:
    response = client.get("/api/v1/regions", headers={"Origin": "https://example.org"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/observations",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 200
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]


def test_catalogue_regions_and_statuses(world: World, client: FlaskClient) -> None:
    catalogue = client.get("/api/v1/catalogue").get_json()
    assert [a["id"] for a in catalogue["focus_areas"] if a["kind"] == "focus_area"] == [
        fa.id for fa in world.catalogue.focus_areas
    ]
    indicators = client.get("/api/v1/indicators").get_json()["data"]
    assert [i["id"] for i in indicators] == [i.id for i in world.catalogue.indicators]
    assert all("maintainer_notes" not in i for i in indicators)
    kommuner = client.get("/api/v1/regions?level=kommun&parent=01").get_json()["data"]
    assert [r["code"] for r in kommuner] == ["0114", "0180"]
    stockholm = client.get("/api/v1/regions/0180").get_json()["data"]
    assert stockholm["skr_group_id"] in stockholm["peer_groups"]
    statuses = all_pages(client, "/api/v1/statuses?region=0180&breakdown=T")
    assert {s["indicator_id"] for s in statuses} <= {i.id for i in world.catalogue.indicators}
    assert statuses and all(s["region_code"] == "0180" for s in statuses)
    freshness = client.get("/api/v1/freshness").get_json()["data"]
    assert [f["indicator_id"] for f in freshness] == [i.id for i in world.catalogue.indicators]
    assert all(f["observations"] > 0 for f in freshness)


def test_the_documentation_page_lists_every_endpoint_in_both_languages(
    client: FlaskClient,
) -> None:
    openapi = client.get("/api/v1/openapi.json").get_json()
    for lang, heading in (("", "Öppna data: API"), ("?lang=en", "Open data: API")):
        status, page = route(client, "/api", lang)
        assert status == 200
        text = json.dumps(page, ensure_ascii=False)
        assert heading in text
        for path in openapi["paths"]:
            assert f"GET {path}" in text


def test_a_retired_focus_area_id_answers_with_the_area_that_replaced_it(
    engine: Engine, tmp_path: Path
) -> None:
    catalogue = load_catalogue(write_sample_catalogue(tmp_path / "config", context=True))
    sync_catalogue(engine, catalogue)
    settings = Settings(database_url=engine.url.render_as_string(hide_password=False))
    client = create_app(settings, engine).server.test_client()
    old = client.get("/api/v1/indicators?focus_area=FA09").get_json()["data"]
    new = client.get("/api/v1/indicators?focus_area=forutsattningar").get_json()["data"]
    assert old == new
    assert [i["id"] for i in new] == ["befolkningsforandring"]
