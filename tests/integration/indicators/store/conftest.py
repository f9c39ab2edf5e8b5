"""The test world loaded by the real ETL from the fake sources, for the status step's tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from levande.etl.pipeline import run_refresh
from levande.indicators.core.catalogue import Catalogue, load_catalogue
from levande.indicators.core.settings import Settings
from levande.indicators.store.sync import sync_catalogue
from testkit.fakes.kolada import FakeKolada
from testkit.fakes.scb import FakeScb
from testkit.world import seed_kolada, seed_scb


@pytest.fixture
def test_world(engine: Engine, sample_config: Path) -> Catalogue:
    """The sample catalogue with regions, SCB and Kolada values loaded (no status step yet)."""
    catalogue = load_catalogue(sample_config)
    sync_catalogue(engine, catalogue)
    with FakeScb() as scb, FakeKolada() as kolada:
        seed_scb(scb)
        seed_kolada(kolada)
        settings = Settings(
            scb_api_url=scb.url, kolada_api_url=kolada.url, http_max_retries=1,
            kolada_calls_per_second=500, first_year=2018, config_dir=sample_config,
        )  # fmt: skip
        summary = run_refresh(engine, catalogue, settings, sources=["regions", "scb", "kolada"])
    assert summary.outcome == "success"
    return catalogue
