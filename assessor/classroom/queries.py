"""Look-ups of classroom sessions, and the room as the trainer's screen, the phones and the debrief see it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from assessor.accounts.joins import JOIN_CODE_SHAPE, normalise_code
from assessor.domain import Case, Questionnaire
from assessor.extensions import db
from assessor.models import ClassroomKeyItem, ClassroomSession, Trainee, TraineeRating
from assessor.scoring.calibration import ClassStats, Rating, class_stats
from assessor.standards import get_framework


class CaseNotInstalledError(LookupError):
    """The session's case or questionnaire is no longer in the standards the app loaded."""


def session_by_code(code: str) -> ClassroomSession | None:
    """The session with this short code (case and spaces ignored), if its join code is open."""
    cleaned = normalise_code(code)
    if not JOIN_CODE_SHAPE.fullmatch(cleaned):
        return None
    found: ClassroomSession | None = db.session.scalar(
        sa.select(ClassroomSession).where(ClassroomSession.join_code == cleaned)
    )
    return found


def session_by_join_token(token: str) -> ClassroomSession | None:
    """The session whose join link carries ``token``."""
    found: ClassroomSession | None = db.session.scalar(
        sa.select(ClassroomSession).where(ClassroomSession.join_token == token)
    )
    return found


def trainee_by_token(token: str) -> Trainee | None:
    """The trainee of a personal link."""
    found: Trainee | None = db.session.scalar(sa.select(Trainee).where(Trainee.token == token))
    return found


def material(session: ClassroomSession) -> tuple[Case, Questionnaire]:
    """The session's case and questionnaire, from the loaded standards.

    :raise CaseNotInstalledError: if either is gone or its version changed (the class rated another
        text, against another key).
    """
    framework = get_framework()
    try:
        case = framework.cases[session.case_id]
        questionnaire = framework.questionnaire(session.questionnaire_id, session.questionnaire_version)
    except KeyError as exc:
        raise CaseNotInstalledError(f"classroom session {session.id}: {exc}") from exc
    if case.version != session.case_version:  # the class rated another text, against another key
        raise CaseNotInstalledError(f"classroom session {session.id}: case {case.id} is now version {case.version}")
    return case, questionnaire


def ratings_of(trainee: Trainee) -> dict[str, Rating]:
    """The trainee's ratings by item code (None for N/A)."""
    rows = db.session.execute(
        sa.select(TraineeRating.item_code, TraineeRating.level).where(TraineeRating.trainee_id == trainee.id)
    )
    return {code: level for code, level in rows}


@dataclass(frozen=True)
class Room:
    """Everything the live views and the debrief show of one session."""

    session: ClassroomSession
    case: Case
    questionnaire: Questionnaire
    trainees: list[Trainee]
    ratings: list[dict[str, Rating]]
    """Per trainee, in join order."""
    stats: ClassStats
    key_items: frozenset[str]
    """Items whose key is shown (every item once the whole key is)."""
    min_group_size: int

    @property
    def finished(self) -> int:
        """Trainees who rated every item."""
        return sum(1 for r in self.ratings if len(r) >= len(self.questionnaire.items))

    @property
    def started(self) -> int:
        """Trainees who rated at least one item."""
        return sum(1 for r in self.ratings if r)

    def label(self, index: int, names: bool) -> str:
        """``Trainee n`` (join order, from 1), or the name the trainee gave when ``names``."""
        name = self.trainees[index].display_name
        return name if names and name else _("Trainee %(number)d", number=index + 1)

    def distribution_shown(self, code: str) -> bool:
        """The room's distribution of ``code`` is shown: revealed, and at least k trainees gave a level."""
        item = next(i for i in self.stats.items if i.code == code)
        return self.session.revealed and item.rated >= self.min_group_size


def room(session: ClassroomSession) -> Room:
    """The room of ``session``: its material, every trainee's ratings and the calibration statistics."""
    case, questionnaire = material(session)
    trainees = list(session.trainees)
    by_trainee: dict[int, dict[str, Rating]] = {t.id: {} for t in trainees}
    rows = db.session.execute(
        sa.select(TraineeRating.trainee_id, TraineeRating.item_code, TraineeRating.level)
        .join(Trainee, Trainee.id == TraineeRating.trainee_id)
        .where(Trainee.session_id == session.id)
    )
    codes = set(questionnaire.codes)
    for trainee_id, code, level in rows:
        if code in codes:
            by_trainee[trainee_id][code] = level
    key = {code: case.key[code].level for code in questionnaire.codes}
    levels = [lvl.value for lvl in get_framework().scale.levels]
    ratings = [by_trainee[t.id] for t in trainees]
    shown = set(questionnaire.codes) if session.key_shown else set(_key_items(session)) & codes
    return Room(
        session=session,
        case=case,
        questionnaire=questionnaire,
        trainees=trainees,
        ratings=ratings,
        stats=class_stats(ratings, key, levels),
        key_items=frozenset(shown),
        min_group_size=int(current_app.config["MIN_GROUP_SIZE"]),
    )


def _key_items(session: ClassroomSession) -> list[str]:
    return list(
        db.session.scalars(sa.select(ClassroomKeyItem.item_code).where(ClassroomKeyItem.session_id == session.id))
    )


def version(session: ClassroomSession, *extra: object) -> str:
    """What the live views show depends on: the trainer's last change, the trainees and their ratings
    (one query), plus ``extra`` (language, whose page). Used as the ETag of the polled fragments."""
    joined, rated, newest = db.session.execute(
        sa.select(
            sa.func.count(sa.distinct(Trainee.id)),
            sa.func.count(TraineeRating.item_code),
            sa.func.max(TraineeRating.saved_at),
        )
        .select_from(Trainee)
        .outerjoin(TraineeRating, TraineeRating.trainee_id == Trainee.id)
        .where(Trainee.session_id == session.id)
    ).one()
    parts = (session.id, session.revealed, session.key_shown, session.changed_at, joined, rated, newest, *extra)
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
