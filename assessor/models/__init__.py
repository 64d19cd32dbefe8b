"""Database models. Import them from here: ``from assessor.models import Assessment``."""

from assessor.models.accounts import Role, Throttle, User, Workspace, WorkspaceMember
from assessor.models.actions import Action, ActionNote
from assessor.models.branding import Logo
from assessor.models.classroom import ClassroomKeyItem, ClassroomSession, Trainee, TraineeRating
from assessor.models.core import (
    DEFAULT_SEGMENTS,
    SEGMENT_LABEL_LENGTH,
    Answer,
    Assessment,
    Consensus,
    DimensionTarget,
    Organisation,
    Respondent,
    Segment,
    ViewCache,
    new_token,
)
from assessor.models.history import Event
from assessor.models.imports import PendingImport
from assessor.models.kpis import CustomKpi, KpiReading
from assessor.models.rounds import FirstRoundAnswer, VoteRound

__all__ = [
    "Action",
    "ActionNote",
    "DEFAULT_SEGMENTS",
    "SEGMENT_LABEL_LENGTH",
    "Answer",
    "Assessment",
    "ClassroomKeyItem",
    "ClassroomSession",
    "Consensus",
    "CustomKpi",
    "DimensionTarget",
    "Event",
    "FirstRoundAnswer",
    "KpiReading",
    "Logo",
    "Organisation",
    "PendingImport",
    "Respondent",
    "Role",
    "Segment",
    "Throttle",
    "Trainee",
    "TraineeRating",
    "User",
    "ViewCache",
    "VoteRound",
    "Workspace",
    "WorkspaceMember",
    "new_token",
]
