"""KPI values from raw counts, range checks and the reading against target and trend (hand-computed)."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from assessor.domain import Kpi, Text
from assessor.scoring.kpis import KpiInputError, KpiValue, ces, check_value, csat, fcr, from_distribution, nps

T = Text("x", "x")
NPS = Kpi("NPS", T, T, T, unit="points", kind="customer", lower=-100, upper=100, min_n=30)
MTTR = Kpi("MTTR", T, T, T, unit="hours", direction="lower", upper=None, variants=("respond", "restore", "resolve"))
SLA = Kpi("SLA", T, T, T, min_n=30)


def test_csat_is_the_share_of_fours_and_fives() -> None:
    # Seed 001: 60 of 100 respondents satisfied or very satisfied -> 60 %.
    result = csat({5: 35, 4: 25, 3: 20, 2: 12, 1: 8})
    assert (result.value, result.n) == (60.0, 100)


def test_nps_is_promoters_minus_detractors() -> None:
    # Seed 001: 50 % promoters, 27 % detractors -> 23; passives count only in the denominator.
    result = nps({10: 30, 9: 20, 8: 13, 7: 10, 6: 7, 5: 5, 3: 5, 0: 10})
    assert result.n == 100
    assert result.value == pytest.approx(23.0)
    assert result.parts == pytest.approx({"promoters": 50.0, "passives": 23.0, "detractors": 27.0})
    # 3 promoters, 1 passive, 1 detractor of 5: 60 % - 20 % = 40.
    assert nps({10: 3, 8: 1, 2: 1}).value == pytest.approx(40.0)
    assert nps({0: 4}).value == pytest.approx(-100.0)


def test_ces_is_the_mean_with_the_top_three_share_beside_it() -> None:
    # (7x10 + 6x10 + 5x5 + 4x5 + 2x10) / 40 = 195 / 40 = 4.875; answering 5-7: 25 of 40 = 62.5 %.
    result = ces({7: 10, 6: 10, 5: 5, 4: 5, 2: 10})
    assert result.value == pytest.approx(4.875)
    assert result.parts["top3"] == pytest.approx(62.5)


def test_fcr_gross_and_net() -> None:
    # 70 of 100 contacts resolved at the first contact; 10 could never be: gross 70 %, net 70/90.
    result = fcr(resolved_first=70, contacts=100, unresolvable=10)
    assert result.value == pytest.approx(70.0)
    assert result.parts["net"] == pytest.approx(77.777, abs=1e-3)
    assert "net" not in fcr(0, 5, unresolvable=5).parts  # undefined, never shown as 0 %


@pytest.mark.parametrize(
    ("compute", "message"),
    [
        (lambda: csat({6: 3}), "answer 6 is not on the 1-5 satisfaction scale (1-5)"),
        (lambda: csat({4: -1}), "the count for answer 4 must be a whole number of 0 or more, not -1"),
        (lambda: csat({4: 1.5}), "the count for answer 4 must be a whole number of 0 or more, not 1.5"),
        (lambda: nps({}), "no responses on the 0-10 recommendation scale"),
        (lambda: nps({True: 3}), "answer True is not on the 0-10 recommendation scale (0-10)"),
        (lambda: ces({0: 1}), "answer 0 is not on the 1-7 effort scale (1-7)"),
        (lambda: fcr(5, 0), "no contacts"),
        (lambda: fcr(95, 100, unresolvable=10), "resolved_first (95) exceeds the contacts that could be resolved"),
        (lambda: fcr(1, 2, unresolvable=3), "unresolvable (3) exceeds contacts (2)"),
        (lambda: from_distribution("MTTR", {1: 1}), "MTTR cannot be computed from a distribution"),
    ],
)
def test_raw_data_that_cannot_be_computed_says_why(compute: object, message: str) -> None:
    with pytest.raises(KpiInputError) as raised:
        compute()  # type: ignore[operator]
    assert str(raised.value).startswith(message)
    assert len(raised.value.problems) == 1 and raised.value.problems[0].code


def test_from_distribution_dispatches_by_kpi() -> None:
    assert from_distribution("CSAT", {5: 1, 1: 1}).value == 50.0
    assert from_distribution("NPS", {9: 1, 6: 1}).value == 0.0


def _messages(kpi: Kpi, value: float, variant: str | None = None) -> list[str]:
    return [p.message for p in check_value(kpi, value, variant)]


def test_values_are_checked_against_range_and_variant() -> None:
    assert check_value(NPS, -100) == [] and check_value(NPS, 100) == []
    (problem,) = check_value(NPS, -120)
    assert problem.code == "out_of_range" and problem.params["lowest"] == "-100"
    assert [p.code for p in check_value(MTTR, 3.5)] == ["variant_needed"]
    assert _messages(NPS, -120) == ["NPS: -120 is outside its range (-100 to 100)"]
    assert _messages(NPS, math.nan) == ["NPS: the value must be a number"]
    assert check_value(MTTR, 1e6, "resolve") == []  # no upper bound
    assert _messages(MTTR, -1, "resolve") == ["MTTR: -1 is outside its range (0 to no upper limit)"]
    assert _messages(MTTR, 3.5) == ["MTTR: name the variant (respond, restore, resolve)"]
    assert _messages(MTTR, 3.5, "repair") == ["MTTR: name the variant (respond, restore, resolve)"]
    assert _messages(NPS, 10, "net") == ["NPS: has no variants, got 'net'"]


def test_on_target_counts_the_exact_target_and_follows_the_direction() -> None:
    assert KpiValue(NPS, 20, target=20).on_target is True
    assert KpiValue(NPS, 19.9, target=20).on_target is False
    assert KpiValue(MTTR, 4, target=4).on_target is True
    assert KpiValue(MTTR, 4.1, target=4).on_target is False
    assert KpiValue(MTTR, 2, target=4).on_target is True
    assert KpiValue(NPS, 20).on_target is None


def test_worsened_is_strict_and_follows_the_direction() -> None:
    assert KpiValue(NPS, -12, previous=-5).worsened is True
    assert KpiValue(NPS, -5, previous=-5).worsened is False
    assert KpiValue(MTTR, 5, previous=4).worsened is True
    assert KpiValue(MTTR, 3, previous=4).worsened is False
    assert KpiValue(MTTR, 3).worsened is None and KpiValue(MTTR, 3).change is None
    assert KpiValue(NPS, -12, previous=-5).change == -7


def test_a_value_below_the_minimum_n_is_indicative() -> None:
    value = KpiValue(SLA, 97, n=30)
    assert not value.indicative
    assert replace(value, n=29).indicative
    assert replace(value, n=None).indicative  # unknown n cannot be relied on
    assert not KpiValue(MTTR, 3, variant="resolve").indicative  # no minimum declared
