"""The app over HTTP without a browser: index, routing callback, boundaries, downloads."""

from __future__ import annotations

import io
import json
from typing import Any

import dash
import pandas as pd
import pytest
from flask.testing import FlaskClient

from levande.dashboard import app as app_module
from testkit.dash_routes import route

pytestmark = pytest.mark.integration


def test_index_carries_the_language(client: FlaskClient) -> None:
    assert '<html lang="sv" ' in client.get("/").get_data(as_text=True)
    page = client.get("/indikator/trangboddhet?lang=en").get_data(as_text=True)
    assert '<html lang="en" ' in page
    assert "<footer>" not in page  # only the page's own footer landmark


@pytest.mark.parametrize(
    ("pathname", "search"),
    [
        ("/", ""),
        ("/", "?lang=en"),
        ("/omrade/FA01", ""),
        ("/omrade/%3Cscript%3E", ""),
        ("/indikator/trangboddhet", "?kommun=9999&year=abc&tab=%3Cscript%3E"),
        ("/indikator/trangboddhet", "?kommun=0180&kommun=0114&lang=en&lang=sv"),
        ("/indikator/nope", ""),
        ("/indikator/", ""),
        ("/indikator/a/b/c", ""),
        ("/tillganglighet", "?lang=en"),
        ("/no/such/page", ""),
        ("/indikator/folkmangd", "?tab=map&level=lan&year=2018&breakdown=M"),
    ],
)
def test_router_never_fails(client: FlaskClient, pathname: str, search: str) -> None:
    status, body = route(client, pathname, search)
    assert status == 200
    assert "Traceback" not in json.dumps(body)


def test_boundaries_are_served_once_with_caching(client: FlaskClient) -> None:
    response = client.get("/geo/kommun.json?v=abc")
    assert response.status_code == 200
    assert response.mimetype == "application/geo+json"
    assert response.cache_control.max_age == 31_536_000
    doc = response.get_json()
    assert {f["id"] for f in doc["features"]} == {"0114", "0180", "0380"}
    again = client.get(
        "/geo/kommun.json?v=abc", headers={"If-None-Match": response.headers["ETag"]}
    )
    assert again.status_code == 304
    assert client.get("/geo/riket.json").status_code == 404
    assert client.get("/geo/topojson/world_110m.json").get_json()["type"] == "Topology"


def test_download_routes(client: FlaskClient) -> None:
    response = client.get("/ladda-ner/trangboddhet.csv?view=table&year=2019")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    frame = pd.read_csv(io.BytesIO(response.data), sep=";", decimal=",", dtype={"regionkod": str})
    assert frame.set_index("regionkod").loc["0180", "värde"] == 15.0  # Swedish by default
    english = client.get("/ladda-ner/trangboddhet.csv?view=table&year=2019&lang=en")
    frame = pd.read_csv(io.BytesIO(english.data), dtype={"region_code": str})
    assert frame.set_index("region_code").loc["0180", "value"] == 15.0
    xlsx = client.get("/ladda-ner/trangboddhet.xlsx?view=chart&kommun=0180")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"
    assert client.get("/ladda-ner/nope.csv?view=table").status_code == 404
    assert client.get("/ladda-ner/trangboddhet.pdf").status_code == 404
    assert client.get("/ladda-ner/trangboddhet.csv?view=%3Cx%3E").status_code == 404
    bad_params = client.get("/ladda-ner/trangboddhet.csv?view=table&year=abc&kommun=9999")
    assert bad_params.status_code == 200  # falls back to defaults, like the page


def test_server_is_made_lazily(monkeypatch: pytest.MonkeyPatch, app: dash.Dash) -> None:
    made: list[int] = []

    def fake_create_app(settings: Any = None, engine: Any = None) -> dash.Dash:
        made.append(1)
        return app

    monkeypatch.setattr(app_module, "create_app", fake_create_app)
    monkeypatch.setattr(app_module, "_default_app", None)
    monkeypatch.setattr(
        "levande.indicators.core.settings.configure_logging", lambda _settings: None
    )
    assert app_module.server is app.server
    assert app_module.server is app.server
    assert made == [1]
    with pytest.raises(AttributeError):
        _ = app_module.no_such_attribute


@pytest.mark.parametrize("schema", [False, True])
def test_empty_or_missing_database_gives_friendly_pages(
    tmp_path: Any, seeded: Any, schema: bool
) -> None:
    from levande.dashboard.app import create_app
    from levande.indicators.core.settings import Settings
    from levande.indicators.store.database import make_engine, upgrade_schema

    url = f"sqlite:///{tmp_path / 'empty.db'}"
    engine = make_engine(url)
    if schema:
        upgrade_schema(engine)
    app = create_app(Settings(database_url=url, config_dir=seeded.config_dir), engine)
    client = app.server.test_client()
    for pathname in ("/", "/omrade/FA01", "/indikator/trangboddhet"):
        status, body = route(client, pathname)
        assert status == 200
        page = json.dumps(body, ensure_ascii=False)
        if not schema:
            assert "Uppgifterna går inte att läsa just nu" in page
        elif pathname == "/":
            assert "Data har ännu inte hämtats" in page
        assert "levande up" not in page  # no instructions to maintainers on a public page
    assert client.get("/geo/kommun.json").status_code in (404, 503)
    assert client.get("/ladda-ner/trangboddhet.csv").status_code in (404, 503)
    engine.dispose()


def test_figures_are_encoded_by_the_standard_library(app: dash.Dash) -> None:
    # With orjson installed Plotly's "auto" engine walks every figure list in Python first,
    # which made map and ranking views slower (benchmarks/RESULTS.md, section 7).
    import plotly.io.json  # type: ignore[import-untyped]

    assert plotly.io.json.config.default_engine == "json"
