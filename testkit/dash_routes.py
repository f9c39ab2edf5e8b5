"""What the browser sends to Dash's page router, for tests and benchmarks that skip the browser.

Every view of the dashboard is one call of the pages router (``POST /_dash-update-component``)
with the address's path and query; these helpers build and send that call.
"""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient


def route_body(pathname: str, search: str = "") -> dict[str, Any]:
    """The JSON the browser sends to the pages router for an address."""
    return {
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": pathname},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "changedPropIds": ["_pages_location.pathname", "_pages_location.search"],
        "state": [],
    }


def route(client: FlaskClient, pathname: str, search: str = "") -> tuple[int, Any]:
    """Ask the pages router for an address; (HTTP status, decoded JSON or None)."""
    client.get("/")  # the first request registers the router
    response = client.post("/_dash-update-component", json=route_body(pathname, search))
    return response.status_code, response.get_json(silent=True)
