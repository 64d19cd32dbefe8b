"""assessment.revision: a counter every answer write bumps, so a live screen's poll needs no scan of the answers

Revision ID: 0018_live_revision
Revises: 0015_custom_kpis
Create Date: 2026-12-03 12:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018_live_revision'
down_revision = '0015_custom_kpis'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revision', sa.Integer(), nullable=False, server_default='0'))


def downgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_column('revision')
