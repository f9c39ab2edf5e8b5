"""Connecting to the database and keeping its schema current.

SQLite is the embedded default (one file, WAL mode so the dashboard reads while the ETL
writes); PostgreSQL is the production choice. Both run the same Alembic migrations.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

log = logging.getLogger(__name__)

#: The Alembic revisions, shipped inside the package next to this module.
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class DatabaseError(RuntimeError):
    """The database cannot be used; the message says why in one line."""


class SchemaNotCurrentError(DatabaseError):
    """The database answers, but its schema is not the one this version reads."""


def _prepare_sqlite_file(url: str) -> None:
    database = make_url(url).database
    if not database or database == ":memory:":
        return
    path = Path(database)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"cannot create the data folder {folder}: {exc.strerror}") from None
    if not os.access(folder, os.W_OK):
        raise DatabaseError(f"the data folder {folder} is not writable")
    if path.exists() and not os.access(path, os.W_OK):
        raise DatabaseError(f"the database file {path} is not writable")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str, *, readonly_ok: bool = False, **kwargs: Any) -> Engine:
    """Create an engine for ``url``; SQLite files get their folder and WAL mode.

    Args:
        url: SQLAlchemy URL (``sqlite:///...`` or ``postgresql+psycopg://...``).
        readonly_ok: skip the writability checks (the dashboard only reads).
        **kwargs: passed to :func:`sqlalchemy.create_engine`.

    Raises:
        DatabaseError: malformed URL, missing driver, or an unusable data folder.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"malformed database URL {url!r}") from None
    if parsed.get_backend_name() == "sqlite":
        if not readonly_ok:
            _prepare_sqlite_file(url)
        try:
            engine = create_engine(url, **kwargs)
        except (ArgumentError, ImportError) as exc:
            raise DatabaseError(f"cannot use database URL: {exc}") from None
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    kwargs.setdefault("pool_pre_ping", True)
    try:
        return create_engine(parsed, **kwargs)
    except ImportError:
        raise DatabaseError(
            f"no driver for {parsed.drivername}: install the 'postgres' extra "
            "(pip install 'levande-stader[postgres]')"
        ) from None
    except (ArgumentError, SQLAlchemyError) as exc:
        raise DatabaseError(f"cannot use database URL: {exc}") from None


def check_connection(engine: Engine) -> None:
    """Open one connection so an unreachable server fails early with one clear line."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseError(
            f"cannot reach the database {engine.url.render_as_string(hide_password=True)}: {reason}"
        ) from None


def alembic_config(engine: Engine) -> Any:
    """An Alembic config that runs the project's migrations on ``engine``."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade_schema(engine: Engine) -> str:
    """Create or upgrade the schema to the newest migration.

    Returns:
        The revision the database is at afterwards.
    """
    from alembic import command

    check_connection(engine)
    command.upgrade(alembic_config(engine), "head")
    return current_revision(engine) or ""


def current_revision(engine: Engine) -> str | None:
    """The Alembic revision stamped in the database, or None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    """The newest revision among the project's migrations."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    if head is None:
        raise DatabaseError("the package's migrations are missing")
    return head


def schema_is_current(engine: Engine) -> bool:
    """True when the database is at the newest migration."""
    return current_revision(engine) == head_revision()


def _missing_sqlite_file(engine: Engine) -> Path | None:
    """The SQLite file ``engine`` names when it does not exist, else None.

    Checked before connecting: SQLite would otherwise create an empty file (a read-only
    command must leave nothing behind) or fail on a missing folder with a bare "unable to
    open database file".
    """
    if engine.url.get_backend_name() != "sqlite":
        return None
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    path = Path(database)
    return None if path.exists() else path


def require_current_schema(engine: Engine) -> str:
    """Check, without changing anything, that the database has this version's schema.

    For commands that only read: they must not migrate a database behind the operator's back.

    Returns:
        The revision (the newest one).

    Raises:
        DatabaseError: when the database cannot be reached.
        SchemaNotCurrentError: saying whether the schema is missing, older or newer, and what
            to do.
    """
    missing = _missing_sqlite_file(engine)
    if missing is not None:
        raise SchemaNotCurrentError(
            f"there is no database at {missing} yet: run 'levande db upgrade' to create it"
        )
    check_connection(engine)
    found, head = current_revision(engine), head_revision()
    if found == head:
        return head
    if found is None:
        raise SchemaNotCurrentError("the database has no schema yet: run 'levande db upgrade'")
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        known = ScriptDirectory(str(MIGRATIONS_DIR)).get_revision(found) is not None
    except CommandError:
        known = False
    if not known:
        raise SchemaNotCurrentError(
            f"the database schema is at revision {found}, which this version does not know "
            f"(it reads {head}): install the version that wrote it"
        )
    raise SchemaNotCurrentError(
        f"the database schema is at revision {found}, this version reads {head}: "
        "run 'levande db upgrade'"
    )


def table_names(engine: Engine) -> list[str]:
    """Names of the tables in the database, sorted (used by tests and readiness checks)."""
    return sorted(inspect(engine).get_table_names())


def analyze_tables(engine: Engine) -> None:
    """Give PostgreSQL's planner fresh statistics of every table, after a load.

    Right after a load the planner knows nothing of the new rows until autovacuum gets round
    to them (a minute on a default server, never where it is switched off). Meanwhile it
    takes every table for a few rows, and the dashboard's joins run as nested loops: the
    ranking of a level took 30 ms instead of 5 on a freshly loaded national database
    (benchmarks/RESULTS.md, section 14). ``ANALYZE`` samples each table (about two seconds
    for the national database) and does not block readers. SQLite's planner needs no such
    step. A failure is logged, never raised: the data is loaded either way.
    """
    if engine.dialect.name != "postgresql":
        return
    from levande.indicators.store.schema import Base

    preparer = engine.dialect.identifier_preparer
    names = ", ".join(preparer.quote(table.name) for table in Base.metadata.sorted_tables)
    try:
        with engine.begin() as conn:
            conn.execute(text(f"ANALYZE {names}"))
    except SQLAlchemyError as exc:
        log.warning("the planner's statistics were not refreshed: %s", exc)
