"""minimum group size per assessment (privacy)

Revision ID: 0005_privacy_min_group_size
Revises: 0004_sessions_throttle
Create Date: 2026-12-02 15:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005_privacy_min_group_size'
down_revision = "0004_sessions_throttle"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('min_group_size', sa.Integer(), nullable=True))
        batch_op.create_check_constraint('min_group_size_positive', 'min_group_size IS NULL OR min_group_size >= 1')


def downgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_assessment_min_group_size_positive'), type_='check')
        batch_op.drop_column('min_group_size')
