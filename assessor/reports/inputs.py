"""Turn stored answers, consensus and targets into the scoring core's plain input."""

from __future__ import annotations

from assessor.domain import Framework
from assessor.models import Answer, Assessment
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


def assessment_document(framework: Framework, assessment: Assessment) -> dict[str, object]:
    """The assessment as an assessment file (docs/methodology.md §12), for ``assessor export``.

    Respondents are numbered, not named: the file is meant to travel (to a client, to a
    spreadsheet, back into ``assessor score``). Comments and N/A reasons are kept.
    """
    respondents = []
    for number, respondent in enumerate(assessment.respondents, start=1):
        answers = {answer.item_code: _file_answer(answer) for answer in respondent.answers}
        respondents.append({"id": f"r{number}", "segment": respondent.segment, "answers": answers})
    return {
        "format_version": 1,
        "organisation": assessment.organisation.name,
        "assessed_on": assessment.assessed_on.isoformat(),
        "questionnaire": {"id": assessment.questionnaire_id, "version": assessment.questionnaire_version},
        "respondents": respondents,
        "consensus": {c.item_code: {"level": c.level, "rationale": c.rationale} for c in assessment.consensus},
        "targets": dimension_targets(framework, assessment),
    }


def _file_answer(answer: Answer) -> object:
    """A level (``3``), a level with its comment, or N/A with its reason (and comment)."""
    if not answer.is_na and not answer.comment:
        return answer.level
    value: dict[str, object] = (
        {"na": True, "reason": answer.na_reason or ""} if answer.is_na else {"level": answer.level}
    )
    if answer.comment:
        value["comment"] = answer.comment
    return value
