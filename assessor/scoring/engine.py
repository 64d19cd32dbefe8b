"""The scoring engine: item values, weighted roll-ups, agreement and segments.

Respondent-level work happens once, in :func:`assessor.scoring.counts.count_answers`
(or in the database, :mod:`assessor.assessments.aggregates`), which reduces every item
to a count per scale point; :func:`score_counts` then costs O(items x roll-ups),
whatever the number of respondents.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from assessor.domain import Framework, Questionnaire
from assessor.scoring.agreement import item_agreement, quantile, spread_order
from assessor.scoring.counts import AnswerCounts, GroupCounts, check_counts, count_answers
from assessor.scoring.explain import describe_item
from assessor.scoring.gaps import find_gaps, prioritise
from assessor.scoring.layout import Layout, build_layout
from assessor.scoring.model import AssessmentInput, Consensus
from assessor.scoring.privacy import MIN_GROUP_SIZE, plan_groups
from assessor.scoring.pyramid import pyramid_verdict
from assessor.scoring.result import (
    ItemScore,
    ItemStatus,
    NotApplicableNote,
    PyramidVerdict,
    RollUp,
    ScoringResult,
    SegmentResult,
)
from assessor.scoring.rollup import build_rollup
from assessor.scoring.validation import check_input


@dataclass(frozen=True, slots=True)
class Scored:
    """An assessment's input, the questionnaire version it was answered on, and its result."""

    questionnaire: Questionnaire
    answers: AssessmentInput
    result: ScoringResult


@dataclass(slots=True)
class _Tally:
    """Per-item rating counts and N/A notes for one group of respondents."""

    respondents: int
    counts: list[list[int]]
    notes: list[list[NotApplicableNote]]
    rollup_respondents: list[int]
    """Per roll-up spec: respondents who rated at least one of its items."""


def _tally(layout: Layout, group: GroupCounts) -> _Tally:
    """The engine's working form of one group's counts, in questionnaire order."""
    width = layout.maximum - layout.minimum + 1
    empty = (0,) * width
    return _Tally(
        group.respondents,
        [list(group.levels.get(item.code, empty)) for item in layout.items],
        [list(group.not_applicable.get(item.code, ())) for item in layout.items],
        [group.reach.get(spec.codes, 0) for spec in layout.specs],
    )


def _merge(layout: Layout, tallies: Iterable[_Tally]) -> _Tally:
    width = layout.maximum - layout.minimum + 1
    merged = _Tally(
        0,
        [[0] * width for _ in layout.items],
        [[] for _ in layout.items],
        [0] * len(layout.specs),
    )
    for tally in tallies:
        merged.respondents += tally.respondents
        for total, part in zip(merged.counts, tally.counts, strict=True):
            for offset, count in enumerate(part):
                total[offset] += count
        for notes, part_notes in zip(merged.notes, tally.notes, strict=True):
            notes.extend(part_notes)
        for index, count in enumerate(tally.rollup_respondents):
            merged.rollup_respondents[index] += count
    return merged


def _score_items(
    layout: Layout, tally: _Tally, consensus: Mapping[str, Consensus]
) -> tuple[tuple[ItemScore, ...], list[float | None]]:
    """Return each item's value and its rating variance (for pooled agreement)."""
    span = layout.maximum - layout.minimum
    scores: list[ItemScore] = []
    variances: list[float | None] = []
    for index, item in enumerate(layout.items):
        counts = tally.counts[index]
        median = quantile(counts, layout.minimum, 0.5)
        agreed = consensus.get(item.code)
        value = float(agreed.level) if agreed is not None else median
        notes = tuple(sorted(tally.notes[index], key=lambda n: (n.respondent_id, n.reason)))
        status: ItemStatus
        if value is not None:
            status = "answered"
        elif notes:
            status = "not_applicable"
        else:
            status = "unanswered"
        percent = None if value is None else (value - layout.minimum) / span * 100
        agreement, variance = item_agreement(counts, layout.minimum, layout.null_variance)
        variances.append(variance)
        scores.append(
            ItemScore(
                code=item.code,
                element_id=item.element_id,
                dimension_id=layout.dimension_ids[index],
                pyramid_level_id=item.pyramid_level_id,
                weight=item.weight,
                status=status,
                source=None if value is None else ("consensus" if agreed is not None else "median"),
                value=value,
                percent=percent,
                median=median,
                consensus=agreed,
                distribution=tuple(counts),
                not_applicable=notes,
                agreement=agreement,
                explanation=describe_item(counts, layout.minimum, layout.maximum, median, agreed, len(notes)),
            )
        )
    return tuple(scores), variances


def _profile(
    framework: Framework,
    layout: Layout,
    tally: _Tally,
    consensus: Mapping[str, Consensus],
) -> tuple[tuple[ItemScore, ...], tuple[RollUp, ...], PyramidVerdict]:
    items, variances = _score_items(layout, tally, consensus)
    rollups = tuple(
        build_rollup(
            spec,
            items,
            variances,
            tally.rollup_respondents[index],
            layout.null_variance,
            layout.minimum,
            layout.maximum,
            tally.respondents,
        )
        for index, spec in enumerate(layout.specs)
    )
    verdict = pyramid_verdict([r for r in rollups if r.kind == "pyramid_level"], framework.pyramid_levels)
    return items, rollups, verdict


def score(
    framework: Framework,
    questionnaire: Questionnaire,
    assessment: AssessmentInput,
    *,
    min_group_size: int = MIN_GROUP_SIZE,
) -> ScoringResult:
    """Score one assessment against its questionnaire: count its answers, then :func:`score_counts`.

    Item value = consensus level if set, else the median of the respondents'
    levels.  Every roll-up is the weighted mean of its answered items' percent
    scores; N/A and unanswered items leave the denominator.  See
    ``docs/methodology.md`` for every rule.

    :param min_group_size: segments below it are combined or withheld
        (:func:`assessor.scoring.privacy.plan_groups`); 1 keeps every segment.
    :raise ScoringInputError: if an answer does not fit the questionnaire.
    :raise ValueError: if ``min_group_size`` is not a whole number of at least 1.
    """
    check_input(framework, questionnaire, assessment)
    layout = build_layout(framework, questionnaire)
    return _score_counts(framework, questionnaire, layout, count_answers(assessment, layout), min_group_size)


def score_counts(
    framework: Framework,
    questionnaire: Questionnaire,
    counts: AnswerCounts,
    *,
    min_group_size: int = MIN_GROUP_SIZE,
) -> ScoringResult:
    """Score one assessment from its answer counts (:mod:`assessor.scoring.counts`): the same
    result as :func:`score` on the answers they count, at a cost independent of the respondents.

    :raise ScoringInputError: if the counts, the consensus or the targets do not fit the questionnaire.
    :raise ValueError: if ``min_group_size`` is not a whole number of at least 1.
    """
    rest = AssessmentInput(counts.questionnaire_id, counts.questionnaire_version, (), counts.consensus, counts.targets)
    check_input(framework, questionnaire, rest)
    layout = build_layout(framework, questionnaire)
    check_counts(layout, counts)
    return _score_counts(framework, questionnaire, layout, counts, min_group_size)


def _score_counts(
    framework: Framework,
    questionnaire: Questionnaire,
    layout: Layout,
    counts: AnswerCounts,
    min_group_size: int,
) -> ScoringResult:
    ordered = sorted(counts.groups, key=lambda s: (s is None, s or ""))
    tallies = {segment: _tally(layout, counts.groups[segment]) for segment in ordered}
    team = _merge(layout, tallies.values())
    items, rollups, verdict = _profile(framework, layout, team, counts.consensus)
    plan = plan_groups([(segment, tally.respondents) for segment, tally in tallies.items()], min_group_size)
    segments = [
        SegmentResult(segment, tallies[segment].respondents, *_profile(framework, layout, tallies[segment], {}))
        for segment in plan.shown
    ]
    if plan.combined:
        pooled = _merge(layout, (tallies[segment] for segment in plan.combined))
        segments.append(
            SegmentResult(None, pooled.respondents, *_profile(framework, layout, pooled, {}), combined=True)
        )
    # Exact keys: equal spreads tie exactly and fall to the item code, whatever the float noise.
    low = sorted(
        (item for item in items if item.agreement.low),
        key=lambda i: (*spread_order(i.distribution, layout.minimum), i.code),
    )
    return ScoringResult(
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        organisation=counts.organisation,
        assessed_on=counts.assessed_on,
        scale_min=layout.minimum,
        scale_max=layout.maximum,
        respondent_count=team.respondents,
        items=items,
        rollups=rollups,
        pyramid=verdict,
        low_agreement=tuple(item.code for item in low),
        segments=tuple(segments),
        gaps=find_gaps(framework, rollups, counts.targets),
        priorities=prioritise(items, counts.targets, verdict),
        min_group_size=plan.min_group_size,
        labelled_segments=frozenset(s for s in plan.shown if s is not None),
    )


def score_answers(framework: Framework, answers: AssessmentInput, *, min_group_size: int = MIN_GROUP_SIZE) -> Scored:
    """Score ``answers`` against the questionnaire id and version they name (segments as in :func:`score`).

    :raise KeyError: if that questionnaire version is not loaded.
    :raise ScoringInputError: if an answer does not fit it.
    """
    questionnaire = framework.questionnaire(answers.questionnaire_id, answers.questionnaire_version)
    return Scored(questionnaire, answers, score(framework, questionnaire, answers, min_group_size=min_group_size))
