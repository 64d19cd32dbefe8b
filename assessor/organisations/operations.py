"""State changes for organisations and assessments (one commit per operation, each logged)."""

from __future__ import annotations

import logging
import secrets
from datetime import date

from assessor.accounts.users import create_user
from assessor.domain import Questionnaire
from assessor.extensions import db
from assessor.logs import who
from assessor.models import Assessment, Organisation, Role, User

log = logging.getLogger(__name__)


def create_organisation(name: str, workspace_id: int, actor: User | None = None) -> Organisation:
    """Create and commit an organisation in a workspace."""
    org = Organisation(name=name.strip(), workspace_id=workspace_id)
    db.session.add(org)
    db.session.commit()
    log.info("organisation %s created in workspace %s by %s", org.id, workspace_id, who(actor))
    return org


def create_assessment(
    org: Organisation,
    title: str,
    questionnaire: Questionnaire,
    assessed_on: date,
    mode: str = "self",
    actor: User | None = None,
) -> Assessment:
    """Create and commit an assessment pinned to ``questionnaire``'s id and version."""
    assessment = Assessment(
        organisation=org,
        title=title.strip(),
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        assessed_on=assessed_on,
        mode=mode,
    )
    db.session.add(assessment)
    db.session.commit()
    log.info(
        "assessment %s created for organisation %s (%s v%s, %s) by %s",
        assessment.id,
        org.id,
        questionnaire.id,
        questionnaire.version,
        mode,
        who(actor),
    )
    return assessment


def create_viewer(org: Organisation, email: str, name: str, actor: User | None = None) -> tuple[User, str]:
    """Give someone read-only access to ``org``; return the account and its one-time password.

    :raise ValueError: if an account with this e-mail address exists already.
    """
    password = secrets.token_urlsafe(12)
    viewer = create_user(email, name, password, Role.VIEWER, organisation_id=org.id)
    log.info("viewer %s created for organisation %s by %s", viewer.id, org.id, who(actor))
    return viewer, password



def set_min_group_size(assessment: Assessment, value: int, actor: User | None = None) -> None:
    """Store the assessment's own minimum group size (the view has checked it may not lower it)."""
    assessment.min_group_size = value
    db.session.commit()
    log.info("minimum group size set: assessment %s to %d by %s", assessment.id, value, who(actor))
