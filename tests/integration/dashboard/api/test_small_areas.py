"""Small areas in the open API on both databases: values as stored, measures as the page shows."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine, select

from levande.dashboard.app import create_app
from levande.dashboard.areas.data import AreasData, load_areas
from levande.dashboard.areas.params import parse_areas_request
from levande.dashboard.context import AppContext, context_of
from levande.indicators.core.catalogue import Catalogue, load_catalogue
from levande.indicators.core.inequality import Spread
from levande.indicators.core.settings import Settings
from levande.indicators.store.schema import AreaObservation, SmallArea
from testkit.sample_catalogue import write_sample_catalogue
from testkit.small_area_world import loaded_small_area_world

pytestmark = pytest.mark.integration


@pytest.fixture
def app_parts(
    engine: Engine, tmp_path: Path
) -> Iterator[tuple[FlaskClient, AppContext, Catalogue]]:
    config = write_sample_catalogue(tmp_path / "config")
    with loaded_small_area_world(engine, config, tmp_path):
        pass
    url = engine.url.render_as_string(hide_password=False)
    app = create_app(Settings(database_url=url, config_dir=config), engine)
    yield app.server.test_client(), context_of(app.server), load_catalogue(config)


def _get(client: FlaskClient, address: str, status: int = 200) -> Any:
    response = client.get(address)
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()


def test_area_observations_are_the_published_values(
    app_parts: tuple[FlaskClient, AppContext, Catalogue],
) -> None:
    client, _, _ = app_parts
    doc = _get(
        client,
        "/api/v1/area-observations?municipality=0114&indicator=omr-lag-ekonomisk-standard",
    )
    expected = """\
indicator_id,area_code,base_code,geography,vintage,name,period,value
omr-lag-ekonomisk-standard,0114R001,0114R001,regso,2020,Väsby norra,2023,5.5
omr-lag-ekonomisk-standard,0114R001,0114R001,regso,2020,Väsby norra,2024,4.5
omr-lag-ekonomisk-standard,0114R001_RegSO2025,0114R001,regso,2025,Väsby norra,2025,3.5
omr-lag-ekonomisk-standard,0114R002,0114R002,regso,2020,Väsby södra,2023,6.0
omr-lag-ekonomisk-standard,0114R002,0114R002,regso,2020,Väsby södra,2024,5.0
omr-lag-ekonomisk-standard,0114R002_RegSO2025,0114R002,regso,2025,Väsby södra,2025,4.0
"""
    rows = list(csv.DictReader(io.StringIO(expected)))
    got = [{k: str(r[k]) for k in rows[0]} for r in doc["data"]]
    assert got == rows
    assert {r["municipality_code"] for r in doc["data"]} == {"0114"}


def test_area_observations_equal_the_database_suppressed_as_null(
    engine: Engine, app_parts: tuple[FlaskClient, AppContext, Catalogue]
) -> None:
    client, _, catalogue = app_parts
    with engine.connect() as conn:
        stored = sorted(
            (ind, code, period, None if value is None else float(value), status)
            for ind, code, period, value, status in conn.execute(
                select(
                    AreaObservation.indicator_id, AreaObservation.area_code,
                    AreaObservation.period, AreaObservation.value, AreaObservation.status,
                )
                .join(SmallArea, SmallArea.code == AreaObservation.area_code)
                .where(SmallArea.municipality_code == "0380", SmallArea.level == "deso")
            )
        )  # fmt: skip
    doc = _get(client, "/api/v1/area-observations?municipality=0380&geography=deso")
    got = sorted(
        (r["indicator_id"], r["area_code"], r["period"], r["value"], r["status"])
        for r in doc["data"]
    )
    assert stored and got == stored
    assert ("omr-folkmangd", "0380A0010", "2024", None, "..") in got
    assert {r["indicator_id"] for r in doc["data"]} <= {
        i.id for i in catalogue.small_areas.indicators
    }


def test_area_observations_come_in_pages_that_add_up(
    app_parts: tuple[FlaskClient, AppContext, Catalogue],
) -> None:
    client, _, _ = app_parts
    whole = _get(client, "/api/v1/area-observations?municipality=0180&geography=deso")
    assert whole["total"] == len(whole["data"]) > 7 and whole["next"] is None
    rows: list[dict[str, Any]] = []
    address: str | None = "/api/v1/area-observations?municipality=0180&geography=deso&page_size=7"
    while address is not None:
        doc = _get(client, address)
        assert doc["total"] == whole["total"] and len(doc["data"]) <= 7
        rows.extend(doc["data"])
        address = doc["next"]
    assert rows == whole["data"]
    jumped = _get(
        client, "/api/v1/area-observations?municipality=0180&geography=deso&page_size=7&page=2"
    )
    assert jumped["data"] == whole["data"][7:14]


def _page(ctx: AppContext, indicator: str, level: str, year: str) -> AreasData:
    data = load_areas(ctx, parse_areas_request("0180", {"indikator": indicator, "niva": level,
                                                        "ar": year}))  # fmt: skip
    assert isinstance(data, AreasData)
    return data


def _as_api(spread: Spread) -> dict[str, Any]:
    def pair(value: tuple[str, float] | None) -> dict[str, Any] | None:
        return {"area_code": value[0], "value": value[1]} if value else None

    return {
        "n_areas": spread.n_areas, "n_with_data": spread.n_with_data,
        "missing": list(spread.missing), "small": list(spread.small),
        "highest": pair(spread.highest), "lowest": pair(spread.lowest), "p90": spread.p90,
        "p10": spread.p10, "p90_p10": spread.p90_p10, "gini": spread.gini,
        "theil": spread.theil, "reason": spread.reason,
    }  # fmt: skip


@pytest.mark.parametrize("level", ["regso", "deso"])
@pytest.mark.parametrize(
    "indicator", ["omr-lag-ekonomisk-standard", "omr-utlandsk-bakgrund", "omr-folkmangd"]
)
def test_inequality_equals_what_the_area_page_shows(
    app_parts: tuple[FlaskClient, AppContext, Catalogue], indicator: str, level: str
) -> None:
    client, ctx, _ = app_parts
    doc = _get(
        client, f"/api/v1/inequality?municipality=0180&indicator={indicator}&geography={level}"
    )
    assert doc["municipality_code"] == "0180" and doc["geography"] == level
    by_year = {row["period"]: row for row in doc["data"]}
    assert sorted(by_year) == ["2023", "2024", "2025"]
    for year, row in by_year.items():
        page = _page(ctx, indicator, level, year)
        assert page.spread is not None
        assert {k: row[k] for k in _as_api(page.spread)} == _as_api(page.spread), year
        assert row["vintage"] == page.vintage
        if page.base_spread is not None and page.base_year is not None:
            base = by_year[page.base_year]
            assert {k: base[k] for k in _as_api(page.base_spread)} == _as_api(page.base_spread)
    measured = by_year["2024"]
    assert measured["gini"] is not None and measured["reason"] is None
    share = indicator == "omr-utlandsk-bakgrund"
    assert measured["shown_as"] == ("share_of_denominator" if share else "published")


def test_too_few_areas_give_no_measure_and_say_why(
    app_parts: tuple[FlaskClient, AppContext, Catalogue],
) -> None:
    client, _, _ = app_parts
    doc = _get(client, "/api/v1/inequality?municipality=0114&from=2024&to=2024")
    assert doc["data"]
    for row in doc["data"]:
        assert row["period"] == "2024"
        assert row["reason"] == "too_few_areas"
        assert row["gini"] is None and row["p90_p10"] is None and row["highest"] is None


def test_area_indicators_list_the_small_area_catalogue(
    app_parts: tuple[FlaskClient, AppContext, Catalogue],
) -> None:
    client, _, catalogue = app_parts
    doc = _get(client, "/api/v1/area-indicators")
    small = catalogue.small_areas
    assert [r["id"] for r in doc["data"]] == [i.id for i in small.indicators]
    assert doc["population_indicator"] == small.population
    assert doc["min_areas"] == small.min_areas
    assert doc["small_population"] == small.small_population


@pytest.mark.parametrize(
    ("query", "status", "error", "parameter"),
    [
        ("", 400, "missing_parameter", "municipality"),
        ("municipality=01", 400, "invalid_value", "municipality"),
        ("municipality=9999", 404, "not_found", "municipality"),
        ("municipality=0180&indicator=finns-inte", 404, "not_found", "indicator"),
        ("municipality=0180&indicator=omr-omradestyp", 400, "invalid_value", "indicator"),
        ("municipality=0180&geography=kommun", 400, "invalid_value", "geography"),
        ("municipality=0180&niva=deso", 400, "unknown_parameter", "niva"),
    ],
)
def test_bad_questions_are_refused_plainly(
    app_parts: tuple[FlaskClient, AppContext, Catalogue],
    query: str,
    status: int,
    error: str,
    parameter: str,
) -> None:
    client, _, _ = app_parts
    doc = _get(client, f"/api/v1/inequality?{query}", status)
    assert doc["error"] == error and doc["parameter"] == parameter
