"""State changes of branding: logos set and removed, the workspace renamed (one commit each, logged)."""

from __future__ import annotations

import sqlalchemy as sa

from assessor.extensions import db
from assessor.history import record
from assessor.models import Logo, User, Workspace
from assessor.reports.branding import Owner, logo_of
from assessor.reports.logo_check import CheckedLogo


def set_logo(owner: Owner, logo: CheckedLogo, actor: User) -> None:
    """Make ``logo`` (already checked) the logo of ``owner``, replacing any earlier one."""
    row = logo_of(owner)
    if row is None:
        row = Logo(workspace_id=owner.id) if isinstance(owner, Workspace) else Logo(organisation_id=owner.id)
        db.session.add(row)
    row.mime, row.data, row.sha256 = logo.mime, logo.data, logo.sha256
    row.width, row.height = logo.width, logo.height
    shown = f"{logo.mime} {logo.width}x{logo.height} {len(logo.data)} bytes {logo.sha256[:12]}"
    record("logo uploaded", owner, actor, shown)
    db.session.commit()


def remove_logo(owner: Owner, actor: User) -> bool:
    """Remove the logo of ``owner``; False (nothing changed, nothing logged) if it had none."""
    row = logo_of(owner)
    if row is None:
        return False
    db.session.delete(row)
    record("logo removed", owner, actor)
    db.session.commit()
    return True


def rename_workspace(workspace: Workspace, name: str, actor: User) -> None:
    """Change the workspace's name (the firm's name on report covers).

    :raise ValueError: if another workspace has that name (names pick the workspace a new account joins).
    """
    name = name.strip()
    taken = sa.select(Workspace.id).where(Workspace.name == name, Workspace.id != workspace.id)
    if db.session.scalar(taken) is not None:
        raise ValueError("name taken")
    old, workspace.name = workspace.name, name
    record("workspace renamed", workspace, actor, f"{old} -> {workspace.name}")
    db.session.commit()
