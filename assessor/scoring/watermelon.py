"""The watermelon and optimism checks: maturity and operations against what customers perceive (pure).

*Watermelon* (green outside, red inside): every operational KPI that has a target is on
target, while at least one customer-perceived KPI misses its target or worsened since the
previous period.

*Optimism*: a customer-perceived KPI misses its target while the self-assessment rates, at
"Established" or above, a customer-facing element that KPI gives evidence on, or pyramid
level 3 or 4 (delight rests on satisfaction: a missed satisfaction KPI undercuts a claim
of delight).

Both rules use firm evidence only: an indicative KPI value (fewer responses than the KPI's
minimum) and a roll-up without enough evidence take no part.  Each finding carries the
values and scores it rests on, so its one-sentence evidence can be written from it.  The
rules are in ``docs/methodology.md`` §14b.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from assessor.domain import BANDS, band_for
from assessor.scoring.kpis import KpiValue
from assessor.scoring.result import ScoringResult
from assessor.scoring.rules import CUSTOMER_FACING_ELEMENTS, DELIGHT_LEVELS, PYRAMID_THRESHOLD_BAND

FindingKind = Literal["watermelon", "optimism"]


@dataclass(frozen=True, slots=True)
class Claim:
    """A self-assessed score the evidence contradicts: an element or a pyramid level."""

    kind: Literal["element", "pyramid_level"]
    id: str
    score: float


@dataclass(frozen=True, slots=True)
class Finding:
    """A contradiction between the evidence and what looks fine."""

    kind: FindingKind
    green: tuple[KpiValue, ...]
    """Watermelon: the operational KPIs on target."""
    red: tuple[KpiValue, ...]
    """The customer-perceived KPIs that miss their target (or, for watermelon, worsened)."""
    claims: tuple[Claim, ...] = ()
    """Optimism: the scores rated at "Established" or above that the red KPIs contradict."""


def _firm(values: Iterable[KpiValue]) -> list[KpiValue]:
    return [v for v in values if not v.indicative]


def watermelon(values: Iterable[KpiValue]) -> Finding | None:
    """The watermelon finding, or ``None``: it needs at least one operational KPI with a target,
    all of them on target, and a customer-perceived KPI that misses its target or worsened."""
    firm = _firm(values)
    operational = [v for v in firm if v.kpi.kind == "operational" and v.target is not None]
    if not operational or not all(v.on_target for v in operational):
        return None
    red = [v for v in firm if v.kpi.kind == "customer" and (v.on_target is False or v.worsened is True)]
    if not red:
        return None
    return Finding("watermelon", tuple(operational), tuple(red))


_THRESHOLD_RANK = next(b.rank for b in BANDS if b.id == PYRAMID_THRESHOLD_BAND)


def _claimed(score: float) -> bool:
    return band_for(score).rank >= _THRESHOLD_RANK


def optimism(
    values: Iterable[KpiValue],
    element_scores: Mapping[str, float | None],
    level_scores: Mapping[str, float | None],
) -> Finding | None:
    """The optimism finding, or ``None``.

    :param element_scores: element id -> score in %, ``None`` when the element lacks evidence.
    :param level_scores: pyramid level id -> score in %, likewise.
    """
    red = [v for v in _firm(values) if v.kpi.kind == "customer" and v.on_target is False]
    if not red:
        return None
    claims: list[Claim] = []
    for element_id in CUSTOMER_FACING_ELEMENTS:
        score = element_scores.get(element_id)
        if score is not None and _claimed(score) and any(element_id in v.kpi.element_ids for v in red):
            claims.append(Claim("element", element_id, score))
    for level_id in DELIGHT_LEVELS:
        score = level_scores.get(level_id)
        if score is not None and _claimed(score):
            claims.append(Claim("pyramid_level", level_id, score))
    if not claims:
        return None
    return Finding("optimism", (), tuple(red), tuple(claims))


def claimed_scores(result: ScoringResult) -> tuple[dict[str, float | None], dict[str, float | None]]:
    """Element and pyramid-level scores of ``result`` with firm evidence (others are ``None``)."""
    elements = {r.id: (r.score if r.status == "scored" else None) for r in result.rollups if r.kind == "element"}
    levels = {r.id: (r.score if r.status == "scored" else None) for r in result.rollups if r.kind == "pyramid_level"}
    return elements, levels


def findings(values: Iterable[KpiValue], result: ScoringResult | None) -> tuple[Finding, ...]:
    """Both checks for one assessment: watermelon first, then optimism (which needs scores)."""
    values = tuple(values)
    found = [watermelon(values)]
    if result is not None:
        found.append(optimism(values, *claimed_scores(result)))
    return tuple(f for f in found if f is not None)
