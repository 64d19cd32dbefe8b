"""Scoring an assessment file, optionally with an earlier one of the same organisation.

One function serves ``assessor score``, ``assessor report --file`` and the report pipeline.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from assessor.domain import Framework
from assessor.files.actions import FileAction, actions_to_dict, read_actions
from assessor.files.kpis import findings_to_dict, kpis_to_document, read_kpis
from assessor.files.read import AssessmentFileError, Problem, json_path, parse_assessment
from assessor.files.results import comparison_to_dict, result_to_dict
from assessor.scoring import MIN_GROUP_SIZE, AssessmentInput, Comparison, Scored, compare, score_answers
from assessor.scoring.kpis import KpiValue, latest_per_kpi
from assessor.scoring.watermelon import findings


@dataclass(frozen=True, slots=True)
class ScoredFiles:
    """A scored assessment file and, when one was given, the earlier file it is compared with."""

    current: Scored
    previous: Scored | None
    comparison: Comparison | None
    kpis: tuple[KpiValue, ...] = ()
    """The current file's KPI values (``"kpis"``), checked against the catalogue."""
    actions: tuple[FileAction, ...] = ()
    """The current file's action plan (``"actions"``)."""


def _with_default_targets(framework: Framework, answers: AssessmentInput, target: float) -> AssessmentInput:
    targets = {d.id: target for d in framework.dimensions} | dict(answers.targets)
    return dataclasses.replace(answers, targets=targets)


def score_files(
    framework: Framework,
    document: object,
    previous: object | None = None,
    *,
    default_target: float | None = None,
    min_group_size: int = MIN_GROUP_SIZE,
) -> ScoredFiles:
    """Validate and score a parsed assessment file, and the earlier one if given.

    :param default_target: the target of every dimension the file gives none (reports use the
        app's default); ``None`` leaves them without a target, as the file says.
    :param min_group_size: segments below it are combined or left out (the deployment's setting).
    :raise AssessmentFileError: if either document is invalid (problems of the earlier file have
        paths starting with ``previous``), or the two name different organisations.
    """
    current_input = parse_assessment(framework, document)
    assert isinstance(document, Mapping)  # parse_assessment has checked it against the schema
    kpis, problems = read_kpis(framework, document)
    own = {str(raw["code"]) for raw in document.get("custom_kpis", ())}
    actions, action_problems = read_actions(framework, document, {k.id for k in framework.kpis} | own)
    if problems or action_problems:
        raise AssessmentFileError(problems + action_problems)
    previous_input: AssessmentInput | None = None
    if previous is not None:
        try:
            previous_input = parse_assessment(framework, previous)
        except AssessmentFileError as error:
            raise AssessmentFileError(Problem("previous" + p.path[1:], p.message) for p in error.problems) from None
        if (
            previous_input.organisation is not None
            and current_input.organisation is not None
            and previous_input.organisation != current_input.organisation
        ):
            raise AssessmentFileError(
                [
                    Problem(
                        json_path("organisation"),
                        f"{current_input.organisation!r} cannot be compared with an "
                        f"assessment of {previous_input.organisation!r}",
                    )
                ]
            )
    if default_target is not None:
        current_input = _with_default_targets(framework, current_input, default_target)
        if previous_input is not None:
            previous_input = _with_default_targets(framework, previous_input, default_target)
    current = score_answers(framework, current_input, min_group_size=min_group_size)
    earlier = (
        None if previous_input is None else score_answers(framework, previous_input, min_group_size=min_group_size)
    )
    comparison = None if earlier is None else compare(earlier.result, current.result)
    return ScoredFiles(current, earlier, comparison, kpis, actions)


def score_file_document(
    framework: Framework,
    document: object,
    previous: object | None = None,
    *,
    min_group_size: int = MIN_GROUP_SIZE,
    today: date | None = None,
) -> dict[str, Any]:
    """Validate and score a parsed assessment file; return the JSON-ready result (``assessor score``).

    With ``previous`` (an earlier assessment file of the same organisation), the result also
    holds a ``"comparison"`` with deltas per roll-up and item.  The file's actions come back
    with their group and whether they are overdue on ``today`` (default: the day it runs).

    :raise AssessmentFileError: as :func:`score_files`.
    """
    scored = score_files(framework, document, previous, min_group_size=min_group_size)
    output = result_to_dict(scored.current.result)
    if scored.comparison is not None:
        output["comparison"] = comparison_to_dict(scored.comparison)
    if scored.kpis:
        result = scored.current.result
        output["kpis"] = kpis_to_document(scored.kpis)
        output["kpi_findings"] = findings_to_dict(
            findings(latest_per_kpi(list(scored.kpis)), result if result.enough_evidence else None)
        )
    if scored.actions:
        output["actions"] = actions_to_dict(scored.actions, today or date.today())
    return output
