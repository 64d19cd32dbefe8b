"""custom_kpi: KPIs an organisation defines for itself beside the catalogue

Revision ID: 0015_custom_kpis
Revises: 0014_presenter_discussed_item
Create Date: 2026-12-03 06:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015_custom_kpis'
down_revision = '0014_presenter_discussed_item'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'custom_kpi',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=20), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('name_ja', sa.String(length=120), nullable=False),
        sa.Column('formula', sa.String(length=500), nullable=False),
        sa.Column('unit', sa.String(length=10), nullable=False),
        sa.Column('direction', sa.String(length=10), nullable=False),
        sa.Column('kind', sa.String(length=12), nullable=False),
        sa.Column('lower', sa.Float(), nullable=False),
        sa.Column('upper', sa.Float(), nullable=True),
        sa.Column('elements', sa.String(length=100), nullable=False),
        sa.Column('pyramid_levels', sa.String(length=40), nullable=False),
        sa.Column('min_n', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_custom_kpi_organisation_id_organisation'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_custom_kpi')),
        sa.UniqueConstraint('organisation_id', 'code', name='uq_custom_kpi_code'),
    )
    with op.batch_alter_table('custom_kpi', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_custom_kpi_organisation_id'), ['organisation_id'], unique=False)


def downgrade():
    with op.batch_alter_table('custom_kpi', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_custom_kpi_organisation_id'))
    op.drop_table('custom_kpi')
