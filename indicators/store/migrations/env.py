"""Alembic environment: runs migrations on the engine handed over by ``store.database``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

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


def run_migrations_online() -> None:
    """Use the engine given in the config attributes, else the settings' database URL."""
    engine = context.config.attributes.get("engine")
    if engine is None:
        from levande.indicators.core.settings import get_settings
        from levande.indicators.store.database import make_engine

        engine = make_engine(get_settings().resolved_database_url)
    with engine.begin() as connection:
        _run(connection)


if context.is_offline_mode():
    raise SystemExit("offline SQL generation is not supported; run 'levande db upgrade'")
run_migrations_online()
