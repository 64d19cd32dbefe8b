"""Uploaded answer files waiting for the consultant's confirmation (:mod:`assessor.assessments.imports`)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from assessor.extensions import db
from assessor.models.core import new_token, now


class PendingImport(db.Model):  # type: ignore[name-defined,misc]
    """An uploaded file between its dry run and the import: kept in the database, not in a worker's
    memory, so the confirmation may reach any worker; reached only by its unguessable token, by the
    user who uploaded it, for the same assessment, until it expires or is imported."""

    __tablename__ = "pending_import"

    token: Mapped[str] = mapped_column(sa.String(64), primary_key=True, default=new_token)
    assessment_id: Mapped[int] = mapped_column(sa.ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(sa.String(200))
    layout: Mapped[str] = mapped_column(sa.String(10))
    encoding: Mapped[str] = mapped_column(sa.String(10))
    content: Mapped[bytes] = mapped_column(sa.LargeBinary)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=now)
