"""Honest numbers: one rounding rule for text, band and tick; coverage by people; exact tie-breaks; evidence."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from assessor import numbers
from assessor.domain import BANDS, band_for
from assessor.scoring import EVIDENCE_THRESHOLD, score
from assessor.scoring.agreement import exact_variance, sample_variance

CUTS = [b.upper for b in BANDS[:-1]]  # 12.5, 37.5, 62.5, 87.5


def _band_of_printed(printed: int) -> str:
    """The band a reader infers from the printed whole number (cut-offs lie at x.5, so never on an integer)."""
    return band_for(float(printed)).id


# Scores near every cut-off (within a point, including the exact tie and float noise), and anywhere else.
near_cut = st.builds(
    lambda cut, offset: min(100.0, max(0.0, cut + offset)),
    st.sampled_from(CUTS),
    st.one_of(
        st.sampled_from([0.0, 1e-9, -1e-9, 5e-7, -5e-7, 0.5, -0.5, 0.49, -0.49, 0.51, -0.51]),
        st.floats(-1.0, 1.0, allow_nan=False),
    ),
)
anywhere = st.floats(0.0, 100.0, allow_nan=False)
scores = st.one_of(near_cut, anywhere)


@given(scores)
def test_printed_percentage_never_contradicts_its_band(value: float) -> None:
    printed = numbers.whole(value)
    assert numbers.pct(value) == f"{printed} %"
    assert band_for(value).id == _band_of_printed(printed), (value, printed)


@given(scores, st.sampled_from([*CUTS, 0.0, 50.0, 70.0, 75.0, 100.0]) | st.integers(0, 100).map(float))
def test_tick_and_gap_agree_with_the_printed_numbers(value: float, target: float) -> None:
    gap = numbers.shown_gap(target, value)
    assert gap == numbers.whole(target) - numbers.whole(value)
    # ✔ exactly when the printed score is not below the printed target.
    assert (gap is not None and gap <= 0) == (numbers.whole(value) >= numbers.whole(target))


def test_ties_go_down_towards_the_lower_band() -> None:
    assert [numbers.pct(c) for c in CUTS] == ["12 %", "37 %", "62 %", "87 %"]
    assert [band_for(c).id for c in CUTS] == ["not_in_place", "initial", "developing", "established"]
    assert numbers.pct(62.500000000001) == "62 %"  # float noise is not a reason to round up
    assert numbers.pct(62.51) == "63 %" and band_for(62.51).id == "established"
    assert numbers.whole(float(Decimal("99.5"))) == 99 and numbers.whole(99.6) == 100


def test_a_gap_under_half_a_point_is_met_everywhere(build) -> None:
    """69.75 % against 70 %: printed 70 % and ✔, and the roadmap does not treat it as a gap either."""
    items = [build.item(f"E1-0{i}") for i in range(1, 5)] + [build.item("E2-01", "E2", "L2")]
    q = build.questionnaire(items)
    fw = build.framework([q])
    # E1 items at 3, 3, 3 and 2.5 (median of 2 and 3): (75 × 3 + 62.5) / 4 = 71.875; use target 72.
    rs = [
        build.respondent("a", {"E1-01": 3, "E1-02": 3, "E1-03": 3, "E1-04": 2, "E2-01": 2}),
        build.respondent("b", {"E1-01": 3, "E1-02": 3, "E1-03": 3, "E1-04": 3, "E2-01": 2}),
    ]
    result = score(fw, q, build.assessment(q, rs, targets={"A": 72.0}))
    e1 = next(g for g in result.gaps if g.id == "E1")
    assert e1.score == 71.875 and e1.gap is not None and 0 < e1.gap < 0.5
    assert e1.points == 0 and not e1.below_target  # printed 72 % against 72 %: ✔
    # Items at 62.5 % are printed 62 %, 10 points below 72 %: those are gaps, as printed.
    assert [p.code for p in result.priorities] == ["E1-04"]


def test_coverage_by_respondents_counts_people_not_items(build) -> None:
    items = [build.item("E1-01"), build.item("E1-02"), build.item("E2-01", "E2", "L2")]
    q = build.questionnaire(items)
    fw = build.framework([q])
    rs = [
        build.respondent("a", {"E1-01": 3, "E1-02": 3, "E2-01": 2}),
        build.respondent("b", {"E1-01": 2, "E1-02": 1}),
        build.respondent("c", {"E1-01": 4}),
    ]
    result = score(fw, q, build.assessment(q, rs))
    b = result.rollup("dimension", "B")
    assert b.coverage == 100.0  # every item of B has a value ...
    assert (b.respondents, b.respondent_total) == (1, 3)  # ... but one person of three gave it
    assert round(b.respondent_coverage, 1) == 33.3
    a = result.rollup("dimension", "A")
    assert (a.respondents, a.respondent_total) == (3, 3)
    assert result.segment(None).rollup("dimension", "B").respondent_total == 3


def test_low_agreement_ties_fall_to_the_item_code_not_to_float_noise(build) -> None:
    # Ratings (2, 2, 4) and (1, 1, 3): the same spread, one point apart.  In floating point the
    # second variance comes out larger in the last bit; exactly, they are equal.
    assert sample_variance([0, 0, 2, 0, 1], 0) != sample_variance([0, 2, 0, 1, 0], 0)
    assert exact_variance([0, 0, 2, 0, 1], 0) == exact_variance([0, 2, 0, 1, 0], 0)
    items = [build.item("E1-01"), build.item("E1-02"), build.item("E1-03")]
    q = build.questionnaire(items)
    fw = build.framework([q])
    rs = [
        build.respondent("a", {"E1-01": 2, "E1-02": 1, "E1-03": 0}),
        build.respondent("b", {"E1-01": 2, "E1-02": 1, "E1-03": 4}),
        build.respondent("c", {"E1-01": 4, "E1-02": 3, "E1-03": 4}),
    ]
    result = score(fw, q, build.assessment(q, rs))
    # E1-03 (0, 4, 4) is the most divisive; E1-01 and E1-02 tie exactly and go by code.
    assert result.low_agreement == ("E1-03", "E1-01", "E1-02")


def test_evidence_threshold_needs_a_rating_and_enough_coverage(build) -> None:
    items = [build.item("E1-01"), build.item("E1-02"), build.item("E2-01", "E2", "L2"), build.item("E2-02", "E2")]
    q = build.questionnaire(items)
    fw = build.framework([q])
    nobody = score(fw, q, build.assessment(q, []))
    silent = score(fw, q, build.assessment(q, [build.respondent("a", {})]))
    quarter = score(fw, q, build.assessment(q, [build.respondent("a", {"E1-01": 4})]))
    half = score(fw, q, build.assessment(q, [build.respondent("a", {"E1-01": 4, "E2-01": 4})]))
    assert EVIDENCE_THRESHOLD == 50.0
    assert not nobody.enough_evidence and not silent.enough_evidence
    assert quarter.overall.coverage == 25.0 and not quarter.enough_evidence
    assert half.overall.coverage == 50.0 and half.enough_evidence  # inclusive
