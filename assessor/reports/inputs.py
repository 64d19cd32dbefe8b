"""Turn stored answers, consensus and targets into the scoring core's plain input."""

from __future__ import annotations

from assessor.domain import Framework
from assessor.models import Assessment
from assessor.scoring import AssessmentInput, Consensus, RespondentAnswers

DEFAULT_TARGET = 75.0
"""Target (%) for a dimension nobody set one for: level 3 "Established" on every item
(3 / 4 = 75 %), i.e. the practice is organisation-wide, owned, measured and reviewed."""


def dimension_targets(framework: Framework, assessment: Assessment) -> dict[str, float]:
    """Return the target of every dimension: the stored one, else :data:`DEFAULT_TARGET`."""
    stored = {t.dimension_id: t.target for t in assessment.targets}
    return {d.id: stored.get(d.id, DEFAULT_TARGET) for d in framework.dimensions}


def assessment_input(framework: Framework, assessment: Assessment) -> AssessmentInput:
    """Collect an assessment's answers keyed by item code, as the scoring core expects them."""
    respondents = []
    for respondent in assessment.respondents:
        levels: dict[str, int] = {}
        not_applicable: dict[str, str] = {}
        comments: dict[str, str] = {}
        for answer in respondent.answers:
            if answer.is_na:
                not_applicable[answer.item_code] = answer.na_reason or ""
            elif answer.level is not None:
                levels[answer.item_code] = answer.level
            if answer.comment:
                comments[answer.item_code] = answer.comment
        respondents.append(
            RespondentAnswers(
                respondent_id=str(respondent.id),
                segment=respondent.segment,
                levels=levels,
                not_applicable=not_applicable,
                item_comments=comments,
            )
        )
    return AssessmentInput(
        questionnaire_id=assessment.questionnaire_id,
        questionnaire_version=assessment.questionnaire_version,
        respondents=tuple(respondents),
        consensus={c.item_code: Consensus(c.level, c.rationale) for c in assessment.consensus},
        targets=dimension_targets(framework, assessment),
        organisation=assessment.organisation.name,
        assessed_on=assessment.assessed_on.isoformat(),
    )
