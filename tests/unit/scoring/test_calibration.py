"""Calibration statistics on small classes worked out by hand (each expected value is derived in a comment)."""

from __future__ import annotations

import pytest

from assessor.scoring.calibration import (
    LENIENT_ABOVE,
    SEVERE_BELOW,
    class_stats,
    furthest_from_key,
    item_stats,
    tendency,
    trainee_stats,
)

LEVELS = (0, 1, 2, 3, 4)
KEY = {"A-01": 0, "A-02": 1, "A-03": 2, "A-04": 3}


def test_a_trainee_one_level_high_everywhere() -> None:
    # deviations +1 +1 +1 +1: none exact, all within one, |d| mean 1, signed mean +1 > +0.25
    stats = trainee_stats({code: level + 1 for code, level in KEY.items()}, KEY)
    assert stats.counted == 4
    assert stats.exact == 0.0
    assert stats.within_one == 1.0
    assert stats.mad == 1.0
    assert stats.bias == 1.0
    assert stats.tendency == "lenient"


def test_a_key_at_the_top_of_the_scale_caps_the_lenient_trainee() -> None:
    # key 2, 3, 4, 4; the trainee answers one level high where they can: 3, 4, and 4, 4 at the top.
    # deviations +1 +1 0 0: exact 2/4 = 0.5, within one 4/4, MAD 2/4 = 0.5, bias +0.5 (lenient).
    key = {"A-01": 2, "A-02": 3, "A-03": 4, "A-04": 4}
    stats = trainee_stats({"A-01": 3, "A-02": 4, "A-03": 4, "A-04": 4}, key)
    assert (stats.counted, stats.exact, stats.within_one) == (4, 0.5, 1.0)
    assert stats.mad == 0.5 and stats.bias == 0.5 and stats.tendency == "lenient"


def test_na_and_unrated_items_are_left_out_and_counted_items_said() -> None:
    # A-01 N/A by the trainee, A-02 unrated, A-05 N/A in the key: only A-03 (2 vs 2) and A-04 (1 vs 3)
    # count: exact 1/2, within one 1/2, MAD (0 + 2) / 2 = 1, bias (0 - 2) / 2 = -1 (severe).
    key = {**KEY, "A-05": None}
    stats = trainee_stats({"A-01": None, "A-03": 2, "A-04": 1, "A-05": 3}, key)
    assert stats.counted == 2
    assert (stats.exact, stats.within_one, stats.mad, stats.bias) == (0.5, 0.5, 1.0, -1.0)
    assert stats.tendency == "severe"


def test_a_trainee_with_nothing_counted_has_no_figures() -> None:
    stats = trainee_stats({"A-01": None}, KEY)
    assert stats.counted == 0
    assert stats.exact is stats.mad is stats.bias is stats.tendency is None


def test_the_bias_thresholds_are_exclusive() -> None:
    # exactly ±0.25 is still balanced; one item in four a level off each way gives exactly that
    assert (LENIENT_ABOVE, SEVERE_BELOW) == (0.25, -0.25)
    assert tendency(LENIENT_ABOVE) == "balanced" and tendency(SEVERE_BELOW) == "balanced"
    up = trainee_stats({"A-01": 1, "A-02": 1, "A-03": 2, "A-04": 3}, KEY)
    assert up.bias == 0.25 and up.tendency == "balanced"
    down = trainee_stats({"A-01": 0, "A-02": 0, "A-03": 1, "A-04": 3}, KEY)
    assert down.bias == -0.5 and down.tendency == "severe"


def test_item_distribution_distance_and_agreement() -> None:
    # ratings 1, 2, 2, N/A against key 2: counts [0,1,2,0,0], mean 5/3, distance -1/3, agreement 2/3
    stats = item_stats("A-03", 2, [1, 2, 2, None], LEVELS)
    assert stats.counts == (0, 1, 2, 0, 0)
    assert (stats.na, stats.rated) == (1, 3)
    assert stats.mean == pytest.approx(5 / 3)
    assert stats.distance == pytest.approx(-1 / 3)
    assert stats.agreement == pytest.approx(2 / 3)
    assert item_stats("A-05", None, [1], LEVELS).distance is None


def test_class_figures_and_the_items_furthest_from_the_key() -> None:
    high = {code: min(level + 1, 4) for code, level in KEY.items()}  # bias +1, exact 0
    exact = dict(KEY)  # bias 0, exact 1
    low = {"A-01": 0, "A-02": 0, "A-03": 1, "A-04": 2}  # deviations 0 -1 -1 -1: bias -0.75, exact 0.25
    stats = class_stats([high, exact, low], KEY, LEVELS)
    assert [t.tendency for t in stats.trainees] == ["lenient", "balanced", "severe"]
    assert stats.mean_exact == pytest.approx((0 + 1 + 0.25) / 3)
    assert stats.mean_bias == pytest.approx((1 + 0 - 0.75) / 3)
    assert stats.mean_mad == pytest.approx((1 + 0 + 0.75) / 3)
    assert dict(stats.tendencies) == {"lenient": 1, "balanced": 1, "severe": 1}
    # 1, 0, 0 -> mean 1/3, distance +1/3; A-02: 2, 1, 0 -> 0; A-03: 3, 2, 1 -> 0; A-04: 4, 3, 2 -> 0
    by_code = {item.code: item for item in stats.items}
    assert by_code["A-01"].distance == pytest.approx(1 / 3)
    assert by_code["A-02"].counts == (1, 1, 1, 0, 0) and by_code["A-02"].agreement == pytest.approx(1 / 3)
    assert [i.code for i in furthest_from_key(stats.items, 2)] == ["A-01", "A-02"]
