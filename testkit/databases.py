"""PostgreSQL schemas of their own for tests and benchmarks, so that runs never collide."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url


def postgres_schema_url(base_url: str) -> tuple[str, str]:
    """Create a fresh schema and return (url bound to it, schema name)."""
    schema = f"lt_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base_url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False), schema


def drop_postgres_schema(base_url: str, schema: str) -> None:
    """Drop a test schema and everything in it."""
    admin = create_engine(base_url)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()


@contextmanager
def sent_statements(engine: Engine) -> Iterator[list[str]]:
    """Every statement sent through ``engine`` inside the block, whitespace folded.

    For tests that count round trips: how often a page asks the database the same thing.
    """
    sent: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        sent.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)


@dataclass
class Checkouts:
    """Connections taken from and given back to an engine's pool inside a block."""

    taken: int = 0
    returned: int = 0


@contextmanager
def pool_checkouts(engine: Engine) -> Iterator[Checkouts]:
    """Count the connections ``engine``'s real pool hands out and gets back inside the block.

    Counted with the pool's own events, so a test sees what a page really holds: one
    connection per request, returned also when the request fails.
    """
    counts = Checkouts()

    def taken(*_args: object) -> None:
        counts.taken += 1

    def returned(*_args: object) -> None:
        counts.returned += 1

    event.listen(engine.pool, "checkout", taken)
    event.listen(engine.pool, "checkin", returned)
    try:
        yield counts
    finally:
        event.remove(engine.pool, "checkout", taken)
        event.remove(engine.pool, "checkin", returned)
