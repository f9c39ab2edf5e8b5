"""Embeddable views as a browser gets them: the frame policy header and the minimal page."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from levande.dashboard.app import create_app
from levande.indicators.core.settings import Settings
from testkit.dash_routes import route
from testkit.seeded import World, loaded_world

pytestmark = pytest.mark.integration


@pytest.fixture
def world(engine: Engine, sample_config: Path, tmp_path: Path) -> Iterator[World]:
    with loaded_world(engine, sample_config, tmp_path) as loaded:
        yield loaded


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        (None, "frame-ancestors *"),
        ("'self'   https://*.kommun.se", "frame-ancestors 'self' https://*.kommun.se"),
        ("'none'", "frame-ancestors 'none'"),
    ],
)
def test_embeddable_views_may_be_framed_as_the_operator_says(
    world: World, setting: str | None, expected: str
) -> None:
    settings = world.settings
    if setting is not None:
        settings = Settings(**{**settings.model_dump(), "frame_ancestors": setting})
    client = create_app(settings, world.engine).server.test_client()
    for address in ("/indikator/trangboddhet?tab=map&embed=1", "/kommun/0180?embed=1"):
        assert client.get(address).headers["Content-Security-Policy"] == expected
    others = ("/", "/indikator/trangboddhet", "/data/operator", "/kommun/0180?embed=0",
              "/omrade/FA01?embed=1", "/data/operator?embed=1")  # fmt: skip
    for address in others:
        policy = client.get(address).headers["Content-Security-Policy"]
        assert policy == "frame-ancestors 'self'", address
    assert "Content-Security-Policy" not in client.get("/api/v1/regions").headers


@pytest.mark.parametrize(
    ("path", "search", "present"),
    [
        ("/indikator/trangboddhet", "?embed=1", "chart"),
        ("/indikator/trangboddhet", "?tab=map&embed=1", "map"),
        ("/kommun/0180", "?embed=1", "whole-picture-table"),
    ],
)
def test_the_embedded_page_has_the_view_source_and_date_but_no_site_frame(
    world: World, path: str, search: str, present: str
) -> None:
    client = create_app(world.settings, world.engine).server.test_client()
    status, page = route(client, path, search)
    assert status == 200
    body = json.dumps(page, ensure_ascii=False)
    assert "site-header" not in body and "site-footer" not in body
    assert "embed-open-full" in body
    # The source is named under its label, once: "Källa: Kolada" or "Källor: SCB · Kolada".
    assert re.search(r"Käll(?:a|or): [^\"]*Kolada", body)
    assert "Data senast uppdaterad" in body
    assert f'"id": "{present}"' in body or f'"{present}"' in body


def test_the_full_views_offer_the_snippet(world: World) -> None:
    client = create_app(world.settings, world.engine).server.test_client()
    _, page = route(client, "/indikator/trangboddhet", "?tab=map&lang=en")
    body = json.dumps(page, ensure_ascii=False)
    assert "Embed" in body
    assert "http://localhost/indikator/trangboddhet?lang=en&amp;tab=map" in body
