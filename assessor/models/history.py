"""The history: an append-only record of who changed what, and when.

Entries hold ids and labels, never foreign keys that would delete them with what they
describe: an entry outlives the user, organisation or assessment it names. No answer
contents and no passwords are ever stored here.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from assessor.extensions import db
from assessor.models.core import now


class Event(db.Model):  # type: ignore[name-defined,misc]
    """One state change: when, who (id and a label that survives the account), what, on which object."""

    __tablename__ = "event"
    __table_args__ = (sa.Index("ix_event_object", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=now, index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.Integer)
    """The acting user's id (no foreign key: the entry stays when the account goes)."""
    actor: Mapped[str] = mapped_column(sa.String(254))
    """Who acted, as it read at the time: an e-mail address, ``participant`` or ``command line``."""
    verb: Mapped[str] = mapped_column(sa.String(40), index=True)
    object_type: Mapped[str] = mapped_column(sa.String(30))
    object_id: Mapped[int | None] = mapped_column(sa.Integer)
    organisation_id: Mapped[int | None] = mapped_column(sa.Integer, index=True)
    assessment_id: Mapped[int | None] = mapped_column(sa.Integer, index=True)
    workspace_id: Mapped[int | None] = mapped_column(sa.Integer)
    detail: Mapped[str] = mapped_column(sa.String(300), default="")
