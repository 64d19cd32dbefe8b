"""room_snapshot: the room's distributions for the participants' phones, computed once per change

Revision ID: 0019_room_snapshot
Revises: 0018_live_revision
Create Date: 2026-12-03 12:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019_room_snapshot'
down_revision = '0018_live_revision'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'room_snapshot',
        sa.Column('assessment_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('version', sa.String(length=120), nullable=False),
        sa.Column('payload', sa.Text(), nullable=False),
        sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['assessment_id'], ['assessment.id'], name=op.f('fk_room_snapshot_assessment_id_assessment'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('assessment_id', name=op.f('pk_room_snapshot')),
    )


def downgrade():
    op.drop_table('room_snapshot')
