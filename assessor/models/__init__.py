"""Database models. Import them from here: ``from assessor.models import Assessment``."""

from assessor.models.accounts import Role, Throttle, User, Workspace, WorkspaceMember
from assessor.models.core import (
    Answer,
    Assessment,
    Consensus,
    DimensionTarget,
    Organisation,
    Respondent,
    new_token,
)
from assessor.models.history import Event

__all__ = [
    "Answer",
    "Assessment",
    "Consensus",
    "DimensionTarget",
    "Event",
    "Organisation",
    "Respondent",
    "Role",
    "Throttle",
    "User",
    "Workspace",
    "WorkspaceMember",
    "new_token",
]
