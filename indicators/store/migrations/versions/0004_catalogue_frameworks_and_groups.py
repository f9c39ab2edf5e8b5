"""catalogue frameworks and context groups

The catalogue follows the strategy's own thirteen focus areas with slug ids (``trygghet``),
holds context groups beside them and versioned frameworks of sub-goals. Focus-area and
sub-goal ids grow wider, a focus area gets its kind and public definition, its pillar becomes
optional, and each sub-goal names its framework.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('framework',
    sa.Column('id', sa.String(length=48), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('version', sa.String(length=32), nullable=False),
    sa.Column('origin', sa.String(length=32), nullable=False),
    sa.Column('name_sv', sa.Text(), nullable=False),
    sa.Column('name_en', sa.Text(), nullable=False),
    sa.Column('in_force', sa.Boolean(), nullable=False),
    sa.Column('definition', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_framework'))
    )
    with op.batch_alter_table('focus_area', schema=None) as batch_op:
        batch_op.alter_column('id', existing_type=sa.String(length=8), type_=sa.String(length=32), existing_nullable=False)
        batch_op.alter_column('pillar', existing_type=sa.String(length=16), nullable=True)
        batch_op.add_column(sa.Column('kind', sa.String(length=16), server_default='focus_area', nullable=False))
        batch_op.add_column(sa.Column('definition', sa.JSON(), nullable=True))

    with op.batch_alter_table('subgoal', schema=None) as batch_op:
        batch_op.alter_column('id', existing_type=sa.String(length=16), type_=sa.String(length=48), existing_nullable=False)
        batch_op.alter_column('focus_area_id', existing_type=sa.String(length=8), type_=sa.String(length=32), existing_nullable=False)
        batch_op.add_column(sa.Column('framework_id', sa.String(length=48), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_subgoal_framework_id_framework'), 'framework', ['framework_id'], ['id'])

    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.alter_column('focus_area_id', existing_type=sa.String(length=8), type_=sa.String(length=32), existing_nullable=False)

    with op.batch_alter_table('indicator_subgoal', schema=None) as batch_op:
        batch_op.alter_column('subgoal_id', existing_type=sa.String(length=16), type_=sa.String(length=48), existing_nullable=False)



def downgrade() -> None:
    with op.batch_alter_table('indicator_subgoal', schema=None) as batch_op:
        batch_op.alter_column('subgoal_id', existing_type=sa.String(length=48), type_=sa.String(length=16), existing_nullable=False)

    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.alter_column('focus_area_id', existing_type=sa.String(length=32), type_=sa.String(length=8), existing_nullable=False)

    with op.batch_alter_table('subgoal', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_subgoal_framework_id_framework'), type_='foreignkey')
        batch_op.drop_column('framework_id')
        batch_op.alter_column('focus_area_id', existing_type=sa.String(length=32), type_=sa.String(length=8), existing_nullable=False)
        batch_op.alter_column('id', existing_type=sa.String(length=48), type_=sa.String(length=16), existing_nullable=False)

    with op.batch_alter_table('focus_area', schema=None) as batch_op:
        batch_op.drop_column('definition')
        batch_op.drop_column('kind')
        batch_op.alter_column('pillar', existing_type=sa.String(length=16), nullable=False)
        batch_op.alter_column('id', existing_type=sa.String(length=32), type_=sa.String(length=8), existing_nullable=False)

    op.drop_table('framework')
