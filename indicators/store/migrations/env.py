"""Alembic environment: runs migrations on the engine handed over by ``store.database``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, Engine

from levande.indicators.store.schema import Base

target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _run_sqlite(engine: Engine) -> None:
    """Migrate SQLite with foreign keys off, then verify every reference.

    SQLite alters a table by copying it into a new one and dropping the old. With foreign
    keys enforced, dropping a table that others reference would cascade deletes into them
    (observations!), so enforcement is off while migrating and the references are verified
    before it is switched back on. The pragma only works outside a transaction.
    """
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
        try:
            with connection.begin():
                _run(connection)
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            connection.commit()
            if broken:
                raise RuntimeError(f"the migration left broken references: {broken[:5]}")
        finally:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


def run_migrations_online() -> None:
    """Use the engine given in the config attributes, else the settings' database URL."""
    engine = context.config.attributes.get("engine")
    if engine is None:
        from levande.indicators.core.settings import get_settings
        from levande.indicators.store.database import make_engine

        engine = make_engine(get_settings().resolved_database_url)
    if engine.dialect.name == "sqlite":
        _run_sqlite(engine)
        return
    with engine.begin() as connection:
        _run(connection)


if context.is_offline_mode():
    raise SystemExit("offline SQL generation is not supported; run 'levande db upgrade'")
run_migrations_online()
