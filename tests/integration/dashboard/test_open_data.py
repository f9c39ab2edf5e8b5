"""The bulk files are linked from the data page and served from the open-data folder."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine

from levande.dashboard.app import create_app
from levande.indicators.reads.bulk import CSV_ZIP, write_bulk
from testkit.dash_routes import route
from testkit.seeded import World, loaded_world

pytestmark = pytest.mark.integration


@pytest.fixture
def world(engine: Engine, sample_config: Path, tmp_path: Path) -> Iterator[World]:
    with loaded_world(engine, sample_config, tmp_path) as loaded:
        loaded.settings = loaded.settings.model_copy(update={"open_data_dir": tmp_path / "open"})
        yield loaded


@pytest.fixture
def client(world: World) -> FlaskClient:
    client: FlaskClient = create_app(world.settings, world.engine).server.test_client()
    return client


def test_before_the_first_build_the_page_says_so(client: FlaskClient) -> None:
    _, page = route(client, "/data")
    text = json.dumps(page, ensure_ascii=False)
    assert "byggs efter nästa uppdatering" in text
    assert "/api" in text
    response = client.get(f"/ladda-ner/oppna-data/{CSV_ZIP}")
    assert response.status_code == 404
    assert "Filen finns inte" in response.get_data(as_text=True)


def test_built_files_are_linked_and_served(world: World, client: FlaskClient) -> None:
    folder = world.settings.resolved_open_data_dir
    manifest = write_bulk(world.engine, folder, datetime(2026, 11, 29, 6, 0, tzinfo=UTC))
    _, page = route(client, "/data", "?lang=en")
    text = json.dumps(page, ensure_ascii=False)
    for f in manifest.files:
        assert f"/ladda-ner/oppna-data/{f.name}" in text
        assert f.sha256 in text
    response = client.get(f"/ladda-ner/oppna-data/{CSV_ZIP}")
    assert response.status_code == 200
    assert response.get_data() == (folder / CSV_ZIP).read_bytes()
    again = client.get(
        f"/ladda-ner/oppna-data/{CSV_ZIP}", headers={"If-None-Match": response.headers["ETag"]}
    )
    assert again.status_code == 304


@pytest.mark.parametrize("name", ["levande.db", "..%2Flevande.db", ".levande-stader-csv.zip"])
def test_nothing_else_of_the_folder_is_served(world: World, client: FlaskClient, name: str) -> None:
    folder = world.settings.resolved_open_data_dir
    write_bulk(world.engine, folder, datetime(2026, 11, 29, 6, 0, tzinfo=UTC))
    (folder / "levande.db").write_text("secret", encoding="utf-8")
    response = client.get(f"/ladda-ner/oppna-data/{name}")
    assert b"secret" not in response.get_data()
    assert response.status_code == 404 or response.mimetype == "text/html"
