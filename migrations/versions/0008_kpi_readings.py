"""kpi_reading: KPI values entered per assessment (customer and operational evidence)

Revision ID: 0008_kpi_readings
Revises: 0007_everyday_history
Create Date: 2026-12-02 18:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_kpi_readings'
down_revision = '0007_everyday_history'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'kpi_reading',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('assessment_id', sa.Integer(), nullable=False),
        sa.Column('kpi_id', sa.String(length=40), nullable=False),
        sa.Column('period', sa.String(length=40), nullable=False),
        sa.Column('value', sa.Float(), nullable=False),
        sa.Column('n', sa.Integer(), nullable=True),
        sa.Column('target', sa.Float(), nullable=True),
        sa.Column('previous', sa.Float(), nullable=True),
        sa.Column('variant', sa.String(length=20), nullable=True),
        sa.Column('source', sa.String(length=200), nullable=False),
        sa.Column('counts', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['assessment_id'], ['assessment.id'], name=op.f('fk_kpi_reading_assessment_id_assessment'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_kpi_reading')),
        sa.UniqueConstraint('assessment_id', 'kpi_id', 'period', name='uq_kpi_reading_period'),
    )
    with op.batch_alter_table('kpi_reading', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kpi_reading_assessment_id'), ['assessment_id'], unique=False)


def downgrade():
    op.drop_table('kpi_reading')
