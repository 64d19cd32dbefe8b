"""action, action_note: the organisation's action plan and the dated notes of each action

Revision ID: 0013_actions_plan
Revises: 0012_baseline_choice
Create Date: 2026-12-02 19:15:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_actions_plan'
down_revision = '0012_baseline_choice'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'action',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('assessment_id', sa.Integer(), nullable=True),
        sa.Column('library_id', sa.String(length=20), nullable=True),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('title_ja', sa.String(length=200), nullable=False),
        sa.Column('element_ids', sa.String(length=200), nullable=False),
        sa.Column('item_codes', sa.String(length=400), nullable=False),
        sa.Column('kpi_ids', sa.String(length=200), nullable=False),
        sa.Column('owner', sa.String(length=120), nullable=False),
        sa.Column('due', sa.Date(), nullable=True),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('reason', sa.String(length=500), nullable=False),
        sa.Column('progress', sa.Integer(), nullable=False),
        sa.Column('done_on', sa.Date(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['organisation_id'], ['organisation.id'], name=op.f('fk_action_organisation_id_organisation'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['assessment_id'], ['assessment.id'], name=op.f('fk_action_assessment_id_assessment'),
            ondelete='SET NULL',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_action')),
        sa.UniqueConstraint('organisation_id', 'library_id', name='uq_action_library'),
    )
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_assessment_id'), ['assessment_id'], unique=False)
    op.create_table(
        'action_note',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('action_id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('author', sa.String(length=254), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ['action_id'], ['action.id'], name=op.f('fk_action_note_action_id_action'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_action_note')),
    )
    with op.batch_alter_table('action_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_note_action_id'), ['action_id'], unique=False)


def downgrade():
    op.drop_table('action_note')
    op.drop_table('action')
