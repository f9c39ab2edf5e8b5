"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('boundary',
    sa.Column('level', sa.String(length=8), nullable=False),
    sa.Column('geojson', sa.Text(), nullable=False),
    sa.Column('feature_count', sa.Integer(), nullable=False),
    sa.Column('source_url', sa.Text(), nullable=False),
    sa.Column('fetched_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('level', name=op.f('pk_boundary'))
    )
    op.create_table('etl_lock',
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('holder', sa.String(length=200), nullable=False),
    sa.Column('acquired_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('heartbeat_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_etl_lock'))
    )
    op.create_table('etl_run',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('job', sa.String(length=64), nullable=False),
    sa.Column('trigger', sa.String(length=32), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('inserted', sa.Integer(), nullable=False),
    sa.Column('updated', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Integer(), nullable=False),
    sa.Column('unchanged', sa.Integer(), nullable=False),
    sa.Column('requests', sa.Integer(), nullable=False),
    sa.Column('bytes', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('options', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_etl_run'))
    )
    with op.batch_alter_table('etl_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_etl_run_started_at'), ['started_at'], unique=False)

    op.create_table('focus_area',
    sa.Column('id', sa.String(length=8), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('pillar', sa.String(length=16), nullable=False),
    sa.Column('strategy_section', sa.String(length=16), nullable=True),
    sa.Column('name_sv', sa.Text(), nullable=False),
    sa.Column('name_en', sa.Text(), nullable=False),
    sa.Column('name_status', sa.String(length=16), nullable=False),
    sa.Column('description_sv', sa.Text(), nullable=False),
    sa.Column('description_en', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_focus_area'))
    )
    op.create_table('meta',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_meta'))
    )
    op.create_table('municipality_group',
    sa.Column('id', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('short_code', sa.String(length=4), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_municipality_group'))
    )
    op.create_table('etl_run_item',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('target', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('inserted', sa.Integer(), nullable=False),
    sa.Column('updated', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Integer(), nullable=False),
    sa.Column('unchanged', sa.Integer(), nullable=False),
    sa.Column('requests', sa.Integer(), nullable=False),
    sa.Column('bytes', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('changes', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['run_id'], ['etl_run.id'], name=op.f('fk_etl_run_item_run_id_etl_run'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_etl_run_item'))
    )
    with op.batch_alter_table('etl_run_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_etl_run_item_run_id'), ['run_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_etl_run_item_target'), ['target'], unique=False)

    op.create_table('indicator',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('focus_area_id', sa.String(length=8), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('source_id', sa.String(length=200), nullable=False),
    sa.Column('source_query', sa.JSON(), nullable=True),
    sa.Column('title_sv', sa.Text(), nullable=False),
    sa.Column('title_en', sa.Text(), nullable=False),
    sa.Column('unit_sv', sa.String(length=100), nullable=False),
    sa.Column('unit_en', sa.String(length=100), nullable=False),
    sa.Column('direction', sa.String(length=20), nullable=False),
    sa.Column('target_value', sa.Float(), nullable=True),
    sa.Column('target_year', sa.Integer(), nullable=True),
    sa.Column('definition', sa.JSON(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['focus_area_id'], ['focus_area.id'], name=op.f('fk_indicator_focus_area_id_focus_area')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator'))
    )
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_focus_area_id'), ['focus_area_id'], unique=False)

    op.create_table('region',
    sa.Column('code', sa.String(length=4), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('level', sa.String(length=8), nullable=False),
    sa.Column('parent_code', sa.String(length=4), nullable=True),
    sa.Column('kolada_id', sa.String(length=8), nullable=True),
    sa.Column('kolada_group_id', sa.String(length=16), nullable=True),
    sa.Column('skr_group_id', sa.String(length=16), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['parent_code'], ['region.code'], name=op.f('fk_region_parent_code_region')),
    sa.ForeignKeyConstraint(['skr_group_id'], ['municipality_group.id'], name=op.f('fk_region_skr_group_id_municipality_group')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_region'))
    )
    with op.batch_alter_table('region', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_region_level'), ['level'], unique=False)

    op.create_table('subgoal',
    sa.Column('id', sa.String(length=16), nullable=False),
    sa.Column('focus_area_id', sa.String(length=8), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text_sv', sa.Text(), nullable=False),
    sa.Column('text_en', sa.Text(), nullable=False),
    sa.Column('proposed_by', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['focus_area_id'], ['focus_area.id'], name=op.f('fk_subgoal_focus_area_id_focus_area'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subgoal'))
    )
    with op.batch_alter_table('subgoal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subgoal_focus_area_id'), ['focus_area_id'], unique=False)

    op.create_table('indicator_status',
    sa.Column('indicator_id', sa.String(length=64), nullable=False),
    sa.Column('region_code', sa.String(length=4), nullable=False),
    sa.Column('breakdown', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('manual', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.String(length=64), nullable=True),
    sa.Column('base_period', sa.String(length=16), nullable=True),
    sa.Column('base_value', sa.Float(), nullable=True),
    sa.Column('latest_period', sa.String(length=16), nullable=True),
    sa.Column('latest_value', sa.Float(), nullable=True),
    sa.Column('rank', sa.Integer(), nullable=True),
    sa.Column('rank_of', sa.Integer(), nullable=True),
    sa.Column('quartile', sa.Integer(), nullable=True),
    sa.Column('explanation', sa.JSON(), nullable=True),
    sa.Column('previous', sa.JSON(), nullable=True),
    sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_indicator_status_indicator_id_indicator'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['region_code'], ['region.code'], name=op.f('fk_indicator_status_region_code_region')),
    sa.PrimaryKeyConstraint('indicator_id', 'region_code', 'breakdown', name=op.f('pk_indicator_status'))
    )
    with op.batch_alter_table('indicator_status', schema=None) as batch_op:
        batch_op.create_index('ix_indicator_status_region', ['region_code'], unique=False)

    op.create_table('indicator_subgoal',
    sa.Column('indicator_id', sa.String(length=64), nullable=False),
    sa.Column('subgoal_id', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_indicator_subgoal_indicator_id_indicator'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subgoal_id'], ['subgoal.id'], name=op.f('fk_indicator_subgoal_subgoal_id_subgoal'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('indicator_id', 'subgoal_id', name=op.f('pk_indicator_subgoal'))
    )
    op.create_table('municipality_group_member',
    sa.Column('group_id', sa.String(length=16), nullable=False),
    sa.Column('region_code', sa.String(length=4), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['municipality_group.id'], name=op.f('fk_municipality_group_member_group_id_municipality_group'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['region_code'], ['region.code'], name=op.f('fk_municipality_group_member_region_code_region'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_id', 'region_code', name=op.f('pk_municipality_group_member'))
    )
    op.create_table('observation',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('indicator_id', sa.String(length=64), nullable=False),
    sa.Column('region_code', sa.String(length=4), nullable=False),
    sa.Column('period', sa.String(length=16), nullable=False),
    sa.Column('breakdown', sa.String(length=8), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=True),
    sa.Column('aggregation', sa.String(length=48), nullable=True),
    sa.Column('fetched_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_observation_indicator_id_indicator'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['region_code'], ['region.code'], name=op.f('fk_observation_region_code_region')),
    sa.ForeignKeyConstraint(['run_id'], ['etl_run.id'], name=op.f('fk_observation_run_id_etl_run')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_observation')),
    sa.UniqueConstraint('indicator_id', 'region_code', 'period', 'breakdown', name=op.f('uq_observation_indicator_id'))
    )
    with op.batch_alter_table('observation', schema=None) as batch_op:
        batch_op.create_index('ix_observation_indicator_period', ['indicator_id', 'period', 'breakdown'], unique=False)
        batch_op.create_index('ix_observation_region', ['region_code', 'indicator_id'], unique=False)

    op.create_table('observation_rank',
    sa.Column('indicator_id', sa.String(length=64), nullable=False),
    sa.Column('period', sa.String(length=16), nullable=False),
    sa.Column('breakdown', sa.String(length=8), nullable=False),
    sa.Column('region_code', sa.String(length=4), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('rank_of', sa.Integer(), nullable=False),
    sa.Column('quartile', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_observation_rank_indicator_id_indicator'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['region_code'], ['region.code'], name=op.f('fk_observation_rank_region_code_region')),
    sa.PrimaryKeyConstraint('indicator_id', 'period', 'breakdown', 'region_code', name=op.f('pk_observation_rank'))
    )
    with op.batch_alter_table('observation_rank', schema=None) as batch_op:
        batch_op.create_index('ix_observation_rank_region', ['region_code', 'indicator_id'], unique=False)

    op.create_table('source_state',
    sa.Column('indicator_id', sa.String(length=64), nullable=False),
    sa.Column('resolved_source_id', sa.String(length=64), nullable=True),
    sa.Column('source_updated', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_checked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_success_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_failure_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('source_meta', sa.JSON(), nullable=True),
    sa.Column('drift', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_source_state_indicator_id_indicator'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('indicator_id', name=op.f('pk_source_state'))
    )


def downgrade() -> None:
    op.drop_table('source_state')
    with op.batch_alter_table('observation_rank', schema=None) as batch_op:
        batch_op.drop_index('ix_observation_rank_region')

    op.drop_table('observation_rank')
    with op.batch_alter_table('observation', schema=None) as batch_op:
        batch_op.drop_index('ix_observation_region')
        batch_op.drop_index('ix_observation_indicator_period')

    op.drop_table('observation')
    op.drop_table('municipality_group_member')
    op.drop_table('indicator_subgoal')
    with op.batch_alter_table('indicator_status', schema=None) as batch_op:
        batch_op.drop_index('ix_indicator_status_region')

    op.drop_table('indicator_status')
    with op.batch_alter_table('subgoal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subgoal_focus_area_id'))

    op.drop_table('subgoal')
    with op.batch_alter_table('region', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_region_level'))

    op.drop_table('region')
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_focus_area_id'))

    op.drop_table('indicator')
    with op.batch_alter_table('etl_run_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_etl_run_item_target'))
        batch_op.drop_index(batch_op.f('ix_etl_run_item_run_id'))

    op.drop_table('etl_run_item')
    op.drop_table('municipality_group')
    op.drop_table('meta')
    op.drop_table('focus_area')
    with op.batch_alter_table('etl_run', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_etl_run_started_at'))

    op.drop_table('etl_run')
    op.drop_table('etl_lock')
    op.drop_table('boundary')
