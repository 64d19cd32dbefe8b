"""Respondents of stored assessments: creating them (self-audits and workshops alike)."""

from __future__ import annotations

import logging

from assessor.extensions import db
from assessor.models import Assessment, Respondent

log = logging.getLogger(__name__)


def create_respondent(
    assessment: Assessment, name: str | None, segment: str | None, language: str, *, user_id: int | None = None
) -> Respondent:
    """Create and commit a respondent with a fresh token."""
    respondent = Respondent(
        assessment=assessment,
        name=(name or "").strip() or None,
        segment=segment or None,
        language=language,
        user_id=user_id,
    )
    db.session.add(respondent)
    db.session.commit()
    log.info("respondent %s joined assessment %s (segment %s)", respondent.id, assessment.id, segment or "-")
    return respondent
