"""The KPI section of a report: rows, findings and the chart of each KPI against its target (pure).

The chart puts each firm KPI value beside its target as "how far along the way to the
target", measured from the KPI's lowest value (0 %, NPS −100, CES 1): (value − lowest) ÷
(target − lowest) for higher-is-better KPIs, the inverse for lower-is-better ones, in %,
capped at :data:`CHART_CAP`.  100 % is the target line; operational KPIs on the left,
customer-perceived ones on the right, so a watermelon reads at a glance: long bars on one
side, short ones on the other.  KPIs without a target, or indicative ones, are listed in the
table only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assessor import numbers
from assessor.domain import Framework, Text
from assessor.reports.evidence import TITLES, sentence
from assessor.scoring.kpis import KpiValue, latest_per_kpi
from assessor.scoring.watermelon import Finding

CHART_CAP = 150.0
"""Bars stop here (in % of the target): a KPI far above target needs no longer bar to read as met."""

_KIND = {"customer": Text("Customer-perceived", "顧客が感じる指標"), "operational": Text("Operational", "運用の指標")}
_STATUS = {
    "indicative": Text("Indicative: fewer than {n} responses", "参考値（回答{n}件未満）"),
    "none": Text("No target", "目標なし"),
    "met": Text("On target", "目標達成"),
    "missed": Text("Below target", "目標未達"),
}
_WORSE = Text("worse than the previous period", "前回より悪化")


@dataclass(frozen=True, slots=True)
class KpiRow:
    """One KPI value as the report prints it."""

    kpi_id: str
    name: str
    kind: str
    """``customer`` or ``operational``."""
    kind_label: str
    period: str
    value: str
    target: str
    previous: str
    status: str
    """``met``, ``missed``, ``none`` or ``indicative``."""
    status_label: str
    n: int | None
    source: str


@dataclass(frozen=True, slots=True)
class KpiBar:
    """One bar of the KPI chart: the value's share of the way to its target."""

    label: str
    kind: str
    share: float
    """Percent of the target reached, capped at :data:`CHART_CAP`."""
    met: bool


@dataclass(frozen=True, slots=True)
class FindingRow:
    """A watermelon or optimism finding: its heading and its one-sentence evidence."""

    kind: str
    title: str
    sentence: str


@dataclass(frozen=True, slots=True)
class KpiSection:
    """Everything the KPI page and the brief's KPI line show."""

    rows: tuple[KpiRow, ...]
    bars: tuple[KpiBar, ...]
    findings: tuple[FindingRow, ...]
    compared_with_scores: bool
    """False when the self-assessment lacked evidence, so the optimism check did not run."""


def _status(value: KpiValue) -> str:
    if value.indicative:
        return "indicative"
    if value.on_target is None:
        return "none"
    return "met" if value.on_target else "missed"


def _row(value: KpiValue, lang: str) -> KpiRow:
    status = _status(value)
    label = _STATUS[status].get(lang).format(n=value.kpi.min_n)
    if value.worsened:
        label += ("、" if lang == "ja" else ", ") + _WORSE.get(lang)
    write = numbers.in_language(lang)
    return KpiRow(
        kpi_id=value.kpi.id,
        name=value.kpi.name.get(lang),
        kind=value.kpi.kind,
        kind_label=_KIND[value.kpi.kind].get(lang),
        period=value.period,
        value=write.kpi(value.value, value.kpi.unit),
        target=write.kpi(value.target, value.kpi.unit),
        previous=write.kpi(value.previous, value.kpi.unit),
        status=status,
        status_label=label,
        n=value.n,
        source=value.source,
    )


def _bar(value: KpiValue) -> KpiBar | None:
    """The share of the way from the KPI's lowest value to its target (NPS from −100, CES from 1);
    inverted for lower-is-better KPIs (target ÷ value for durations and rates)."""
    if value.indicative or value.target is None or value.on_target is None:
        return None
    lowest = value.kpi.lower
    if value.kpi.direction == "higher":
        numerator, denominator = value.value - lowest, value.target - lowest
    else:
        numerator, denominator = value.target - lowest, value.value - lowest
    # A lower-is-better value at its floor (0 hours) is as good as it gets: a full bar.
    share = CHART_CAP if denominator <= 0 else max(0.0, min(CHART_CAP, 100.0 * numerator / denominator))
    return KpiBar(value.kpi.id, value.kpi.kind, share, bool(value.on_target))


def kpi_section(
    values: Sequence[KpiValue], found: Sequence[Finding], framework: Framework, lang: str, compared_with_scores: bool
) -> KpiSection:
    """The report's KPI section in ``lang``: operational KPIs first, then customer-perceived ones."""
    ordered = sorted(values, key=lambda v: (v.kpi.kind != "operational", v.kpi.id, v.period))
    latest = sorted(latest_per_kpi(list(values)), key=lambda v: (v.kpi.kind != "operational", v.kpi.id))
    bars = tuple(b for b in (_bar(v) for v in latest) if b is not None)
    findings = tuple(FindingRow(f.kind, TITLES[f.kind].get(lang), sentence(f, framework, lang)) for f in found)
    return KpiSection(tuple(_row(v, lang) for v in ordered), bars, findings, compared_with_scores)
