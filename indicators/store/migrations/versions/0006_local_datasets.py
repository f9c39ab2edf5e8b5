"""local datasets

What municipalities publish for their own areas (Platskompassen results, area measures), in
versions, with named local areas, hashed publisher tokens and an audit log.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('local_audit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('municipality', sa.String(length=4), nullable=False),
    sa.Column('dataset', sa.String(length=64), nullable=True),
    sa.Column('version', sa.Integer(), nullable=True),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_local_audit'))
    )
    with op.batch_alter_table('local_audit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_local_audit_at'), ['at'], unique=False)

    op.create_table('local_dataset',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality', sa.String(length=4), nullable=False),
    sa.Column('slug', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('withdrawn_by', sa.String(length=100), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_local_dataset')),
    sa.UniqueConstraint('municipality', 'slug', name=op.f('uq_local_dataset_municipality'))
    )
    with op.batch_alter_table('local_dataset', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_local_dataset_municipality'), ['municipality'], unique=False)

    op.create_table('publisher_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality', sa.String(length=4), nullable=False),
    sa.Column('label', sa.String(length=100), nullable=False),
    sa.Column('token_sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_publisher_token')),
    sa.UniqueConstraint('token_sha256', name=op.f('uq_publisher_token_token_sha256'))
    )
    with op.batch_alter_table('publisher_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_publisher_token_municipality'), ['municipality'], unique=False)

    op.create_table('local_dataset_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dataset_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('method', sa.Text(), nullable=False),
    sa.Column('min_respondents', sa.Integer(), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_by', sa.String(length=100), nullable=False),
    sa.Column('row_count', sa.Integer(), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['dataset_id'], ['local_dataset.id'], name=op.f('fk_local_dataset_version_dataset_id_local_dataset')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_local_dataset_version')),
    sa.UniqueConstraint('dataset_id', 'version', name=op.f('uq_local_dataset_version_dataset_id'))
    )
    with op.batch_alter_table('local_dataset_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_local_dataset_version_dataset_id'), ['dataset_id'], unique=False)

    op.create_table('local_area',
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('area_code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('geometry', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['local_dataset_version.id'], name=op.f('fk_local_area_version_id_local_dataset_version')),
    sa.PrimaryKeyConstraint('version_id', 'area_code', name=op.f('pk_local_area'))
    )
    op.create_table('local_value',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('area_code', sa.String(length=40), nullable=False),
    sa.Column('area_kind', sa.String(length=8), nullable=False),
    sa.Column('area_name', sa.String(length=200), nullable=True),
    sa.Column('period', sa.String(length=10), nullable=False),
    sa.Column('item', sa.String(length=120), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('respondents', sa.Integer(), nullable=True),
    sa.Column('unit', sa.String(length=40), nullable=True),
    sa.Column('breakdown', sa.String(length=40), nullable=True),
    sa.Column('breakdown_value', sa.String(length=40), nullable=True),
    sa.Column('withheld', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['local_dataset_version.id'], name=op.f('fk_local_value_version_id_local_dataset_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_local_value'))
    )
    with op.batch_alter_table('local_value', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_local_value_version_id'), ['version_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('local_value', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_local_value_version_id'))

    op.drop_table('local_value')
    op.drop_table('local_area')
    with op.batch_alter_table('local_dataset_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_local_dataset_version_dataset_id'))

    op.drop_table('local_dataset_version')
    with op.batch_alter_table('publisher_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_publisher_token_municipality'))

    op.drop_table('publisher_token')
    with op.batch_alter_table('local_dataset', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_local_dataset_municipality'))

    op.drop_table('local_dataset')
    with op.batch_alter_table('local_audit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_local_audit_at'))

    op.drop_table('local_audit')
