"""Branding from the database: the firm's (workspace's) name and logo, the client's logo, who prepared the report.

:func:`branding_for` is the one place a report's :class:`~assessor.reports.service.Branding` is
built from stored data: the report page, the PDF and every other download call it, and so does
``assessor report`` when no logo is given on the command line.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import undefer

from assessor.extensions import db
from assessor.models import Assessment, Logo, Organisation, User, Workspace
from assessor.reports.service import Branding

PREPARED_BY_LENGTH = 120
"""Longest "Prepared by" name accepted (the length of a user's name)."""

Owner = Workspace | Organisation


def _owned_by(owner: Owner) -> sa.ColumnElement[bool]:
    if isinstance(owner, Workspace):
        return Logo.workspace_id == owner.id
    return Logo.organisation_id == owner.id


def logo_of(owner: Owner, *, with_data: bool = False) -> Logo | None:
    """The stored logo of a workspace or an organisation, if it has one (``with_data``: its bytes loaded too)."""
    query = sa.select(Logo).where(_owned_by(owner))
    if with_data:
        query = query.options(undefer(Logo.data))
    return db.session.scalar(query)


def prepared_by(user: User, requested: str | None) -> str | None:
    """The consultant's name for the cover, chosen per report (never stored).

    A consultant or admin gets ``requested`` (spaces trimmed; empty means no name), or their own
    name when nothing was asked for. A viewer prepares nothing, so their copy names no one: a name
    they typed would put words in a consultant's mouth.
    """
    if not user.can_edit:
        return None
    if requested is None:
        return user.name or None
    return requested.strip()[:PREPARED_BY_LENGTH] or None


def branding_for(assessment: Assessment, consultant: str | None) -> Branding:
    """The report's branding: ``consultant`` (see :func:`prepared_by`), the workspace's name and logo
    as the firm's, and the organisation's logo as the client's."""
    organisation = assessment.organisation
    workspace = organisation.workspace
    firm_logo = logo_of(workspace, with_data=True)
    client_logo = logo_of(organisation, with_data=True)
    return Branding(
        consultant=consultant,
        consultant_logo=None if firm_logo is None else firm_logo.data,
        client_logo=None if client_logo is None else client_logo.data,
        firm=workspace.name.strip() or None,
    )
