"""The test world loaded by the real ETL from the fake sources, for the status step's tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from levande.indicators.core.catalogue import Catalogue
from testkit.seeded import loaded_world


@pytest.fixture
def test_world(engine: Engine, sample_config: Path, tmp_path: Path) -> Iterator[Catalogue]:
    """The sample catalogue with its regions and values loaded (no status step yet)."""
    with loaded_world(engine, sample_config, tmp_path, statuses=False) as world:
        yield world.catalogue
