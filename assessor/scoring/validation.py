"""Checks that an :class:`AssessmentInput` fits its questionnaire and framework.

One set of rules for every way answers arrive: :func:`input_problems` returns each
problem as data (what, which respondent, which item), and each face words it for
its readers — :func:`check_input` as plain sentences, the assessment file reader
(:mod:`assessor.files.read`) with JSON paths.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Literal

from assessor.domain import Framework, Questionnaire
from assessor.scoring.model import AssessmentInput

ProblemKind = Literal[
    "questionnaire",
    "duplicate_respondent",
    "unknown_item",
    "level_off_scale",
    "na_not_allowed",
    "consensus_unknown_item",
    "consensus_level_off_scale",
    "target_unknown_dimension",
    "target_off_range",
]


@dataclass(frozen=True, slots=True)
class InputProblem:
    """One way an assessment input does not fit: the kind, and where it is."""

    kind: ProblemKind
    respondent: int | None = None
    """Index into ``AssessmentInput.respondents``."""
    code: str | None = None
    """The item code concerned (answers and consensus)."""
    dimension: str | None = None
    value: float | None = None
    """The offending level or target."""


class ScoringInputError(ValueError):
    """The assessment does not fit its questionnaire; ``problems`` lists each issue."""

    def __init__(self, problems: Sequence[str]) -> None:
        """Keep the problems and build a message that lists them all."""
        self.problems: tuple[str, ...] = tuple(problems)
        super().__init__("invalid assessment input:\n  " + "\n  ".join(self.problems))


def scale_text(framework: Framework) -> str:
    """The scale as people write it: ``0-4``."""
    return f"{framework.scale.min}-{framework.scale.max}"


def input_problems(
    framework: Framework, questionnaire: Questionnaire, assessment: AssessmentInput
) -> list[InputProblem]:
    """Return every way ``assessment`` does not fit ``questionnaire`` (empty when it fits).

    Checks: questionnaire id and version, unique respondent ids, known item codes,
    levels on the scale, N/A only where the item allows it, consensus codes and
    levels, targets for known dimensions within 0-100 %.  Per respondent the order
    is: duplicate id, unknown codes, levels off the scale (by level, then code),
    refused N/A.  Set operations keep this linear in the number of answers.
    """
    problems: list[InputProblem] = []
    if (assessment.questionnaire_id, assessment.questionnaire_version) != (questionnaire.id, questionnaire.version):
        problems.append(InputProblem("questionnaire"))
    known = frozenset(questionnaire.codes)
    na_allowed = frozenset(i.code for i in questionnaire.items if i.allow_na)
    levels = frozenset(level.value for level in framework.scale.levels)
    seen: set[str] = set()
    for index, respondent in enumerate(assessment.respondents):
        if respondent.respondent_id in seen:
            problems.append(InputProblem("duplicate_respondent", index))
        seen.add(respondent.respondent_id)
        given = respondent.levels.keys() | respondent.not_applicable.keys() | respondent.item_comments.keys()
        problems.extend(InputProblem("unknown_item", index, code) for code in sorted(given - known))
        off_scale = sorted((value, code) for code, value in respondent.levels.items() if value not in levels)
        problems.extend(InputProblem("level_off_scale", index, code, value=value) for value, code in off_scale)
        refused = (respondent.not_applicable.keys() & known) - na_allowed
        problems.extend(InputProblem("na_not_allowed", index, code) for code in sorted(refused))
    for code, consensus in assessment.consensus.items():
        if code not in known:
            problems.append(InputProblem("consensus_unknown_item", code=code))
        if consensus.level not in levels:
            problems.append(InputProblem("consensus_level_off_scale", code=code, value=consensus.level))
    dimensions = {d.id for d in framework.dimensions}
    for dimension_id, target in assessment.targets.items():
        if dimension_id not in dimensions:
            problems.append(InputProblem("target_unknown_dimension", dimension=dimension_id))
        if not 0 <= target <= 100:
            problems.append(InputProblem("target_off_range", dimension=dimension_id, value=target))
    return problems


def _value(number: float | None) -> str:
    return "" if number is None else (str(int(number)) if float(number).is_integer() else str(number))


def check_input(framework: Framework, questionnaire: Questionnaire, assessment: AssessmentInput) -> None:
    """Raise :class:`ScoringInputError` unless every answer fits the questionnaire (see :func:`input_problems`)."""
    found = input_problems(framework, questionnaire, assessment)
    if not found:
        return
    scale = scale_text(framework)
    messages: list[str] = []
    # Off-scale levels of one respondent are worded once per level value, listing the items.
    for (kind, index, value), group in groupby(found, key=lambda p: (p.kind, p.respondent, p.value)):
        problems = list(group)
        first = problems[0]
        who = "" if index is None else f"respondent {assessment.respondents[index].respondent_id!r}"
        if kind == "level_off_scale":
            codes = ", ".join(p.code or "" for p in problems)
            messages.append(f"{who}: level {_value(value)} is outside the scale {scale} ({codes})")
            continue
        for problem in problems if kind != "questionnaire" else [first]:
            messages.append(_sentence(problem, who, assessment, questionnaire, scale))
    raise ScoringInputError(messages)


def _sentence(
    problem: InputProblem, who: str, assessment: AssessmentInput, questionnaire: Questionnaire, scale: str
) -> str:
    match problem.kind:
        case "questionnaire":
            return (
                f"assessment is for questionnaire {assessment.questionnaire_id} "
                f"version {assessment.questionnaire_version}, not {questionnaire.id} "
                f"version {questionnaire.version}"
            )
        case "duplicate_respondent":
            return f"{who} appears more than once"
        case "unknown_item":
            return f"{who}: unknown item code {problem.code!r}"
        case "na_not_allowed":
            return f"{who}: item {problem.code} does not allow N/A"
        case "consensus_unknown_item":
            return f"consensus: unknown item code {problem.code!r}"
        case "consensus_level_off_scale":
            return f"consensus {problem.code}: level {_value(problem.value)} is outside the scale {scale}"
        case "target_unknown_dimension":
            return f"target: unknown dimension {problem.dimension!r}"
        case _:
            return f"target {problem.dimension}: {_value(problem.value)} is outside 0-100 %"
