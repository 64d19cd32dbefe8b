"""assessment: optional Japanese title

Revision ID: 0006_japanese_title_ja
Revises: 0005_privacy_min_group_size
Create Date: 2026-12-02 15:15:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006_japanese_title_ja'
down_revision = '0005_privacy_min_group_size'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('title_ja', sa.String(length=200), nullable=True))


def downgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_column('title_ja')
