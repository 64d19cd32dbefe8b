"""How far respondents have got, computed from stored answers."""

from __future__ import annotations

from dataclasses import dataclass

from assessor.domain import Questionnaire
from assessor.models import Assessment, Respondent


@dataclass(frozen=True, slots=True)
class RespondentProgress:
    """Answered item count of one respondent."""

    respondent: Respondent
    answered: int
    total: int

    @property
    def finished(self) -> bool:
        """True when every item has a level or an N/A."""
        return self.answered >= self.total


def respondent_progress(respondent: Respondent, questionnaire: Questionnaire) -> RespondentProgress:
    """Count the respondent's answers that belong to ``questionnaire``."""
    codes = set(questionnaire.codes)
    answered = sum(1 for a in respondent.answers if a.item_code in codes)
    return RespondentProgress(respondent, answered, len(codes))


def assessment_progress(assessment: Assessment, questionnaire: Questionnaire) -> list[RespondentProgress]:
    """Progress of every respondent of ``assessment``."""
    return [respondent_progress(r, questionnaire) for r in assessment.respondents]
