"""Schema migrations and catalogue sync on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, select
from sqlalchemy.orm import Session

from levande.indicators.core.catalogue import load_catalogue
from levande.indicators.store.database import (
    DatabaseError,
    head_revision,
    make_engine,
    schema_is_current,
    table_names,
    upgrade_schema,
)
from levande.indicators.store.schema import (
    Base,
    FocusAreaRow,
    IndicatorRow,
    IndicatorSubgoal,
    SubgoalRow,
)
from levande.indicators.store.sync import sync_catalogue

pytestmark = pytest.mark.integration

EXPECTED_TABLES = {
    "alembic_version", "boundary", "catalogue_document", "etl_lock", "etl_run", "etl_run_item",
    "focus_area", "framework", "local_area", "local_audit", "local_dataset",
    "local_dataset_version", "local_value", "publisher_token",
    "observation_rank", "indicator", "indicator_status", "indicator_subgoal", "meta",
    "municipality_group", "municipality_group_member", "observation", "region",
    "source_state", "subgoal", "value_flag", "small_area", "area_observation", "area_source_state",
    "area_boundary", "rank_digest",
}  # fmt: skip


def _schema_snapshot(engine: Engine) -> dict[str, object]:
    insp = inspect(engine)
    snap: dict[str, object] = {}
    for table in insp.get_table_names():
        snap[table] = (
            sorted((c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns(table)),
            sorted(ix["name"] or "" for ix in insp.get_indexes(table)),
            sorted(str(u["column_names"]) for u in insp.get_unique_constraints(table)),
        )
    return snap


def test_upgrade_twice_leaves_the_same_schema(db_url: str) -> None:
    engine = make_engine(db_url)
    assert upgrade_schema(engine) == head_revision()
    first = _schema_snapshot(engine)
    assert upgrade_schema(engine) == head_revision()
    assert _schema_snapshot(engine) == first
    assert set(table_names(engine)) == EXPECTED_TABLES
    assert schema_is_current(engine)
    engine.dispose()


def test_migrations_match_the_models(engine: Engine) -> None:
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_indexes_serve_the_dashboard_reads(engine: Engine) -> None:
    indexes = {tuple(ix["column_names"]) for ix in inspect(engine).get_indexes("observation")} | {
        tuple(u["column_names"]) for u in inspect(engine).get_unique_constraints("observation")
    }
    assert ("indicator_id", "period", "breakdown") in indexes  # maps and rankings
    assert ("region_code", "indicator_id") in indexes  # profiles
    assert ("indicator_id", "region_code", "period", "breakdown") in indexes  # one series


def test_sqlite_uses_wal(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'sub' / 'x.db'}")
    with engine.connect() as conn:
        mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
    assert mode == "wal"
    assert (tmp_path / "sub").is_dir()


def test_sync_is_idempotent_and_retires_dropped_indicators(
    engine: Engine, sample_config: Path
) -> None:
    catalogue = load_catalogue(sample_config)
    first = sync_catalogue(engine, catalogue)
    assert first.added == 1 + 2 + 3 + 4 + 4  # framework, focus areas, sub-goals, indicators, links
    second = sync_catalogue(engine, catalogue)
    assert second.touched == 0

    with Session(engine) as session:
        assert session.scalars(select(FocusAreaRow.id).order_by(FocusAreaRow.position)).all() == [
            "FA01",
            "FA06",
        ]
        row = session.get(IndicatorRow, "folkmangd")
        assert row is not None
        assert row.source_query is not None
        assert row.source_query["selection"]["ContentsCode"] == ["BE0101N1"]
        assert row.definition["gender"] is True
        assert session.scalars(select(SubgoalRow.id)).all() != []

    # Drop an indicator and move another to a different sub-goal.
    fa06 = sample_config / "indicators" / "fa06.yaml"
    text = fa06.read_text(encoding="utf-8")
    fa06.write_text(
        text.split("  - id: folkmangd")[0].replace("subgoals: [FA06-D1]", "subgoals: [FA06-D2]"),
        encoding="utf-8",
    )
    third = sync_catalogue(engine, load_catalogue(sample_config))
    assert third.retired == 3  # folkmangd inactive, its link and the moved link removed
    with Session(engine) as session:
        dropped = session.get(IndicatorRow, "folkmangd")
        assert dropped is not None and dropped.active is False
        links = session.execute(
            select(IndicatorSubgoal.indicator_id, IndicatorSubgoal.subgoal_id).where(
                IndicatorSubgoal.indicator_id == "trangboddhet"
            )
        ).all()
        assert [tuple(r) for r in links] == [("trangboddhet", "FA06-D2")]


def test_unreachable_database_gives_one_clear_line() -> None:
    engine = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
    with pytest.raises(DatabaseError, match="cannot reach the database"):
        upgrade_schema(engine)


def test_unusable_data_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    with pytest.raises(DatabaseError, match="cannot create the data folder"):
        make_engine(f"sqlite:///{blocker / 'levande.db'}")


LEGACY_ERRORS = [
    ("not attempted: kolada could not be reached in this run (could not connect)", "skipped"),
    ("kolada: HTTP 503 Service Unavailable after 6 attempts [http://k/v3/data]", "http"),
    ("scb: could not connect (2 attempts): refused [http://s/api/v2/config]", "unreachable"),
    ("scb: timed out: no answer within 60 s [http://s/api/v2/tables/TAB1]", "unreachable"),
    ("kolada: the host name could not be resolved (no network?) [http://k/v3]", "unreachable"),
    ("kolada: malformed JSON at line 1 column 1: Expecting value [http://k/v3]", "data"),
    ("kolada: connection broke while reading the answer (body cut short): x [http://k]", "data"),
    ("KPI N07907 no longer exists in Kolada", "data"),
    ("table TAB638 changed its variables: Kon not found (it has Region, Tid)", "data"),
    ("KeyError: 'values'", "bug"),
]


def test_steps_failed_before_kinds_were_kept_get_their_kind(db_url: str) -> None:
    from alembic import command
    from sqlalchemy import text

    from levande.indicators.store.database import alembic_config

    engine = make_engine(db_url)
    command.upgrade(alembic_config(engine), "0002")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO etl_run (id, job, trigger, started_at, outcome, inserted, updated,"
                " deleted, unchanged, requests, bytes) VALUES (1, 'kolada', 'cli',"
                " CURRENT_TIMESTAMP, 'partial', 0, 0, 0, 0, 0, 0)"
            )
        )
        rows = [*LEGACY_ERRORS, ("TAB638 unchanged since 2026-02-21", None)]
        for i, (error, kind) in enumerate(rows, start=1):
            conn.execute(
                text(
                    "INSERT INTO etl_run_item (id, run_id, target, kind, started_at, outcome,"
                    " inserted, updated, deleted, unchanged, requests, bytes, error) VALUES"
                    " (:id, 1, :target, 'indicator', CURRENT_TIMESTAMP, :outcome,"
                    " 0, 0, 0, 0, 0, 0, :error)"
                ),
                {
                    "id": i,
                    "target": f"step{i}",
                    "outcome": "failed" if kind else "skipped",
                    "error": error,
                },
            )
    assert upgrade_schema(engine) == head_revision()
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT error, error_kind, error_detail FROM etl_run_item ORDER BY id")
        ).all()
    engine.dispose()
    assert [(e, k) for e, k, _ in stored] == [
        *LEGACY_ERRORS,
        ("TAB638 unchanged since 2026-02-21", None),
    ]
    assert {d for _, _, d in stored} == {None}


def test_failure_facts_and_value_flags_come_and_go_with_their_revision(db_url: str) -> None:
    from alembic import command
    from sqlalchemy import inspect, text

    from levande.indicators.core.failures import FailureKind, recorded_failure
    from levande.indicators.store.database import alembic_config

    engine = make_engine(db_url)
    config = alembic_config(engine)
    command.upgrade(config, "0006")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO etl_run (id, job, trigger, started_at, outcome, inserted, updated,"
                " deleted, unchanged, requests, bytes) VALUES (1, 'kolada', 'cli',"
                " CURRENT_TIMESTAMP, 'failed', 0, 0, 0, 0, 0, 0)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO etl_run_item (id, run_id, target, kind, started_at, outcome,"
                " inserted, updated, deleted, unchanged, requests, bytes, error, error_kind)"
                " VALUES (1, 1, 'regions', 'regions', CURRENT_TIMESTAMP, 'failed',"
                " 0, 0, 0, 0, 0, 0, 'kolada: HTTP 503 [u]', 'http')"
            )
        )
    assert upgrade_schema(engine) == head_revision()
    with engine.connect() as conn:
        kind, error, facts = conn.execute(
            text("SELECT error_kind, error, error_facts FROM etl_run_item")
        ).one()
    # A step recorded before facts were kept reads with its facts unknown.
    failure = recorded_failure(kind, error, None, facts)
    assert (failure.kind, failure.source, failure.attempts) == (FailureKind.HTTP, None, None)
    command.downgrade(config, "0006")
    inspector = inspect(engine)
    assert "value_flag" not in inspector.get_table_names()
    assert "error_facts" not in {c["name"] for c in inspector.get_columns("etl_run_item")}
    assert upgrade_schema(engine) == head_revision()
    engine.dispose()
