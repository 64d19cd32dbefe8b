"""Reading and writing respondents and answers (one commit per operation)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import sqlalchemy as sa
from flask import abort
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import joinedload

from assessor.domain import Framework, Item, Questionnaire
from assessor.extensions import db
from assessor.models import Answer, Assessment, Respondent
from assessor.models.core import now
from assessor.questionnaires.answers import AnswerInput


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
    return respondent


def respondent_by_token(token: str) -> Respondent:
    """Return the respondent with ``token`` (and its assessment, in the same query) or answer 404."""
    found = db.session.scalar(
        sa.select(Respondent).options(joinedload(Respondent.assessment)).where(Respondent.token == token)
    )
    if found is None:
        abort(404)
    return found


@dataclass(frozen=True, slots=True)
class AnsweringContext:
    """What an autosave needs to know about a respondent, read in one light query."""

    respondent_id: int
    locked: bool
    questionnaire_id: str
    questionnaire_version: str


# Autosave runs these on every answer: built once (immutable constructs, bound per call) so a
# save does not rebuild and re-key them each time.
_CONTEXT_QUERY = (
    sa.select(Respondent.id, Assessment.locked, Assessment.questionnaire_id, Assessment.questionnaire_version)
    .join(Assessment, Assessment.id == Respondent.assessment_id)
    .where(Respondent.token == sa.bindparam("token"))
)
_COUNT_QUERY = (
    sa.select(sa.func.count()).select_from(Answer).where(Answer.respondent_id == sa.bindparam("respondent_id"))
)


def answering_context(token: str) -> AnsweringContext:
    """Look up the respondent with ``token`` and its assessment's state, or answer 404."""
    row = db.session.execute(_CONTEXT_QUERY, {"token": token}).first()
    if row is None:
        abort(404)
    return AnsweringContext(row[0], bool(row[1]), row[2], row[3])


def answers_by_code(respondent: Respondent) -> dict[str, Answer]:
    """Return the respondent's stored answers keyed by item code."""
    return {a.item_code: a for a in respondent.answers}


def save_answer(respondent_id: int, answer: AnswerInput) -> int:
    """Save one answer (autosave) and return how many items the respondent has answered now.

    The write transaction holds only the upsert: the count is read after the commit, so the
    database's write lock (one writer at a time on SQLite) is held as briefly as possible.
    """
    db.session.execute(*_upsert(respondent_id, [answer]))
    db.session.commit()
    return int(db.session.scalar(_COUNT_QUERY, {"respondent_id": respondent_id}) or 0)


def save_answers(respondent: Respondent, answers: Iterable[AnswerInput]) -> int:
    """Insert or update the given answers in one statement and one commit; return how many.

    An upsert (``INSERT ... ON CONFLICT DO UPDATE``, on SQLite and PostgreSQL alike) keeps a save
    to one round trip and makes two devices saving the same answer at once harmless: the last
    write wins and neither fails.
    """
    batch = list(answers)
    if not batch:
        return 0
    db.session.execute(*_upsert(respondent.id, batch))
    db.session.commit()
    return len(batch)


def _upsert(respondent_id: int, answers: list[AnswerInput]) -> tuple[sa.Insert, list[dict[str, object]]]:
    stamp = now()
    rows: list[dict[str, object]] = [
        {
            "respondent_id": respondent_id,
            "item_code": given.item_code,
            "level": given.level,
            "is_na": given.level is None,
            "na_reason": given.na_reason if given.level is None else None,
            "comment": given.comment or None,
            "updated_at": stamp,
        }
        for given in answers
    ]
    return _upsert_statement(db.engine.dialect.name), rows


@lru_cache(maxsize=4)
def _upsert_statement(dialect: str) -> sa.Insert:
    """``INSERT ... ON CONFLICT (respondent, item) DO UPDATE``; built once, executed with parameters."""
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(Answer.__table__)
    return statement.on_conflict_do_update(
        index_elements=[Answer.respondent_id, Answer.item_code],
        set_={name: statement.excluded[name] for name in ("level", "is_na", "na_reason", "comment", "updated_at")},
    )
