"""Atom feeds: valid Atom, a refresh's changes carried once with stable ids, discoverable."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from levande.dashboard.app import create_app
from levande.indicators.store.schema import EtlRunItem, IndicatorStatus
from testkit.seeded import World, loaded_world, refresh
from testkit.world import YEARS

pytestmark = pytest.mark.integration

ATOM = "{http://www.w3.org/2005/Atom}"
NEW_YEAR = max(YEARS) + 1
FEEDS = (
    "/flode.atom",
    "/flode/indikator/trangboddhet.atom",
    "/flode/omrade/FA06.atom",
    "/flode/kommun/0180.atom",
    "/flode/kommun/0114.atom",
    "/flode/lan/01.atom",
)


@pytest.fixture
def world(engine: Engine, sample_config: Path, tmp_path: Path) -> Iterator[World]:
    with loaded_world(engine, sample_config, tmp_path) as loaded:
        yield loaded


def _refresh(world: World) -> int:
    summary = refresh(world, sources=["kolada"])
    assert summary.outcome == "success"
    return summary.run_id


def _client(world: World) -> FlaskClient:
    client: FlaskClient = create_app(world.settings, world.engine).server.test_client()
    return client


def _stamp(text: str | None) -> datetime:
    assert text is not None
    return datetime.fromisoformat(text)


def parse_atom(body: bytes) -> list[dict[str, str]]:
    """The entries of an Atom document, after checking what RFC 4287 requires of it."""
    root = ET.fromstring(body)  # noqa: S314 - our own answer, in a test
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None, required
    _stamp(root.findtext(f"{ATOM}updated"))
    assert root.findtext(f"{ATOM}author/{ATOM}name")
    rels = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert str(rels.get("self")).startswith("http") and rels.get("alternate")
    entries = []
    for entry in root.findall(f"{ATOM}entry"):
        fields = {k: entry.findtext(f"{ATOM}{k}") or "" for k in ("id", "title", "updated")}
        assert all(fields.values()), fields
        _stamp(fields["updated"])
        assert entry.find(f"{ATOM}link").get("href", "").startswith("http")  # type: ignore[union-attr]
        entries.append(fields)
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids)), "an entry twice"
    return entries


def _item_ids(engine: Engine, run_id: int, target: str) -> list[int]:
    with Session(engine) as session:
        return list(
            session.scalars(
                select(EtlRunItem.id).where(
                    EtlRunItem.run_id == run_id, EtlRunItem.target == target
                )
            )
        )


def test_a_refresh_appears_once_in_every_feed_that_covers_it(world: World) -> None:
    world.kolada.set_value("N07907", "0180", NEW_YEAR, 13.0)  # a new year for Stockholm
    world.kolada.set_value("N07907", "0114", max(YEARS), 9.9)  # a revision for Väsby
    run_id = _refresh(world)
    (step,) = _item_ids(world.engine, run_id, "trangboddhet")
    new, revised = (f"urn:levande-stader:change:step-{step}-{k}" for k in ("new", "revised"))
    client = _client(world)
    seen = {}
    for address in FEEDS:
        response = client.get(address)
        assert response.status_code == 200, address
        assert response.mimetype == "application/atom+xml"
        seen[address] = parse_atom(response.data)
    ids = {address: [e["id"] for e in entries] for address, entries in seen.items()}
    for address in ("/flode.atom", "/flode/indikator/trangboddhet.atom", "/flode/omrade/FA06.atom"):
        assert ids[address].count(new) == 1 and ids[address].count(revised) == 1, address
    assert ids["/flode/kommun/0180.atom"].count(new) == 1  # Stockholm has a value for it
    assert new not in ids["/flode/kommun/0114.atom"]  # Väsby has none
    assert new not in ids["/flode/lan/01.atom"]  # the county published nothing new
    titles = {e["id"]: e["title"] for e in seen["/flode.atom"]}
    assert titles[new] == f"Trångboddhet: nya uppgifter för {NEW_YEAR}"
    assert titles[revised] == "Trångboddhet: 1 värden reviderade"
    english = parse_atom(client.get("/flode/indikator/trangboddhet.atom?lang=en").data)
    assert {e["id"]: e["title"] for e in english}[new] == f"Overcrowding: new data for {NEW_YEAR}"
    # Built again, and after a refresh that changes nothing: the same entries, never twice.
    _refresh(world)
    again = parse_atom(_client(world).get("/flode.atom").data)
    assert [e["id"] for e in again] == ids["/flode.atom"]


def test_a_place_feed_carries_status_and_quartile_changes(world: World) -> None:
    with Session(world.engine) as session, session.begin():
        row = session.execute(
            select(IndicatorStatus).where(
                IndicatorStatus.indicator_id == "trangboddhet",
                IndicatorStatus.region_code == "0180",
                IndicatorStatus.breakdown == "T",
            )
        ).scalar_one()
        before = "deterioration" if row.status != "deterioration" else "moderate_progress"
        quartile = 4 if row.quartile != 4 else 1
        session.execute(
            update(IndicatorStatus)
            .where(IndicatorStatus.indicator_id == "trangboddhet",
                   IndicatorStatus.region_code == "0180", IndicatorStatus.breakdown == "T")
            .values(previous={"status": before, "quartile": quartile, "changed": ["status"]})
        )  # fmt: skip
        after, now_quartile = row.status, row.quartile
    entries = parse_atom(_client(world).get("/flode/kommun/0180.atom?lang=en").data)
    titles = [e["title"] for e in entries]
    words = {"deterioration": "Deterioration", "moderate_progress": "Moderate progress"}
    assert after is not None and now_quartile is not None
    assert any(
        t.startswith(f"Overcrowding: status changed from {words[before]} to ") for t in titles
    ), titles
    quartiles = (
        f"Overcrowding: from quartile {quartile} to quartile {now_quartile} "
        "among all municipalities"
    )
    assert quartiles in titles


def test_every_page_announces_its_feed(world: World) -> None:
    client = _client(world)
    cases = {
        "/kommun/0180": '<link rel="alternate" type="application/atom+xml" '
        'href="/flode/kommun/0180.atom"',
        "/indikator/trangboddhet?lang=en": 'href="/flode/indikator/trangboddhet.atom?lang=en"',
        "/omrade/FA06": 'href="/flode/omrade/FA06.atom"',
        "/": 'href="/flode.atom"',
        "/data": 'href="/flode.atom"',
    }
    for address, expected in cases.items():
        page = client.get(address).get_data(as_text=True)
        head = page.split("</head>")[0]
        assert expected in head, address
        assert 'type="application/atom+xml"' in head


@pytest.mark.parametrize(
    "address",
    ["/flode/kommun/9999.atom", "/flode/lan/0180.atom", "/flode/indikator/finns-inte.atom",
     "/flode/kommun/%3Cscript%3E.atom", "/flode/okant/x.atom"],
)  # fmt: skip
def test_a_feed_that_does_not_exist_is_a_plain_404(world: World, address: str) -> None:
    response = _client(world).get(address)
    assert response.status_code == 404
    assert "<script>" not in response.get_data(as_text=True)
