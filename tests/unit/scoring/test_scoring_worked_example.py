"""The worked example of docs/methodology.md §13, checked number by number.

The example data lives in conftest.py (EXAMPLE_*); the numbers below are the
ones printed in the methodology tables.  Change both together.
"""

from __future__ import annotations

import pytest

from assessor.scoring import ScoringResult, score

TOL = 0.01
EST, DEV, OK = "established", "developing", "scored"

# code: (status, value, percent, n ratings, sd, iqr, r_wg)
ITEMS = {
    "E1-01": ("answered", 4.0, 100.0, 3, 0.58, 0.5, 0.83),
    "E1-02": ("answered", 2.0, 50.0, 3, 1.73, 1.5, 0.0),
    "E2-01": ("answered", 3.0, 75.0, 3, 0.58, 0.5, 0.83),
    "E2-02": ("answered", 3.5, 87.5, 2, 0.71, 0.5, 0.75),
    "E2-03": ("unanswered", None, None, 0, None, None, None),
}

# (kind, id): (score, band, status, coverage, respondents, sd, iqr, r_wg)
ROLLUPS = {
    ("overall", "overall"): (72.5, EST, OK, 83.33, 3, 1.20, 0.9, 0.28),
    ("dimension", "A"): (66.67, EST, OK, 100.0, 3, 1.45, 1.17, 0.0),
    ("dimension", "B"): (81.25, EST, OK, 66.67, 3, 0.65, 0.5, 0.79),
    ("element", "E1"): (66.67, EST, OK, 100.0, 3, 1.45, 1.17, 0.0),
    ("element", "E2"): (81.25, EST, OK, 66.67, 3, 0.65, 0.5, 0.79),
    ("pyramid_level", "L1"): (87.5, EST, OK, 100.0, 3, 0.58, 0.5, 0.83),
    ("pyramid_level", "L2"): (50.0, DEV, OK, 100.0, 3, 1.73, 1.5, 0.0),
    ("pyramid_level", "L3"): (87.5, EST, OK, 100.0, 2, 0.71, 0.5, 0.75),
    ("pyramid_level", "L4"): (None, None, "no_evidence", 0.0, 0, None, None, None),
    ("principle", "P1"): (66.67, EST, OK, 100.0, 3, 1.45, 1.17, 0.0),
    ("principle", "P2"): (65.63, EST, OK, 80.0, 3, 1.31, 1.0, 0.15),
    ("design_principle", "DP1"): (87.5, EST, OK, 100.0, 2, 0.71, 0.5, 0.75),
    ("design_activity", "DA1"): (87.5, EST, OK, 50.0, 2, 0.71, 0.5, 0.75),
}

# (kind, id): (score, status, coverage) per segment
SEGMENTS = {
    "front-line": {
        ("overall", "overall"): (75.0, "scored", 83.33),
        ("element", "E1"): (70.83, "scored", 100.0),
        ("element", "E2"): (81.25, "scored", 66.67),
        ("pyramid_level", "L2"): (62.5, "scored", 100.0),
    },
    "leadership": {
        ("overall", "overall"): (87.5, "scored", 66.67),
        ("element", "E1"): (100.0, "scored", 100.0),
        ("element", "E2"): (50.0, "insufficient_evidence", 33.33),
        ("pyramid_level", "L2"): (100.0, "scored", 100.0),
    },
}


@pytest.fixture(scope="module")
def result(example) -> ScoringResult:
    return score(*example, min_group_size=1)  # the example shows segment arithmetic on groups of 1 and 2


def _approx(expected: float | None) -> object:
    return None if expected is None else pytest.approx(expected, abs=TOL)


@pytest.mark.parametrize("code", sorted(ITEMS))
def test_example_item_values(result: ScoringResult, code: str) -> None:
    status, value, percent, n, sd, iqr, rwg = ITEMS[code]
    item = result.item(code)
    assert item.status == status
    assert item.value == _approx(value)
    assert item.percent == _approx(percent)
    assert item.agreement.respondents == n
    assert item.agreement.sd == _approx(sd)
    assert item.agreement.iqr == _approx(iqr)
    assert item.agreement.r_wg == _approx(rwg)


def test_example_consensus_overrides_the_median(result: ScoringResult) -> None:
    item = result.item("E1-02")
    assert item.source == "consensus"
    assert item.median == 4.0
    assert item.value == 2.0
    assert item.explanation == ("consensus = 2 (respondents: median(1, 4, 4) = 4) → 2 / 4 × 100 = 50 %")


def test_example_even_count_median_is_a_half(result: ScoringResult) -> None:
    item = result.item("E2-02")
    assert item.explanation == "median(3, 4) = 3.5; N/A × 1 → 3.5 / 4 × 100 = 87.5 %"
    assert [(n.respondent_id, n.reason) for n in item.not_applicable] == [("r1", "no CRM")]


@pytest.mark.parametrize("key", list(ROLLUPS))
def test_example_rollups(result: ScoringResult, key: tuple[str, str]) -> None:
    score_, band, status, coverage, n, sd, iqr, rwg = ROLLUPS[key]
    rollup = result.rollup(key[0], key[1])
    assert rollup.score == _approx(score_)
    assert (rollup.band.id if rollup.band else None) == band
    assert rollup.status == status
    assert rollup.coverage == _approx(coverage)
    assert rollup.agreement.respondents == n
    assert rollup.agreement.sd == _approx(sd)
    assert rollup.agreement.iqr == _approx(iqr)
    assert rollup.agreement.r_wg == _approx(rwg)


def test_example_explanation_of_element_e2(result: ScoringResult) -> None:
    explanation = result.rollup("element", "E2").explanation
    assert [(c.code, c.percent, c.weight) for c in explanation.used] == [
        ("E2-01", 75.0, 1.0),
        ("E2-02", 87.5, 1.0),
    ]
    assert [(o.code, o.status) for o in explanation.left_out] == [("E2-03", "unanswered")]
    assert explanation.calculation == "(1 × 75 + 1 × 87.5) / (1 + 1) = 81.25"
    assert explanation.coverage_calculation == "2 / 3 × 100 = 66.67 %"


def test_example_overall_calculation(result: ScoringResult) -> None:
    assert result.overall.explanation.calculation == ("(1 × 100 + 2 × 50 + 1 × 75 + 1 × 87.5) / (1 + 2 + 1 + 1) = 72.5")


def test_example_pyramid(result: ScoringResult) -> None:
    verdict = result.pyramid
    assert verdict.achieved_level_id == "L1"
    assert verdict.achieved_rank == 1
    assert verdict.blocking_level_id == "L2"
    assert verdict.not_yet_counted == ("L3",)
    assert [lv.counted for lv in verdict.levels] == [True, False, False, False]


def test_example_low_agreement(result: ScoringResult) -> None:
    assert result.low_agreement == ("E1-02",)


def test_example_gaps(result: ScoringResult) -> None:
    assert [(g.kind, g.id, g.target, g.gap) for g in result.gaps] == [
        ("dimension", "A", 75.0, pytest.approx(8.33, abs=TOL)),
        ("element", "E1", 75.0, pytest.approx(8.33, abs=TOL)),
        ("dimension", "B", 80.0, pytest.approx(-1.25, abs=TOL)),
        ("element", "E2", 80.0, pytest.approx(-1.25, abs=TOL)),
    ]


def test_example_priorities(result: ScoringResult) -> None:
    assert [(p.rank, p.code, p.weak_foundation, p.gap, p.weighted_gap) for p in result.priorities] == [
        (1, "E1-02", True, 25.0, 50.0),
        (2, "E2-01", False, 5.0, 5.0),
    ]


@pytest.mark.parametrize("segment", sorted(SEGMENTS))
def test_example_segments(result: ScoringResult, segment: str) -> None:
    found = result.segment(segment)
    assert found.respondent_count == {"front-line": 2, "leadership": 1}[segment]
    for (kind, rollup_id), (score_, status, coverage) in SEGMENTS[segment].items():
        rollup = found.rollup(kind, rollup_id)
        assert rollup.score == _approx(score_), (kind, rollup_id)
        assert rollup.status == status, (kind, rollup_id)
        assert rollup.coverage == _approx(coverage), (kind, rollup_id)


def test_example_segments_ignore_consensus(result: ScoringResult) -> None:
    assert result.segment("leadership").item("E1-02").value == 4.0
    assert result.segment("front-line").item("E1-02").value == 2.5
