"""Gaps to target per dimension and element, and the improvement priority of items."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from assessor.domain import Framework
from assessor.numbers import shown_gap
from assessor.scoring.result import (
    Gap,
    ItemScore,
    Priority,
    PyramidVerdict,
    RollUp,
    find_rollup,
)


def _gap(kind: Literal["dimension", "element"], target: float, rollup: RollUp) -> Gap:
    return Gap(
        kind=kind,
        id=rollup.id,
        target=target,
        score=rollup.score,
        gap=None if rollup.score is None else target - rollup.score,
        status=rollup.status,
        points=shown_gap(target, rollup.score),
    )


def find_gaps(framework: Framework, rollups: Sequence[RollUp], targets: Mapping[str, float]) -> tuple[Gap, ...]:
    """Return target - score per dimension with a target, each followed by its elements.

    Elements inherit their dimension's target.  A roll-up without a score has
    gap ``None``: an unknown gap is not a zero gap.
    """
    gaps: list[Gap] = []
    for dimension in framework.dimensions:
        if dimension.id not in targets:
            continue
        target = float(targets[dimension.id])
        gaps.append(_gap("dimension", target, find_rollup(rollups, "dimension", dimension.id)))
        gaps.extend(
            _gap("element", target, find_rollup(rollups, "element", element.id))
            for element in framework.elements
            if element.dimension_id == dimension.id
        )
    return tuple(gaps)


def prioritise(
    items: Sequence[ItemScore], targets: Mapping[str, float], pyramid: PyramidVerdict
) -> tuple[Priority, ...]:
    """Rank the answered items that fall short of their dimension's target.

    An item falls short when its printed gap (whole target minus whole score) is
    positive, so the list agrees with the numbers a reader sees.  Order (methodology §9):
    first items on pyramid levels that do not meet the
    threshold, lowest level first (weak foundations first); within that, and
    then for all remaining items, the largest weighted gap (weight x gap)
    first; item code breaks ties.
    """
    weak = {level.level_id for level in pyramid.levels if not level.meets_threshold}
    ranks = {level.level_id: level.rank for level in pyramid.levels}
    found: list[tuple[tuple[int, int, float, str], ItemScore, float]] = []
    for item in items:
        if item.percent is None or item.dimension_id not in targets:
            continue
        target = float(targets[item.dimension_id])
        gap = target - item.percent
        points = shown_gap(target, item.percent)
        if points is None or points <= 0:  # as printed: 69.7 % against 70 % is met
            continue
        weighted = item.weight * gap
        rank = ranks.get(item.pyramid_level_id, 0)
        is_weak = item.pyramid_level_id in weak
        key = (0, rank, -weighted, item.code) if is_weak else (1, 0, -weighted, item.code)
        found.append((key, item, target))
    found.sort(key=lambda entry: entry[0])
    return tuple(
        Priority(
            rank=position,
            code=item.code,
            element_id=item.element_id,
            dimension_id=item.dimension_id,
            pyramid_level_id=item.pyramid_level_id,
            pyramid_rank=ranks.get(item.pyramid_level_id, 0),
            weak_foundation=item.pyramid_level_id in weak,
            weight=item.weight,
            percent=item.percent,
            target=target,
            gap=target - item.percent,
            weighted_gap=item.weight * (target - item.percent),
        )
        for position, (_, item, target) in enumerate(found, start=1)
        if item.percent is not None
    )
