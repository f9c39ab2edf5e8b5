"""Composition of settings, catalogue, database, ETL and dashboard for the CLI."""

from __future__ import annotations

from sqlalchemy import Engine

from indicators.catalogue import Catalogue, load_catalogue
from indicators.database import make_engine, upgrade_schema
from indicators.settings import Settings
from indicators.sync import SyncReport, sync_catalogue


def engine_for(settings: Settings) -> Engine:
    """The engine for the configured database."""
    return make_engine(settings.resolved_database_url)


def upgrade_and_sync(settings: Settings) -> tuple[str, SyncReport]:
    """Validate the catalogue, upgrade the schema and sync the catalogue into it."""
    catalogue: Catalogue = load_catalogue(settings.config_dir)
    engine = engine_for(settings)
    try:
        revision = upgrade_schema(engine)
        report = sync_catalogue(engine, catalogue)
    finally:
        engine.dispose()
    return revision, report


def online_check(settings: Settings, catalogue: Catalogue) -> int:
    """Verify every source id against the live sources; filled in with the ETL clients."""
    raise NotImplementedError("online check needs the source clients")
