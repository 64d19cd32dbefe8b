"""Golden tests: small assessments whose numbers were computed by hand (to 0.01)."""

from __future__ import annotations

import pytest

from assessor.scoring import Consensus, ScoringResult, score

TOL = 0.01


def approx(value: float) -> object:
    return pytest.approx(value, abs=TOL)


def _score(build, items, answers, consensus=None, targets=None) -> ScoringResult:
    questionnaire = build.questionnaire(items)
    framework = build.framework([questionnaire])
    respondents = [build.respondent(rid, a) for rid, a in answers.items()]
    assessment = build.assessment(questionnaire, respondents, consensus, targets)
    return score(framework, questionnaire, assessment)


def test_single_rater(build) -> None:
    items = [
        build.item("E1-01", "E1", "L1"),
        build.item("E1-02", "E1", "L2", weight=2),
        build.item("E2-01", "E2", "L1"),
        build.item("E2-02", "E2", "L3", weight=3),
    ]
    answers = {"solo": {"E1-01": 3, "E1-02": 1, "E2-01": 4, "E2-02": 0}}
    result = _score(build, items, answers)
    assert [i.percent for i in result.items] == [75.0, 25.0, 100.0, 0.0]
    # E1 = (1 x 75 + 2 x 25) / 3; E2 = (1 x 100 + 3 x 0) / 4; overall = 225 / 7
    assert result.rollup("element", "E1").score == approx(41.67)
    assert result.rollup("element", "E1").band.id == "developing"
    assert result.rollup("element", "E2").score == approx(25.0)
    assert result.rollup("element", "E2").band.id == "initial"
    assert result.overall.score == approx(32.14)
    assert result.overall.band.id == "initial"
    # One rater: no spread, no r_wg, nothing flagged.
    assert all(i.agreement.sd is None and i.agreement.r_wg is None for i in result.items)
    assert result.overall.agreement.respondents == 1
    assert result.overall.agreement.r_wg is None
    assert result.low_agreement == ()
    # L1 = (75 + 100) / 2 = 87.5 met; L2 = 25 blocks; L3 = 0; L4 has no items.
    assert result.rollup("pyramid_level", "L1").score == approx(87.5)
    assert result.pyramid.achieved_level_id == "L1"
    assert result.pyramid.blocking_level_id == "L2"
    assert result.pyramid.not_yet_counted == ()


def test_several_raters_with_ties_and_even_counts(build) -> None:
    items = [
        build.item("E1-01", "E1"),
        build.item("E1-02", "E1"),
        build.item("E2-01", "E2"),
        build.item("E2-02", "E2"),
    ]
    ratings = {
        "E1-01": (1, 2, 3, 4),  # median 2.5
        "E1-02": (2, 2, 3, 3),  # tie in the middle: 2.5
        "E2-01": (0, 4, 4, 4),  # median 4
        "E2-02": (0, 1, 3, 4),  # median 2
    }
    answers = {f"r{n}": {c: v[n] for c, v in ratings.items()} for n in range(4)}
    result = _score(build, items, answers)
    assert [i.value for i in result.items] == [2.5, 2.5, 4.0, 2.0]
    assert [i.percent for i in result.items] == [62.5, 62.5, 100.0, 50.0]
    e1 = result.rollup("element", "E1")
    assert e1.score == approx(62.5)
    # Exactly halfway between Developing and Established stays Developing.
    assert e1.band.id == "developing"
    assert result.rollup("element", "E2").score == approx(75.0)
    assert result.overall.score == approx(68.75)
    # Agreement by hand (sample variance, type-7 quartiles, sigma2_EU = 2).
    expected = {
        "E1-01": (1.29, 1.5, 0.17),
        "E1-02": (0.58, 1.0, 0.83),
        "E2-01": (2.0, 1.0, 0.0),
        "E2-02": (1.83, 2.5, 0.0),
    }
    for code, (sd, iqr, rwg) in expected.items():
        agreement = result.item(code).agreement
        assert agreement.respondents == 4
        assert agreement.sd == approx(sd), code
        assert agreement.iqr == approx(iqr), code
        assert agreement.r_wg == approx(rwg), code
    # Most divisive first: variances 4, 3.33, 1.67 (E1-02 agrees: 0.83 >= 0.70).
    assert result.low_agreement == ("E2-01", "E2-02", "E1-01")
    # Pooled roll-up agreement for E1: variance (1.67 + 0.33) / 2 = 1.0.
    assert e1.agreement.sd == approx(1.0)
    assert e1.agreement.iqr == approx(1.25)
    assert e1.agreement.r_wg == approx(0.5)


def test_na_heavy_assessment(build, na) -> None:
    items = [build.item(f"E1-0{n}", "E1") for n in range(1, 5)] + [build.item(f"E2-0{n}", "E2") for n in range(1, 4)]
    answers = {
        "r1": {"E1-01": na(), "E1-02": na(), "E1-03": na(), "E1-04": 1,
               "E2-01": na(), "E2-02": na(), "E2-03": 4},
        "r2": {"E1-01": na(), "E1-02": na(), "E1-03": na(), "E1-04": 3,
               "E2-01": na(), "E2-02": na(), "E2-03": 4},
        "r3": {"E1-01": na(), "E1-02": na(), "E1-03": 2, "E1-04": na(),
               "E2-01": na(), "E2-02": na(), "E2-03": na()},
    }  # fmt: skip
    result = _score(build, items, answers)
    assert result.item("E1-01").status == "not_applicable"
    assert result.item("E1-01").value is None
    assert len(result.item("E1-01").not_applicable) == 3
    assert result.item("E1-03").value == 2.0  # one rating among two N/A
    assert result.item("E1-03").agreement.sd is None
    assert result.item("E1-04").value == 2.0  # median of 1 and 3
    e1 = result.rollup("element", "E1")
    assert e1.score == approx(50.0)
    assert e1.coverage == approx(50.0)
    assert e1.status == "scored"  # exactly at the 50 % threshold
    e2 = result.rollup("element", "E2")
    assert e2.score == approx(100.0)
    assert e2.coverage == approx(33.33)
    assert e2.status == "insufficient_evidence"
    assert result.overall.score == approx(66.67)  # (50 + 50 + 100) / 3
    assert result.overall.coverage == approx(42.86)  # 3 / 7
    assert result.overall.status == "insufficient_evidence"
    assert [o.code for o in e1.explanation.left_out] == ["E1-01", "E1-02"]
    assert {o.status for o in e1.explanation.left_out} == {"not_applicable"}


def test_consensus_overrides_a_split_team(build) -> None:
    items = [build.item("E1-01", "E1"), build.item("E2-01", "E2")]
    answers = {f"r{n}": {"E1-01": level} for n, level in enumerate((0, 0, 4, 4))}
    consensus = {
        "E1-01": Consensus(1, "Only one site runs the practice"),
        "E2-01": Consensus(3, "Agreed in the workshop"),
    }
    result = _score(build, items, answers, consensus)
    split = result.item("E1-01")
    assert split.median == 2.0
    assert split.value == 1.0
    assert split.percent == 25.0
    assert split.source == "consensus"
    assert split.agreement.sd == approx(2.31)
    assert split.agreement.iqr == approx(4.0)
    assert split.agreement.r_wg == 0.0
    assert result.low_agreement == ("E1-01",)  # consensus does not hide the split
    assert result.rollup("element", "E1").band.id == "initial"
    # Consensus alone answers an item no respondent rated.
    only = result.item("E2-01")
    assert (only.status, only.source, only.value, only.median) == (
        "answered",
        "consensus",
        3.0,
        None,
    )
    assert only.agreement.respondents == 0
    assert result.overall.score == approx(50.0)  # (25 + 75) / 2


def test_item_answered_by_nobody(build) -> None:
    items = [
        build.item("E1-01", "E1"),
        build.item("E1-02", "E1"),
        build.item("E2-01", "E2"),
    ]
    answers = {"r1": {"E1-01": 2}, "r2": {"E1-01": 2}}
    result = _score(build, items, answers)
    assert result.item("E1-02").status == "unanswered"
    assert result.item("E1-02").explanation == "no answer → left out"
    e1 = result.rollup("element", "E1")
    assert (e1.score, e1.coverage, e1.status) == (50.0, 50.0, "scored")
    e2 = result.rollup("element", "E2")
    assert e2.score is None  # never 0
    assert e2.band is None
    assert e2.status == "no_evidence"
    assert e2.coverage == 0.0
    assert e2.explanation.calculation == "no answered item → no score"
    assert result.overall.score == approx(50.0)
    assert result.overall.coverage == approx(33.33)


def test_unanswered_items_do_not_lower_the_mean(build) -> None:
    answers = {"r1": {"E1-01": 3}}
    alone = _score(build, [build.item("E1-01")], answers)
    padded = _score(build, [build.item("E1-01"), build.item("E1-02")], answers)
    assert alone.overall.score == padded.overall.score == 75.0
    assert padded.overall.coverage == 50.0


def test_roll_up_without_items_in_the_questionnaire(build) -> None:
    result = _score(build, [build.item("E1-01")], {"r1": {"E1-01": 4}})
    dimension_b = result.rollup("dimension", "B")
    assert (dimension_b.score, dimension_b.total_weight, dimension_b.status) == (
        None,
        0.0,
        "no_evidence",
    )
