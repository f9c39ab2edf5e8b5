"""The OpenAPI document: every endpoint, every reference resolvable, the same as the routes."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import create_engine

from levande.dashboard.api.openapi import document
from levande.dashboard.api.spec import ENDPOINTS
from levande.dashboard.app import create_app
from levande.indicators.core.settings import Settings


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "$ref"] + [
            r for v in node.values() for r in _refs(v)
        ]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


def test_every_endpoint_is_documented_and_every_reference_resolves() -> None:
    doc = document()
    assert doc["openapi"].startswith("3.")
    assert list(doc["paths"]) == [e.url for e in ENDPOINTS]
    schemas = doc["components"]["schemas"]
    for ref in _refs(doc):
        assert ref.startswith("#/components/schemas/") and ref.rsplit("/", 1)[1] in schemas
    observation = schemas["ObservationOut"]["properties"]
    assert observation["value"]["anyOf"] == [{"type": "number"}, {"type": "null"}]
    json.dumps(doc)  # serialisable as it is served


def test_the_served_document_is_the_same_and_a_database_that_fails_is_a_json_503() -> None:
    app = create_app(Settings(database_url="sqlite://"), create_engine("sqlite://"))
    client = app.server.test_client()
    served = client.get("/api/v1/openapi.json")
    assert served.status_code == 200 and served.get_json() == document()
    response = client.get("/api/v1/observations")
    assert response.status_code == 503
    assert response.get_json()["error"] == "unavailable"


def test_the_small_area_endpoints_say_the_municipality_is_required_and_may_be_unknown() -> None:
    paths = document()["paths"]
    for url in ("/api/v1/area-observations", "/api/v1/inequality"):
        operation = paths[url]["get"]
        required = [p["name"] for p in operation["parameters"] if p["required"]]
        assert required == ["municipality"], url
        assert "404" in operation["responses"], url
    assert "404" not in paths["/api/v1/observations"]["get"]["responses"]
