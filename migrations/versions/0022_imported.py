"""imported respondents, and uploaded answer files waiting for confirmation

Revision ID: 0022_imported
Revises: 0021_classroom
Create Date: 2026-12-03 15:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0022_imported'
down_revision = '0021_classroom'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('respondent') as batch:
        batch.add_column(sa.Column('imported', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_table(
        'pending_import',
        sa.Column('token', sa.String(length=64), nullable=False),
        sa.Column('assessment_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('filename', sa.String(length=200), nullable=False),
        sa.Column('layout', sa.String(length=10), nullable=False),
        sa.Column('encoding', sa.String(length=10), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['assessment_id'], ['assessment.id'], name=op.f('fk_pending_import_assessment_id_assessment'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['user_id'], ['user_account.id'], name=op.f('fk_pending_import_user_id_user_account'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('token', name=op.f('pk_pending_import')),
    )
    with op.batch_alter_table('pending_import') as batch:
        batch.create_index(batch.f('ix_pending_import_assessment_id'), ['assessment_id'], unique=False)
        batch.create_index(batch.f('ix_pending_import_user_id'), ['user_id'], unique=False)


def downgrade():
    op.drop_table('pending_import')
    with op.batch_alter_table('respondent') as batch:
        batch.drop_column('imported')
