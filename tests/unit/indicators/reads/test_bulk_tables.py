"""Every table of the schema is either in the bulk files or left out for a stated reason."""

from __future__ import annotations

from levande.indicators.reads.bulk import LEFT_OUT_TABLES, TABLES, readme
from levande.indicators.store.schema import Base


def test_every_table_is_published_or_left_out_with_a_reason() -> None:
    published, left_out = set(TABLES), set(LEFT_OUT_TABLES)
    assert not published & left_out
    assert published | left_out == set(Base.metadata.tables), (
        "a new table: add it to TABLES (public) or LEFT_OUT_TABLES (with why) in reads/bulk.py"
    )
    assert all(reason.strip() for reason in LEFT_OUT_TABLES.values())


def test_the_readme_describes_every_published_column() -> None:
    text = readme("2026-11-29T06:00:00+00:00", dict.fromkeys(TABLES, 0))
    for name in TABLES:
        for column in Base.metadata.tables[name].columns:
            if column.name != "last_error":
                assert f"| `{column.name}` |" in text, (name, column.name)
    assert "| `last_error` |" not in text
    for name in LEFT_OUT_TABLES:
        assert f"- `{name}`: " in text
