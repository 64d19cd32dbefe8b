"""Property tests (hypothesis) of the scoring invariants."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from assessor.files import result_to_dict
from assessor.scoring import AssessmentInput, Consensus, RespondentAnswers, ScoringResult, score

SEGMENTS = (None, "leadership", "front-line")
LEVEL_IDS = ("L1", "L2", "L3", "L4")
PRINCIPLE_SETS = (("P1",), ("P2",), ("P1", "P2"))


@st.composite
def scenarios(draw, build):
    """Draw a questionnaire of 1-6 items and 0-6 respondents answering it."""
    count = draw(st.integers(1, 6))
    items = [
        build.item(
            f"Q{n}",
            draw(st.sampled_from(("E1", "E2"))),
            draw(st.sampled_from(LEVEL_IDS)),
            weight=draw(st.sampled_from((0.5, 1.0, 2.0, 3.0))),
            principles=draw(st.sampled_from(PRINCIPLE_SETS)),
            design_principles=draw(st.sampled_from(((), ("DP1",)))),
            design_activities=draw(st.sampled_from(((), ("DA1",)))),
        )
        for n in range(count)
    ]
    questionnaire = build.questionnaire(items)
    answer = st.one_of(st.integers(0, 4), st.just("na"), st.none())
    respondents = []
    for r in range(draw(st.integers(0, 6))):
        drawn = {item.code: draw(answer) for item in items}
        respondents.append(
            RespondentAnswers(
                respondent_id=f"r{r}",
                segment=draw(st.sampled_from(SEGMENTS)),
                levels={c: a for c, a in drawn.items() if isinstance(a, int)},
                not_applicable={c: "n/a" for c, a in drawn.items() if a == "na"},
            )
        )
    consensus = {
        item.code: Consensus(level, "agreed")
        for item in items
        if (level := draw(st.one_of(st.none(), st.integers(0, 4)))) is not None
    }
    assessment = AssessmentInput(questionnaire.id, questionnaire.version, tuple(respondents), consensus)
    return build.framework([questionnaire]), questionnaire, assessment


def _all_rollups(result: ScoringResult):
    yield from result.rollups
    for segment in result.segments:
        yield from segment.rollups


def _scores(result: ScoringResult) -> dict[tuple[str, str], float | None]:
    return {(r.kind, r.id): r.score for r in result.rollups}


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_every_score_is_within_0_and_100(build, data) -> None:
    result = score(*data.draw(scenarios(build)))
    for rollup in _all_rollups(result):
        assert rollup.score is None or 0.0 <= rollup.score <= 100.0
        assert 0.0 <= rollup.coverage <= 100.0
    for item in result.items:
        assert item.percent is None or 0.0 <= item.percent <= 100.0


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_a_rollup_without_answered_items_is_never_zero(build, data) -> None:
    result = score(*data.draw(scenarios(build)))
    for rollup in _all_rollups(result):
        if rollup.answered_weight == 0:
            assert rollup.score is None
            assert rollup.band is None
            assert rollup.status == "no_evidence"
        else:
            assert rollup.score is not None
    for rollup in result_to_dict(result)["rollups"]:
        if rollup["answered_weight"] == 0:
            assert rollup["score"] is None


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_raising_one_answer_never_lowers_a_rollup(build, data) -> None:
    framework, questionnaire, assessment = data.draw(scenarios(build))
    rated = [
        (index, code) for index, r in enumerate(assessment.respondents) for code, level in r.levels.items() if level < 4
    ]
    if not rated:
        return
    index, code = data.draw(st.sampled_from(rated))
    before = assessment.respondents[index]
    raised_level = data.draw(st.integers(before.levels[code] + 1, 4))
    after = replace(before, levels={**before.levels, code: raised_level})
    respondents = list(assessment.respondents)
    respondents[index] = after
    raised = replace(assessment, respondents=tuple(respondents))
    old = score(framework, questionnaire, assessment, min_group_size=1)
    new = score(framework, questionnaire, raised, min_group_size=1)
    for key, old_score in _scores(old).items():
        new_score = _scores(new)[key]
        if old_score is not None:
            assert new_score is not None
            assert new_score >= old_score - 1e-9, key
    for old_segment in old.segments:
        new_segment = new.segment(old_segment.segment)
        for rollup in old_segment.rollups:
            new_score = new_segment.rollup(rollup.kind, rollup.id).score
            if rollup.score is not None:
                assert new_score is not None
                assert new_score >= rollup.score - 1e-9


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_an_all_na_respondent_changes_nothing(build, data) -> None:
    framework, questionnaire, assessment = data.draw(scenarios(build))
    segments = sorted({r.segment for r in assessment.respondents}, key=str)
    blank = RespondentAnswers(
        respondent_id="blank",
        segment=data.draw(st.sampled_from(segments)) if segments else None,
        levels={},
        not_applicable={code: "not here" for code in questionnaire.codes},
    )
    more = replace(assessment, respondents=(*assessment.respondents, blank))
    old = score(framework, questionnaire, assessment, min_group_size=1)
    new = score(framework, questionnaire, more, min_group_size=1)

    def summary(rollups):
        return [(r.kind, r.id, r.score, r.band, r.status, r.coverage, r.agreement) for r in rollups]

    assert summary(new.rollups) == summary(old.rollups)
    assert [i.value for i in new.items] == [i.value for i in old.items]
    assert new.pyramid == old.pyramid
    assert new.low_agreement == old.low_agreement
    assert new.priorities == old.priorities
    for segment in old.segments:
        assert summary(new.segment(segment.segment).rollups) == summary(segment.rollups)


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_reordering_respondents_changes_nothing(build, data) -> None:
    framework, questionnaire, assessment = data.draw(scenarios(build))
    shuffled = data.draw(st.permutations(assessment.respondents))
    reordered = replace(assessment, respondents=tuple(shuffled))
    assert result_to_dict(score(framework, questionnaire, reordered)) == (
        result_to_dict(score(framework, questionnaire, assessment))
    )
