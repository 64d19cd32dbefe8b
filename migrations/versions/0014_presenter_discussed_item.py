"""assessment.discussed_item: the item under discussion, shown on the presenter screen

Revision ID: 0014_presenter_discussed_item
Revises: 0013_actions_plan
Create Date: 2026-12-02 21:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014_presenter_discussed_item'
down_revision = '0013_actions_plan'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('discussed_item', sa.String(length=20), nullable=True))


def downgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_column('discussed_item')
