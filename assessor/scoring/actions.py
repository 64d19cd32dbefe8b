"""Action plan rules (pure): statuses, the won't-do reason, progress, overdue and "done after due".

Overdue is computed from the due date, the status and today's date; it is never stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

PLANNED = "planned"
IN_PROGRESS = "in_progress"
BLOCKED = "blocked"
DONE = "done"
WONT_DO = "wont_do"

STATUSES = (PLANNED, IN_PROGRESS, BLOCKED, DONE, WONT_DO)
"""Every status an action can have, in the order of its life."""
CLOSED = frozenset({DONE, WONT_DO})
"""Statuses that end an action: it can no longer be overdue."""
DUE_SOON_DAYS = 30
""""Due soon" means due today or within this many days."""


class ActionRuleError(ValueError):
    """An action that breaks a rule; ``code`` names the rule (``status``, ``reason``, ``progress``)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class ActionState:
    """What the rules need of an action."""

    status: str
    due: date | None = None
    progress: int = 0
    reason: str = ""
    done_on: date | None = None
    """The day it was marked done (``None`` when not done, or not known)."""


def check(state: ActionState) -> None:
    """Raise :class:`ActionRuleError` if ``state`` breaks a rule.

    The status must be one of :data:`STATUSES`; won't do needs a reason (not only spaces);
    progress is a whole number from 0 to 100.
    """
    if state.status not in STATUSES:
        raise ActionRuleError("status", f"unknown status {state.status!r}")
    if state.status == WONT_DO and not state.reason.strip():
        raise ActionRuleError("reason", "won't do needs a reason")
    if not 0 <= state.progress <= 100:
        raise ActionRuleError("progress", "progress runs from 0 to 100")


def is_overdue(state: ActionState, today: date) -> bool:
    """True when the due date is before ``today`` and the action is neither done nor dropped."""
    return state.due is not None and state.due < today and state.status not in CLOSED


def is_due_soon(state: ActionState, today: date, days: int = DUE_SOON_DAYS) -> bool:
    """True when an open action is due from ``today`` to ``today + days`` (both included)."""
    if state.due is None or state.status in CLOSED:
        return False
    return today <= state.due <= today + timedelta(days=days)


def done_after_due(state: ActionState) -> bool:
    """True when the action was done, and done later than its due date."""
    return state.status == DONE and state.due is not None and state.done_on is not None and state.done_on > state.due


def progress_for(status: str, progress: int) -> int:
    """The progress to keep: done means 100, otherwise the progress entered, held to 0..100."""
    if status == DONE:
        return 100
    return max(0, min(100, progress))


SINCE_GROUPS = ("done", "in_progress", "overdue", "dropped")
"""How the report groups the actions since the last assessment."""


def since_group(state: ActionState, today: date) -> str:
    """``done``, ``dropped`` (won't do), ``overdue``, or ``in_progress`` (planned, under way or blocked, not late)."""
    if state.status == DONE:
        return "done"
    if state.status == WONT_DO:
        return "dropped"
    return "overdue" if is_overdue(state, today) else "in_progress"
