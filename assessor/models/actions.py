"""The action plan: an organisation's tracked improvement actions and their dated notes."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from assessor.extensions import db
from assessor.models.core import now

ACTION_TITLE_LENGTH = 200
OWNER_LENGTH = 120
REASON_LENGTH = 500
NOTE_LENGTH = 2000


class Action(db.Model):  # type: ignore[name-defined,misc]
    """One tracked action of an organisation, optionally from an assessment's recommendations.

    ``library_id`` names the recommendations library's action it was tracked from (``R-E8-01``);
    one organisation tracks a library action at most once.  ``element_ids``, ``item_codes`` and
    ``kpi_ids`` are space-separated ids.  Overdue is never stored: the pure rules
    (:mod:`assessor.scoring.actions`) compute it from ``due`` and ``status``.  The action goes with
    its organisation; deleting the assessment it came from keeps it (``assessment_id`` becomes empty).
    """

    __tablename__ = "action"
    __table_args__ = (sa.UniqueConstraint("organisation_id", "library_id", name="uq_action_library"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    assessment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("assessment.id", ondelete="SET NULL"), index=True)
    library_id: Mapped[str | None] = mapped_column(sa.String(20))
    title: Mapped[str] = mapped_column(sa.String(ACTION_TITLE_LENGTH))
    title_ja: Mapped[str] = mapped_column(sa.String(ACTION_TITLE_LENGTH), default="")
    element_ids: Mapped[str] = mapped_column(sa.String(200), default="")
    item_codes: Mapped[str] = mapped_column(sa.String(400), default="")
    kpi_ids: Mapped[str] = mapped_column(sa.String(200), default="")
    owner: Mapped[str] = mapped_column(sa.String(OWNER_LENGTH), default="")
    due: Mapped[date | None] = mapped_column(sa.Date)
    status: Mapped[str] = mapped_column(sa.String(20), default="planned")
    reason: Mapped[str] = mapped_column(sa.String(REASON_LENGTH), default="")
    progress: Mapped[int] = mapped_column(sa.Integer, default=0)
    done_on: Mapped[date | None] = mapped_column(sa.Date)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=now)
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=now, onupdate=now)
    notes: Mapped[list[ActionNote]] = relationship(
        back_populates="action", cascade="all, delete-orphan", order_by="ActionNote.id"
    )

    def title_in(self, lang: str) -> str:
        """The title in ``lang`` (the English one when there is no Japanese title)."""
        return self.title_ja if lang == "ja" and self.title_ja else self.title


class ActionNote(db.Model):  # type: ignore[name-defined,misc]
    """A dated note in an action's log, with the author's label as it was."""

    __tablename__ = "action_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(sa.ForeignKey("action.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=now)
    author: Mapped[str] = mapped_column(sa.String(254), default="")
    text: Mapped[str] = mapped_column(sa.Text)
    action: Mapped[Action] = relationship(back_populates="notes")
