"""The segments an assessment defines, as pages, forms, reports and files read them."""

from __future__ import annotations

import sqlalchemy as sa

from assessor.extensions import db
from assessor.models import DEFAULT_SEGMENTS, Assessment, Respondent, Segment


def segment_names(assessment: Assessment, lang: str) -> dict[str, str]:
    """Key -> label in ``lang`` of every segment the assessment defines, in the consultant's order."""
    return {segment.key: segment.label(lang) for segment in assessment.segments}


def default_segment_names(lang: str) -> dict[str, str]:
    """Key -> label in ``lang`` of the segments every assessment starts with (for files that name none)."""
    return {key: (ja if lang == "ja" else en) for key, en, ja in DEFAULT_SEGMENTS}


def segment_labels(assessment: Assessment) -> dict[str, dict[str, str]]:
    """Key -> ``{"en": ..., "ja": ...}`` of every segment, for the assessment file."""
    return {segment.key: {"en": segment.label("en"), "ja": segment.label("ja")} for segment in assessment.segments}


def respondents_in_segment(segment: Segment) -> int:
    """How many respondents of the segment's assessment said they belong to it."""
    count = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Respondent)
        .where(Respondent.assessment_id == segment.assessment_id, Respondent.segment == segment.key)
    )
    return int(count or 0)


def segment_of(assessment: Assessment, segment_id: int) -> Segment | None:
    """The assessment's segment with this id (None for any other id)."""
    found = db.session.get(Segment, segment_id)
    return found if found is not None and found.assessment_id == assessment.id else None
