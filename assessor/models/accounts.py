"""Accounts: workspaces that keep client organisations apart, users and their roles."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from assessor.extensions import db
from assessor.models.core import now

if TYPE_CHECKING:
    from assessor.models.core import Organisation


class Role(enum.StrEnum):
    """What a user may do.

    ``admin`` sees and manages everything; ``consultant`` works in the workspaces they are a
    member of (client organisations shared by a firm's consultants); ``viewer`` reads the
    results of one organisation (e.g. its executive).
    """

    ADMIN = "admin"
    CONSULTANT = "consultant"
    VIEWER = "viewer"


class Workspace(db.Model):  # type: ignore[name-defined,misc]
    """A consultant's (or a firm's) set of client organisations, invisible to other workspaces."""

    __tablename__ = "workspace"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=now)

    organisations: Mapped[list[Organisation]] = relationship(back_populates="workspace", order_by="Organisation.name")
    users: Mapped[list[User]] = relationship(back_populates="workspace")
    """Users whose home this is (new organisations go to the home workspace)."""
    members: Mapped[list[WorkspaceMember]] = relationship(
        back_populates="workspace", cascade="all, delete-orphan", order_by="WorkspaceMember.added_at"
    )
    """Who shares its organisations: every member reads and changes all of them."""


class WorkspaceMember(db.Model):  # type: ignore[name-defined,misc]
    """A user sharing a workspace's organisations (several consultants of one firm)."""

    __tablename__ = "workspace_member"

    workspace_id: Mapped[int] = mapped_column(sa.ForeignKey("workspace.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    added_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=now)

    workspace: Mapped[Workspace] = relationship(back_populates="members")
    user: Mapped[User] = relationship(back_populates="memberships")


class User(UserMixin, db.Model):  # type: ignore[name-defined,misc]
    """A person who logs in. Workshop participants do not need an account."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[str] = mapped_column(sa.String(20))
    workspace_id: Mapped[int | None] = mapped_column(sa.ForeignKey("workspace.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisation.id", ondelete="CASCADE"))
    """For viewers: the one organisation they may read."""
    language: Mapped[str | None] = mapped_column(sa.String(5))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=now)
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    """False once deactivated: the user can no longer log in and every session has ended."""
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")
    """Part of every session's user id: raising it ends all sessions of the user at once
    (logout, password change or reset, deactivation)."""
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    """True after a reset to a one-time password: every page leads to the password page until the
    user has chosen a new password."""

    workspace: Mapped[Workspace | None] = relationship(back_populates="users")
    """The home workspace, where the user's new organisations go (consultants, and admins who have one)."""
    memberships: Mapped[list[WorkspaceMember]] = relationship(back_populates="user", cascade="all, delete-orphan")

    __table_args__ = (sa.CheckConstraint("role IN ('admin', 'consultant', 'viewer')", name="known_role"),)

    @property
    def can_edit(self) -> bool:
        """True for users who may change data (not viewers)."""
        return self.role in (Role.ADMIN, Role.CONSULTANT)

    @property
    def is_active(self) -> bool:
        """Flask-Login refuses to log in inactive (deactivated) users."""
        return bool(self.active)

    def get_id(self) -> str:
        """The id Flask-Login keeps in the session: ``<user id>:<session version>``."""
        return f"{self.id}:{self.session_version}"


class Throttle(db.Model):  # type: ignore[name-defined,misc]
    """An attempt counter (login or join code) over a fixed window, kept in the database so that
    every worker and machine applies the same limits. Counted by atomic upserts only."""

    __tablename__ = "throttle"

    key: Mapped[str] = mapped_column(sa.String(300), primary_key=True)
    hits: Mapped[int] = mapped_column(default=0)
    expires_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), index=True)
    """End of the counter's window: the next hit after it starts again from 1."""
