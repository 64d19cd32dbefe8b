"""Choosing, ranking and scheduling improvement actions (methodology §14), computed by hand."""

from __future__ import annotations

import dataclasses
import random

import pytest

from assessor.domain import Framework
from assessor.scoring import AssessmentInput, RespondentAnswers, ScoringResult, recommend, score
from assessor.standards import load_framework
from tests.factories import LIBRARY
from tests.helpers import REAL_STANDARDS


@pytest.fixture
def scored(example) -> tuple[Framework, ScoringResult]:
    """The worked example (E1 66.67 %, E2 81.25 %, both Established) with targets A 75 % and B 90 %."""
    framework, questionnaire, assessment = example
    framework = dataclasses.replace(framework, actions=LIBRARY)
    assessment = dataclasses.replace(assessment, targets={"A": 75.0, "B": 90.0})
    return framework, score(framework, questionnaire, assessment)


def test_golden_ranking_priorities_and_roadmap(scored: tuple[Framework, ScoringResult]) -> None:
    framework, result = scored
    plan = recommend(framework, result)
    # Weak levels (§6): L2 (50 %) and L4 (no evidence).  E1 gap 75 - 66.67 = 8.33 points,
    # E2 gap 90 - 81.25 = 8.75 points.  Weight = mean weight of the element's items at the
    # action's level: E1/L2 = E1-02 (2), E2/L1 = E2-01 (1), E2/L3 = E2-02 (1), otherwise 1.
    # Priority = weight x gap x impact / effort:
    #   R-E1-01 (L2 weak)  2 x 8.33 x 4 / 2 = 33.33
    #   R-E1-05 (L2 weak)  2 x 8.33 x 1 / 1 = 16.67  pulled in: E1 is Established, below its band Leading
    #   R-E1-04 (L4 weak)  1 x 8.33 x 5 / 5 =  8.33
    #   R-E1-02 (L3)       1 x 8.33 x 5 / 1 = 41.67
    #   R-E2-03 (L3)       1 x 8.75 x 4 / 3 = 11.67
    #   R-E2-01 (L1)       1 x 8.75 x 2 / 4 =  4.38
    # Sort: weak first by level (R-E1-01, R-E1-05, R-E1-04), then by priority (R-E1-02, R-E2-03,
    # R-E2-01); R-E1-04 needs R-E2-03, which is placed just before it.
    assert [a.action_id for a in plan.actions] == ["R-E1-01", "R-E1-05", "R-E2-03", "R-E1-04", "R-E1-02", "R-E2-01"]
    assert [a.rank for a in plan.actions] == [1, 2, 3, 4, 5, 6]
    expected = {
        # id: (gap, weight, weighted gap, priority, weak, depth, bucket)
        "R-E1-01": (8.3333, 2, 16.6667, 33.3333, True, 0, "quick_win"),
        "R-E1-05": (8.3333, 2, 16.6667, 16.6667, True, 0, "quick_win"),
        "R-E2-03": (8.75, 1, 8.75, 11.6667, False, 1, "within_year"),
        "R-E1-04": (8.3333, 1, 8.3333, 8.3333, True, 2, "beyond_year"),
        "R-E1-02": (8.3333, 1, 8.3333, 41.6667, False, 1, "within_year"),
        "R-E2-01": (8.75, 1, 8.75, 4.375, False, 0, "within_year"),
    }
    for action in plan.actions:
        gap, weight, weighted, priority, weak, depth, bucket = expected[action.action_id]
        assert action.gap == pytest.approx(gap, abs=1e-4), action.action_id
        assert action.weight == weight, action.action_id
        assert action.weighted_gap == pytest.approx(weighted, abs=1e-4), action.action_id
        assert action.priority == pytest.approx(priority, abs=1e-4), action.action_id
        assert (action.weak_foundation, action.depth, action.bucket) == (weak, depth, bucket), action.action_id
        assert action.band_id == "established"


def test_prerequisites_pulled_in_and_met_ones_ignored(scored: tuple[Framework, ScoringResult]) -> None:
    framework, result = scored
    plan = recommend(framework, result)
    pulled = plan.action("R-E1-05")
    assert pulled.pulled_in and pulled.required_by == ("R-E2-03",)
    # R-E2-02 is for Developing; E2 is already Established, so it counts as in place.
    assert plan.action("R-E2-03").unmet_prerequisites == ("R-E1-05",)
    assert "R-E2-02" not in {a.action_id for a in plan.actions}
    assert plan.action("R-E1-01").required_by == ("R-E1-02",) and not plan.action("R-E1-01").pulled_in
    # R-E1-03 (for Not in place / Initial) fits no band of the plan and nobody needs it.
    assert "R-E1-03" not in {a.action_id for a in plan.actions}


def test_roadmap_buckets(scored: tuple[Framework, ScoringResult]) -> None:
    framework, result = scored
    plan = recommend(framework, result)
    assert [a.action_id for a in plan.in_bucket("quick_win")] == ["R-E1-01", "R-E1-05"]
    assert [a.action_id for a in plan.in_bucket("within_year")] == ["R-E2-03", "R-E1-02", "R-E2-01"]
    assert [a.action_id for a in plan.in_bucket("beyond_year")] == ["R-E1-04"]


def test_elements_at_target_get_no_action(example) -> None:
    framework, questionnaire, assessment = example  # targets A 75 %, B 80 %: E2 (81.25 %) is above
    framework = dataclasses.replace(framework, actions=LIBRARY)
    plan = recommend(framework, score(framework, questionnaire, assessment))
    assert plan.at_target == ("E2",)
    assert {a.element_id for a in plan.actions if not a.pulled_in} == {"E1"}
    # R-E1-04 needs R-E2-03, but E2 is at target, so that prerequisite counts as in place.
    assert plan.action("R-E1-04").unmet_prerequisites == ()
    # R-E1-05 (for Leading) was only needed by R-E2-03, which is not in the plan any more.
    assert [a.action_id for a in plan.actions] == ["R-E1-01", "R-E1-04", "R-E1-02"]
    assert plan.action("R-E1-04").bucket == "beyond_year" and plan.action("R-E1-02").bucket == "within_year"


def test_no_evidence_and_no_action_are_reported(example) -> None:
    framework, questionnaire, assessment = example
    framework = dataclasses.replace(framework, actions=LIBRARY[:5])  # no action for E2
    only_e1 = tuple(
        RespondentAnswers(r.respondent_id, r.segment, {c: v for c, v in r.levels.items() if c.startswith("E1")})
        for r in assessment.respondents
    )
    plan = recommend(framework, score(framework, questionnaire, dataclasses.replace(assessment, respondents=only_e1)))
    assert plan.no_evidence == ("E2",)
    lower = dataclasses.replace(assessment, targets={"A": 75.0, "B": 95.0})
    plan = recommend(framework, score(framework, questionnaire, lower))
    assert plan.no_action == ("E2",)


def test_an_empty_library_recommends_nothing(example) -> None:
    framework, questionnaire, assessment = example
    plan = recommend(framework, score(framework, questionnaire, assessment))
    assert plan.actions == ()


@pytest.mark.parametrize("seed", range(5))
def test_shipped_library_never_ranks_an_action_before_an_unmet_prerequisite(seed: int) -> None:
    framework = load_framework(REAL_STANDARDS)
    questionnaire = framework.questionnaire("full")
    rng = random.Random(seed)
    respondents = tuple(
        RespondentAnswers(f"r{n}", None, {i.code: rng.randint(0, 4) for i in questionnaire.items}) for n in range(4)
    )
    targets = {d.id: float(rng.choice([60, 75, 90, 100])) for d in framework.dimensions}
    assessment = AssessmentInput(questionnaire.id, questionnaire.version, respondents, targets=targets)
    plan = recommend(framework, score(framework, questionnaire, assessment))
    position = {a.action_id: a.rank for a in plan.actions}
    order = ("quick_win", "within_year", "beyond_year")
    for action in plan.actions:
        for prerequisite in action.unmet_prerequisites:
            assert position[prerequisite] < action.rank
            assert order.index(plan.action(prerequisite).bucket) <= order.index(action.bucket)
        if action.unmet_prerequisites:
            assert action.bucket != "quick_win"
    gaps = {g.id: g.gap for g in score(framework, questionnaire, assessment).gaps if g.kind == "element"}
    for action in plan.actions:
        if not action.pulled_in:
            assert gaps[action.element_id] is not None and gaps[action.element_id] > 0
            assert action.band_id in framework.action(action.action_id).bands
