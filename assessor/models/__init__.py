"""Database models. Import them from here: ``from assessor.models import Assessment``."""

from assessor.models.accounts import Role, Throttle, User, Workspace
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
from assessor.models.kpis import KpiReading

__all__ = [
    "Answer",
    "Assessment",
    "Consensus",
    "DimensionTarget",
    "Event",
    "KpiReading",
    "Organisation",
    "Respondent",
    "Role",
    "Throttle",
    "User",
    "Workspace",
    "new_token",
]
