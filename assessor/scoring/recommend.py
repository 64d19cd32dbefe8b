"""From element gaps to ranked improvement actions and a roadmap (methodology §14).

Pure: imports only the standard library, :mod:`assessor.domain` and the scoring
core.  The library of actions comes from the framework (``standards/recommendations``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from assessor.domain import Action, Framework, band_by_id
from assessor.scoring.result import Gap, RollUp, ScoringResult

Bucket = Literal["quick_win", "within_year", "beyond_year"]
BUCKETS: tuple[Bucket, ...] = ("quick_win", "within_year", "beyond_year")
"""Roadmap buckets in time order: 0-3 months, 3-12 months, beyond 12 months."""

QUICK_WIN_MAX_EFFORT = 2
"""Effort 1-2 (days to a few weeks, one or two teams) fits in the first three months.

Source: our rule; the effort scale of ``standards/recommendations/README.md`` runs
from 1 (days, one team) to 5 (a year or more, organisation-wide).
"""
WITHIN_YEAR_MAX_EFFORT = 4
"""Effort 3-4 (months, several units) takes 3-12 months; effort 5 takes more than a year."""

DEFAULT_WEIGHT = 1.0
"""Weight of an action when the questionnaire has no item of its element at its pyramid level."""


@dataclass(frozen=True, slots=True)
class RecommendedAction:
    """One action of the plan, with the numbers that ranked it and its roadmap bucket."""

    rank: int
    action_id: str
    element_id: str
    pyramid_level_id: str
    pyramid_rank: int
    weak_foundation: bool
    """True when the action builds a pyramid level that does not meet the threshold."""
    band_id: str | None
    """The element's current maturity band (``None`` when the element has no score)."""
    gap: float
    """The element's gap to target in percentage points (0 when it has none, e.g. a pulled-in prerequisite)."""
    weight: float
    """Mean item weight of the element's items at the action's pyramid level (1 normal, 2 central)."""
    weighted_gap: float
    effort: int
    impact: int
    priority: float
    """weighted gap x impact / effort."""
    unmet_prerequisites: tuple[str, ...]
    depth: int
    """Length of the longest chain of unmet prerequisites below this action (0: it can start now)."""
    pulled_in: bool
    """True when the action was added only because a recommended action needs it first."""
    required_by: tuple[str, ...]
    bucket: Bucket


@dataclass(frozen=True, slots=True)
class Recommendations:
    """The ranked plan, plus the elements that got no action and why."""

    actions: tuple[RecommendedAction, ...]
    at_target: tuple[str, ...]
    """Elements at or above their target: they get no action."""
    no_evidence: tuple[str, ...]
    """Elements with a target but no score: answer their items first."""
    no_action: tuple[str, ...]
    """Elements below target for whose current band the library holds no action."""

    def in_bucket(self, bucket: Bucket) -> tuple[RecommendedAction, ...]:
        """The actions of one roadmap bucket, in rank order."""
        return tuple(a for a in self.actions if a.bucket == bucket)

    def action(self, action_id: str) -> RecommendedAction:
        """Return the recommended action with ``action_id``; ``KeyError`` if it is not in the plan."""
        for action in self.actions:
            if action.action_id == action_id:
                return action
        raise KeyError(action_id)


def _below_target(gap: Gap | None) -> bool:
    return gap is not None and gap.below_target


def _is_met(action: Action, gaps: Mapping[str, Gap], rollups: Mapping[str, RollUp]) -> bool:
    """An action is taken as in place when its element is at target or already past the action's bands."""
    gap = gaps.get(action.element_id)
    if gap is not None and gap.gap is not None and not _below_target(gap):
        return True
    rollup = rollups.get(action.element_id)
    if rollup is None or rollup.band is None:
        return False  # a foundation must be shown, not assumed (methodology §6)
    return rollup.band.rank > max(band_by_id(b).rank for b in action.bands)


def _bucket_index(effort: int) -> int:
    if effort <= QUICK_WIN_MAX_EFFORT:
        return 0
    return 1 if effort <= WITHIN_YEAR_MAX_EFFORT else 2


def recommend(framework: Framework, result: ScoringResult) -> Recommendations:
    """Choose, rank and schedule the library's actions for the result's element gaps.

    Rules (methodology §14): an element below its target gets the actions whose
    bands contain its current band; weak pyramid levels come first (lowest
    first), then the highest priority = weighted gap x impact / effort; an unmet
    prerequisite is pulled in and always ranks before the actions that need it;
    buckets follow effort and prerequisite depth.
    """
    gaps = {g.id: g for g in result.gaps if g.kind == "element"}
    rollups = {r.id: r for r in result.rollups if r.kind == "element"}
    by_id = {a.id: a for a in framework.actions}
    at_target: list[str] = []
    no_evidence: list[str] = []
    no_action: list[str] = []
    chosen: list[Action] = []
    for element in framework.elements:
        gap = gaps.get(element.id)
        if gap is None:
            continue
        if gap.gap is None:
            no_evidence.append(element.id)
            continue
        if not _below_target(gap):
            at_target.append(element.id)
            continue
        band = rollups[element.id].band
        band_id = "" if band is None else band.id
        fitting = [a for a in framework.actions if a.element_id == element.id and band_id in a.bands]
        if not fitting:
            no_action.append(element.id)
        chosen.extend(fitting)

    def unmet(action: Action) -> tuple[str, ...]:
        return tuple(p for p in action.prerequisite_ids if p in by_id and not _is_met(by_id[p], gaps, rollups))

    # Close the selection over unmet prerequisites, remembering who needed each one.
    selected = {a.id: a for a in chosen}
    required_by: dict[str, list[str]] = {}
    pulled: list[str] = []
    queue = list(chosen)
    while queue:
        action = queue.pop(0)
        for prerequisite in unmet(action):
            required_by.setdefault(prerequisite, []).append(action.id)
            if prerequisite not in selected:
                selected[prerequisite] = by_id[prerequisite]
                pulled.append(prerequisite)
                queue.append(by_id[prerequisite])

    weak = {level.level_id for level in result.pyramid.levels if not level.meets_threshold}
    ranks = {level.id: level.rank for level in framework.pyramid_levels}
    numbers: dict[str, tuple[float, float, float, float]] = {}
    for action in selected.values():
        gap = gaps.get(action.element_id)
        points = gap.gap if gap is not None and _below_target(gap) and gap.gap is not None else 0.0
        weights = [
            i.weight
            for i in result.items
            if i.element_id == action.element_id and i.pyramid_level_id == action.pyramid_level_id
        ]
        weight = sum(weights) / len(weights) if weights else DEFAULT_WEIGHT
        numbers[action.id] = (points, weight, weight * points, weight * points * action.impact / action.effort)

    def key(action: Action) -> tuple[int, int, float, str]:
        priority = numbers[action.id][3]
        if action.pyramid_level_id in weak:
            return (0, ranks.get(action.pyramid_level_id, 0), -priority, action.id)
        return (1, 0, -priority, action.id)

    ordered: list[Action] = []
    placed: set[str] = set()

    def place(action: Action) -> None:
        if action.id in placed:
            return
        placed.add(action.id)
        for prerequisite in sorted((by_id[p] for p in unmet(action)), key=key):
            place(prerequisite)
        ordered.append(action)

    for action in sorted(selected.values(), key=key):
        place(action)

    depth: dict[str, int] = {}
    bucket: dict[str, int] = {}
    for action in ordered:  # prerequisites always come first, so their numbers are known
        needs = unmet(action)
        depth[action.id] = 1 + max(depth[p] for p in needs) if needs else 0
        bucket[action.id] = max(
            _bucket_index(action.effort),
            min(depth[action.id], len(BUCKETS) - 1),
            max((bucket[p] for p in needs), default=0),
        )
    plan = []
    for position, action in enumerate(ordered, start=1):
        points, weight, weighted, priority = numbers[action.id]
        element_rollup = rollups.get(action.element_id)
        plan.append(
            RecommendedAction(
                rank=position,
                action_id=action.id,
                element_id=action.element_id,
                pyramid_level_id=action.pyramid_level_id,
                pyramid_rank=ranks.get(action.pyramid_level_id, 0),
                weak_foundation=action.pyramid_level_id in weak,
                band_id=None if element_rollup is None or element_rollup.band is None else element_rollup.band.id,
                gap=points,
                weight=weight,
                weighted_gap=weighted,
                effort=action.effort,
                impact=action.impact,
                priority=priority,
                unmet_prerequisites=unmet(action),
                depth=depth[action.id],
                pulled_in=action.id in pulled,
                required_by=tuple(required_by.get(action.id, ())),
                bucket=BUCKETS[bucket[action.id]],
            )
        )
    return Recommendations(tuple(plan), tuple(at_target), tuple(no_evidence), tuple(no_action))
