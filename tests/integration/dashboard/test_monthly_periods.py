"""A monthly SCB table on the indicator page: December stands for the year unless months are asked.

The population table of the small Sweden gains months for 2021 and 2022 (``2021M06``...), as
SCB's monthly tables label them, and is fetched again through the real ETL; the catalogue
names December as the annual month. The page is then asked over HTTP, as a browser asks it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine

from levande.dashboard.app import create_app
from testkit.dash_routes import route
from testkit.seeded import loaded_world, refresh

pytestmark = pytest.mark.integration

MONTHS = ("2021M06", "2021M12", "2022M03")


@pytest.fixture
def client(engine: Engine, sample_config: Path, tmp_path: Path) -> Iterator[FlaskClient]:
    path = sample_config / "indicators" / "fa06.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    direction: neutral\n", "    direction: neutral\n"
                                 "    annual_month: 12\n"), encoding="utf-8")  # fmt: skip
    with loaded_world(engine, sample_config, tmp_path) as world:
        table = world.scb.table("TAB638")
        time = table.variable("Tid")
        assert time is not None
        time.values.extend(MONTHS)
        for i, month in enumerate(MONTHS):
            for region in ("00", "01", "03", "0114", "0180", "0380"):
                for sex in ("1", "2", "1+2"):
                    table.cells[(region, sex, "BE0101N1", month)] = 1_000 * (i + 1) + len(sex)
        world.scb.bump_updated("TAB638")
        assert refresh(world, sources=["scb"]).outcome == "success"
        yield create_app(world.settings, world.engine).server.test_client()


def _page(client: FlaskClient, query: str) -> str:
    status, body = route(client, "/indikator/folkmangd", query)
    assert status == 200
    return json.dumps(body, ensure_ascii=False)


def _view(answer: str) -> str:
    """The view on screen (chart, map or table) of a page answer, as JSON text."""

    def find(node: Any) -> Any:
        if isinstance(node, dict):
            if node.get("props", {}).get("id") == "view":
                return node
            nodes = list(node.values())
        elif isinstance(node, list):
            nodes = node
        else:
            return None
        for child in nodes:
            hit = find(child)
            if hit is not None:
                return hit
        return None

    view = find(json.loads(answer))
    assert view is not None
    return json.dumps(view, ensure_ascii=False)


def _texts(answer: str) -> list[str]:
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)

    walk(json.loads(answer))
    return found


def test_the_annual_value_is_december_and_the_page_says_so(client: FlaskClient) -> None:
    answer = _page(client, "?tab=table")
    assert "Här visas årsvärdet: december varje år." in answer
    # The header's latest value is the latest month, named as such.
    assert "003 antal (mars 2022)" in answer
    view = _view(answer)
    assert "december 2021" in view  # the table's year is the latest December, written out
    assert "mars 2022" not in view and "juni 2021" not in view
    assert "2021M12" not in [t for t in _texts(view) if "=" not in t]  # never the raw code
    assert "Förändring sedan 2020" in view  # December on December, not on June
    months = _view(_page(client, "?tab=table&months=1&year=2021M12"))
    assert "Förändring sedan juni 2021" in months


def test_the_chart_has_one_value_a_year_unless_months_are_asked_for(client: FlaskClient) -> None:
    annual = _view(_page(client, ""))
    assert "december 2021" in annual and "juni 2021" not in annual and "mars 2022" not in annual
    months = _page(client, "?months=1")
    assert "juni 2021" in _view(months) and "mars 2022" in _view(months)
    assert "Alla månader visas. Årsvärdet är december varje år." in months
    english = _page(client, "?lang=en")
    assert "The annual value is shown here: December each year." in english
    assert "December 2021" in english
