"""What moved since the comparison baseline, item by item (methodology §4b).

Every item of the current questionnaire falls in one category, matched with the
baseline by item code:

* ``up`` / ``down``: answered both times and its level (consensus, else median) rose / fell;
* ``unchanged``: answered both times at the same level;
* ``new``: not in the baseline's questionnaire, or not answered in the baseline;
* ``not_comparable``: N/A now or then, not answered now, or (answered both times) the two
  assessments were taken in different modes (a workshop's agreed levels against a self-audit's
  answers), which the result states once.

Items keep their bank codes across questionnaires, so a full assessment is compared
with a quick check item by item; the result says once that the questionnaires differ.

Levels are aggregates (a median or an agreed level), never one person's answer
below the minimum group size, so viewers may see them.  Pure: plain data in, plain
data out; :func:`moves_between` adapts two scoring results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from assessor.scoring.result import ItemStatus, ScoringResult

MoveKind = Literal["up", "down", "new", "not_comparable", "unchanged"]
MOVE_KINDS: tuple[MoveKind, ...] = ("up", "down", "new", "not_comparable", "unchanged")
"""Categories in the order they are listed."""
Reason = Literal["not_applicable", "unanswered", "mode"]


@dataclass(frozen=True, slots=True)
class ItemLevel:
    """One item of one assessment: its status and its level on the scale (``None`` unless answered)."""

    code: str
    status: ItemStatus
    level: float | None


@dataclass(frozen=True, slots=True)
class ItemMove:
    code: str
    kind: MoveKind
    previous: float | None
    current: float | None
    delta: float | None
    """Current minus previous level, for ``up``, ``down`` and ``unchanged``."""
    reason: Reason | None = None
    """Why a ``not_comparable`` item is not compared."""


@dataclass(frozen=True, slots=True)
class Moves:
    items: tuple[ItemMove, ...]
    """Biggest moves first: ups and downs by size of the change, then new, not comparable, unchanged."""
    not_comparable: Reason | None
    """``mode`` when the whole assessment cannot be compared item by item."""
    same_questionnaire: bool = True
    """False when the baseline used another questionnaire (items matched by code)."""

    def of_kind(self, kind: MoveKind) -> tuple[ItemMove, ...]:
        return tuple(m for m in self.items if m.kind == kind)

    @property
    def counts(self) -> dict[MoveKind, int]:
        return {kind: len(self.of_kind(kind)) for kind in MOVE_KINDS}


def _move(before: ItemLevel | None, now: ItemLevel, blocked: Reason | None) -> ItemMove:
    previous = None if before is None else before.level
    if now.status == "not_applicable" or (before is not None and before.status == "not_applicable"):
        return ItemMove(now.code, "not_comparable", previous, now.level, None, "not_applicable")
    if now.status != "answered" or now.level is None:
        return ItemMove(now.code, "not_comparable", previous, None, None, "unanswered")
    if before is None or before.status != "answered" or previous is None:
        return ItemMove(now.code, "new", None, now.level, None)
    if blocked is not None:
        return ItemMove(now.code, "not_comparable", previous, now.level, None, blocked)
    delta = now.level - previous
    kind: MoveKind = "up" if delta > 0 else "down" if delta < 0 else "unchanged"
    return ItemMove(now.code, kind, previous, now.level, delta)


def classify(
    previous: Sequence[ItemLevel],
    current: Sequence[ItemLevel],
    same_questionnaire: bool = True,
    same_mode: bool = True,
) -> Moves:
    """Classify every item of ``current`` against ``previous`` (matched by code), biggest moves first.

    ``same_questionnaire`` is only reported: items are matched by code whatever the
    questionnaire, and items the baseline's questionnaire lacks are new.
    """
    blocked: Reason | None = None if same_mode else "mode"
    before = {i.code: i for i in previous}
    moves = [_move(before.get(i.code), i, blocked) for i in current]
    order = {kind: n for n, kind in enumerate(MOVE_KINDS)}
    moves.sort(key=lambda m: (order[m.kind], -abs(m.delta or 0.0), m.code))
    return Moves(tuple(moves), blocked, same_questionnaire)


def levels(result: ScoringResult) -> tuple[ItemLevel, ...]:
    """The item levels of a scoring result."""
    return tuple(ItemLevel(i.code, i.status, i.value) for i in result.items)


def moves_between(previous: ScoringResult, current: ScoringResult, same_mode: bool = True) -> Moves:
    """What moved from ``previous`` (the comparison baseline) to ``current``."""
    return classify(
        levels(previous),
        levels(current),
        same_questionnaire=(previous.questionnaire_id, previous.questionnaire_version)
        == (current.questionnaire_id, current.questionnaire_version),
        same_mode=same_mode,
    )
