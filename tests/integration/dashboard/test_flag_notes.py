"""The note beside a value flagged as implausible, on every public page that shows the value.

A value outside its indicator's range is loaded by the real ETL from the fake Kolada; each page
then shows it exactly as stored with the note "under review" in words beside it, and no note
once an operator has accepted it.
"""

from __future__ import annotations

import csv
import inspect
import io
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine

from levande.dashboard.app import create_app
from levande.indicators.reads.cache import VersionedCache
from levande.indicators.reads.flags import value_flags
from levande.indicators.store.flags import accept_flag
from levande.indicators.store.statuses import recompute_statuses
from testkit.dash_routes import route
from testkit.seeded import World, loaded_world, refresh

pytestmark = pytest.mark.integration

CACHE_CHECK_SECONDS = inspect.signature(VersionedCache).parameters["check_seconds"].default + 0.1
NOTE_SV = "värdet granskas: det ser inte rimligt ut och räknas inte i statusen"
NOTE_EN = "under review: the value does not look plausible and does not count in the status"


def find(node: Any, wanted_id: str) -> Any:
    """The component with ``wanted_id`` in a page's layout, or None."""
    if isinstance(node, dict):
        if node.get("props", {}).get("id") == wanted_id:
            return node
        return next((f for v in node.values() if (f := find(v, wanted_id)) is not None), None)
    if isinstance(node, list):
        return next((f for v in node if (f := find(v, wanted_id)) is not None), None)
    return None


def text(node: Any) -> str:
    """A component's text, its parts joined by " | " (a line break in a cell reads as one)."""
    if isinstance(node, str):
        return node
    if isinstance(node, dict):
        return text(node.get("props", {}).get("children"))
    if isinstance(node, list):
        return " | ".join(part for n in node if (part := text(n)))
    return ""


def rows(doc: Any, table_id: str) -> list[list[str]]:
    """The body rows of a table, each cell as text."""
    table = find(doc, table_id)
    assert table is not None, f"no table {table_id}"
    body = next(c for c in table["props"]["children"] if c["type"] == "Tbody")
    return [[text(cell) for cell in row["props"]["children"]] for row in body["props"]["children"]]


def expected(table: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(table.strip())))


@pytest.fixture
def world(engine: Engine, sample_config: Path, tmp_path: Path) -> Iterator[World]:
    with loaded_world(engine, sample_config, tmp_path) as loaded:
        # Stockholm's latest overcrowding, published as 134.5 %: it cannot be right.
        loaded.kolada.set_value("N07907", "0180", 2020, 134.5)
        assert refresh(loaded, sources=["kolada"]).outcome == "success"
        yield loaded


def page(client: FlaskClient, path: str, search: str = "") -> Any:
    status, doc = route(client, path, search)
    assert status == 200
    return doc


def accept_all(world: World) -> None:
    """Accept every open flag as an operator would, then recompute as the command does.

    The app keeps its read cache on: the acceptance must reach it like any change of data, once
    the cache has looked at the data version again.
    """
    for flag in value_flags(world.engine):
        accept_flag(world.engine, flag["id"], "Anna Berg")
    recompute_statuses(world.engine, world.catalogue)
    time.sleep(CACHE_CHECK_SECONDS)


CHART = """
2018,"12,5","15,3"
2019,"12,3","15,0"
2020,"12,0","134,5 | {note}"
"""
COMPARE = """
2018,15.3,10.1
2019,15.0,9.9
2020,134.5 | {note},9.6
"""


@pytest.mark.parametrize(
    ("path", "search", "table_id", "table", "note"),
    [
        ("/indikator/trangboddhet", "?kommun=0180", "chart-table", CHART, NOTE_SV),
        ("/jamfor", "?places=0180,0114&ind=trangboddhet&lang=en", "table-trangboddhet",
         COMPARE, NOTE_EN),
    ],
    ids=["indicator-chart", "compare"],
)  # fmt: skip
def test_a_table_of_values_notes_the_flagged_one_until_it_is_accepted(
    world: World, path: str, search: str, table_id: str, table: str, note: str
) -> None:
    client = create_app(world.settings, world.engine).server.test_client()
    assert rows(page(client, path, search), table_id) == expected(table.format(note=note))
    accept_all(world)
    accepted = rows(page(client, path, search), table_id)
    assert accepted == expected(table.replace(" | {note}", ""))


@pytest.mark.parametrize(
    ("search", "table_id", "value_column", "note_column"),
    [
        ("?tab=table&year=2020&sort=name", "ranking-table", 2, -1),
        ("?tab=map&year=2020", "map-table", 1, 1),
    ],
    ids=["ranking", "map-table"],
)
def test_the_tables_of_every_place_note_the_flagged_place_only(
    world: World, search: str, table_id: str, value_column: int, note_column: int
) -> None:
    client = create_app(world.settings, world.engine).server.test_client()
    table = rows(page(client, "/indikator/trangboddhet", search), table_id)
    place = 1 if table_id == "ranking-table" else 0
    stockholm = next(row for row in table if row[place] == "Stockholm")
    assert stockholm[value_column].startswith("134,5")
    assert stockholm[note_column].endswith(NOTE_SV)
    assert sum(NOTE_SV in cell for row in table for cell in row) == 1
    accept_all(world)
    table = rows(page(client, "/indikator/trangboddhet", search), table_id)
    assert not any(NOTE_SV in cell for row in table for cell in row)
    stockholm = next(row for row in table if row[place] == "Stockholm")
    assert stockholm[value_column] == "134,5"


@pytest.mark.parametrize(("lang", "note"), [("sv", NOTE_SV), ("en", NOTE_EN)])
def test_the_profile_notes_the_flagged_latest_value(world: World, lang: str, note: str) -> None:
    client = create_app(world.settings, world.engine).server.test_client()
    profile = text(find(page(client, "/kommun/0180", f"?lang={lang}"), "main"))
    value = "134,5 procent (2020)" if lang == "sv" else "134.5 per cent (2020)"
    assert f"{value} | {note}" in profile
    assert profile.count(note) == 1
    other = text(find(page(client, "/kommun/0114", f"?lang={lang}"), "main"))
    assert "Trångboddhet" in other or "Overcrowding" in other
    assert note not in other
    accept_all(world)
    profile = text(find(page(client, "/kommun/0180", f"?lang={lang}"), "main"))
    assert value in profile and note not in profile


def test_a_computed_index_outside_its_range_is_flagged_at_load_and_noted_on_the_area_page(
    engine: Engine, sample_config: Path, tmp_path: Path
) -> None:
    from levande.indicators.core.settings import Settings
    from testkit.small_area_world import COMPUTED_INDICATORS, loaded_small_area_world

    # The entry declares a range below Stockholm's dissimilarity index (and above the
    # country's): the load computes it, stores it as computed and flags it.
    entry = "    unit_en: index\n    decimals: 2\n"
    assert COMPUTED_INDICATORS.count(entry) == 1
    narrowed = COMPUTED_INDICATORS.replace(entry, entry + "    plausible: {max: 0.5}\n")
    with loaded_small_area_world(engine, sample_config, tmp_path, narrowed):
        pass
    flagged = [f for f in value_flags(engine) if f["indicator_id"] == "segregation-bakgrund"]
    assert {(f["region_code"], f["rule"]) for f in flagged} >= {("0180", "above_range")}
    assert all(f["value"] > 0.5 for f in flagged)
    app = create_app(Settings(database_url=str(engine.url), config_dir=sample_config), engine)
    client = app.server.test_client()
    ((title, year, own, riket),) = rows(
        page(client, "/kommun/0180/omraden"), "areas-segregation-table"
    )
    value = own.split(" | ")[0]
    assert own == f"{value} | {NOTE_SV}" and float(value.replace(",", ".")) > 0.5
    assert NOTE_SV not in riket
    for flag in value_flags(engine):
        accept_flag(engine, flag["id"], "Anna Berg")
    time.sleep(CACHE_CHECK_SECONDS)
    accepted = rows(page(client, "/kommun/0180/omraden"), "areas-segregation-table")
    assert accepted == [[title, year, value, riket]]


def test_a_flagged_county_value_is_noted_beside_its_municipalities(world: World) -> None:
    world.kolada.set_value("N07907", "0001", 2020, 140.0)  # Stockholms län, as Kolada codes it
    assert refresh(world, sources=["kolada"]).outcome == "success"
    client = create_app(world.settings, world.engine).server.test_client()
    municipality = text(find(page(client, "/kommun/0114"), "main"))
    assert f"140,0 | {NOTE_SV}" in municipality
    assert municipality.count(NOTE_SV) == 1  # the county's value, not Upplands Väsby's own
    county = text(find(page(client, "/lan/01"), "main"))
    assert f"140,0 procent (2020) | {NOTE_SV}" in county
    accept_all(world)
    assert NOTE_SV not in text(find(page(client, "/kommun/0114"), "main"))
