"""Comparison of two scored assessments of the same organisation."""

from __future__ import annotations

from dataclasses import dataclass

from assessor.scoring.result import RollUp, RollUpKind, ScoringResult


@dataclass(frozen=True, slots=True)
class RollUpDelta:
    """Change of one roll-up score, in percentage points (current - previous)."""

    kind: RollUpKind
    id: str
    previous: float | None
    current: float | None
    delta: float | None
    """``None`` unless both assessments have a score."""
    previous_band: str | None
    current_band: str | None


@dataclass(frozen=True, slots=True)
class ItemDelta:
    """Change of one item, matched by code, in percentage points."""

    code: str
    previous: float | None
    current: float | None
    delta: float | None


@dataclass(frozen=True, slots=True)
class Comparison:
    """Deltas between a previous and a current result.

    Items present in only one assessment are listed in ``only_in_previous`` /
    ``only_in_current`` and are never silently dropped; the roll-up deltas then
    compare different item sets, which ``same_questionnaire`` flags.
    """

    previous_questionnaire: tuple[str, str]
    current_questionnaire: tuple[str, str]
    same_questionnaire: bool
    previous_assessed_on: str | None
    current_assessed_on: str | None
    previous_pyramid_rank: int
    current_pyramid_rank: int
    rollups: tuple[RollUpDelta, ...]
    items: tuple[ItemDelta, ...]
    only_in_previous: tuple[str, ...]
    only_in_current: tuple[str, ...]


def _delta(previous: float | None, current: float | None) -> float | None:
    if previous is None or current is None:
        return None
    return current - previous


def _band(rollup: RollUp | None) -> str | None:
    return None if rollup is None or rollup.band is None else rollup.band.id


def compare(previous: ScoringResult, current: ScoringResult) -> Comparison:
    """Return the change from ``previous`` to ``current``, per roll-up and per item.

    Roll-ups are matched by (kind, id) and items by code.  Order follows the
    current result, then anything found only in the previous one.
    """
    old_rollups = {(r.kind, r.id): r for r in previous.rollups}
    new_rollups = {(r.kind, r.id): r for r in current.rollups}
    keys = list(new_rollups) + [k for k in old_rollups if k not in new_rollups]
    rollups = []
    for key in keys:
        old, new = old_rollups.get(key), new_rollups.get(key)
        old_score = None if old is None else old.score
        new_score = None if new is None else new.score
        rollups.append(
            RollUpDelta(
                kind=key[0],
                id=key[1],
                previous=old_score,
                current=new_score,
                delta=_delta(old_score, new_score),
                previous_band=_band(old),
                current_band=_band(new),
            )
        )
    old_items = {i.code: i for i in previous.items}
    new_items = {i.code: i for i in current.items}
    items = tuple(
        ItemDelta(
            code=code,
            previous=old_items[code].percent,
            current=item.percent,
            delta=_delta(old_items[code].percent, item.percent),
        )
        for code, item in new_items.items()
        if code in old_items
    )
    return Comparison(
        previous_questionnaire=(
            previous.questionnaire_id,
            previous.questionnaire_version,
        ),
        current_questionnaire=(current.questionnaire_id, current.questionnaire_version),
        same_questionnaire=(previous.questionnaire_id, previous.questionnaire_version)
        == (current.questionnaire_id, current.questionnaire_version),
        previous_assessed_on=previous.assessed_on,
        current_assessed_on=current.assessed_on,
        previous_pyramid_rank=previous.pyramid.achieved_rank,
        current_pyramid_rank=current.pyramid.achieved_rank,
        rollups=tuple(rollups),
        items=items,
        only_in_previous=tuple(c for c in old_items if c not in new_items),
        only_in_current=tuple(c for c in new_items if c not in old_items),
    )
