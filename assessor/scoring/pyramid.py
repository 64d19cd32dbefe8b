"""Service Excellence Pyramid verdict: the highest level reached on a sound base."""

from __future__ import annotations

from collections.abc import Sequence

from assessor.domain import PyramidLevel, band_by_id
from assessor.scoring.result import PyramidLevelResult, PyramidVerdict, RollUp
from assessor.scoring.rules import PYRAMID_THRESHOLD_BAND


def meets_threshold(rollup: RollUp) -> bool:
    """Return True when a level's roll-up is firm and in the threshold band or above."""
    return (
        rollup.status == "scored"
        and rollup.band is not None
        and rollup.band.rank >= band_by_id(PYRAMID_THRESHOLD_BAND).rank
    )


def pyramid_verdict(rollups: Sequence[RollUp], levels: Sequence[PyramidLevel]) -> PyramidVerdict:
    """Return the highest level L such that levels 1..L all meet the threshold.

    Levels are counted from the foundation up (ISO 23592 treats levels 1-2 as the
    base for delight): a strong level above a weak one is reported in
    ``not_yet_counted`` instead of raising the verdict.

    :param rollups: the roll-ups of kind ``pyramid_level``.
    """
    by_id = {r.id: r for r in rollups}
    results: list[PyramidLevelResult] = []
    achieved: PyramidLevel | None = None
    blocking: PyramidLevel | None = None
    not_yet: list[str] = []
    for level in sorted(levels, key=lambda lv: lv.rank):
        rollup = by_id[level.id]
        met = meets_threshold(rollup)
        counted = met and blocking is None
        if counted:
            achieved = level
        elif not met and blocking is None:
            blocking = level
        elif met:
            not_yet.append(level.id)
        results.append(
            PyramidLevelResult(
                level_id=level.id,
                rank=level.rank,
                name=level.name,
                score=rollup.score,
                band=rollup.band,
                status=rollup.status,
                meets_threshold=met,
                counted=counted,
            )
        )
    return PyramidVerdict(
        achieved_level_id=None if achieved is None else achieved.id,
        achieved_rank=0 if achieved is None else achieved.rank,
        blocking_level_id=None if blocking is None else blocking.id,
        not_yet_counted=tuple(not_yet),
        levels=tuple(results),
    )
