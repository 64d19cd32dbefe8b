"""Who may see and change what. Every view that touches an organisation goes through here.

A consultant reaches the organisations of every workspace they are a member of
(:mod:`assessor.accounts.members`). Objects outside the user's reach answer 404 (not 403), so ids of other workspaces
reveal nothing, not even that they exist.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort
from flask_login import current_user

from assessor.accounts.members import workspace_ids
from assessor.extensions import db, login_manager
from assessor.models import Assessment, ClassroomSession, Organisation, Role, User, Workspace


def _user() -> User:
    """The logged-in user; anyone else is sent to the login page (even where a view forgot
    ``@login_required``)."""
    user: User = current_user._get_current_object()  # type: ignore[attr-defined]
    if not user.is_authenticated:
        abort(login_manager.unauthorized())
    return user


def can_see(user: User, org: Organisation) -> bool:
    """True if ``user`` may read ``org`` and its assessments."""
    if user.role == Role.ADMIN:
        return True
    if user.role == Role.CONSULTANT:
        return org.workspace_id in db.session.scalars(workspace_ids(user))
    return org.id == user.organisation_id


def visible_organisations(*, archived: bool = False) -> list[Organisation]:
    """The organisations the current user may read, demo organisations last: the active ones,
    or (with ``archived``) the archived ones."""
    user = _user()
    shown = Organisation.archived_at.is_not(None) if archived else Organisation.archived_at.is_(None)
    query = sa.select(Organisation).where(shown).order_by(Organisation.is_demo, Organisation.name)
    if user.role == Role.CONSULTANT:
        query = query.where(Organisation.workspace_id.in_(workspace_ids(user)))
    elif user.role == Role.VIEWER:
        query = query.where(Organisation.id == user.organisation_id)
    return list(db.session.scalars(query))


def organisation_for(org_id: int, *, write: bool = False) -> Organisation:
    """Return the organisation if the current user may read it (or change it, with ``write``).

    :raise 404: if it does not exist or lies outside the user's reach.
    :raise 403: if the user may read but not change it.
    """
    user = _user()
    org = db.session.get(Organisation, org_id)
    if org is None or not can_see(user, org):
        abort(404)
    if write and not user.can_edit:
        abort(403)
    return org


def assessment_for(assessment_id: int, *, write: bool = False) -> Assessment:
    """Return the assessment if the current user may read it (or change it, with ``write``)."""
    assessment = db.session.get(Assessment, assessment_id)
    if assessment is None:
        abort(404)
    organisation_for(assessment.organisation_id, write=write)
    return assessment


def workspace_for(workspace_id: int, *, write: bool = False) -> Workspace:
    """Return the workspace if the current user may see its name and logo (or change them, with ``write``).

    Members and admins read and change it; a viewer reads the workspace of the organisation they
    may read (its firm's name and logo are on their report) but changes nothing.

    :raise 404: if it does not exist or lies outside the user's reach.
    :raise 403: for a viewer who may read but not change it.
    """
    user = _user()
    workspace = db.session.get(Workspace, workspace_id)
    if workspace is None:
        abort(404)
    if user.role == Role.VIEWER:
        org = db.session.get(Organisation, user.organisation_id) if user.organisation_id else None
        if org is None or org.workspace_id != workspace.id:
            abort(404)
        if write:
            abort(403)
    elif user.role != Role.ADMIN and workspace.id not in db.session.scalars(workspace_ids(user)):
        abort(404)
    return workspace


def require_editor() -> User:
    """Return the current user, or answer 403 for read-only viewers."""
    user = _user()
    if not user.can_edit:
        abort(403)
    return user


def classroom_for(session_id: int) -> ClassroomSession:
    """Return the classroom session if the current user may run it: a member of its workspace (or an admin).

    :raise 403: for read-only viewers (they run no sessions, whatever the id).
    :raise 404: if it does not exist or lies outside the user's reach.
    """
    user = require_editor()
    found = db.session.get(ClassroomSession, session_id)
    if found is None:
        abort(404)
    if user.role != Role.ADMIN and found.workspace_id not in db.session.scalars(workspace_ids(user)):
        abort(404)
    return found


def visible_classrooms() -> list[ClassroomSession]:
    """The classroom sessions of the current user's workspaces (every session for an admin), newest first."""
    user = _user()
    query = sa.select(ClassroomSession).order_by(ClassroomSession.id.desc())
    if user.role == Role.VIEWER:
        return []
    if user.role != Role.ADMIN:
        query = query.where(ClassroomSession.workspace_id.in_(workspace_ids(user)))
    return list(db.session.scalars(query))
