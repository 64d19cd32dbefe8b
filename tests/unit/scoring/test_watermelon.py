"""The watermelon and optimism findings: present, absent and at the exact target (hand-built cases)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assessor.domain import Kpi, Text
from assessor.scoring import score
from assessor.scoring.kpis import KpiValue
from assessor.scoring.watermelon import Claim, claimed_scores, findings, optimism, watermelon
from tests.factories import make_example

T = Text("x", "x")
SLA = Kpi("SLA", T, T, T, kind="operational", element_ids=("E8",), pyramid_level_ids=("L1",), min_n=30)
FCR = Kpi("FCR", T, T, T, kind="operational", element_ids=("E4", "E8"), min_n=30)
NPS = Kpi("NPS", T, T, T, unit="points", kind="customer", lower=-100, element_ids=("E5", "E6", "E7", "E9"), min_n=30)
CES = Kpi("CES", T, T, T, unit="scale", kind="customer", lower=1, upper=7, element_ids=("E6", "E8"), min_n=30)

SLA_GREEN = KpiValue(SLA, 98, n=1200, target=95)
FCR_GREEN = KpiValue(FCR, 75, n=800, target=70)
NPS_RED = KpiValue(NPS, -12, n=300, target=20, previous=-5)


def test_green_operations_with_a_red_customer_kpi_is_a_watermelon() -> None:
    found = watermelon([SLA_GREEN, FCR_GREEN, NPS_RED])
    assert found is not None and found.kind == "watermelon"
    assert found.green == (SLA_GREEN, FCR_GREEN) and found.red == (NPS_RED,)


def test_one_operational_kpi_off_target_is_no_watermelon() -> None:
    assert watermelon([replace(SLA_GREEN, value=90), FCR_GREEN, NPS_RED]) is None


def test_without_operational_targets_there_is_no_watermelon() -> None:
    assert watermelon([NPS_RED]) is None
    assert watermelon([replace(SLA_GREEN, target=None), NPS_RED]) is None


def test_the_exact_target_is_on_target_on_both_sides() -> None:
    at_target = replace(SLA_GREEN, value=95)
    assert watermelon([at_target, NPS_RED]) is not None  # 95 % against 95 %: green
    nps_at_target = replace(NPS_RED, value=20, previous=20)
    assert watermelon([at_target, nps_at_target]) is None  # NPS exactly at target and steady: not red


def test_a_customer_kpi_on_target_but_falling_is_red() -> None:
    falling = replace(NPS_RED, value=25, previous=31)
    found = watermelon([SLA_GREEN, falling])
    assert found is not None and found.red == (falling,)


def test_indicative_values_take_no_part() -> None:
    assert watermelon([SLA_GREEN, replace(NPS_RED, n=12)]) is None
    assert watermelon([replace(SLA_GREEN, n=None), NPS_RED]) is None


def test_a_missed_customer_kpi_contradicts_established_customer_facing_scores() -> None:
    ces_red = KpiValue(CES, 4.0, n=200, target=5.5)
    elements = {"E5": 90.0, "E6": 70.0, "E8": 60.0, "E2": 95.0}
    levels = {"L1": 80.0, "L3": 65.0, "L4": None}
    found = optimism([ces_red], elements, levels)
    assert found is not None and found.kind == "optimism" and found.red == (ces_red,)
    # E5 is Leading but CES does not evidence it; E8 is only Developing; E2 is not customer-facing;
    # L4 lacks evidence; L1 is not a level of delight.
    assert found.claims == (Claim("element", "E6", 70.0), Claim("pyramid_level", "L3", 65.0))


def test_optimism_at_the_band_boundary() -> None:
    ces_red = KpiValue(CES, 4.0, n=200, target=5.5)
    assert optimism([ces_red], {"E6": 62.5}, {}) is None  # 62.5 % is still Developing
    found = optimism([ces_red], {"E6": 62.51}, {})
    assert found is not None and found.claims == (Claim("element", "E6", 62.51),)


def test_no_optimism_without_a_missed_target() -> None:
    assert optimism([KpiValue(CES, 5.5, n=200, target=5.5)], {"E6": 90.0}, {"L3": 90.0}) is None
    # Falling but on target: a watermelon signal, not a contradiction of the self-rating.
    assert optimism([KpiValue(CES, 5.6, n=200, target=5.5, previous=6.0)], {"E6": 90.0}, {}) is None
    assert optimism([replace(NPS_RED, n=5)], {"E6": 90.0}, {"L3": 90.0}) is None


def test_findings_without_scores_run_the_watermelon_check_only() -> None:
    assert [f.kind for f in findings([SLA_GREEN, NPS_RED], None)] == ["watermelon"]
    assert findings([], None) == ()


def test_findings_read_firm_scores_from_a_scoring_result() -> None:
    # The worked example: L3 rests on E2-02 (levels 3 and 4 -> 87.5 %), L4 has no rating at all.
    result = score(*make_example(), min_group_size=1)
    elements, levels = claimed_scores(result)
    assert levels["L4"] is None and levels["L3"] == pytest.approx(87.5)
    assert set(elements) == {"E1", "E2"}
    (watermelon_finding, optimism_finding) = findings([SLA_GREEN, NPS_RED], result)
    assert watermelon_finding.kind == "watermelon"
    # Neither example element is customer-facing; level 3 is claimed at 87.5 % while NPS misses its target.
    assert optimism_finding.claims == (Claim("pyramid_level", "L3", pytest.approx(87.5)),)
