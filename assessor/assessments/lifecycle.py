"""Finalised and archived assessments: what every face says when it refuses a change.

A final assessment's answers, targets, consensus and KPI values are read-only until someone with write
access reopens it; the blueprints that hold those forms (answering, results, workshops) all
refuse with :data:`FINAL_MESSAGE`, so the wording is the same everywhere.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from assessor.i18n import format_moment
from assessor.models.core import Assessment, aware

FINAL_MESSAGE = _l(
    "This assessment is final: answers, targets, consensus and KPI values are read-only until it is reopened."
)
"""The refusal of any change to a final assessment's answers, targets, consensus or KPI values."""


def survey_closed_message(closes_at: datetime) -> str:
    """The refusal of a join or an answer once a survey has closed, with the closing time."""
    when = format_moment(aware(closes_at))
    return _("This survey closed on %(date)s: nobody can join and no answer can be saved any more.", date=when)


LOCKED_MESSAGE = _l("Answering is locked: unlock it on the workshop page before importing answers.")
"""The refusal of an import while a workshop's answering is locked."""


def entry_refusal(assessment: Assessment, *, locked_too: bool = False) -> str | None:
    """Why no answers can be entered for others now (a paper form, an import), or None.

    Final assessments and closed surveys refuse; with ``locked_too``, so does a locked workshop
    (an import adds many respondents at once, after the room's answers were frozen).
    """
    if assessment.is_final:
        return str(FINAL_MESSAGE)
    if assessment.survey_closed and assessment.closes_at is not None:
        return survey_closed_message(assessment.closes_at)
    if locked_too and assessment.locked:
        return str(LOCKED_MESSAGE)
    return None
