"""The shift between a workshop's first and second vote on one item, computed by hand."""

from __future__ import annotations

import pytest

from assessor.scoring.rounds import AGREEMENT_SHIFT, round_shift, round_stats


def test_a_split_room_that_moves_up_and_converges() -> None:
    # Round 1: ratings 0, 0, 4, 4 (a split room). Median (0 + 4) / 2 = 2, mean 2,
    # variance = 4 * 4 * ... : deviations ±2, squares 4 each, sum 16, / (4 - 1) = 5.333,
    # r_wg = 1 - 5.333 / 2 (5 options: (25 - 1) / 12 = 2) -> below 0, clamped to 0.
    # Round 2: ratings 3, 3, 3, 4. Median 3, mean 3.25, variance: deviations -0.25 x3, 0.75;
    # squares 0.0625 x3 + 0.5625 = 0.75, / 3 = 0.25, r_wg = 1 - 0.25 / 2 = 0.875.
    shift = round_shift((2, 0, 0, 0, 2), (0, 0, 0, 3, 1), 0)
    assert shift.before.rated == 4 and shift.after.rated == 4
    assert shift.before.median == 2.0 and shift.after.median == 3.0
    assert shift.before.mean == 2.0 and shift.after.mean == 3.25
    assert shift.before.r_wg == 0.0
    assert shift.after.r_wg == pytest.approx(0.875)
    assert (shift.direction, shift.agreement) == ("up", "converged")
    assert not shift.unchanged


def test_moving_down_without_a_change_in_agreement() -> None:
    # Round 1: 3, 4 -> median 3.5, variance 0.5, r_wg 0.75. Round 2: 2, 3 -> median 2.5, the same spread.
    shift = round_shift((0, 0, 0, 1, 1), (0, 0, 1, 1, 0), 0)
    assert shift.before.median == 3.5 and shift.after.median == 2.5
    assert shift.before.r_wg == pytest.approx(0.75) and shift.after.r_wg == pytest.approx(0.75)
    assert (shift.direction, shift.agreement) == ("down", "same")


def test_a_room_that_drifts_apart_around_the_same_median() -> None:
    # Round 1: 2, 2, 2 -> variance 0, r_wg 1. Round 2: 1, 2, 3 -> median 2, variance 1, r_wg 0.5.
    shift = round_shift((0, 0, 3, 0, 0), (0, 1, 1, 1, 0), 0)
    assert shift.before.median == shift.after.median == 2.0
    assert shift.before.r_wg == 1.0 and shift.after.r_wg == pytest.approx(0.5)
    assert (shift.direction, shift.agreement) == ("same", "diverged")


def test_nobody_changed_their_mind() -> None:
    shift = round_shift((1, 0, 2, 0, 1), (1, 0, 2, 0, 1), 0)
    assert (shift.direction, shift.agreement) == ("same", "same") and shift.unchanged


def test_a_change_of_agreement_just_below_the_threshold_is_no_change() -> None:
    # 0, 1 -> variance 0.5, r_wg 0.75 (5 options); 0, 1, 1 -> variance 1/3, r_wg 0.8333: +0.083 < 0.10.
    shift = round_shift((1, 1, 0, 0, 0), (1, 2, 0, 0, 0), 0)
    assert shift.after.r_wg is not None and shift.before.r_wg is not None
    assert 0 < shift.after.r_wg - shift.before.r_wg < AGREEMENT_SHIFT
    assert shift.agreement == "same" and shift.direction == "up"  # median 0.5 -> 1


def test_too_few_ratings_for_agreement_and_none_at_all() -> None:
    one = round_stats((0, 1, 0), 1)
    assert (one.rated, one.median, one.mean, one.r_wg) == (1, 2.0, 2.0, None)
    empty = round_stats((0, 0, 0), 1)
    assert (empty.rated, empty.median, empty.mean, empty.r_wg) == (0, None, None, None)
    shift = round_shift((0, 0, 0), (0, 2, 0), 1)
    assert (shift.direction, shift.agreement) == ("same", "unknown") and shift.unchanged


def test_both_rounds_must_be_on_one_scale() -> None:
    with pytest.raises(ValueError, match="same scale"):
        round_shift((1, 2), (1, 2, 3), 0)
