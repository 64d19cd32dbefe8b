"""branding: logos of workspaces and organisations (checked image bytes in the database)

Revision ID: 0020_branding
Revises: 0019_view_cache
Create Date: 2026-12-03 15:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0020_branding'
down_revision = '0019_view_cache'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'logo',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workspace_id', sa.Integer(), nullable=True),
        sa.Column('organisation_id', sa.Integer(), nullable=True),
        sa.Column('mime', sa.String(length=20), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('width', sa.Integer(), nullable=False),
        sa.Column('height', sa.Integer(), nullable=False),
        sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            '(workspace_id IS NULL) <> (organisation_id IS NULL)', name=op.f('ck_logo_one_owner')
        ),
        sa.CheckConstraint("mime IN ('image/png', 'image/jpeg')", name=op.f('ck_logo_known_mime')),
        sa.ForeignKeyConstraint(
            ['organisation_id'], ['organisation.id'], name=op.f('fk_logo_organisation_id_organisation'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['workspace_id'], ['workspace.id'], name=op.f('fk_logo_workspace_id_workspace'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_logo')),
        sa.UniqueConstraint('organisation_id', name=op.f('uq_logo_organisation_id')),
        sa.UniqueConstraint('workspace_id', name=op.f('uq_logo_workspace_id')),
    )


def downgrade():
    op.drop_table('logo')
