"""One roll-up: weighted mean of its answered items, coverage, band and agreement."""

from __future__ import annotations

from collections.abc import Sequence

from assessor.domain import band_for
from assessor.scoring.agreement import pooled_agreement
from assessor.scoring.explain import (
    coverage_calculation,
    rollup_calculation,
    rollup_formula,
)
from assessor.scoring.layout import RollUpSpec
from assessor.scoring.result import (
    Contribution,
    Explanation,
    ItemScore,
    Omission,
    RollUp,
    RollUpStatus,
)
from assessor.scoring.rules import COMPARISON_DECIMALS, COVERAGE_THRESHOLD


def build_rollup(
    spec: RollUpSpec,
    items: Sequence[ItemScore],
    variances: Sequence[float | None],
    respondents: int,
    null_variance: float,
    minimum: int,
    maximum: int,
    respondent_total: int = 0,
) -> RollUp:
    """Return the roll-up of ``spec`` over already scored items.

    score = Σ(w x item %) / Σw over answered items; N/A and unanswered items are
    left out of both sums and only lower the coverage.

    :param variances: each item's rating variance, parallel to ``items``.
    :param respondents: respondents who rated at least one item of the roll-up.
    :param respondent_total: all respondents of the group scored (for coverage by people).
    """
    used: list[Contribution] = []
    left_out: list[Omission] = []
    parts: list[tuple[float, float, float]] = []
    weighted = answered = total = 0.0
    for index in spec.indices:
        item = items[index]
        total += item.weight
        if item.percent is None or item.value is None or item.source is None:
            left_out.append(Omission(item.code, item.status, item.weight))
            continue
        weighted += item.weight * item.percent
        answered += item.weight
        used.append(Contribution(item.code, item.source, item.value, item.percent, item.weight))
        variance = variances[index]
        if variance is not None and item.agreement.iqr is not None:
            parts.append((item.weight, variance, item.agreement.iqr))
    # Clamp only float noise: a weighted mean of values in 0-100 is in 0-100.
    score = min(100.0, max(0.0, weighted / answered)) if answered else None
    coverage = answered / total * 100 if total else 0.0
    status: RollUpStatus
    if score is None:
        status = "no_evidence"
    elif round(coverage, COMPARISON_DECIMALS) >= COVERAGE_THRESHOLD:
        status = "scored"
    else:
        status = "insufficient_evidence"
    return RollUp(
        kind=spec.kind,
        id=spec.id,
        name=spec.name,
        score=score,
        band=None if score is None else band_for(score),
        status=status,
        coverage=coverage,
        answered_weight=answered,
        total_weight=total,
        agreement=pooled_agreement(respondents, parts, null_variance),
        explanation=Explanation(
            used=tuple(used),
            left_out=tuple(left_out),
            formula=rollup_formula(maximum, minimum),
            calculation=rollup_calculation(used, score),
            coverage_calculation=coverage_calculation(used, left_out, coverage),
        ),
        respondents=respondents,
        respondent_total=respondent_total,
    )
