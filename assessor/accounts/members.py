"""Workspace members: the consultants of one firm share a workspace's organisations.

A user reads and changes the organisations of every workspace they are a member of
(:mod:`assessor.accounts.access`); their home workspace (``User.workspace_id``) is where their
new organisations go. Admins add and remove members; each change is one history entry.
"""

from __future__ import annotations

import sqlalchemy as sa

from assessor.extensions import db
from assessor.history import record
from assessor.models import Role, User, Workspace, WorkspaceMember


def workspace_ids(user: User) -> sa.Select[int]:
    """The ids of the workspaces ``user`` is a member of, as a subquery."""
    return sa.select(WorkspaceMember.workspace_id).where(WorkspaceMember.user_id == user.id)


def is_member(workspace: Workspace, user: User) -> bool:
    """True if ``user`` shares ``workspace``'s organisations."""
    return db.session.get(WorkspaceMember, (workspace.id, user.id)) is not None


def add_member(workspace: Workspace, user: User, actor: User | None) -> None:
    """Let ``user`` (a consultant or an admin) share ``workspace``'s organisations (commits and logs).

    A user without a home workspace gets this one as their home.

    :raise ValueError: for a viewer (they read one organisation only) or a user who is a member already.
    """
    if user.role == Role.VIEWER:
        raise ValueError("a viewer cannot be a workspace member")
    if is_member(workspace, user):
        raise ValueError(f"{user.email} is a member already")
    db.session.add(WorkspaceMember(workspace=workspace, user=user))
    if user.workspace_id is None:
        user.workspace = workspace
    record("member added", workspace, actor, f"user {user.id} {user.email}")
    db.session.commit()


def remove_member(workspace: Workspace, user: User, actor: User | None) -> None:
    """Stop ``user`` seeing ``workspace``'s organisations (commits and logs); the organisations stay.

    If it was their home workspace, another of their workspaces becomes home (or none).

    :raise ValueError: if ``user`` is not a member.
    """
    membership = db.session.get(WorkspaceMember, (workspace.id, user.id))
    if membership is None:
        raise ValueError(f"{user.email} is not a member")
    db.session.delete(membership)
    if user.workspace_id == workspace.id:
        other = db.session.scalar(
            sa.select(WorkspaceMember.workspace_id)
            .where(WorkspaceMember.user_id == user.id, WorkspaceMember.workspace_id != workspace.id)
            .order_by(WorkspaceMember.added_at)
        )
        user.workspace_id = other
    record("member removed", workspace, actor, f"user {user.id} {user.email}")
    db.session.commit()


def workspace_named(name: str) -> Workspace:
    """The workspace called ``name`` (spaces around it ignored), created when missing (not committed)."""
    name = name.strip()
    return db.session.scalar(sa.select(Workspace).where(Workspace.name == name)) or Workspace(name=name)
