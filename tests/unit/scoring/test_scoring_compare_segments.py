"""Comparison with a previous assessment, segments and input checks of ``score``."""

from __future__ import annotations

import pytest

from assessor.files import comparison_to_dict
from assessor.scoring import AssessmentInput, RespondentAnswers, ScoringInputError, compare, score


def _result(build, items, answers, qid="mini", version="1"):
    questionnaire = build.questionnaire(items, qid, version)
    framework = build.framework([questionnaire])
    respondents = [build.respondent(rid, a) for rid, a in answers.items()]
    assessment = build.assessment(questionnaire, respondents)
    return score(framework, questionnaire, assessment)


def test_comparison_matches_items_by_code_and_lists_the_rest(build) -> None:
    previous = _result(
        build,
        [
            build.item("E1-01", "E1"),
            build.item("E1-02", "E1"),
            build.item("E2-01", "E2"),
        ],
        {"r1": {"E1-01": 1, "E1-02": 2, "E2-01": 2}},
        version="1",
    )
    current = _result(
        build,
        [
            build.item("E1-01", "E1"),
            build.item("E2-01", "E2"),
            build.item("E2-02", "E2"),
        ],
        {"r1": {"E1-01": 3, "E2-01": 2, "E2-02": 4}},
        version="2",
    )
    comparison = compare(previous, current)
    assert comparison.only_in_previous == ("E1-02",)
    assert comparison.only_in_current == ("E2-02",)
    assert not comparison.same_questionnaire
    assert [(d.code, d.previous, d.current, d.delta) for d in comparison.items] == [
        ("E1-01", 25.0, 75.0, 50.0),
        ("E2-01", 50.0, 50.0, 0.0),
    ]
    deltas = {(d.kind, d.id): d for d in comparison.rollups}
    # overall: previous (25 + 50 + 50) / 3 = 41.67; current (75 + 50 + 100) / 3 = 75
    overall = deltas[("overall", "overall")]
    assert overall.previous == pytest.approx(41.67, abs=0.01)
    assert overall.current == pytest.approx(75.0)
    assert overall.delta == pytest.approx(33.33, abs=0.01)
    assert (overall.previous_band, overall.current_band) == (
        "developing",
        "established",
    )
    # E2: 50 -> 75; L4 has no evidence in either: no delta rather than 0.
    assert deltas[("element", "E2")].delta == pytest.approx(25.0)
    assert deltas[("pyramid_level", "L4")].delta is None
    as_dict = comparison_to_dict(comparison)
    assert as_dict["only_in_previous"] == ["E1-02"]
    assert as_dict["only_in_current"] == ["E2-02"]


def test_comparison_with_itself_has_zero_deltas(example) -> None:
    result = score(*example)
    comparison = compare(result, result)
    assert comparison.same_questionnaire
    assert comparison.only_in_previous == comparison.only_in_current == ()
    assert all(d.delta in (0.0, None) for d in comparison.rollups)


def test_segments_are_sorted_with_unlabelled_respondents_last(build) -> None:
    questionnaire = build.questionnaire([build.item("E1-01")])
    framework = build.framework([questionnaire])
    respondents = [
        build.respondent("r1", {"E1-01": 4}, None),
        build.respondent("r2", {"E1-01": 0}, "leadership"),
        build.respondent("r3", {"E1-01": 2}, "back-office"),
        build.respondent("r4", {"E1-01": 3}, "back-office"),
    ]
    result = score(framework, questionnaire, build.assessment(questionnaire, respondents), min_group_size=1)
    assert [(s.segment, s.respondent_count) for s in result.segments] == [
        ("back-office", 2),
        ("leadership", 1),
        (None, 1),
    ]
    assert result.segment("back-office").rollup("overall", "overall").score == 62.5
    assert result.segment("leadership").rollup("overall", "overall").score == 0.0
    assert result.segment(None).rollup("overall", "overall").score == 100.0
    assert result.overall.score == 62.5  # median(0, 2, 3, 4) = 2.5
    with pytest.raises(KeyError):
        result.segment("front-line")


def test_score_rejects_input_that_does_not_fit(build) -> None:
    questionnaire = build.questionnaire([build.item("E1-01", allow_na=False), build.item("E1-02")])
    framework = build.framework([questionnaire])
    bad = AssessmentInput(
        questionnaire_id="mini",
        questionnaire_version="0",
        respondents=(
            RespondentAnswers("r1", None, {"E1-01": 5, "X-99": 1}),
            RespondentAnswers("r1", None, {}, {"E1-01": "n/a"}),
        ),
        targets={"Z": 50, "A": 120},
    )
    with pytest.raises(ScoringInputError) as caught:
        score(framework, questionnaire, bad)
    assert caught.value.problems == (
        "assessment is for questionnaire mini version 0, not mini version 1",
        "respondent 'r1': unknown item code 'X-99'",
        "respondent 'r1': level 5 is outside the scale 0-4 (E1-01)",
        "respondent 'r1' appears more than once",
        "respondent 'r1': item E1-01 does not allow N/A",
        "target: unknown dimension 'Z'",
        "target A: 120 is outside 0-100 %",
    )


def test_a_respondent_cannot_rate_and_skip_the_same_item() -> None:
    with pytest.raises(ValueError, match="both rated and marked N/A: E1-01"):
        RespondentAnswers("r1", None, {"E1-01": 2}, {"E1-01": "n/a"})
