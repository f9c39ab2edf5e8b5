"""dry run

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29

A run can be a dry run: it fetches, validates and checks like a refresh and records its steps
with what they would have changed, but writes no data. Pages that tell when data last changed
(the feeds, the last refresh, source health) leave such runs out.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('etl_run', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('dry_run', sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table('etl_run', schema=None) as batch_op:
        batch_op.drop_column('dry_run')
