"""Reading and writing respondents and answers (one commit per operation)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from flask import abort
from sqlalchemy.exc import IntegrityError

from assessor.domain import Framework, Item, Questionnaire
from assessor.extensions import db
from assessor.models import Answer, Assessment, Respondent


@dataclass(frozen=True, slots=True)
class AnswerInput:
    """A validated answer to save: a level, or N/A (level None) with a reason."""

    item_code: str
    level: int | None
    na_reason: str | None = None
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class Page:
    """One answering page: the items of one dimension, in questionnaire order."""

    dimension_id: str
    items: tuple[Item, ...]


def questionnaire_of(framework: Framework, assessment: Assessment) -> Questionnaire:
    """Return the questionnaire version the assessment was created with.

    :raise 409: if that version is no longer installed (the data was changed without a new version).
    """
    try:
        return framework.questionnaire(assessment.questionnaire_id, assessment.questionnaire_version)
    except KeyError:
        abort(409, description="questionnaire version not installed")


def pages(framework: Framework, questionnaire: Questionnaire) -> list[Page]:
    """Split the questionnaire into one page per dimension that has items."""
    result = []
    for dimension in framework.dimensions:
        items = tuple(i for i in questionnaire.items if i.element_id in dimension.element_ids)
        if items:
            result.append(Page(dimension.id, items))
    return result


def create_respondent(assessment: Assessment, name: str | None, segment: str | None, language: str) -> Respondent:
    """Create and commit a respondent with a fresh token."""
    respondent = Respondent(
        assessment=assessment,
        name=(name or "").strip() or None,
        segment=segment or None,
        language=language,
    )
    db.session.add(respondent)
    db.session.commit()
    return respondent


def respondent_by_token(token: str) -> Respondent:
    """Return the respondent with ``token`` or answer 404."""
    found = db.session.scalar(sa.select(Respondent).where(Respondent.token == token))
    if found is None:
        abort(404)
    return found


def answers_by_code(respondent: Respondent) -> dict[str, Answer]:
    """Return the respondent's stored answers keyed by item code."""
    return {a.item_code: a for a in respondent.answers}


def save_answers(respondent: Respondent, answers: Iterable[AnswerInput]) -> int:
    """Insert or update the given answers in one transaction; return how many were written.

    If another request inserted the same answer concurrently, the transaction is
    retried once as an update, so no acknowledged answer is lost.
    """
    batch = list(answers)
    for attempt in range(2):
        try:
            existing = answers_by_code(respondent)
            for given in batch:
                row = existing.get(given.item_code)
                if row is None:
                    row = Answer(respondent=respondent, item_code=given.item_code)
                    db.session.add(row)
                row.level = given.level
                row.is_na = given.level is None
                row.na_reason = given.na_reason if given.level is None else None
                row.comment = given.comment or None
            db.session.commit()
            return len(batch)
        except IntegrityError:
            db.session.rollback()
            db.session.expire(respondent)
            if attempt:
                raise
    return 0  # pragma: no cover - the loop either returns or raises
