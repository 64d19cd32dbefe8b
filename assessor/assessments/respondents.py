"""Respondents of stored assessments: creating, renaming and removing them (self-audits and workshops alike)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped

from assessor.extensions import db
from assessor.history import record
from assessor.models import Assessment, Respondent, User


def create_respondent(
    assessment: Assessment, name: str | None, segment: str | None, language: str, *, user: User | None = None
) -> Respondent:
    """Create and commit a respondent with a fresh token."""
    respondent = Respondent(
        assessment=assessment,
        name=(name or "").strip() or None,
        segment=segment or None,
        language=language,
        user_id=user.id if user is not None else None,
    )
    db.session.add(respondent)
    label = None if user is not None else "participant"
    record(
        "respondent joined",
        respondent,
        user,
        f"assessment {assessment.id}, segment {segment or '-'}",
        actor_label=label,
    )
    db.session.commit()
    return respondent


def rename_respondent(respondent: Respondent, name: str | None, actor: User | None) -> None:
    """Change (or clear) the name a respondent gave; the history keeps no names."""
    respondent.name = (name or "").strip() or None
    record("respondent renamed", respondent, actor)
    db.session.commit()


def remove_respondent(respondent: Respondent, actor: User | None) -> int:
    """Delete a respondent with every answer they gave; return how many answers went."""
    answers = len(respondent.answers)
    record("respondent removed", respondent, actor, f"{answers} answers deleted")
    db.session.delete(respondent)
    db.session.commit()
    return answers


def paper_forms(assessment_id: int) -> int:
    """How many respondents of the assessment the facilitator entered from paper forms."""
    return _marked(assessment_id, Respondent.on_paper)


def imported_respondents(assessment_id: int) -> int:
    """How many respondents of the assessment came in from a file (:mod:`assessor.assessments.imports`)."""
    return _marked(assessment_id, Respondent.imported)


def _marked(assessment_id: int, marker: Mapped[bool]) -> int:
    count = db.session.scalar(
        sa.select(sa.func.count()).select_from(Respondent).where(Respondent.assessment_id == assessment_id, marker)
    )
    return int(count or 0)
