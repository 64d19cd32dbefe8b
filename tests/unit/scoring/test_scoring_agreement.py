"""Agreement statistics: quartiles, variance, r_wg, pooled roll-up agreement."""

from __future__ import annotations

import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessor.scoring.agreement import (
    item_agreement,
    pooled_agreement,
    quantile,
    r_wg,
    sample_variance,
    uniform_null_variance,
)


def counts_of(ratings: list[int]) -> list[int]:
    return [ratings.count(v) for v in range(5)]


def test_uniform_null_variance_of_five_options_is_two() -> None:
    # (A^2 - 1) / 12 with A = 5 options (levels 0-4)
    assert uniform_null_variance(5) == 2.0
    assert uniform_null_variance(7) == 4.0


@pytest.mark.parametrize(
    ("ratings", "median", "q1", "q3"),
    [
        ([3], 3.0, 3.0, 3.0),
        ([3, 4], 3.5, 3.25, 3.75),
        ([2, 3, 3], 3.0, 2.5, 3.0),
        ([1, 2, 3, 4], 2.5, 1.75, 3.25),
        ([0, 0, 4, 4], 2.0, 0.0, 4.0),
    ],
)
def test_quartiles_by_hand(ratings: list[int], median: float, q1: float, q3: float) -> None:
    counts = counts_of(ratings)
    assert quantile(counts, 0, 0.5) == pytest.approx(median)
    assert quantile(counts, 0, 0.25) == pytest.approx(q1)
    assert quantile(counts, 0, 0.75) == pytest.approx(q3)


def test_no_ratings_have_no_median() -> None:
    assert quantile([0, 0, 0, 0, 0], 0, 0.5) is None


@given(st.lists(st.integers(0, 4), min_size=2, max_size=40))
def test_quartiles_and_variance_match_the_statistics_module(ratings: list[int]) -> None:
    counts = counts_of(ratings)
    q1, q2, q3 = statistics.quantiles(ratings, n=4, method="inclusive")
    assert quantile(counts, 0, 0.25) == pytest.approx(q1)
    assert quantile(counts, 0, 0.5) == pytest.approx(statistics.median(ratings))
    assert quantile(counts, 0, 0.75) == pytest.approx(q3)
    assert sample_variance(counts, 0) == pytest.approx(statistics.variance(ratings))


@pytest.mark.parametrize(
    ("variance", "expected"),
    [(0.0, 1.0), (0.5, 0.75), (1.0, 0.5), (2.0, 0.0), (8.0, 0.0)],
)
def test_r_wg_is_one_minus_variance_ratio_clamped(variance: float, expected: float) -> None:
    assert r_wg(variance, 2.0) == pytest.approx(expected)


def test_item_agreement_needs_two_ratings() -> None:
    agreement, variance = item_agreement(counts_of([3]), 0, 2.0)
    assert (agreement.respondents, agreement.sd, agreement.iqr, agreement.r_wg) == (
        1,
        None,
        None,
        None,
    )
    assert variance is None
    assert not agreement.low


def test_item_agreement_of_a_polarised_team() -> None:
    agreement, variance = item_agreement(counts_of([0, 4]), 0, 2.0)
    assert variance == pytest.approx(8.0)  # (2^2 + 2^2) / (2 - 1)
    assert agreement.sd == pytest.approx(2.83, abs=0.01)
    assert agreement.iqr == pytest.approx(2.0)  # 3 - 1
    assert agreement.r_wg == 0.0
    assert agreement.low


def test_low_agreement_threshold_is_exclusive() -> None:
    # variance 6.6 / 11 = 0.6 gives r_wg exactly 0.70: not low.
    at_threshold = counts_of([0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2])
    agreement = item_agreement(at_threshold, 0, 2.0)[0]
    assert agreement.r_wg == pytest.approx(0.70)
    assert not agreement.low
    assert item_agreement(counts_of([2, 4]), 0, 2.0)[0].low  # 1 - 2/2 = 0


def test_pooled_agreement_weights_item_variances() -> None:
    # weights 1 and 3, variances 0.5 and 1.5, IQRs 1 and 2
    pooled = pooled_agreement(5, [(1.0, 0.5, 1.0), (3.0, 1.5, 2.0)], 2.0)
    assert pooled.respondents == 5
    assert pooled.sd == pytest.approx(1.118, abs=0.001)  # sqrt((0.5 + 4.5) / 4)
    assert pooled.iqr == pytest.approx(1.75)  # (1 + 6) / 4
    assert pooled.r_wg == pytest.approx(0.375)  # 1 - 1.25 / 2
    assert pooled.low


def test_pooled_agreement_without_spread() -> None:
    pooled = pooled_agreement(1, [], 2.0)
    assert (pooled.sd, pooled.iqr, pooled.r_wg, pooled.low) == (None, None, None, False)
