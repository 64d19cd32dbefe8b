"""State changes for organisations and assessments (one commit per operation, each logged)."""

from __future__ import annotations

import secrets
from datetime import date

import sqlalchemy as sa

from assessor.accounts.users import create_user, deactivate_quietly, reset_password
from assessor.domain import Questionnaire
from assessor.extensions import db
from assessor.history import record
from assessor.models import Assessment, Organisation, Role, User


def create_organisation(name: str, workspace_id: int, actor: User | None = None) -> Organisation:
    """Create and commit an organisation in a workspace."""
    org = Organisation(name=name.strip(), workspace_id=workspace_id)
    db.session.add(org)
    record("organisation created", org, actor)
    db.session.commit()
    return org


def create_assessment(
    org: Organisation,
    title: str,
    questionnaire: Questionnaire,
    assessed_on: date,
    mode: str = "self",
    actor: User | None = None,
    title_ja: str | None = None,
) -> Assessment:
    """Create and commit an assessment pinned to ``questionnaire``'s id and version."""
    assessment = Assessment(
        organisation=org,
        title=title.strip(),
        title_ja=(title_ja or "").strip() or None,
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        assessed_on=assessed_on,
        mode=mode,
    )
    db.session.add(assessment)
    record("assessment created", assessment, actor, f"{questionnaire.id} v{questionnaire.version}, {mode}")
    db.session.commit()
    return assessment


def rename_assessment(assessment: Assessment, title: str, title_ja: str | None, actor: User | None = None) -> None:
    """Change and commit the assessment's titles (an empty Japanese title falls back to the title)."""
    assessment.title = title.strip()
    assessment.title_ja = (title_ja or "").strip() or None
    record("titles changed", assessment, actor)
    db.session.commit()


def create_viewer(org: Organisation, email: str, name: str, actor: User | None = None) -> tuple[User, str]:
    """Give someone read-only access to ``org``; return the account and its one-time password.

    :raise ValueError: if an account with this e-mail address exists already.
    """
    password = secrets.token_urlsafe(12)
    viewer = create_user(email, name, password, Role.VIEWER, organisation_id=org.id, actor=actor, verb="viewer created")
    return viewer, password


def revoke_viewer(viewer: User, actor: User | None = None) -> None:
    """End a viewer's read-only access: no more logins, and their open session stops on its next request."""
    deactivate_quietly(viewer)
    record("viewer revoked", viewer, actor, viewer.email)
    db.session.commit()


def reset_viewer_password(viewer: User, actor: User | None = None) -> str:
    """Give a viewer a one-time password (returned, to be shown once); they choose their own at the next login."""
    return reset_password(viewer, actor)


def set_min_group_size(assessment: Assessment, value: int, actor: User | None = None) -> None:
    """Store the assessment's own minimum group size (the view has checked it may not lower it)."""
    assessment.min_group_size = value
    record("min group size set", assessment, actor, f"to {value}")
    db.session.commit()


def rename_organisation(org: Organisation, name: str, actor: User | None = None) -> None:
    """Change and commit the organisation's name."""
    org.name = name.strip()
    record("organisation renamed", org, actor)
    db.session.commit()


def delete_assessment(assessment: Assessment, actor: User | None = None) -> None:
    """Delete the assessment with its respondents, answers, consensus and targets (permanent)."""
    respondents = len(assessment.respondents)
    answers = sum(len(r.answers) for r in assessment.respondents)
    record("assessment deleted", assessment, actor, f"{respondents} respondents, {answers} answers deleted")
    db.session.delete(assessment)
    db.session.commit()


def delete_organisation(org: Organisation, actor: User | None = None) -> None:
    """Delete the organisation with its assessments, their answers and its read-only logins (permanent)."""
    assessments = len(org.assessments)
    viewers = db.session.scalar(sa.select(sa.func.count()).where(User.organisation_id == org.id)) or 0
    record("organisation deleted", org, actor, f"{assessments} assessments, {viewers} read-only logins deleted")
    db.session.delete(org)  # the read-only logins go with it (their foreign key cascades in the database)
    db.session.commit()
