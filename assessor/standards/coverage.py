"""How many items (and actions) a questionnaire (and the library) has per framework entry."""

from __future__ import annotations

from collections import Counter

from assessor.domain import BANDS, Framework, Questionnaire

COVERAGE_AXES = ("element", "principle", "design_principle", "design_activity", "pyramid_level")
"""The mappings whose item counts the coverage rules constrain."""


def coverage_matrix(fw: Framework, questionnaire: Questionnaire) -> dict[str, dict[str, int]]:
    """Count the questionnaire's items per element, principle, design principle/activity and level.

    Every id of the framework appears, with 0 where no item maps to it.
    """
    matrix: dict[str, Counter[str]] = {
        "element": Counter({e.id: 0 for e in fw.elements}),
        "principle": Counter({p.id: 0 for p in fw.principles}),
        "design_principle": Counter({p.id: 0 for p in fw.design_principles}),
        "design_activity": Counter({a.id: 0 for a in fw.design_activities}),
        "pyramid_level": Counter({lvl.id: 0 for lvl in fw.pyramid_levels}),
    }
    for item in questionnaire.items:
        matrix["element"][item.element_id] += 1
        matrix["pyramid_level"][item.pyramid_level_id] += 1
        matrix["principle"].update(item.principle_ids)
        matrix["design_principle"].update(item.design_principle_ids)
        matrix["design_activity"].update(item.design_activity_ids)
    return {axis: dict(counts) for axis, counts in matrix.items()}


def action_matrix(fw: Framework) -> dict[str, dict[str, int]]:
    """Count the actions per element and maturity band (an action counts in every band it lists)."""
    matrix = {e.id: {b.id: 0 for b in BANDS} for e in fw.elements}
    for action in fw.actions:
        for band in action.bands:
            matrix[action.element_id][band] += 1
    return matrix
