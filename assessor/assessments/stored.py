"""Stored assessments as the scoring core sees them: questionnaire, input, score, predecessor, targets.

The service layer between the faces (views, commands) and the core: every blueprint
and command that scores a stored assessment goes through here.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import sqlalchemy as sa
from flask import current_app

from assessor.assessments.actions import agreed_from, since_last
from assessor.assessments.aggregates import group_counts, notes_input
from assessor.assessments.custom_kpis import own_kpis
from assessor.assessments.kpis import kpi_values, readings_of, stored_counts
from assessor.assessments.segments import segment_labels
from assessor.domain import Questionnaire
from assessor.extensions import db
from assessor.files import to_document
from assessor.files.actions import EARLIER, THIS, FileAction, action_to_entry
from assessor.files.kpis import custom_kpis_to_document, kpis_to_document
from assessor.models import Action, Answer, Assessment, Respondent
from assessor.scoring import AssessmentInput, Consensus, RespondentAnswers, Scored, score
from assessor.scoring.counts import AnswerCounts
from assessor.scoring.engine import score_counts
from assessor.scoring.kpidefs import with_custom_kpis
from assessor.scoring.layout import build_layout
from assessor.standards import get_framework

DEFAULT_TARGET = 75.0
"""Target (%) for a dimension nobody set one for: level 3 "Established" on every item
(3 / 4 = 75 %), i.e. the practice is organisation-wide, owned, measured and reviewed."""


class QuestionnaireNotInstalledError(LookupError):
    """The questionnaire version an assessment was taken with is not in the loaded standards."""

    def __init__(self, assessment: Assessment) -> None:
        self.questionnaire_id = assessment.questionnaire_id
        self.questionnaire_version = assessment.questionnaire_version
        super().__init__(
            f"assessment {assessment.id}: questionnaire {assessment.questionnaire_id} "
            f"version {assessment.questionnaire_version} is not installed"
        )


def assessment_title(assessment: Assessment, lang: str) -> str:
    """The assessment's title in ``lang``: the Japanese title on Japanese pages and reports when
    one was given, otherwise the title as entered."""
    if lang == "ja" and (assessment.title_ja or "").strip():
        return str(assessment.title_ja)
    return assessment.title


def questionnaire_of(assessment: Assessment) -> Questionnaire:
    """Return the questionnaire version the assessment was created with.

    :raise QuestionnaireNotInstalledError: if that version is no longer installed (the data
        was changed without a new version); the web answers 409 with this message.
    """
    try:
        return get_framework().questionnaire(assessment.questionnaire_id, assessment.questionnaire_version)
    except KeyError:
        raise QuestionnaireNotInstalledError(assessment) from None


def dimension_targets(assessment: Assessment) -> dict[str, float]:
    """Return the target of every dimension: the stored one, else :data:`DEFAULT_TARGET`."""
    stored = {t.dimension_id: t.target for t in assessment.targets}
    return {d.id: stored.get(d.id, DEFAULT_TARGET) for d in get_framework().dimensions}


def deployment_min_group_size() -> int:
    """The deployment's minimum group size (``ASSESSOR_MIN_GROUP_SIZE``), the floor of every assessment's."""
    return int(current_app.config["MIN_GROUP_SIZE"])


def min_group_size(assessment: Assessment) -> int:
    """The minimum group size that holds for ``assessment``: the deployment's, or the assessment's if higher."""
    return max(deployment_min_group_size(), assessment.min_group_size or 0)


def scoring_input(assessment: Assessment) -> AssessmentInput:
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
                on_paper=respondent.on_paper,
                imported=respondent.imported,
            )
        )
    return AssessmentInput(
        questionnaire_id=assessment.questionnaire_id,
        questionnaire_version=assessment.questionnaire_version,
        respondents=tuple(respondents),
        consensus=_consensus(assessment),
        targets=dimension_targets(assessment),
        organisation=assessment.organisation.name,
        assessed_on=assessment.assessed_on.isoformat(),
    )


def answer_counts(assessment: Assessment, questionnaire: Questionnaire) -> AnswerCounts:
    """The assessment's answers as counts per segment, from aggregate queries (no answer is loaded)."""
    layout = build_layout(get_framework(), questionnaire)
    return AnswerCounts(
        questionnaire_id=assessment.questionnaire_id,
        questionnaire_version=assessment.questionnaire_version,
        groups=group_counts(assessment.id, layout),
        consensus=_consensus(assessment),
        targets=dimension_targets(assessment),
        organisation=assessment.organisation.name,
        assessed_on=assessment.assessed_on.isoformat(),
    )


def _consensus(assessment: Assessment) -> dict[str, Consensus]:
    return {c.item_code: Consensus(c.level, c.rationale) for c in assessment.consensus}


def score_assessment(assessment: Assessment) -> Scored:
    """Score a stored assessment against the questionnaire version it was taken with, from the
    answer counts the database returns (:mod:`assessor.assessments.aggregates`).

    Every page, report and file of a stored assessment is built from this result, so its
    breakdown by segment follows the assessment's minimum group size everywhere.  ``answers``
    of the returned :class:`Scored` holds only what a report quotes (comments and N/A reasons,
    :func:`notes_input`), not the levels; :func:`score_assessment_answers` loads every answer.

    :raise QuestionnaireNotInstalledError: if that version is not installed.
    """
    questionnaire = questionnaire_of(assessment)
    counts = answer_counts(assessment, questionnaire)
    result = score_counts(get_framework(), questionnaire, counts, min_group_size=min_group_size(assessment))
    quoted = notes_input(
        assessment.id,
        assessment.questionnaire_id,
        assessment.questionnaire_version,
        dict(counts.consensus),
        dict(counts.targets),
    )
    return Scored(questionnaire, quoted, result)


def score_assessment_answers(assessment: Assessment) -> Scored:
    """Score a stored assessment from every answer loaded as an object (:func:`scoring_input`):
    the same result as :func:`score_assessment`, which the tests check; kept as its reference.

    :raise QuestionnaireNotInstalledError: if that version is not installed.
    """
    questionnaire = questionnaire_of(assessment)
    answers = scoring_input(assessment)
    result = score(get_framework(), questionnaire, answers, min_group_size=min_group_size(assessment))
    return Scored(questionnaire, answers, result)


PREVIOUS_CANDIDATES = 5
"""Earlier assessments tried, newest first, when looking for one with enough evidence to compare with."""


def _earlier_with_answers(assessment: Assessment) -> sa.Select[Any]:
    has_answers = (
        sa.select(Answer.id)
        .join(Respondent, Answer.respondent_id == Respondent.id)
        .where(Respondent.assessment_id == Assessment.id)
        .exists()
    )
    return (
        sa.select(Assessment)
        .where(
            Assessment.organisation_id == assessment.organisation_id,
            Assessment.assessed_on < assessment.assessed_on,
            Assessment.archived_at.is_(None),  # archived: out of every comparison until restored
            has_answers,
        )
        .order_by(Assessment.assessed_on.desc(), Assessment.id.desc())
    )


def baseline_candidates(assessment: Assessment) -> list[Assessment]:
    """The earlier assessments of the organisation it may be compared with (answered, not archived), newest first."""
    return list(db.session.scalars(_earlier_with_answers(assessment)))


def _chosen_baseline(assessment: Assessment) -> Assessment | None:
    """The baseline chosen for ``assessment``, while it is still one of its candidates."""
    if assessment.baseline_id is None:
        return None
    chosen: Assessment | None = db.session.scalar(
        _earlier_with_answers(assessment).where(Assessment.id == assessment.baseline_id)
    )
    return chosen


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The assessment to compare with: the chosen baseline, else the latest earlier one (by
    ``assessed_on``) of the same organisation that has answers and is not archived."""
    found: Assessment | None = _chosen_baseline(assessment) or db.session.scalar(
        _earlier_with_answers(assessment).limit(1)
    )
    return found


def score_previous(assessment: Assessment) -> tuple[Assessment, Scored] | None:
    """The assessment to compare with and its score: the chosen baseline when it has enough
    evidence, else the latest earlier assessment with enough evidence (methodology §4a).

    An earlier assessment that few people answered would make every change meaningless, so it
    is skipped in favour of the one before it; so is one whose questionnaire is not installed.
    """
    chosen = _chosen_baseline(assessment)
    candidates = [chosen] if chosen is not None else []
    candidates += list(db.session.scalars(_earlier_with_answers(assessment).limit(PREVIOUS_CANDIDATES)))
    for earlier in candidates:
        try:
            scored = score_assessment(earlier)
        except QuestionnaireNotInstalledError:
            continue
        if scored.result.enough_evidence:
            return earlier, scored
    return None


TREND_POINTS = 8
"""Assessments at most on a trend: this one and the seven before it."""


def score_history(assessment: Assessment) -> list[tuple[Assessment, Scored]]:
    """This assessment and the organisation's earlier answered ones (not archived), scored, oldest first:
    the points of its trend.  Earlier ones whose questionnaire is not installed are left out."""
    found = [(assessment, score_assessment(assessment))]
    for earlier in db.session.scalars(_earlier_with_answers(assessment).limit(TREND_POINTS - 1)):
        try:
            found.append((earlier, score_assessment(earlier)))
        except QuestionnaireNotInstalledError:
            continue
    return found[::-1]


def assessment_file(assessment: Assessment) -> dict[str, Any]:
    """The assessment as an assessment file (docs/methodology.md §12), for ``assessor export``, with its KPI values.

    Respondents are numbered, not named: the file is meant to travel (to a client, to a
    spreadsheet, back into ``assessor score``). Comments and N/A reasons are kept, and so are
    the assessment's segments with their English and Japanese labels (``segment_labels``), so a
    report from the file names the groups as the app does.  The action plan its report shows goes
    with it (``"actions"``: agreed before it, and agreed from it), without the notes' authors.
    """
    answers = scoring_input(assessment)
    numbered = tuple(
        dataclasses.replace(respondent, respondent_id=f"r{number}")
        for number, respondent in enumerate(answers.respondents, start=1)
    )
    order = tuple(get_framework().questionnaires[assessment.questionnaire_id].codes)
    document = to_document(dataclasses.replace(answers, respondents=numbered), order)
    document["segment_labels"] = segment_labels(assessment)
    readings = readings_of(assessment)
    if readings:
        framework = get_framework()
        own = own_kpis(assessment.organisation_id, framework)
        values = kpi_values(readings, with_custom_kpis(framework, own))
        kept = [r for r in readings if r.kpi_id in {v.kpi.id for v in values}]
        if own:
            document["custom_kpis"] = custom_kpis_to_document(own)
        document["kpis"] = kpis_to_document(values, [stored_counts(r) for r in kept])
    plan = [_file_action(a, EARLIER) for _, a in since_last(assessment)]
    plan += [_file_action(a, THIS) for _, a in agreed_from(assessment)]
    if plan:
        document["actions"] = [action_to_entry(a) for a in plan]
    return document


def _file_action(action: Action, agreed: str) -> FileAction:
    return FileAction(
        title=action.title,
        title_ja=action.title_ja,
        status=action.status,
        agreed=agreed,
        library_id=action.library_id,
        element_ids=tuple(action.element_ids.split()),
        item_codes=tuple(action.item_codes.split()),
        kpi_ids=tuple(action.kpi_ids.split()),
        owner=action.owner,
        due=action.due,
        reason=action.reason,
        progress=action.progress,
        done_on=action.done_on,
        notes=tuple((note.at.isoformat(), note.text) for note in action.notes),
    )
