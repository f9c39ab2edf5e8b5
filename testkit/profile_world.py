"""The test Sweden of testkit/world.py plus Gävleborg, and a second refresh that changes things.

The place pages need more than the base world offers: a municipality found by searching
"gavle", a municipality without any data in one focus area, ties, peer groups with missing
values and a refresh after which some values, ranks and statuses differ. The base world is left
exactly as it is (other tests count its rows); this module adds to the fakes before the first
load and revises them before a second one:

* county 21 Gävleborg with Gävle (2180, SKR group B3 with Uppsala) and Sandviken (2181, no
  SKR group); both in "all municipalities";
* livskvalitet (N00310): Gävle equals Uppsala every year (a tie, also within B3), Sandviken
  62 rising by 0.5 a year;
* self-rated health (U01405): Gävle has rows in every year, all without a value ("Saknas");
* overcrowding (N07907): Sandviken only, so Gävle has nothing in focus area FA06 (and no
  population either: the SCB table has no row for it).

The second refresh revises livskvalitet 2020 for Stockholm (70.0 -> 75.0) and Sandviken
(63.0 -> 66.5), which moves Gävle from rank 2 to rank 3 of 5, and publishes overcrowding 2021
for Stockholm (14.5). After it, livskvalitet 2020 is: 0114 61.0, 0180 75.0, 0380 66.0,
2180 66.0, 2181 66.5; riket (mean of the five) 66.9, county 21 (mean of two) 66.25.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine

from levande.etl.pipeline import run_refresh
from levande.indicators.core.catalogue import load_catalogue
from levande.indicators.core.settings import Settings
from levande.indicators.store.statuses import recompute_statuses
from levande.indicators.store.sync import sync_catalogue
from testkit.fakes.kolada import FakeKolada, FakePoint
from testkit.fakes.scb import FakeScb
from testkit.seeded import World
from testkit.world import COUNTIES, MUNICIPALITIES, YEARS, seed_kolada, seed_scb

GAVLE = "2180"
SANDVIKEN = "2181"
GAVLEBORG = "21"
KOMMUNER = {**MUNICIPALITIES, GAVLE: "Gävle", SANDVIKEN: "Sandviken"}
LAN = {**COUNTIES, GAVLEBORG: "Region Gävleborg"}


def seed_gavleborg(kolada: FakeKolada) -> None:
    """Add Gävleborg, Gävle and Sandviken with their groups and values to a seeded fake."""
    kolada.add_municipality("0021", "Region Gävleborg", "L")
    kolada.add_municipality(GAVLE, "Gävle", "K")
    kolada.add_municipality(SANDVIKEN, "Sandviken", "K")
    kolada.add_group("G2328", "Alla kommuner (ovägt medel)", [*MUNICIPALITIES, GAVLE, SANDVIKEN])
    kolada.add_group("G33632", "Gävleborgs läns kommuner (ovägt medel)", [GAVLE, SANDVIKEN])
    kolada.add_group("G92790", "Större stad (ovägt medel)", ["0380", GAVLE])
    points: list[FakePoint] = []
    for year in YEARS:
        step = year - 2018
        points.append(FakePoint("N00310", GAVLE, year, "T", 65.0 + step * 0.5))
        points.append(FakePoint("N00310", SANDVIKEN, year, "T", 62.0 + step * 0.5))
        points.append(FakePoint("U01405", GAVLE, year, "T", None, status="Saknas"))
        points.append(FakePoint("N07907", SANDVIKEN, year, "T", 9.0 - step * 0.25))
    kolada.load(points)


def write_boundaries(folder: Path) -> tuple[str, str]:
    """Square boundaries for every municipality and county of the extended world."""
    folder.mkdir(parents=True, exist_ok=True)

    def square(i: int, row: int) -> dict[str, object]:
        ring = [[i, row], [i + 1, row], [i + 1, row + 1], [i, row + 1], [i, row]]
        return {"type": "Polygon", "coordinates": [ring]}

    kommuner = [
        {"type": "Feature", "properties": {"kommun_kod": code, "kommun": name},
         "geometry": square(i, 0)}
        for i, (code, name) in enumerate(KOMMUNER.items())
    ]  # fmt: skip
    lan = [
        {"type": "Feature", "properties": {"l_id": int(code), "name": name},
         "geometry": square(i, 2)}
        for i, (code, name) in enumerate(LAN.items())
    ]  # fmt: skip
    urls = []
    for name, features in (("kommuner", kommuner), ("lan", lan)):
        path = folder / f"{name}.geojson"
        path.write_text(
            json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
        )
        urls.append(path.as_uri())
    return urls[0], urls[1]


def revise(kolada: FakeKolada) -> None:
    """The changes the second refresh picks up."""
    kolada.set_value("N00310", "0180", 2020, 75.0)
    kolada.set_value("N00310", SANDVIKEN, 2020, 66.5)
    kolada.set_value("N07907", "0180", 2021, 14.5)


@contextmanager
def loaded_profile_world(engine: Engine, config_dir: Path, work_dir: Path) -> Iterator[World]:
    """Load the extended world, revise it and refresh again; yield with the fakes up.

    Args:
        engine: an engine on a database with the current schema.
        config_dir: the sample catalogue folder.
        work_dir: a folder for the boundary files.
    """
    catalogue = load_catalogue(config_dir)
    sync_catalogue(engine, catalogue)
    kommun_url, lan_url = write_boundaries(work_dir / "geo")
    with FakeScb() as scb, FakeKolada() as kolada:
        seed_scb(scb)
        seed_kolada(kolada)
        seed_gavleborg(kolada)
        settings = Settings(
            database_url=str(engine.url.render_as_string(hide_password=False)),
            scb_api_url=scb.url,
            kolada_api_url=kolada.url,
            geo_municipalities_url=kommun_url,
            geo_counties_url=lan_url,
            http_max_retries=1,
            kolada_calls_per_second=500,
            first_year=2018,
            config_dir=config_dir,
        )

        def recompute(eng: Engine, _run: int) -> None:
            recompute_statuses(eng, catalogue)

        for _ in range(2):
            summary = run_refresh(engine, catalogue, settings, after_load=recompute)
            if summary.outcome != "success":
                raise RuntimeError(f"the seeded ETL run ended {summary.outcome}")
            revise(kolada)
        yield World(engine, catalogue, settings, scb, kolada)
