"""A database loaded through the real ETL from the fake SCB and Kolada servers.

Shared by the query tests, the dashboard's unit tests and the browser suite, so that every
layer is tested on the same small Sweden (testkit/world.py) as the ETL produces it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import Engine

from levande.etl.pipeline import RunSummary, run_refresh
from levande.indicators.core.catalogue import Catalogue, load_catalogue
from levande.indicators.core.settings import Settings
from levande.indicators.store.statuses import recompute_statuses
from levande.indicators.store.sync import sync_catalogue
from testkit.fakes.kolada import FakeKolada
from testkit.fakes.scb import FakeScb
from testkit.world import seed_kolada, seed_scb, write_boundaries


@dataclass
class World:
    """The loaded database and the fakes it came from (running while the context is open)."""

    engine: Engine
    catalogue: Catalogue
    settings: Settings
    scb: FakeScb
    kolada: FakeKolada


@contextmanager
def loaded_world(
    engine: Engine, config_dir: Path, work_dir: Path, *, statuses: bool = True
) -> Iterator[World]:
    """Sync the catalogue, run the ETL and the status step; yield with the fakes still up.

    Args:
        engine: an engine on a database with the current schema.
        config_dir: the catalogue folder (testkit/sample_catalogue.py writes one).
        work_dir: a folder for the boundary files.
        statuses: run the status step after the load; the status step's own tests start
            from a database without statuses.
    """
    catalogue = load_catalogue(config_dir)
    sync_catalogue(engine, catalogue)
    kommun_url, lan_url = write_boundaries(work_dir / "geo")
    with FakeScb() as scb, FakeKolada() as kolada:
        seed_scb(scb)
        seed_kolada(kolada)
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
        summary = run_refresh(
            engine,
            catalogue,
            settings,
            after_load=(lambda eng, _run: recompute_statuses(eng, catalogue)) if statuses else None,
        )
        if summary.outcome != "success":
            raise RuntimeError(f"the seeded ETL run ended {summary.outcome}")
        yield World(engine, catalogue, settings, scb, kolada)


@contextmanager
def seeded_client(
    folder: Path, write_config: Callable[[Path], Path]
) -> Iterator[tuple[FlaskClient, Catalogue]]:
    """A test client of the app on a SQLite database loaded through the ETL, read cache off.

    Args:
        folder: where the database, the catalogue and the boundary files go.
        write_config: writes a catalogue folder (``testkit.sample_catalogue``) and returns it.
    """
    from levande.dashboard.app import create_app
    from levande.indicators.store.database import make_engine, upgrade_schema

    url = f"sqlite:///{folder / 'levande.db'}"
    engine = make_engine(url)
    upgrade_schema(engine)
    config = write_config(folder / "config")
    with loaded_world(engine, config, folder) as world:
        catalogue = world.catalogue
    app = create_app(Settings(database_url=url, config_dir=config, cache="off"), engine)
    client = app.server.test_client()
    client.get("/")  # the first request registers the pages router
    try:
        yield client, catalogue
    finally:
        engine.dispose()


def refresh(world: World, **options: Any) -> RunSummary:
    """Run the ETL again on a loaded world, with the status step after the load, as a refresh.

    Args:
        world: the loaded world (its fakes may have published something new).
        **options: passed on to :func:`run_refresh` (``sources``, ``indicator_ids``...).
    """
    return run_refresh(
        world.engine,
        world.catalogue,
        world.settings,
        after_load=lambda engine, _run: recompute_statuses(engine, world.catalogue),
        **options,
    )
