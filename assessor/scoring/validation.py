"""Checks that an :class:`AssessmentInput` fits its questionnaire and framework."""

from __future__ import annotations

from collections.abc import Sequence

from assessor.domain import Framework, Questionnaire
from assessor.scoring.model import AssessmentInput


class ScoringInputError(ValueError):
    """The assessment does not fit its questionnaire; ``problems`` lists each issue."""

    def __init__(self, problems: Sequence[str]) -> None:
        """Keep the problems and build a message that lists them all."""
        self.problems: tuple[str, ...] = tuple(problems)
        super().__init__("invalid assessment input:\n  " + "\n  ".join(self.problems))


def check_input(framework: Framework, questionnaire: Questionnaire, assessment: AssessmentInput) -> None:
    """Raise :class:`ScoringInputError` unless every answer fits the questionnaire.

    Checks: questionnaire id and version, unique respondent ids, known item
    codes, levels on the scale, N/A only where the item allows it, consensus
    codes and levels, targets for known dimensions within 0-100 %.  Set
    operations keep this linear in the number of answers.
    """
    problems: list[str] = []
    if (assessment.questionnaire_id, assessment.questionnaire_version) != (
        questionnaire.id,
        questionnaire.version,
    ):
        problems.append(
            f"assessment is for questionnaire {assessment.questionnaire_id} "
            f"version {assessment.questionnaire_version}, not {questionnaire.id} "
            f"version {questionnaire.version}"
        )
    known = frozenset(questionnaire.codes)
    na_allowed = frozenset(i.code for i in questionnaire.items if i.allow_na)
    levels = frozenset(level.value for level in framework.scale.levels)
    scale_text = f"{framework.scale.min}-{framework.scale.max}"
    seen: set[str] = set()
    for respondent in assessment.respondents:
        who = f"respondent {respondent.respondent_id!r}"
        if respondent.respondent_id in seen:
            problems.append(f"{who} appears more than once")
        seen.add(respondent.respondent_id)
        unknown = (
            respondent.levels.keys() | respondent.not_applicable.keys() | respondent.item_comments.keys()
        ) - known
        problems.extend(f"{who}: unknown item code {c!r}" for c in sorted(unknown))
        for value in sorted(set(respondent.levels.values()) - levels):
            codes = sorted(c for c, v in respondent.levels.items() if v == value)
            problems.append(f"{who}: level {value} is outside the scale {scale_text} ({', '.join(codes)})")
        refused = (respondent.not_applicable.keys() & known) - na_allowed
        problems.extend(f"{who}: item {c} does not allow N/A" for c in sorted(refused))
    for code, consensus in assessment.consensus.items():
        if code not in known:
            problems.append(f"consensus: unknown item code {code!r}")
        if consensus.level not in levels:
            problems.append(f"consensus {code}: level {consensus.level} is outside the scale {scale_text}")
    dimensions = {d.id for d in framework.dimensions}
    for dimension_id, target in assessment.targets.items():
        if dimension_id not in dimensions:
            problems.append(f"target: unknown dimension {dimension_id!r}")
        if not 0 <= target <= 100:
            problems.append(f"target {dimension_id}: {target} is outside 0-100 %")
    if problems:
        raise ScoringInputError(problems)
