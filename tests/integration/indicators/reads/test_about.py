"""Source, freshness and the requests that reproduce the stored values.

On a database loaded by the real ETL, on SQLite and PostgreSQL; expected values are worked out
by hand from testkit/world.py (see the comments at each test).
"""

from __future__ import annotations

import json

import pytest
import requests

from levande.etl.sources.scb import parse_jsonstat2
from levande.indicators.reads import about as provenance
from levande.indicators.reads import series as obs
from levande.indicators.reads.cache import Reader
from testkit.seeded import World

pytestmark = pytest.mark.integration


def test_about(reader: Reader) -> None:
    info = provenance.about(
        reader, "folkmangd", kolada_api_url="https://api.kolada.se/v3",
        scb_api_url="https://statistikdatabasen.scb.se/api/v2",
    )  # fmt: skip
    assert info is not None
    assert (info.source, info.table_id, info.source_title) == (
        "scb", "TAB638", "Folkmängden efter region, kön och år",
    )  # fmt: skip
    assert info.source_updated is not None and info.last_fetched is not None
    assert info.source_link.endswith("/tables/TAB638/metadata?lang=sv")
    assert provenance.about(reader, "nope", kolada_api_url="x", scb_api_url="y") is None
    kolada = provenance.about(
        reader, "trangboddhet", kolada_api_url="https://k/v3", scb_api_url="s"
    )
    assert kolada is not None
    assert [r.url for r in kolada.requests] == ["https://k/v3/data/kpi/N07907/year/2018,2019,2020"]
    assert kolada.source_link == "https://www.kolada.se/verktyg/fri-sokning/?kpis=N07907"


def test_reproduce_kolada_returns_the_stored_values(world: World, reader: Reader) -> None:
    """The Kolada URLs shown under "reproduce this number" give the numbers we show."""
    info = provenance.about(
        reader, "livskvalitet-kommunindex", kolada_api_url=world.kolada.url,
        scb_api_url=world.scb.url,
    )  # fmt: skip
    assert info is not None and len(info.requests) == 2
    answers: dict[tuple[str, str], float | None] = {}
    for req in info.requests:
        body = requests.get(req.url, timeout=10).json()
        for record in body["values"]:
            for item in record["values"]:
                if item["gender"] == "T":
                    answers[(record["municipality"], str(record["period"]))] = item["value"]
    stored = obs.series(reader, "livskvalitet-kommunindex", ["0180", "01", "00"]).set_index(
        ["region_code", "period"]
    )["value"]
    assert answers[("0180", "2020")] == stored[("0180", "2020")]
    assert answers[("G33612", "2019")] == stored[("01", "2019")]  # county = group mean
    assert answers[("G2328", "2018")] == stored[("00", "2018")]


def test_reproduce_scb_returns_the_stored_values(world: World, reader: Reader) -> None:
    info = provenance.about(
        reader, "folkmangd", kolada_api_url=world.kolada.url, scb_api_url=world.scb.url
    )
    assert info is not None
    (req,) = info.requests
    doc = requests.post(req.url, json=json.loads(req.body or "{}"), timeout=10).json()
    dataset = parse_jsonstat2(doc)
    cell = dataset.cell(Region="0180", Kon="1+2", ContentsCode="BE0101N1", Tid="2020")
    stored = obs.series(reader, "folkmangd", ["0180"]).set_index("period")["value"]
    assert cell is not None and cell.value == stored["2020"]
