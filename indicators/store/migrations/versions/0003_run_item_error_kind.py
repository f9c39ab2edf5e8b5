"""run item error kind

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29

Failed steps keep the kind of their failure (unreachable, http, data, bug, skipped) and its
detail beside the message. Steps failed before this revision get their kind from the wording
the ETL used until then, read here once and never again.
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

# The wording of the ETL before this revision, frozen here: what it wrote, how it is read.
_SOURCE_ERROR = re.compile(r"^(scb|kolada|boundaries): (?P<reason>.*) \[[^\]]*\]$")
_STATUS = re.compile(r"^HTTP \d{3}\b")
_NO_ANSWER = (
    "the host name could not be resolved",
    "could not connect",
    "timed out: no answer",
    "connection broke (",
    "connection broke:",
    "connection failed",
)
_BUG = re.compile(r"^[A-Z][A-Za-z0-9_]*: ")


def legacy_kind(error: str | None) -> str:
    """The failure kind of a step recorded before kinds were kept."""
    text = error or ""
    if text.startswith("not attempted: "):
        return "skipped"
    source_error = _SOURCE_ERROR.match(text)
    if source_error:
        reason = source_error.group("reason")
        if _STATUS.match(reason):
            return "http"
        if reason.startswith(_NO_ANSWER):
            return "unreachable"
        return "data"
    if _BUG.match(text) or text == "no result":
        return "bug"
    return "data"


def upgrade() -> None:
    with op.batch_alter_table('etl_run_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('error_kind', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('error_detail', sa.Text(), nullable=True))

    items = sa.table(
        'etl_run_item',
        sa.column('id', sa.Integer()),
        sa.column('outcome', sa.String()),
        sa.column('error', sa.Text()),
        sa.column('error_kind', sa.String()),
    )
    bind = op.get_bind()
    failed = bind.execute(
        sa.select(items.c.id, items.c.error).where(items.c.outcome == 'failed')
    ).all()
    by_kind: dict[str, list[int]] = {}
    for item_id, error in failed:
        by_kind.setdefault(legacy_kind(error), []).append(item_id)
    for kind, ids in by_kind.items():
        for start in range(0, len(ids), 500):
            bind.execute(
                sa.update(items)
                .where(items.c.id.in_(ids[start:start + 500]))
                .values(error_kind=kind)
            )


def downgrade() -> None:
    with op.batch_alter_table('etl_run_item', schema=None) as batch_op:
        batch_op.drop_column('error_detail')
        batch_op.drop_column('error_kind')
