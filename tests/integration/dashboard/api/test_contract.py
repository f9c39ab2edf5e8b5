"""Every endpoint against the OpenAPI document: generated requests, 0 server errors.

Schemathesis reads ``/api/v1/openapi.json`` from the app itself and generates requests from
it (valid and invalid parameters alike); every answer must be a documented status with a body
matching the document's schema. Run on the small Sweden with its DeSO/RegSO areas loaded, on
SQLite, in-process (WSGI).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from levande.dashboard.api.spec import ENDPOINTS
from levande.dashboard.app import create_app
from levande.indicators.core.settings import Settings
from levande.indicators.store.database import make_engine, upgrade_schema
from testkit.sample_catalogue import write_sample_catalogue
from testkit.small_area_world import loaded_small_area_world

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[schemathesis.BaseSchema]:
    folder = tmp_path_factory.mktemp("contract")
    url = f"sqlite:///{folder / 'levande.db'}"
    engine = make_engine(url)
    upgrade_schema(engine)
    config = write_sample_catalogue(folder / "config")
    with loaded_small_area_world(engine, config, folder):
        pass
    app = create_app(Settings(database_url=url, config_dir=config), engine)
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app.server)
    engine.dispose()


# Invalid requests only where there is something to get wrong: a query parameter.
CASES = [(e.url, GenerationMode.POSITIVE) for e in ENDPOINTS] + [
    (e.url, GenerationMode.NEGATIVE) for e in ENDPOINTS if e.params
]


@pytest.mark.parametrize(("path", "mode"), CASES)
def test_every_endpoint_keeps_the_contract(
    api_schema: schemathesis.BaseSchema, path: str, mode: GenerationMode
) -> None:
    operation = api_schema[path]["GET"]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=30,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def check(case: Any) -> None:
        # A cursor is valid only as the server wrote it (the document says so): a generated
        # one is refused with 400, which is right, so acceptance is not checked for it.
        excluded = [positive_data_acceptance] if "cursor" in (case.query or {}) else []
        # The in-process client does not decompress; flask-compress would answer in brotli.
        case.call_and_validate(headers={"Accept-Encoding": "identity"}, excluded_checks=excluded)

    check()


# Generated municipality codes rarely name one with areas; these answers have data in them.
FILLED = [
    ("/api/v1/area-observations", {"municipality": "0180", "geography": "deso"}),
    ("/api/v1/area-observations", {"municipality": "0380", "from": "2024", "to": "2024"}),
    ("/api/v1/inequality", {"municipality": "0180", "geography": "regso"}),
    ("/api/v1/inequality", {"municipality": "0180", "geography": "deso", "from": "2025"}),
    ("/api/v1/inequality", {"municipality": "0114", "indicator": "omr-utlandsk-bakgrund"}),
]


@pytest.mark.parametrize(("path", "query"), FILLED)
def test_answers_with_data_keep_the_contract(
    api_schema: schemathesis.BaseSchema, path: str, query: dict[str, str]
) -> None:
    case = api_schema[path]["GET"].Case(query=query)
    response = case.call_and_validate(headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200
    assert response.json()["data"]
