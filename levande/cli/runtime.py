"""One runtime per command: settings → engine → schema → catalogue → source clients.

Every command opens one :class:`Runtime`, works with what it holds and closes it, so that
engine set-up and teardown, the schema policy and the catalogue's loading are written once.

The catalogue the commands work with is the database's copy (:attr:`Runtime.catalogue`);
only ``levande db upgrade`` (and ``levande up``, which begins with it) reads the YAML in the
catalogue folder to write that copy, besides the commands about the YAML itself
(``config check``, ``catalogue export``: :attr:`Runtime.config_catalogue`).
"""

from __future__ import annotations

import logging
from enum import StrEnum
from pathlib import Path
from typing import Self

from sqlalchemy import Engine

from levande.etl.sources.clients import Sources
from levande.indicators.core.catalogue import Catalogue, load_catalogue
from levande.indicators.core.settings import Settings
from levande.indicators.reads.cache import Reader
from levande.indicators.reads.catalogue import require_catalogue
from levande.indicators.store.database import (
    make_engine,
    require_current_schema,
    upgrade_schema,
)
from levande.indicators.store.sync import SyncReport, sync_catalogue

log = logging.getLogger(__name__)


class Database(StrEnum):
    """What a command does with the database when its runtime opens."""

    NONE = "none"
    """The command needs no database (checking or printing the catalogue)."""
    READ = "read"
    """The command only reads: the schema must already be current; nothing is written."""
    WRITE = "write"
    """The command writes data (runs, statuses) with the synced catalogue: the schema must be
    current and the catalogue copied into it, as ``levande db upgrade`` leaves it."""
    UPGRADE = "upgrade"
    """``levande db upgrade``: create or upgrade the schema and copy the catalogue into it."""


class Runtime:
    """What one command works with, made once and closed after (a context manager).

    Attributes:
        settings: the settings of the process.
        config_dir: the catalogue folder (the settings' unless a command names another).
        revision: the schema revision, once the database is open.
        sync: what copying the catalogue into the database changed (``UPGRADE`` only).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        database: Database = Database.NONE,
        config_dir: Path | None = None,
    ) -> None:
        """Describe the runtime; nothing is opened before :meth:`open` (or ``with``)."""
        self.settings = settings
        self.database = database
        self.config_dir = config_dir or settings.config_dir
        self.revision: str | None = None
        self.sync: SyncReport | None = None
        self._engine: Engine | None = None
        self._config_catalogue: Catalogue | None = None
        self._catalogue: Catalogue | None = None
        self._sources: Sources | None = None

    # -- life cycle -----------------------------------------------------------------------

    def open(self) -> Self:
        """Open the database as the command asked.

        ``UPGRADE`` validates the catalogue before touching the database, so an invalid
        catalogue never leaves a half-synced one behind.

        Raises:
            CatalogueError: the catalogue is invalid (``UPGRADE``).
            DatabaseError: the database cannot be used.
            SchemaNotCurrentError: a ``READ`` or ``WRITE`` command on a database without this
                version's schema.
            CatalogueNotSyncedError: a ``WRITE`` command on a database without a catalogue.
        """
        if self.database is Database.NONE:
            return self
        if self.database is Database.UPGRADE:
            catalogue = self.config_catalogue
            engine = self._open_engine()
            self.revision = upgrade_schema(engine)
            self.sync = sync_catalogue(engine, catalogue)
        else:
            self.revision = require_current_schema(self._open_engine())
            if self.database is Database.WRITE:
                _ = self.catalogue
        return self

    def close(self) -> None:
        """Release the database connections."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def __enter__(self) -> Self:
        try:
            return self.open()
        except BaseException:
            self.close()
            raise

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _open_engine(self) -> Engine:
        if self._engine is None:
            # A command that only reads creates no data folder (nor checks it is writable).
            self._engine = make_engine(
                self.settings.resolved_database_url,
                readonly_ok=self.database is Database.READ,
            )
        return self._engine

    # -- what commands use ----------------------------------------------------------------

    @property
    def engine(self) -> Engine:
        """The database, opened as the command's :class:`Database` says."""
        if self._engine is None:
            raise RuntimeError(f"this runtime opened no database (database={self.database})")
        return self._engine

    @property
    def config_catalogue(self) -> Catalogue:
        """The catalogue as written in ``config_dir``, loaded once.

        This is what is checked and copied to the database.
        """
        if self._config_catalogue is None:
            self._config_catalogue = load_catalogue(self.config_dir)
        return self._config_catalogue

    @property
    def catalogue(self) -> Catalogue:
        """The catalogue the commands work with (runs, statuses, schedule). Loaded once.

        The one place that says where it comes from: the database's copy, which
        ``levande db upgrade`` writes from the catalogue folder.

        Raises:
            CatalogueNotSyncedError: the database holds no catalogue yet.
        """
        if self._catalogue is None:
            self._catalogue = require_catalogue(Reader(self.engine))
        return self._catalogue

    @property
    def sources(self) -> Sources:
        """The runtime's sources: its rate limiters, and fresh clients for every run."""
        if self._sources is None:
            self._sources = Sources(self.settings)
        return self._sources
