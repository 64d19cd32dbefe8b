"""survey mode: assessment.closes_at; paper forms: respondent.on_paper and entered_by_id

Revision ID: 0017_survey
Revises: 0016_rounds
Create Date: 2026-12-03 12:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017_survey'
down_revision = '0016_rounds'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closes_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('respondent', schema=None) as batch_op:
        batch_op.add_column(sa.Column('on_paper', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('entered_by_id', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('respondent', schema=None) as batch_op:
        batch_op.drop_column('entered_by_id')
        batch_op.drop_column('on_paper')
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_column('closes_at')
