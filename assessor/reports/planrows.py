"""The PDF's action-plan page (pure): rows of the organisation's actions relevant to an assessment.

The rows are built in :mod:`assessor.reports.service` from the same actions as the report page's
"Actions since the last assessment" (:func:`assessor.assessments.actions.since_last`) and the
actions agreed from this assessment, or from an assessment file's ``"actions"``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One action, in the report's language."""

    title: str
    group: str
    """``done``, ``in_progress``, ``overdue`` or ``dropped`` (overdue is computed, never stored)."""
    elements: tuple[tuple[str, float | None], ...]
    """Element id -> change in its score since the previous assessment (``None``: no comparison)."""
    owner: str
    due: str | None
    progress: int


@dataclass(frozen=True, slots=True)
class PlanSection:
    """The action-plan page; ``None`` on the context when both lists are empty (no empty page)."""

    since: tuple[PlanRow, ...]
    agreed: tuple[PlanRow, ...]


def plan_row(
    title: str,
    group: str,
    element_ids: Sequence[str],
    owner: str,
    due: date | None,
    progress: int,
    deltas: Mapping[str, float | None],
) -> PlanRow:
    """One action's row: its elements with their change in score (``deltas``: element id -> change)."""
    return PlanRow(
        title=title,
        group=group,
        elements=tuple((e, deltas.get(e)) for e in element_ids),
        owner=owner,
        due=None if due is None else due.isoformat(),
        progress=progress,
    )


def plan_section(since: tuple[PlanRow, ...], agreed: tuple[PlanRow, ...]) -> PlanSection | None:
    """The page's data, or ``None`` when there is no action to show."""
    return PlanSection(since, agreed) if since or agreed else None
