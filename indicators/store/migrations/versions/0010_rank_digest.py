"""rank digest

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29

A fingerprint of each indicator's stored ranks: the status step rewrites an indicator's ranks
only when they differ from what is stored. A database upgraded from 0009 has no digests yet,
so its first recompute writes every indicator's ranks once, as before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rank_digest",
        sa.Column("indicator_id", sa.String(length=64), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_rank_digest_indicator_id_indicator"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("indicator_id", name=op.f("pk_rank_digest")),
    )


def downgrade() -> None:
    op.drop_table("rank_digest")
