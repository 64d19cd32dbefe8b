"""Scoring from answer counts: hand-built counts of the worked example give the hand-computed
medians and agreement, and exactly what scoring the individual answers gives."""

from __future__ import annotations

import math

import pytest

from assessor.domain import Framework, Questionnaire
from assessor.scoring import AssessmentInput, ScoringInputError, score
from assessor.scoring.counts import AnswerCounts, GroupCounts, code_sets, count_answers, reach_of
from assessor.scoring.engine import score_counts
from assessor.scoring.layout import build_layout
from assessor.scoring.result import NotApplicableNote

Example = tuple[Framework, Questionnaire, AssessmentInput]


def _hand_counts(example: Example) -> AnswerCounts:
    """The example's answers counted by hand (tests/factories.py EXAMPLE_ANSWERS)."""
    framework, questionnaire, answers = example
    sets = code_sets(build_layout(framework, questionnaire))
    leadership = GroupCounts(
        1,
        {"E1-01": (0, 0, 0, 0, 1), "E1-02": (0, 0, 0, 0, 1), "E2-01": (0, 0, 1, 0, 0)},
        {"E2-02": (NotApplicableNote("r1", "no CRM"),)},
        reach_of({frozenset({"E1-01", "E1-02", "E2-01"}): 1}, sets),
    )
    front_line = GroupCounts(
        2,
        {"E1-01": (0, 0, 0, 1, 1), "E1-02": (0, 1, 0, 0, 1), "E2-01": (0, 0, 0, 2, 0), "E2-02": (0, 0, 0, 1, 1)},
        {},
        reach_of({frozenset({"E1-01", "E1-02", "E2-01", "E2-02"}): 2}, sets),
    )
    return AnswerCounts(
        answers.questionnaire_id,
        answers.questionnaire_version,
        {"leadership": leadership, "front-line": front_line},
        answers.consensus,
        answers.targets,
        answers.organisation,
        answers.assessed_on,
    )


def test_hand_counts_give_the_same_result_as_the_answers(example: Example) -> None:
    framework, questionnaire, answers = example
    for k in (1, 2, 3):
        by_counts = score_counts(framework, questionnaire, _hand_counts(example), min_group_size=k)
        assert by_counts == score(framework, questionnaire, answers, min_group_size=k)
    layout = build_layout(framework, questionnaire)
    assert count_answers(answers, layout) == _hand_counts(example)


def test_medians_and_agreement_from_counts(example: Example) -> None:
    framework, questionnaire, _ = example
    result = score_counts(framework, questionnaire, _hand_counts(example), min_group_size=1)
    first = result.item("E1-01")  # ratings 4, 3, 4
    assert first.distribution == (0, 0, 0, 1, 2)
    assert first.median == 4.0 and first.value == 4.0
    # variance of (4, 3, 4) = 1/3; sigma^2_EU for 5 options = (25 - 1) / 12 = 2; r_wg = 1 - (1/3)/2
    assert first.agreement.r_wg == pytest.approx(5 / 6)
    assert first.agreement.sd == pytest.approx(math.sqrt(1 / 3))
    assert first.agreement.iqr == pytest.approx(0.5)  # Q1 = 3.5, Q3 = 4 (type 7)
    agreed = result.item("E1-02")  # ratings 4, 1, 4; consensus 2
    assert agreed.median == 4.0 and agreed.value == 2.0 and agreed.source == "consensus"
    # variance of (4, 1, 4) = 3; r_wg = 1 - 3/2 < 0, clamped to 0: low agreement
    assert agreed.agreement.r_wg == 0.0 and agreed.agreement.low
    even = result.item("E2-02")  # ratings 3, 4 and one N/A
    assert even.median == 3.5 and len(even.not_applicable) == 1
    assert even.agreement.respondents == 2
    assert result.respondent_count == 3
    assert {s.segment: s.respondent_count for s in result.segments} == {"front-line": 2, "leadership": 1}


def test_counts_that_do_not_fit_are_refused(example: Example) -> None:
    framework, questionnaire, _ = example
    good = _hand_counts(example)
    group = good.groups["front-line"]
    wrong = [
        GroupCounts(2, {"E1-01": (0, 1, 1)}, {}, group.reach),  # three scale points, not five
        GroupCounts(2, {"XX-99": (0, 0, 0, 0, 1)}, {}, group.reach),  # unknown item
        GroupCounts(2, {"E1-01": (0, 0, 0, 2, 1)}, {}, group.reach),  # more ratings than respondents
        GroupCounts(2, dict(group.levels), {}, {}),  # no reach counts
        GroupCounts(2, {}, {"E1-01": (NotApplicableNote("r9", ""),)}, group.reach),  # E1-01 allows no N/A
    ]
    for bad in wrong:
        counts = AnswerCounts(good.questionnaire_id, good.questionnaire_version, {"front-line": bad})
        with pytest.raises(ScoringInputError):
            score_counts(framework, questionnaire, counts)
