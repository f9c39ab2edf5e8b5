"""small areas

SCB's DeSO and RegSO areas (code with its vintage suffix, parent municipality and county),
their published values, the tables' publication stamps, and per-municipality boundaries.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('small_area',
    sa.Column('code', sa.String(length=24), nullable=False),
    sa.Column('base_code', sa.String(length=12), nullable=False),
    sa.Column('level', sa.String(length=8), nullable=False),
    sa.Column('vintage', sa.String(length=4), nullable=False),
    sa.Column('municipality_code', sa.String(length=4), nullable=False),
    sa.Column('county_code', sa.String(length=2), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('regso_code', sa.String(length=24), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_small_area'))
    )
    with op.batch_alter_table('small_area', schema=None) as batch_op:
        batch_op.create_index('ix_small_area_municipality', ['municipality_code', 'level'], unique=False)

    op.create_table('area_observation',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('indicator_id', sa.String(length=64), nullable=False),
    sa.Column('area_code', sa.String(length=24), nullable=False),
    sa.Column('period', sa.String(length=16), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=True),
    sa.Column('fetched_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['area_code'], ['small_area.code'], name=op.f('fk_area_observation_area_code_small_area')),
    sa.ForeignKeyConstraint(['run_id'], ['etl_run.id'], name=op.f('fk_area_observation_run_id_etl_run')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_area_observation')),
    sa.UniqueConstraint('indicator_id', 'area_code', 'period', name=op.f('uq_area_observation_indicator_id'))
    )
    with op.batch_alter_table('area_observation', schema=None) as batch_op:
        batch_op.create_index('ix_area_observation_area', ['area_code', 'indicator_id'], unique=False)

    op.create_table('area_source_state',
    sa.Column('indicator_id', sa.String(length=64), nullable=False),
    sa.Column('table_id', sa.String(length=16), nullable=True),
    sa.Column('source_updated', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_checked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_success_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('source_meta', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('indicator_id', name=op.f('pk_area_source_state'))
    )

    op.create_table('area_boundary',
    sa.Column('level', sa.String(length=8), nullable=False),
    sa.Column('vintage', sa.String(length=4), nullable=False),
    sa.Column('municipality_code', sa.String(length=4), nullable=False),
    sa.Column('geojson', sa.Text(), nullable=False),
    sa.Column('feature_count', sa.Integer(), nullable=False),
    sa.Column('version', sa.String(length=16), nullable=False),
    sa.Column('source_url', sa.Text(), nullable=False),
    sa.Column('fetched_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('level', 'vintage', 'municipality_code', name=op.f('pk_area_boundary'))
    )


def downgrade() -> None:
    op.drop_table('area_boundary')
    op.drop_table('area_source_state')
    with op.batch_alter_table('area_observation', schema=None) as batch_op:
        batch_op.drop_index('ix_area_observation_area')
    op.drop_table('area_observation')
    with op.batch_alter_table('small_area', schema=None) as batch_op:
        batch_op.drop_index('ix_small_area_municipality')
    op.drop_table('small_area')
