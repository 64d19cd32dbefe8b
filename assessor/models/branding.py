"""Logos of workspaces (the consulting firm) and organisations (the client), stored as checked image bytes."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from assessor.extensions import db
from assessor.models.core import now


class Logo(db.Model):  # type: ignore[name-defined,misc]
    """The logo of exactly one workspace or one organisation (deleted with it).

    ``data`` is what :func:`assessor.reports.logo_check.check_logo` returned: PNG or JPEG
    re-encoded by Pillow (an uploaded SVG is stored as its PNG rendering), never the upload itself.
    """

    __tablename__ = "logo"
    __table_args__ = (
        sa.CheckConstraint("(workspace_id IS NULL) <> (organisation_id IS NULL)", name="one_owner"),
        sa.CheckConstraint("mime IN ('image/png', 'image/jpeg')", name="known_mime"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int | None] = mapped_column(sa.ForeignKey("workspace.id", ondelete="CASCADE"), unique=True)
    organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisation.id", ondelete="CASCADE"), unique=True
    )
    mime: Mapped[str] = mapped_column(sa.String(20))
    data: Mapped[bytes] = mapped_column(sa.LargeBinary, deferred=True)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    """Hex digest of ``data``: the served URL and ETag carry it, so a new logo is never a cached old one."""
    width: Mapped[int]
    height: Mapped[int]
    uploaded_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=now)
