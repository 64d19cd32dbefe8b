"""Turning results into JSON-ready dicts with a stable key order."""

from __future__ import annotations

from typing import Any

from assessor.domain import BANDS, Band, Text
from assessor.scoring.compare import Comparison
from assessor.scoring.result import (
    Agreement,
    Explanation,
    ItemScore,
    PyramidVerdict,
    RollUp,
    ScoringResult,
)
from assessor.scoring.rules import (
    COVERAGE_THRESHOLD,
    EVIDENCE_THRESHOLD,
    LOW_AGREEMENT_THRESHOLD,
    PYRAMID_THRESHOLD_BAND,
)

RESULT_FORMAT = "assessor.scoring-result/1"
"""Layout id of :func:`result_to_dict` output; bump it on breaking changes."""

DECIMALS = 4
"""Numbers in the JSON output are rounded to this many decimals (display only)."""


def _num(value: float | None) -> float | None:
    return None if value is None else round(value, DECIMALS)


def _text(text: Text) -> dict[str, str]:
    return {"en": text.en, "ja": text.ja}


def _band(band: Band | None) -> dict[str, Any] | None:
    if band is None:
        return None
    return {"id": band.id, "rank": band.rank, "name": _text(band.name)}


def _agreement(agreement: Agreement) -> dict[str, Any]:
    return {
        "respondents": agreement.respondents,
        "sd": _num(agreement.sd),
        "iqr": _num(agreement.iqr),
        "r_wg": _num(agreement.r_wg),
        "low": agreement.low,
    }


def _explanation(explanation: Explanation) -> dict[str, Any]:
    return {
        "formula": explanation.formula,
        "calculation": explanation.calculation,
        "coverage_calculation": explanation.coverage_calculation,
        "used": [
            {
                "code": c.code,
                "source": c.source,
                "value": _num(c.value),
                "percent": _num(c.percent),
                "weight": c.weight,
            }
            for c in explanation.used
        ],
        "left_out": [{"code": o.code, "status": o.status, "weight": o.weight} for o in explanation.left_out],
    }


def _rollup(rollup: RollUp) -> dict[str, Any]:
    return {
        "kind": rollup.kind,
        "id": rollup.id,
        "name": _text(rollup.name),
        "score": _num(rollup.score),
        "band": _band(rollup.band),
        "status": rollup.status,
        "coverage": _num(rollup.coverage),
        "answered_weight": _num(rollup.answered_weight),
        "total_weight": _num(rollup.total_weight),
        "respondents": rollup.respondents,
        "respondent_total": rollup.respondent_total,
        "agreement": _agreement(rollup.agreement),
        "explanation": _explanation(rollup.explanation),
    }


def _item(item: ItemScore) -> dict[str, Any]:
    return {
        "code": item.code,
        "element_id": item.element_id,
        "dimension_id": item.dimension_id,
        "pyramid_level_id": item.pyramid_level_id,
        "weight": item.weight,
        "status": item.status,
        "source": item.source,
        "value": _num(item.value),
        "percent": _num(item.percent),
        "median": _num(item.median),
        "consensus": None
        if item.consensus is None
        else {"level": item.consensus.level, "rationale": item.consensus.rationale},
        "distribution": list(item.distribution),
        "not_applicable": [{"respondent_id": n.respondent_id, "reason": n.reason} for n in item.not_applicable],
        "agreement": _agreement(item.agreement),
        "explanation": item.explanation,
    }


def _pyramid(verdict: PyramidVerdict) -> dict[str, Any]:
    return {
        "achieved_level_id": verdict.achieved_level_id,
        "achieved_rank": verdict.achieved_rank,
        "blocking_level_id": verdict.blocking_level_id,
        "not_yet_counted": list(verdict.not_yet_counted),
        "levels": [
            {
                "level_id": level.level_id,
                "rank": level.rank,
                "name": _text(level.name),
                "score": _num(level.score),
                "band": _band(level.band),
                "status": level.status,
                "meets_threshold": level.meets_threshold,
                "counted": level.counted,
            }
            for level in verdict.levels
        ],
    }


def result_to_dict(result: ScoringResult) -> dict[str, Any]:
    """Return ``result`` as plain JSON-ready data.

    Keys are inserted in a fixed order (``json.dumps`` keeps it), lists follow
    questionnaire and framework order, and numbers are rounded to
    :data:`DECIMALS` decimals, so the same input always serialises identically.
    """
    return {
        "format": RESULT_FORMAT,
        "questionnaire": {
            "id": result.questionnaire_id,
            "version": result.questionnaire_version,
        },
        "organisation": result.organisation,
        "assessed_on": result.assessed_on,
        "scale": {"min": result.scale_min, "max": result.scale_max},
        "rules": {
            "coverage_threshold": COVERAGE_THRESHOLD,
            "evidence_threshold": EVIDENCE_THRESHOLD,
            "pyramid_threshold_band": PYRAMID_THRESHOLD_BAND,
            "low_agreement_threshold": LOW_AGREEMENT_THRESHOLD,
            "bands": [{**(_band(band) or {}), "lower": band.lower, "upper": band.upper} for band in BANDS],
        },
        "respondent_count": result.respondent_count,
        "enough_evidence": result.enough_evidence,
        "overall": _rollup(result.overall),
        "pyramid": _pyramid(result.pyramid),
        "rollups": [_rollup(r) for r in result.rollups],
        "items": [_item(i) for i in result.items],
        "low_agreement": list(result.low_agreement),
        "gaps": [
            {
                "kind": g.kind,
                "id": g.id,
                "target": _num(g.target),
                "score": _num(g.score),
                "gap": _num(g.gap),
                "points": g.points,
                "status": g.status,
            }
            for g in result.gaps
        ],
        "priorities": [
            {
                "rank": p.rank,
                "code": p.code,
                "element_id": p.element_id,
                "dimension_id": p.dimension_id,
                "pyramid_level_id": p.pyramid_level_id,
                "weak_foundation": p.weak_foundation,
                "weight": p.weight,
                "percent": _num(p.percent),
                "target": _num(p.target),
                "gap": _num(p.gap),
                "weighted_gap": _num(p.weighted_gap),
            }
            for p in result.priorities
        ],
        "min_group_size": result.min_group_size,
        "segments": [
            {
                "segment": s.segment,
                "combined": s.combined,
                "respondent_count": s.respondent_count,
                "pyramid": _pyramid(s.pyramid),
                "rollups": [_rollup(r) for r in s.rollups],
                "items": [_item(i) for i in s.items],
            }
            for s in result.segments
        ],
    }


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """Return a :class:`Comparison` as JSON-ready data with a stable key order."""
    return {
        "previous": {
            "questionnaire": list(comparison.previous_questionnaire),
            "assessed_on": comparison.previous_assessed_on,
            "pyramid_rank": comparison.previous_pyramid_rank,
        },
        "current": {
            "questionnaire": list(comparison.current_questionnaire),
            "assessed_on": comparison.current_assessed_on,
            "pyramid_rank": comparison.current_pyramid_rank,
        },
        "same_questionnaire": comparison.same_questionnaire,
        "rollups": [
            {
                "kind": d.kind,
                "id": d.id,
                "previous": _num(d.previous),
                "current": _num(d.current),
                "delta": _num(d.delta),
                "previous_band": d.previous_band,
                "current_band": d.current_band,
            }
            for d in comparison.rollups
        ],
        "items": [
            {
                "code": d.code,
                "previous": _num(d.previous),
                "current": _num(d.current),
                "delta": _num(d.delta),
            }
            for d in comparison.items
        ],
        "only_in_previous": list(comparison.only_in_previous),
        "only_in_current": list(comparison.only_in_current),
    }
