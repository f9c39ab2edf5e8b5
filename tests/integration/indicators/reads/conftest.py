"""The small Sweden of testkit/world.py, loaded through the real ETL, for the reads' tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from levande.indicators.reads.cache import Reader
from testkit.seeded import World, loaded_world


@pytest.fixture
def world(engine: Engine, sample_config: Path, tmp_path: Path) -> Iterator[World]:
    with loaded_world(engine, sample_config, tmp_path) as loaded:
        yield loaded


@pytest.fixture
def reader(world: World) -> Reader:
    """The loaded database as the reads see it, without a cache (each read asks the database)."""
    return Reader(world.engine)
