"""Every address of the dashboard is registered one way: Dash pages and listed blueprints."""

from __future__ import annotations

import dash
from sqlalchemy import create_engine

from levande.dashboard import routes
from levande.dashboard.app import create_app
from levande.indicators.core.settings import Settings

DASH_OWN = ("/_", "/static/", "/assets/")


def test_plain_routes_all_come_from_the_listed_blueprints() -> None:
    app = create_app(Settings(database_url="sqlite://"), create_engine("sqlite://"))
    ours = {
        rule.rule: rule.endpoint
        for rule in app.server.url_map.iter_rules()
        if not rule.rule.startswith(DASH_OWN) and rule.rule not in ("/", "/<path:path>")
    }
    assert set(ours) == {
        "/healthz",
        "/readyz",
        "/operator/login",
        "/operator/logout",
        "/operator/refresh",
        "/operator/accept",
        "/geo/<level>.json",
        "/geo/topojson/<name>.json",
        "/ladda-ner/<indicator_id>.<fmt>",
        "/ladda-ner/profil/<code>.<fmt>",
        "/ladda-ner/jamfor.<fmt>",
        "/ladda-ner/lokal/<code>.<fmt>",
        "/kommun/<code>/lokal/publicera",
        "/data/operator/lokal",
        "/platser.json",
        "/indikatorer.json",
        "/flode.atom",
        "/flode/<kind>/<key>.atom",
        "/api/v1/",
        "/api/v1/catalogue",
        "/api/v1/indicators",
        "/api/v1/indicators/<indicator_id>",
        "/api/v1/regions",
        "/api/v1/regions/<code>",
        "/api/v1/peer-groups",
        "/api/v1/observations",
        "/api/v1/ranks",
        "/api/v1/statuses",
        "/api/v1/changes",
        "/api/v1/area-indicators",
        "/api/v1/area-observations",
        "/api/v1/inequality",
        "/api/v1/freshness",
        "/api/v1/openapi.json",
        "/api/v1/<path:rest>",
        "/ladda-ner/oppna-data/<name>",
        "/geo/omraden/<level>/<vintage>/<municipality>.json",
        "/ladda-ner/omraden/<municipality>.<fmt>",
    }
    names = {blueprint.name for blueprint in routes.blueprints()}
    assert {endpoint.split(".")[0] for endpoint in ours.values()} <= names
    assert "page_cache" in app.server.blueprints  # hooks only, no routes


def test_every_page_is_registered_with_dash() -> None:
    create_app(Settings(database_url="sqlite://"), create_engine("sqlite://"))
    addresses = {page.get("path_template") or page["path"] for page in dash.page_registry.values()}
    assert {
        "/",
        "/omrade/<focus_area_id>",
        "/indikator/<indicator_id>",
        "/sok",
        "/kommun/<code>",
        "/kommun/<code>/lokal",
        "/kommun/<code>/omraden",
        "/lan/<code>",
        "/jamfor",
        "/data",
        "/data/operator",
        "/data/korning/<run_id>",
        "/tillganglighet",
        "/metod",
        "/api",
        "/404",
    } <= addresses
    assert any(module.endswith(".not_found_404") for module in dash.page_registry)
