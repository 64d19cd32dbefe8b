"""segment: each assessment defines its own respondent segments (English and Japanese labels)

Every existing assessment gets the four segments that were fixed until now, with the same keys
and their English and Japanese labels, so every respondent's segment keeps its meaning. A segment
value some respondent holds that is none of the four (written outside the forms) becomes a
segment of its own, labelled as stored.

Revision ID: 0010_segments_custom
Revises: 0009_lifecycle_archive_final
Create Date: 2026-12-02 18:15:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010_segments_custom'
down_revision = '0009_lifecycle_archive_final'
branch_labels = None
depends_on = None

# The labels as they were in the code and the translation catalogue (copied: a migration
# must not change when the application's defaults do).
FIXED = (
    ('leadership', 'Leadership', '経営層・管理職'),
    ('front-line', 'Front line', '現場（顧客接点）'),
    ('back-office', 'Back office', 'バックオフィス'),
    ('other', 'Other', 'その他'),
)


def upgrade():
    segment = op.create_table(
        'segment',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('assessment_id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=60), nullable=False),
        sa.Column('label_en', sa.String(length=60), nullable=False),
        sa.Column('label_ja', sa.String(length=60), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['assessment_id'], ['assessment.id'], name=op.f('fk_segment_assessment_id_assessment'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_segment')),
        sa.UniqueConstraint('assessment_id', 'key', name='assessment_segment_key'),
    )
    with op.batch_alter_table('segment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_segment_assessment_id'), ['assessment_id'], unique=False)

    conn = op.get_bind()
    rows = []
    assessments = [row[0] for row in conn.execute(sa.text('SELECT id FROM assessment ORDER BY id'))]
    used = {}
    for assessment_id, value in conn.execute(
        sa.text('SELECT DISTINCT assessment_id, segment FROM respondent WHERE segment IS NOT NULL AND segment <> \'\'')
    ):
        used.setdefault(assessment_id, set()).add(value)
    fixed_keys = {key for key, _en, _ja in FIXED}
    for assessment_id in assessments:
        for position, (key, en, ja) in enumerate(FIXED):
            rows.append(dict(assessment_id=assessment_id, key=key, label_en=en, label_ja=ja, position=position))
        for position, value in enumerate(sorted(used.get(assessment_id, set()) - fixed_keys), start=len(FIXED)):
            label = value[:60]
            rows.append(dict(assessment_id=assessment_id, key=value, label_en=label, label_ja=label, position=position))
    if rows:
        op.bulk_insert(segment, rows)


def downgrade():
    op.drop_table('segment')
