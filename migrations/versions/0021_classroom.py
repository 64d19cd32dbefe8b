"""classroom: sessions where a class rates a calibration case, their trainees and ratings

Revision ID: 0021_classroom
Revises: 0020_branding
Create Date: 2026-12-03 15:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0021_classroom'
down_revision = '0020_branding'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'classroom_session',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workspace_id', sa.Integer(), nullable=False),
        sa.Column('trainer_id', sa.Integer(), nullable=True),
        sa.Column('case_id', sa.String(length=60), nullable=False),
        sa.Column('case_version', sa.String(length=20), nullable=False),
        sa.Column('questionnaire_id', sa.String(length=40), nullable=False),
        sa.Column('questionnaire_version', sa.String(length=20), nullable=False),
        sa.Column('join_code', sa.String(length=12), nullable=True),
        sa.Column('join_token', sa.String(length=64), nullable=True),
        sa.Column('revealed', sa.Boolean(), nullable=False),
        sa.Column('key_shown', sa.Boolean(), nullable=False),
        sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['trainer_id'], ['user_account.id'], name=op.f('fk_classroom_session_trainer_id_user_account'),
            ondelete='SET NULL',
        ),
        sa.ForeignKeyConstraint(
            ['workspace_id'], ['workspace.id'], name=op.f('fk_classroom_session_workspace_id_workspace'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_classroom_session')),
        sa.UniqueConstraint('join_code', name=op.f('uq_classroom_session_join_code')),
        sa.UniqueConstraint('join_token', name=op.f('uq_classroom_session_join_token')),
    )
    op.create_index(
        op.f('ix_classroom_session_workspace_id'), 'classroom_session', ['workspace_id'], unique=False
    )
    op.create_table(
        'classroom_key_item',
        sa.Column('session_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('item_code', sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ['session_id'], ['classroom_session.id'], name=op.f('fk_classroom_key_item_session_id_classroom_session'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('session_id', 'item_code', name=op.f('pk_classroom_key_item')),
    )
    op.create_table(
        'trainee',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('token', sa.String(length=64), nullable=False),
        sa.Column('display_name', sa.String(length=120), nullable=True),
        sa.Column('language', sa.String(length=5), nullable=False),
        sa.Column('joined_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['session_id'], ['classroom_session.id'], name=op.f('fk_trainee_session_id_classroom_session'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_trainee')),
        sa.UniqueConstraint('token', name=op.f('uq_trainee_token')),
    )
    op.create_index(op.f('ix_trainee_session_id'), 'trainee', ['session_id'], unique=False)
    op.create_table(
        'trainee_rating',
        sa.Column('trainee_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('item_code', sa.String(length=20), nullable=False),
        sa.Column('level', sa.SmallInteger(), nullable=True),
        sa.Column('is_na', sa.Boolean(), nullable=False),
        sa.Column('saved_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            '(is_na AND level IS NULL) OR (NOT is_na AND level IS NOT NULL AND level >= 0)',
            name=op.f('ck_trainee_rating_level_or_na'),
        ),
        sa.ForeignKeyConstraint(
            ['trainee_id'], ['trainee.id'], name=op.f('fk_trainee_rating_trainee_id_trainee'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('trainee_id', 'item_code', name=op.f('pk_trainee_rating')),
    )


def downgrade():
    op.drop_table('trainee_rating')
    op.drop_index(op.f('ix_trainee_session_id'), table_name='trainee')
    op.drop_table('trainee')
    op.drop_table('classroom_key_item')
    op.drop_index(op.f('ix_classroom_session_workspace_id'), table_name='classroom_session')
    op.drop_table('classroom_session')
