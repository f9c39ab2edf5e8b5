"""operations and plausibility

Failed steps keep the facts of their failure (source, cause, HTTP status, attempts) so pages
can say it in plain words in either language; values that fail their indicator's plausibility
checks are listed in ``value_flag`` with the source row and the operator's decision.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('etl_run_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('error_facts', sa.JSON(), nullable=True))
    op.create_table('value_flag',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.String(length=64), nullable=False),
    sa.Column('region_code', sa.String(length=4), nullable=False),
    sa.Column('period', sa.String(length=16), nullable=False),
    sa.Column('breakdown', sa.String(length=8), nullable=False),
    sa.Column('rule', sa.String(length=16), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('bound', sa.Float(), nullable=False),
    sa.Column('previous_period', sa.String(length=16), nullable=True),
    sa.Column('previous_value', sa.Float(), nullable=True),
    sa.Column('source_row', sa.JSON(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('flagged_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('accepted_by', sa.String(length=100), nullable=True),
    sa.Column('accepted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'],
                            name=op.f('fk_value_flag_indicator_id_indicator'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['run_id'], ['etl_run.id'],
                            name=op.f('fk_value_flag_run_id_etl_run')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_value_flag'))
    )
    op.create_index('ix_value_flag_indicator', 'value_flag',
                    ['indicator_id', 'region_code', 'period'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_value_flag_indicator', table_name='value_flag')
    op.drop_table('value_flag')
    with op.batch_alter_table('etl_run_item', schema=None) as batch_op:
        batch_op.drop_column('error_facts')
