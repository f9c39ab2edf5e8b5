"""One runtime per command: what it opens for each database policy, and what it leaves alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command

from levande.cli.runtime import Database, Runtime
from levande.indicators.core.catalogue import CatalogueError, load_catalogue, public_catalogue
from levande.indicators.core.settings import Settings
from levande.indicators.reads.catalogue import CatalogueNotSyncedError
from levande.indicators.store.database import (
    SchemaNotCurrentError,
    alembic_config,
    current_revision,
    head_revision,
    make_engine,
    table_names,
    upgrade_schema,
)

pytestmark = pytest.mark.integration


def _settings(db_url: str, config: Path) -> Settings:
    return Settings(database_url=db_url, config_dir=config)


def test_a_runtime_without_database_loads_the_catalogue_once(
    sample_config: Path, tmp_path: Path
) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'none.db'}", config_dir=tmp_path)
    with Runtime(settings, config_dir=sample_config) as runtime:
        assert runtime.config_dir == sample_config
        assert runtime.config_catalogue is runtime.config_catalogue
        assert len(runtime.config_catalogue.indicators) == 4
        assert runtime.sources is runtime.sources
        with pytest.raises(RuntimeError, match="opened no database"):
            _ = runtime.engine
        with pytest.raises(RuntimeError, match="opened no database"):
            _ = runtime.catalogue  # the catalogue the commands use is the database's
    assert not (tmp_path / "none.db").exists()


def test_upgrade_creates_the_schema_and_copies_the_catalogue(
    db_url: str, sample_config: Path
) -> None:
    with Runtime(_settings(db_url, sample_config), database=Database.UPGRADE) as runtime:
        assert runtime.revision == head_revision()
        assert runtime.sync is not None and runtime.sync.added == 14
        assert runtime.sync.document_changed
        assert runtime.catalogue == public_catalogue(runtime.config_catalogue)
        engine = runtime.engine
        assert "observation" in table_names(engine)
    with pytest.raises(RuntimeError, match="opened no database"):
        _ = runtime.engine  # closed with the block
    with Runtime(_settings(db_url, sample_config), database=Database.UPGRADE) as again:
        assert again.sync is not None and again.sync.touched == 0
        assert not again.sync.catalogue_changed


def test_writing_needs_a_synced_catalogue_and_uses_the_database_copy(
    db_url: str, sample_config: Path
) -> None:
    settings = _settings(db_url, sample_config)
    engine = make_engine(db_url)
    try:
        upgrade_schema(engine)  # the schema, but no catalogue copied into it
        with (
            pytest.raises(CatalogueNotSyncedError, match="run 'levande db upgrade'"),
            Runtime(settings, database=Database.WRITE),
        ):
            pass
        with Runtime(settings, database=Database.UPGRADE):
            pass
        synced = public_catalogue(load_catalogue(sample_config))
        goal = sample_config / "goal.yaml"
        goal.write_text(goal.read_text(encoding="utf-8").replace("text_sv:", "text_sv: Ny.", 1))
        with Runtime(settings, database=Database.WRITE) as runtime:
            assert runtime.sync is None  # a writing runtime copies nothing
            assert runtime.catalogue == synced  # the YAML changed, the database's copy did not
            assert runtime.catalogue is runtime.catalogue
            assert runtime.catalogue.goal.text_sv != runtime.config_catalogue.goal.text_sv
    finally:
        engine.dispose()


def test_an_invalid_catalogue_is_refused_before_the_database_is_touched(
    db_url: str, sample_config: Path
) -> None:
    path = sample_config / "indicators" / "fa06.yaml"
    path.write_text(path.read_text().replace("subgoals: [FA06-D1]", "subgoals: [FA06-D9]"))
    with (
        pytest.raises(CatalogueError),
        Runtime(_settings(db_url, sample_config), database=Database.UPGRADE),
    ):
        pass
    engine = make_engine(db_url)
    assert table_names(engine) == []
    engine.dispose()


def test_reading_needs_the_current_schema_and_changes_nothing(
    db_url: str, sample_config: Path
) -> None:
    settings = _settings(db_url, sample_config)
    engine = make_engine(db_url)
    try:
        reading = Runtime(settings, database=Database.READ)
        assert table_names(engine) == []  # the database exists (SQLite: an empty file)
        with pytest.raises(SchemaNotCurrentError, match="no schema yet: run 'levande db upgrade'"):
            reading.__enter__()
        assert table_names(engine) == []

        command.upgrade(alembic_config(engine), "0002")
        with pytest.raises(SchemaNotCurrentError) as caught, reading:
            pass
        assert str(caught.value) == (
            f"the database schema is at revision 0002, this version reads {head_revision()}: "
            "run 'levande db upgrade'"
        )
        assert current_revision(engine) == "0002"

        command.upgrade(alembic_config(engine), "head")
        with Runtime(settings, database=Database.READ) as runtime:
            assert runtime.revision == head_revision()
            assert runtime.sync is None  # a reading runtime copies nothing

        with engine.begin() as conn:
            conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0099'")
        with pytest.raises(SchemaNotCurrentError, match="0099, which this version does not know"):
            reading.__enter__()
    finally:
        engine.dispose()
