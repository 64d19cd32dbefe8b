"""State changes for organisations and assessments (one commit per operation)."""

from __future__ import annotations

from datetime import date

from assessor.domain import Questionnaire
from assessor.extensions import db
from assessor.models import Assessment, Organisation


def create_organisation(name: str, workspace_id: int, *, is_demo: bool = False) -> Organisation:
    """Create and commit an organisation in a workspace."""
    org = Organisation(name=name.strip(), workspace_id=workspace_id, is_demo=is_demo)
    db.session.add(org)
    db.session.commit()
    return org


def create_assessment(
    org: Organisation, title: str, questionnaire: Questionnaire, assessed_on: date, mode: str = "self"
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
    return assessment
