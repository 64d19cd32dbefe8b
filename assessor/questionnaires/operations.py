"""Writing answers (one commit per operation)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import sqlalchemy as sa

from assessor.database import dialect_insert
from assessor.extensions import db
from assessor.history import record
from assessor.models import Answer, Assessment, Respondent, User, VoteRound
from assessor.models.core import now
from assessor.models.rounds import SECOND_ROUND
from assessor.questionnaires.answers import AnswerInput
from assessor.questionnaires.queries import ANSWER_COUNT_QUERY


def save_answer(respondent_id: int, answer: AnswerInput) -> int:
    """Save one answer (autosave) and return how many items the respondent has answered now.

    The write transaction holds only the upsert: the count is read after the commit, so the
    database's write lock (one writer at a time on SQLite) is held as briefly as possible.
    Answers are not logged one by one (a workshop saves thousands); joins and locks are.
    """
    _write(respondent_id, [answer])
    db.session.commit()
    return int(db.session.scalar(ANSWER_COUNT_QUERY, {"respondent_id": respondent_id}) or 0)


def save_answers(respondent: Respondent, answers: Iterable[AnswerInput]) -> int:
    """Insert or update the given answers in one statement and one commit; return how many.

    An upsert (``INSERT ... ON CONFLICT DO UPDATE``, on SQLite and PostgreSQL alike) keeps a save
    to one round trip and makes two devices saving the same answer at once harmless: the last
    write wins and neither fails.
    """
    batch = list(answers)
    if not batch:
        return 0
    _write(respondent.id, batch)
    db.session.commit()
    return len(batch)


_OPEN_ROUNDS_QUERY = (
    sa.select(VoteRound.item_code)
    .join(Respondent, Respondent.assessment_id == VoteRound.assessment_id)
    .where(Respondent.id == sa.bindparam("respondent_id"), VoteRound.closed_at.is_(None))
)
"""The items of the respondent's workshop whose second vote is open (none outside a second vote)."""


def _write(respondent_id: int, answers: list[AnswerInput]) -> None:
    """Upsert the answers and bump the assessment's ``revision`` in the same transaction: every
    answer write goes through here, so a live screen whose revision is unchanged has nothing new."""
    db.session.execute(*_upsert(respondent_id, answers))
    assessment_id = sa.select(Respondent.assessment_id).where(Respondent.id == respondent_id).scalar_subquery()
    db.session.execute(
        sa.update(Assessment).where(Assessment.id == assessment_id).values(revision=Assessment.revision + 1)
    )


def _upsert(respondent_id: int, answers: list[AnswerInput]) -> tuple[sa.Insert, list[dict[str, object]]]:
    stamp = now()
    second = set(db.session.scalars(_OPEN_ROUNDS_QUERY, {"respondent_id": respondent_id}))
    rows: list[dict[str, object]] = [
        {
            "respondent_id": respondent_id,
            "item_code": given.item_code,
            "level": given.level,
            "is_na": given.level is None,
            "na_reason": given.na_reason if given.level is None else None,
            "comment": given.comment or None,
            "updated_at": stamp,
            "round": SECOND_ROUND if given.item_code in second else 1,
        }
        for given in answers
    ]
    return _upsert_statement(db.engine.dialect.name), rows


@lru_cache(maxsize=4)
def _upsert_statement(dialect: str) -> sa.Insert:
    """``INSERT ... ON CONFLICT (respondent, item) DO UPDATE``; built once, executed with parameters.

    The round never goes down: an answer given in the second vote stays a second-round answer
    when it is changed again after the vote closed."""
    statement = dialect_insert(dialect)(Answer.__table__)
    updated = {name: statement.excluded[name] for name in ("level", "is_na", "na_reason", "comment", "updated_at")}
    kept = Answer.__table__.c.round
    later = sa.case((statement.excluded["round"] > kept, statement.excluded["round"]), else_=kept)
    return statement.on_conflict_do_update(
        index_elements=[Answer.respondent_id, Answer.item_code],
        set_=updated | {"round": later},
    )


def confirm_still_true(respondent: Respondent, earlier: Answer) -> int:
    """Record last time's answer (level or N/A with its reason, and its evidence) anew for ``respondent``:
    the "still true" of a self-audit. One commit; returns how many items the respondent has answered."""
    again = AnswerInput(
        earlier.item_code,
        None if earlier.is_na else earlier.level,
        earlier.na_reason if earlier.is_na else None,
        earlier.comment or None,
    )
    return save_answer(respondent.id, again)


def enter_paper_form(
    assessment: Assessment,
    label: str,
    segment: str | None,
    language: str,
    answers: Iterable[AnswerInput],
    actor: User,
) -> Respondent:
    """Create a respondent marked as entered from a paper form, with its answers: one commit,
    one history entry (and its log line). ``label`` names the form, never the person."""
    respondent = Respondent(
        assessment=assessment,
        name=label.strip() or None,
        segment=segment or None,
        language=language,
        on_paper=True,
        entered_by_id=actor.id,
    )
    given = list(answers)
    for answer in given:
        respondent.answers.append(
            Answer(
                item_code=answer.item_code,
                level=answer.level,
                is_na=answer.level is None,
                na_reason=answer.na_reason if answer.level is None else None,
            )
        )
    db.session.add(respondent)
    record(
        "paper form entered",
        respondent,
        actor,
        f"assessment {assessment.id}, segment {segment or '-'}, {len(given)} answers",
    )
    db.session.commit()
    return respondent
