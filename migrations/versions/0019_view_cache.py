"""view_cache: what a view computed once for everyone (the room's distributions, the presenter fragment)

Revision ID: 0019_view_cache
Revises: 0018_live_revision
Create Date: 2026-12-03 12:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019_view_cache'
down_revision = '0018_live_revision'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'view_cache',
        sa.Column('assessment_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('key', sa.String(length=40), nullable=False),
        sa.Column('version', sa.String(length=120), nullable=False),
        sa.Column('payload', sa.Text(), nullable=False),
        sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['assessment_id'], ['assessment.id'], name=op.f('fk_view_cache_assessment_id_assessment'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('assessment_id', 'key', name=op.f('pk_view_cache')),
    )


def downgrade():
    op.drop_table('view_cache')
