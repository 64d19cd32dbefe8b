"""Offline answers into a stored assessment: check a file, keep it until confirmed, import it in one commit.

The check is :mod:`assessor.offline` (pure); this module gives it the assessment's questionnaire,
segments and respondents, and writes. Nothing is written unless the whole file is valid: the
import re-checks the same bytes against the assessment as it is at that moment, then creates every
respondent and answer in one transaction, bumps the live revision and logs one history entry.

**Between the dry run and the confirmation** the upload waits in the database
(:class:`~assessor.models.PendingImport`), not in a worker's memory (the confirmation may reach
another worker or machine) and not in the session cookie (2 MB does not fit): it is reached by an
unguessable token, only by the user who uploaded it and for the same assessment, and expires after
:data:`UPLOAD_LIFETIME`; expired uploads are deleted whenever a new one is kept.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import PurePath

import sqlalchemy as sa

from assessor.assessments.stored import questionnaire_of
from assessor.config import MAX_REASON_LENGTH
from assessor.extensions import db
from assessor.history import record
from assessor.models import Answer, Assessment, PendingImport, Respondent, User
from assessor.models.core import new_token, now
from assessor.offline import (
    ENCODINGS,
    FORMATS,
    Checked,
    Encoding,
    Format,
    Problem,
    UnreadableFileError,
    check_answers,
    read_table,
)
from assessor.plaintext import control_character
from assessor.standards import get_framework

UPLOAD_LIFETIME = timedelta(hours=2)
"""How long an uploaded file waits for its confirmation."""


def segment_triples(assessment: Assessment) -> list[tuple[str, str, str]]:
    """``(key, English label, Japanese label)`` of the assessment's segments, in order."""
    return [(segment.key, segment.label_en, segment.label_ja) for segment in assessment.segments]


def check_file(assessment: Assessment, data: bytes, *, layout: str, encoding: str, lang: str) -> Checked:
    """Check an answers file against the assessment as it is now (read it, then every row).

    ``layout`` is one of :data:`~assessor.offline.FORMATS` and ``encoding`` one of
    :data:`~assessor.offline.ENCODINGS` (anything else is read as ``auto``).
    """
    chosen_layout: Format = next((f for f in FORMATS if f == layout), "auto")
    chosen_encoding: Encoding = next((e for e in ENCODINGS if e == encoding), "auto")
    try:
        table = read_table(data, chosen_encoding)
    except UnreadableFileError as error:
        return Checked("forms", problems=(Problem("file", error.message),))
    labels = db.session.scalars(
        sa.select(Respondent.name).where(Respondent.assessment_id == assessment.id, Respondent.name.is_not(None))
    )
    return check_answers(
        table,
        questionnaire_of(assessment),
        get_framework().scale,
        segment_triples(assessment),
        [label for label in labels if label],
        layout=chosen_layout,
        lang=lang,
        max_reason=MAX_REASON_LENGTH,
    )


def safe_filename(name: str | None) -> str:
    """The file's own name for the history and the pages: no folders, no control characters, short."""
    base = PurePath((name or "").replace("\\", "/")).name or "upload"
    cleaned = "".join("?" if control_character(char) else char for char in base)
    return cleaned[:120]


def keep_upload(
    assessment: Assessment, user: User, filename: str | None, data: bytes, *, layout: str, encoding: str
) -> PendingImport:
    """Keep an upload until it is confirmed (one commit); expired uploads of anyone go at the same time."""
    db.session.execute(sa.delete(PendingImport).where(PendingImport.created_at < now() - UPLOAD_LIFETIME))
    pending = PendingImport(
        assessment_id=assessment.id,
        user_id=user.id,
        filename=safe_filename(filename),
        layout=layout,
        encoding=encoding,
        content=data,
    )
    db.session.add(pending)
    db.session.commit()
    return pending


def pending_upload(assessment: Assessment, user: User, token: str) -> PendingImport | None:
    """The user's upload for this assessment with this token, if it has not expired."""
    pending = db.session.get(PendingImport, token)
    if pending is None or pending.assessment_id != assessment.id or pending.user_id != user.id:
        return None
    created = pending.created_at if pending.created_at.tzinfo else pending.created_at.replace(tzinfo=now().tzinfo)
    return pending if created >= now() - UPLOAD_LIFETIME else None


def import_answers(
    assessment: Assessment,
    checked: Checked,
    actor: User | None,
    filename: str,
    *,
    pending: PendingImport | None = None,
) -> int:
    """Create the checked respondents (marked imported) with their answers: one transaction, one commit,
    one history entry. Returns how many respondents were created (0: the upload was already imported).

    :raise ValueError: if ``checked`` has problems (the caller shows them instead).
    """
    if checked.problems:
        raise ValueError("an answers file with problems is never imported")
    if pending is not None:
        claimed = db.session.execute(sa.delete(PendingImport).where(PendingImport.token == pending.token))
        if claimed.rowcount != 1:  # type: ignore[attr-defined]  # a second click, or another worker, got it first
            db.session.rollback()
            return 0
    _insert(assessment, checked, actor)
    db.session.execute(
        sa.update(Assessment).where(Assessment.id == assessment.id).values(revision=Assessment.revision + 1)
    )
    record(
        "answers imported",
        assessment,
        actor,
        f"{len(checked.respondents)} respondents, {checked.answer_count} answers, from {safe_filename(filename)}",
    )
    db.session.commit()
    return len(checked.respondents)


def _insert(assessment: Assessment, checked: Checked, actor: User | None) -> None:
    """Insert the respondents and their answers in two statements (a thousand respondents with
    72 answers each would take tens of seconds through the ORM's unit of work)."""
    stamp = now()
    people = [
        {
            "assessment_id": assessment.id,
            "token": new_token(),
            "name": given.label,
            "segment": given.segment,
            "language": given.language,
            "created_at": stamp,
            "imported": True,
            "entered_by_id": actor.id if actor is not None else None,
        }
        for given in checked.respondents
    ]
    if not people:
        return
    statement = sa.insert(Respondent).returning(Respondent.id, sort_by_parameter_order=True)
    ids = list(db.session.scalars(statement, people))
    answers = [
        {
            "respondent_id": respondent_id,
            "item_code": answer.item_code,
            "level": answer.level,
            "is_na": answer.level is None,
            "na_reason": answer.na_reason,
            "updated_at": stamp,
            "round": 1,
        }
        for respondent_id, given in zip(ids, checked.respondents, strict=True)
        for answer in given.answers
    ]
    if answers:
        db.session.execute(sa.insert(Answer), answers)
