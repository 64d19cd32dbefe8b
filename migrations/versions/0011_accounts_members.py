"""workspace_member: consultants sharing a workspace; user_account.must_change_password

Every user who has a home workspace (user_account.workspace_id) becomes its first member, so
nobody loses sight of an organisation.

Revision ID: 0011_accounts_members
Revises: 0010_segments_custom
Create Date: 2026-12-02 18:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011_accounts_members'
down_revision = '0010_segments_custom'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'workspace_member',
        sa.Column('workspace_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['workspace_id'], ['workspace.id'], name=op.f('fk_workspace_member_workspace_id_workspace'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['user_id'], ['user_account.id'], name=op.f('fk_workspace_member_user_id_user_account'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('workspace_id', 'user_id', name=op.f('pk_workspace_member')),
    )
    with op.batch_alter_table('workspace_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workspace_member_user_id'), ['user_id'], unique=False)
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('must_change_password', sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.execute(
        "INSERT INTO workspace_member (workspace_id, user_id, added_at)"
        " SELECT workspace_id, id, created_at FROM user_account"
        " WHERE workspace_id IS NOT NULL AND role IN ('consultant', 'admin')"
    )


def downgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('must_change_password')
    op.drop_table('workspace_member')
