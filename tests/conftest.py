"""Shared fixtures: a database on SQLite and on PostgreSQL, and a small sample catalogue.

Every database test runs twice, once per backend. PostgreSQL tests get a schema of their own
(dropped afterwards), so parallel or repeated runs never collide. In CI an unreachable
PostgreSQL fails the run instead of skipping.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import Engine, create_engine, text

from levande.indicators.store.database import make_engine, upgrade_schema
from testkit.databases import drop_postgres_schema, postgres_schema_url
from testkit.sample_catalogue import write_sample_catalogue

# Property tests check answers, never time: Hypothesis's per-example deadline would make a test
# fail because the machine is busy, so it is off for every test.
settings.register_profile("levande", deadline=None)
settings.load_profile("levande")

POSTGRES_URL = os.environ.get(
    "LEVANDE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _postgres_available() -> str | None:
    try:
        engine = create_engine(POSTGRES_URL)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:  # any driver or network failure means "not available"
        return str(exc).splitlines()[0]


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The base PostgreSQL URL; skips locally, fails in CI when the server is down."""
    problem = _postgres_available()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI but unreachable: {problem}")
        pytest.skip(f"PostgreSQL unreachable: {problem}")
    return POSTGRES_URL


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database URL on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'levande.db'}"
        return
    base = request.getfixturevalue("postgres_server")
    url, schema = postgres_schema_url(base)
    try:
        yield url
    finally:
        drop_postgres_schema(base, schema)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on a database with the current schema."""
    eng = make_engine(db_url)
    upgrade_schema(eng)
    try:
        yield eng
    finally:
        eng.dispose()


@pytest.fixture
def sample_config(tmp_path: Path) -> Path:
    """A small valid catalogue folder (two focus areas, four indicators)."""
    return write_sample_catalogue(tmp_path / "config")
