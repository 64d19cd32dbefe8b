"""State changes of a classroom session (one commit per operation; the trainer's are logged)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.exc import IntegrityError

from assessor.accounts.joins import new_join_code
from assessor.database import dialect_insert
from assessor.domain import Case, Questionnaire
from assessor.extensions import db
from assessor.history import record
from assessor.models import ClassroomKeyItem, ClassroomSession, Trainee, TraineeRating, User, Workspace, new_token
from assessor.models.core import now

Rating = int | None
"""A level, or None for N/A."""


def start_session(workspace: Workspace, trainer: User, case: Case, questionnaire: Questionnaire) -> ClassroomSession:
    """Start a session on ``case`` with ``questionnaire`` in ``workspace``, with a fresh join code and link."""
    for _attempt in range(5):
        session = ClassroomSession(
            workspace_id=workspace.id,
            trainer_id=trainer.id,
            case_id=case.id,
            case_version=case.version,
            questionnaire_id=questionnaire.id,
            questionnaire_version=questionnaire.version,
            join_code=new_join_code(),
            join_token=new_token(),
        )
        db.session.add(session)
        db.session.flush()
        record("classroom started", workspace, trainer, f"session {session.id} case {case.id} {questionnaire.id}")
        try:
            db.session.commit()
        except IntegrityError:  # the same code was drawn twice: draw again
            db.session.rollback()
            continue
        return session
    raise RuntimeError("could not draw a unique classroom code")


def join(session: ClassroomSession, display_name: str | None, language: str) -> Trainee:
    """Add a trainee (no account) to ``session``; the display name is optional."""
    trainee = Trainee(session=session, display_name=(display_name or "").strip() or None, language=language)
    db.session.add(trainee)
    db.session.flush()
    record(
        "trainee joined", session.workspace, None, f"session {session.id} trainee {trainee.id}", actor_label="trainee"
    )
    db.session.commit()
    return trainee


def save_ratings(trainee: Trainee, ratings: Mapping[str, Rating]) -> int:
    """Save (or change) the trainee's ratings of the items in ``ratings``; return how many were saved."""
    if not ratings:
        return 0
    table = TraineeRating.__table__
    rows = [
        {"trainee_id": trainee.id, "item_code": code, "level": level, "is_na": level is None, "saved_at": now()}
        for code, level in ratings.items()
    ]
    statement = dialect_insert(db.engine.dialect.name)(table).values(rows)
    db.session.execute(
        statement.on_conflict_do_update(
            index_elements=[table.c.trainee_id, table.c.item_code],
            set_={"level": statement.excluded.level, "is_na": statement.excluded.is_na, "saved_at": now()},
        )
    )
    db.session.commit()
    return len(rows)


def reveal(session: ClassroomSession, actor: User) -> None:
    """Show the room's distribution (rating ends: the room's answers no longer move)."""
    session.revealed = True
    session.changed_at = now()
    record("classroom revealed", session.workspace, actor, f"session {session.id}")
    db.session.commit()


def show_key(session: ClassroomSession, actor: User, item_code: str | None = None) -> None:
    """Show the key of one item, or (``item_code`` None) of every item; the distribution comes first."""
    session.revealed = True
    session.changed_at = now()
    if item_code is None:
        session.key_shown = True
    elif db.session.get(ClassroomKeyItem, (session.id, item_code)) is None:
        db.session.add(ClassroomKeyItem(session_id=session.id, item_code=item_code))
    record("classroom key shown", session.workspace, actor, f"session {session.id} {item_code or 'all items'}")
    db.session.commit()
