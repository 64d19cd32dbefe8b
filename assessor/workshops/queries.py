"""Finding a workshop by its short code or its join link (no writes here)."""

from __future__ import annotations

import re

import sqlalchemy as sa

from assessor.extensions import db
from assessor.models import Answer, Assessment, Respondent

JOIN_CODE_SHAPE = re.compile(r"[A-Z0-9]{4,12}")
"""What a typed code must look like once spaces are dropped and letters raised; anything else is not queried."""


def assessment_by_code(code: str) -> Assessment | None:
    """Find the workshop with this short code (case and spaces ignored)."""
    cleaned = "".join(code.split()).upper()
    if not JOIN_CODE_SHAPE.fullmatch(cleaned):
        return None
    found: Assessment | None = db.session.scalar(sa.select(Assessment).where(Assessment.join_code == cleaned))
    return found


def assessment_by_join_token(token: str) -> Assessment | None:
    """Find the workshop with this join-link token."""
    found: Assessment | None = db.session.scalar(sa.select(Assessment).where(Assessment.join_token == token))
    return found


def item_notes(assessment: Assessment, item_code: str) -> tuple[list[str], list[str]]:
    """The participants' comments and N/A reasons on one item, without names.

    Sorted alphabetically, not by respondent, so that their order cannot be matched against
    the order in which people joined.
    """
    rows = db.session.execute(
        sa.select(Answer.comment, Answer.is_na, Answer.na_reason)
        .join(Respondent, Respondent.id == Answer.respondent_id)
        .where(Respondent.assessment_id == assessment.id, Answer.item_code == item_code)
    ).all()
    comments = sorted(comment for comment, _na, _reason in rows if comment)
    reasons = sorted(reason for _comment, na, reason in rows if na and reason)
    return comments, reasons
