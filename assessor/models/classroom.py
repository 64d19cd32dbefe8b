"""Classroom sessions: a trainer's class rating a calibration case, in a space of its own.

A session is never an organisation or an assessment, so what a class rates never reaches a client's
or the demo's results, comparisons or reports. Sessions belong to the trainer's workspace; trainees
join by code, without an account, and are reached by an unguessable token like respondents.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from assessor.extensions import db
from assessor.models.core import new_token, now

if TYPE_CHECKING:
    from assessor.models.accounts import Workspace


class ClassroomSession(db.Model):  # type: ignore[name-defined,misc]
    """A class rating one case with one questionnaire; the trainer reveals the room, then the key."""

    __tablename__ = "classroom_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(sa.ForeignKey("workspace.id", ondelete="CASCADE"), index=True)
    trainer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    case_id: Mapped[str] = mapped_column(sa.String(60))
    case_version: Mapped[str] = mapped_column(sa.String(20))
    questionnaire_id: Mapped[str] = mapped_column(sa.String(40))
    questionnaire_version: Mapped[str] = mapped_column(sa.String(20))
    join_code: Mapped[str | None] = mapped_column(sa.String(12), unique=True)
    join_token: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    revealed: Mapped[bool] = mapped_column(default=False)
    """The room's distribution is shown (trainer's screen and trainees' phones)."""
    key_shown: Mapped[bool] = mapped_column(default=False)
    """The whole key is shown; single items can be shown before (:class:`ClassroomKeyItem`)."""
    changed_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=now)
    """When the trainer last changed what is shown: part of the live views' version."""
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=now)

    workspace: Mapped[Workspace] = relationship()
    trainees: Mapped[list[Trainee]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="Trainee.id"
    )
    key_items: Mapped[list[ClassroomKeyItem]] = relationship(cascade="all, delete-orphan")


class ClassroomKeyItem(db.Model):  # type: ignore[name-defined,misc]
    """One item whose key the trainer has shown (item by item, before or instead of all at once)."""

    __tablename__ = "classroom_key_item"

    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("classroom_session.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    item_code: Mapped[str] = mapped_column(sa.String(20), primary_key=True)


class Trainee(db.Model):  # type: ignore[name-defined,misc]
    """A person in the class, with no account; the display name is optional."""

    __tablename__ = "trainee"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("classroom_session.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(sa.String(64), unique=True, default=new_token)
    display_name: Mapped[str | None] = mapped_column(sa.String(120))
    language: Mapped[str] = mapped_column(sa.String(5), default="en")
    joined_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=now)

    session: Mapped[ClassroomSession] = relationship(back_populates="trainees")
    ratings: Mapped[list[TraineeRating]] = relationship(
        cascade="all, delete-orphan", order_by="TraineeRating.item_code"
    )


class TraineeRating(db.Model):  # type: ignore[name-defined,misc]
    """A trainee's rating of one item: a level, or N/A where the item allows it."""

    __tablename__ = "trainee_rating"
    __table_args__ = (
        sa.CheckConstraint(
            "(is_na AND level IS NULL) OR (NOT is_na AND level IS NOT NULL AND level >= 0)", name="level_or_na"
        ),
    )

    trainee_id: Mapped[int] = mapped_column(
        sa.ForeignKey("trainee.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    item_code: Mapped[str] = mapped_column(sa.String(20), primary_key=True)
    level: Mapped[int | None] = mapped_column(sa.SmallInteger)
    is_na: Mapped[bool] = mapped_column(default=False)
    saved_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=now, onupdate=now)
