"""Fixtures for the dashboard's tests: a small Sweden loaded through the real ETL, once.

The database is SQLite in a session folder; the pages only read it. Tests that need it are
marked ``integration`` (the load talks to the fake sources over loopback).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dash
import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine

from levande.dashboard.app import create_app
from levande.dashboard.context import AppContext
from levande.indicators.core.settings import Settings
from levande.indicators.store.database import make_engine, upgrade_schema
from testkit.sample_catalogue import write_sample_catalogue
from testkit.seeded import loaded_world


@dataclass(frozen=True)
class Seeded:
    """The seeded database and what the app needs to read it."""

    engine: Engine
    settings: Settings
    config_dir: Path


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    folder = tmp_path_factory.mktemp("dashboard-world")
    url = f"sqlite:///{folder / 'levande.db'}"
    engine = make_engine(url)
    upgrade_schema(engine)
    config = write_sample_catalogue(folder / "config")
    with loaded_world(engine, config, folder):
        pass
    settings = Settings(database_url=url, config_dir=config)
    try:
        yield Seeded(engine, settings, config)
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def ctx(seeded: Seeded) -> AppContext:
    return AppContext(seeded.engine, seeded.settings)


@pytest.fixture(scope="session")
def app(seeded: Seeded) -> dash.Dash:
    return create_app(seeded.settings, seeded.engine)


@pytest.fixture
def client(app: dash.Dash) -> FlaskClient:
    test_client: FlaskClient = app.server.test_client()
    return test_client
