"""assessment.baseline_id: the earlier assessment chosen to compare with (empty: the latest earlier one)

Revision ID: 0012_baseline_choice
Revises: 0011_accounts_members
Create Date: 2026-12-02 19:25:00

Existing assessments keep comparing with the latest earlier one (the column is empty).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_baseline_choice'
down_revision = '0011_accounts_members'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('baseline_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            'fk_assessment_baseline_id_assessment', 'assessment', ['baseline_id'], ['id'], ondelete='SET NULL'
        )


def downgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_constraint('fk_assessment_baseline_id_assessment', type_='foreignkey')
        batch_op.drop_column('baseline_id')
