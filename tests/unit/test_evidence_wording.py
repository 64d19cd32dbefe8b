"""The one-sentence evidence of the watermelon and optimism findings, in both languages."""

from __future__ import annotations

import pytest

from assessor.domain import Framework
from assessor.reports.evidence import sentence
from assessor.scoring.kpis import KpiValue
from assessor.scoring.watermelon import Claim, Finding, optimism, watermelon
from assessor.standards import load_framework
from tests.helpers import REAL_STANDARDS


@pytest.fixture(scope="module")
def fw() -> Framework:
    return load_framework(REAL_STANDARDS)


def test_the_watermelon_sentence_names_every_number(fw: Framework) -> None:
    sla = KpiValue(fw.kpi("SLA"), 98, n=1000, target=95)
    fcr = KpiValue(fw.kpi("FCR"), 75, n=1000, target=70, variant="gross")
    nps = KpiValue(fw.kpi("NPS"), -12, n=300, target=20, previous=-5)
    found = watermelon([sla, fcr, nps])
    assert found is not None
    assert sentence(found, fw, "en") == (
        "SLA 98 % (target 95 %) and FCR 75 % (target 70 %) on target, but NPS −12 (target +20, down from −5)."
    )
    assert sentence(found, fw, "ja") == (
        "SLA 98%（目標95%）、FCR 75%（目標70%）は目標を達成していますが、NPSは−12（目標+20、前回−5から低下）です。"
    )


def test_units_follow_the_catalogue(fw: Framework) -> None:
    mttr = KpiValue(fw.kpi("MTTR"), 3.5, n=40, target=4, variant="resolve")
    ces = KpiValue(fw.kpi("CES"), 4.875, n=40, target=5.5)
    found = watermelon([mttr, ces])
    assert found is not None
    assert sentence(found, fw, "en") == "MTTR 3.5 h (target 4 h) on target, but CES 4.9 (target 5.5)."
    assert sentence(found, fw, "ja") == "MTTR 3.5時間（目標4時間）は目標を達成していますが、CESは4.9（目標5.5）です。"


def test_the_optimism_sentence_names_the_contradicted_scores(fw: Framework) -> None:
    ces = KpiValue(fw.kpi("CES"), 4.0, n=300, target=5.5)
    found = optimism([ces], {"E6": 70.0, "E2": 90.0}, {"L3": 65.0})
    assert found is not None
    assert sentence(found, fw, "en") == (
        "E6 Designing and renewing outstanding customer experiences (70 %) and level 3 Individual excellent "
        "service provision (65 %) are self-rated Established or above, but CES 4.0 (target 5.5) misses its target."
    )
    assert sentence(found, fw, "ja") == (
        "自己評価ではE6（卓越した顧客体験の設計と改良）が70%、レベル3（個別の優れたサービスの提供）が65%で"
        "「定着」以上ですが、CESは4.0（目標5.5）で目標に届いていません。"
    )


def test_a_long_list_of_claims_is_cut_to_the_highest_three(fw: Framework) -> None:
    ces = KpiValue(fw.kpi("CES"), 4.0, n=300, target=5.5)
    claims = tuple(Claim("element", e, s) for e, s in (("E5", 70.0), ("E6", 90.0), ("E7", 80.0), ("E8", 75.0)))
    text = sentence(Finding("optimism", (), (ces,), claims), fw, "en")
    assert text.startswith("E6 ") and "E7 " in text and "E8 " in text and "E5 " not in text
    assert "and 1 more are self-rated" in text
    assert "ほか1件" in sentence(Finding("optimism", (), (ces,), claims), fw, "ja")
