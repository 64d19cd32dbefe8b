"""Two rounds of a workshop vote: vote_round, first_round_answer and answer.round

Revision ID: 0016_rounds
Revises: 0015_custom_kpis
Create Date: 2026-12-03 12:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016_rounds'
down_revision = '0015_custom_kpis'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'vote_round',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('assessment_id', sa.Integer(), nullable=False),
        sa.Column('item_code', sa.String(length=20), nullable=False),
        sa.Column('number', sa.SmallInteger(), server_default='2', nullable=False),
        sa.Column('opened_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_vote_round_assessment_id_assessment'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_vote_round')),
        sa.UniqueConstraint('assessment_id', 'item_code', name='uq_vote_round_item'),
    )
    with op.batch_alter_table('vote_round', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vote_round_assessment_id'), ['assessment_id'], unique=False)
    op.create_table(
        'first_round_answer',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('respondent_id', sa.Integer(), nullable=False),
        sa.Column('item_code', sa.String(length=20), nullable=False),
        sa.Column('level', sa.SmallInteger(), nullable=True),
        sa.Column('is_na', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['respondent_id'], ['respondent.id'], name=op.f('fk_first_round_answer_respondent_id_respondent'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_first_round_answer')),
        sa.UniqueConstraint('respondent_id', 'item_code', name='uq_first_round_answer_item'),
    )
    with op.batch_alter_table('first_round_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_first_round_answer_respondent_id'), ['respondent_id'], unique=False)
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('round', sa.SmallInteger(), server_default='1', nullable=False))


def downgrade():
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.drop_column('round')
    with op.batch_alter_table('first_round_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_first_round_answer_respondent_id'))
    op.drop_table('first_round_answer')
    with op.batch_alter_table('vote_round', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vote_round_assessment_id'))
    op.drop_table('vote_round')
