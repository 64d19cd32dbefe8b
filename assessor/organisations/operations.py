"""State changes for organisations and assessments (one commit per operation)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from assessor.domain import Questionnaire
from assessor.extensions import db
from assessor.models import Assessment, Organisation


def create_organisation(name: str, *, is_demo: bool = False) -> Organisation:
    """Create and commit an organisation."""
    org = Organisation(name=name.strip(), is_demo=is_demo)
    db.session.add(org)
    db.session.commit()
    return org


def create_assessment(org: Organisation, title: str, questionnaire: Questionnaire, assessed_on: date) -> Assessment:
    """Create and commit an assessment pinned to ``questionnaire``'s id and version."""
    assessment = Assessment(
        organisation=org,
        title=title.strip(),
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        assessed_on=assessed_on,
    )
    db.session.add(assessment)
    db.session.commit()
    return assessment


def get_organisation(org_id: int) -> Organisation:
    """Return the organisation or answer 404."""
    return db.get_or_404(Organisation, org_id)


def get_assessment(assessment_id: int) -> Assessment:
    """Return the assessment or answer 404."""
    return db.get_or_404(Assessment, assessment_id)


def list_organisations() -> list[Organisation]:
    """Return all organisations, demo organisations last."""
    return list(db.session.scalars(sa.select(Organisation).order_by(Organisation.is_demo, Organisation.name)))
