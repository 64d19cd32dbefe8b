"""organisation and assessment: archived; assessment: finalised (when, by whom)

Revision ID: 0009_lifecycle_archive_final
Revises: 0008_kpi_readings
Create Date: 2026-12-02 18:30:00

Existing organisations and assessments stay as they were: not archived, not final (every new
column is empty).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_lifecycle_archive_final'
down_revision = '0008_kpi_readings'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('finalised_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('finalised_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('finalised_by', sa.String(length=254), nullable=True))


def downgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_column('finalised_by')
        batch_op.drop_column('finalised_by_id')
        batch_op.drop_column('finalised_at')
        batch_op.drop_column('archived_at')
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_column('archived_at')
