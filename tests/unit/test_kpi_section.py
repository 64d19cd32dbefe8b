"""The report's KPI section: rows in their unit and language, and the chart's share of the way to target."""

from __future__ import annotations

import pytest

from assessor.domain import Framework
from assessor.reports.kpirows import CHART_CAP, kpi_section
from assessor.scoring.kpis import KpiValue
from assessor.standards import load_framework
from tests.helpers import REAL_STANDARDS


@pytest.fixture(scope="module")
def fw() -> Framework:
    return load_framework(REAL_STANDARDS)


def test_bars_measure_the_way_from_the_lowest_value_to_the_target(fw: Framework) -> None:
    values = [
        KpiValue(fw.kpi("NPS"), -8, n=600, target=20),  # (−8 + 100) / (20 + 100) = 76.7 %
        KpiValue(fw.kpi("CES"), 4.3, n=400, target=5.5),  # (4.3 − 1) / (5.5 − 1) = 73.3 %
        KpiValue(fw.kpi("MTTR"), 3.6, n=100, target=4, variant="resolve"),  # lower is better: 4 / 3.6 = 111.1 %
        KpiValue(fw.kpi("SLA"), 99, n=100, target=40),  # 247.5 % -> capped
        KpiValue(fw.kpi("FRT"), 0, n=100, target=30),  # at its floor: as good as it gets
        KpiValue(fw.kpi("CSAT"), 70, n=10, target=80),  # indicative: no bar
        KpiValue(fw.kpi("REPEAT"), 12, n=100),  # no target: no bar
    ]
    section = kpi_section(values, (), fw, "en", compared_with_scores=True)
    shares = {b.label: (round(b.share, 1), b.met, b.kind) for b in section.bars}
    assert shares == {
        "FRT": (CHART_CAP, True, "operational"),
        "MTTR": (111.1, True, "operational"),
        "SLA": (CHART_CAP, True, "operational"),
        "CES": (73.3, False, "customer"),
        "NPS": (76.7, False, "customer"),
    }
    assert [b.label for b in section.bars][:3] == ["FRT", "MTTR", "SLA"]  # operational first


def test_rows_are_written_in_the_kpis_unit_and_the_reports_language(fw: Framework) -> None:
    values = [
        KpiValue(fw.kpi("NPS"), -8, n=600, target=20, previous=4, period="2026"),
        KpiValue(fw.kpi("CSAT"), 70, n=10, target=80, period="2026"),
    ]
    en = {r.kpi_id: r for r in kpi_section(values, (), fw, "en", True).rows}
    ja = {r.kpi_id: r for r in kpi_section(values, (), fw, "ja", True).rows}
    assert (en["NPS"].value, en["NPS"].target, en["NPS"].previous) == ("−8", "+20", "+4")
    assert en["NPS"].status_label == "Below target, worse than the previous period"
    assert ja["NPS"].status_label == "目標未達、前回より悪化"
    assert en["CSAT"].status == "indicative" and en["CSAT"].status_label == "Indicative: fewer than 30 responses"
    assert ja["CSAT"].value == "70%" and ja["CSAT"].kind_label == "顧客が感じる指標"
