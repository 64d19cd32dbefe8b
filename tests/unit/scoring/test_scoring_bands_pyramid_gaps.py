"""Bands, the pyramid verdict, gaps and priorities."""

from __future__ import annotations

import pytest

from assessor.scoring import BANDS, band_for, score


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (0.0, "not_in_place"),
        (12.5, "not_in_place"),
        (12.51, "initial"),
        (37.5, "initial"),
        (37.51, "developing"),
        (62.5, "developing"),
        (62.500000000001, "developing"),  # float noise does not cross a cut-off
        (62.51, "established"),
        (87.5, "established"),
        (87.51, "leading"),
        (100.0, "leading"),
    ],
)
def test_band_cut_offs(value: float, band: str) -> None:
    assert band_for(value).id == band


@pytest.mark.parametrize("value", [-0.1, 100.1])
def test_band_rejects_scores_outside_0_to_100(value: float) -> None:
    with pytest.raises(ValueError, match="outside"):
        band_for(value)


def test_every_scale_point_lands_in_its_own_band() -> None:
    assert [band_for(level * 25.0).rank for level in range(5)] == [0, 1, 2, 3, 4]
    assert [b.name.ja for b in BANDS] == ["未実施", "初期", "発展途上", "定着", "先進"]


def _pyramid_result(build, level_answers, na_items=()):
    """One item per (level, n) with the given level; ``na_items`` are marked N/A."""
    items, answers = [], {}
    for level_id, values in level_answers.items():
        for n, value in enumerate(values):
            code = f"{level_id}-{n}"
            items.append(build.item(code, "E1", level_id))
            answers[code] = value
    for code, level_id in na_items:
        items.append(build.item(code, "E1", level_id))
    questionnaire = build.questionnaire(items)
    framework = build.framework([questionnaire])
    respondent = build.respondent("r1", answers)
    return score(framework, questionnaire, build.assessment(questionnaire, [respondent]))


def test_pyramid_all_levels_met(build) -> None:
    result = _pyramid_result(build, {"L1": [4], "L2": [3], "L3": [3, 4], "L4": [4]})
    assert result.pyramid.achieved_level_id == "L4"
    assert result.pyramid.achieved_rank == 4
    assert result.pyramid.blocking_level_id is None
    assert result.pyramid.not_yet_counted == ()


def test_weak_foundation_leaves_strong_levels_not_yet_counted(build) -> None:
    # L1 = 50 % (Developing) is weak; L2 and L4 are strong but do not count.
    result = _pyramid_result(build, {"L1": [2], "L2": [4], "L3": [1], "L4": [3]})
    verdict = result.pyramid
    assert verdict.achieved_level_id is None
    assert verdict.achieved_rank == 0
    assert verdict.blocking_level_id == "L1"
    assert verdict.not_yet_counted == ("L2", "L4")
    assert [lv.meets_threshold for lv in verdict.levels] == [False, True, False, True]
    assert not any(lv.counted for lv in verdict.levels)


def test_pyramid_threshold_is_above_62_5(build) -> None:
    # L1 = (75 + 50) / 2 = 62.5 is Developing: not met.  L1 = 75 is met.
    assert _pyramid_result(build, {"L1": [3, 2]}).pyramid.achieved_rank == 0
    assert _pyramid_result(build, {"L1": [3]}).pyramid.achieved_rank == 1


def test_level_with_insufficient_evidence_does_not_count(build, na) -> None:
    # L2 is rated 4 on one item of three (coverage 33 %): a high but unfirm score.
    result = _pyramid_result(
        build,
        {"L1": [4], "L2": [4, na(), na()], "L3": [4]},
    )
    l2 = result.rollup("pyramid_level", "L2")
    assert (l2.score, l2.status) == (100.0, "insufficient_evidence")
    assert result.pyramid.achieved_level_id == "L1"
    assert result.pyramid.blocking_level_id == "L2"
    assert result.pyramid.not_yet_counted == ("L3",)


def test_gaps_per_dimension_and_inherited_by_elements(build) -> None:
    items = [build.item("E1-01", "E1"), build.item("E2-01", "E2")]
    questionnaire = build.questionnaire(items)
    framework = build.framework([questionnaire])
    respondent = build.respondent("r1", {"E1-01": 2})
    result = score(
        framework,
        questionnaire,
        build.assessment(questionnaire, [respondent], targets={"A": 80, "B": 60}),
    )
    assert [(g.kind, g.id, g.target, g.score, g.gap) for g in result.gaps] == [
        ("dimension", "A", 80.0, 50.0, 30.0),
        ("element", "E1", 80.0, 50.0, 30.0),
        ("dimension", "B", 60.0, None, None),  # no score: unknown gap, not 0
        ("element", "E2", 60.0, None, None),
    ]


def test_priorities_put_weak_foundations_first_then_weighted_gaps(build) -> None:
    items = [
        build.item("A-L1", "E1", "L1", weight=1),  # 50 %: L1 weak, gap 30
        build.item("A-L1b", "E1", "L1", weight=1),  # 75 %
        build.item("A-L2", "E1", "L2", weight=1),  # 25 %: L2 weak, gap 55
        build.item("B-L3", "E2", "L3", weight=3),  # 75 %: L3 strong, gap 5 x 3 = 15
        build.item("B-L3b", "E2", "L3", weight=1),  # 100 %
        build.item("B-L4", "E2", "L4", weight=2),  # 75 %: L4 strong, 5 x 2 = 10
        build.item("B-L4b", "E2", "L4", weight=1),  # 100 %
        build.item("B-L4c", "E2", "L4", weight=1),  # 100 %, above target
    ]
    answers = {
        "A-L1": 2, "A-L1b": 3, "A-L2": 1,
        "B-L3": 3, "B-L3b": 4, "B-L4": 3, "B-L4b": 4, "B-L4c": 4,
    }  # fmt: skip
    questionnaire = build.questionnaire(items)
    framework = build.framework([questionnaire])
    result = score(
        framework,
        questionnaire,
        build.assessment(
            questionnaire,
            [build.respondent("r1", answers)],
            targets={"A": 80, "B": 80},
        ),
    )
    # L1 = 62.5 (not met), L2 = 25, L3 = (225 + 100) / 4 = 81.25, L4 = 87.5
    assert result.pyramid.blocking_level_id == "L1"
    assert [(p.rank, p.code, p.weak_foundation, p.gap, p.weighted_gap) for p in result.priorities] == [
        (1, "A-L1", True, 30.0, 30.0),  # L1 before L2 although its gap is smaller
        (2, "A-L1b", True, 5.0, 5.0),
        (3, "A-L2", True, 55.0, 55.0),
        (4, "B-L3", False, 5.0, 15.0),  # then the largest weighted gap
        (5, "B-L4", False, 5.0, 10.0),
    ]


def test_no_target_means_no_gap_and_no_priority(build) -> None:
    questionnaire = build.questionnaire([build.item("E1-01")])
    framework = build.framework([questionnaire])
    respondent = build.respondent("r1", {"E1-01": 0})
    result = score(framework, questionnaire, build.assessment(questionnaire, [respondent]))
    assert result.gaps == ()
    assert result.priorities == ()
