"""The action plan of an organisation: tracked actions in, rows for its pages out.

Actions belong to the organisation, not to one assessment: they stay editable when the
assessment they came from is final (finalising freezes that assessment's own data only).
Each change is one commit and one history entry (on the organisation, naming the action).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import sqlalchemy as sa

from assessor.domain import Framework
from assessor.extensions import db
from assessor.history import record
from assessor.models import Action, ActionNote, Assessment, Organisation, User
from assessor.models.actions import NOTE_LENGTH
from assessor.scoring.actions import (
    DONE,
    PLANNED,
    WONT_DO,
    ActionRuleError,
    ActionState,
    check,
    done_after_due,
    is_due_soon,
    is_overdue,
    progress_for,
    since_group,
)

__all__ = [
    "ActionEntry",
    "ActionFilter",
    "ActionRuleError",
    "action_of",
    "add_note",
    "create_action",
    "delete_action",
    "listed",
    "set_status",
    "since_last",
    "agreed_from",
    "state_of",
    "track",
    "tracked_ids",
    "update_action",
]


@dataclass(frozen=True, slots=True)
class ActionEntry:
    """What a user entered for an action (its status is changed on its own)."""

    title: str
    title_ja: str = ""
    element_ids: tuple[str, ...] = ()
    item_codes: tuple[str, ...] = ()
    kpi_ids: tuple[str, ...] = ()
    owner: str = ""
    due: date | None = None
    progress: int = 0


@dataclass(frozen=True, slots=True)
class ActionFilter:
    """The list's filters; empty values filter nothing. ``due`` is ``overdue`` or ``soon``."""

    status: str = ""
    owner: str = ""
    element: str = ""
    due: str = ""
    today: date = field(default_factory=date.today)


def state_of(action: Action) -> ActionState:
    """The pure rules' view of a stored action."""
    return ActionState(action.status, action.due, action.progress, action.reason, action.done_on)


def _apply(action: Action, entry: ActionEntry) -> None:
    action.title, action.title_ja = entry.title.strip(), entry.title_ja.strip()
    action.element_ids, action.item_codes = " ".join(entry.element_ids), " ".join(entry.item_codes)
    action.kpi_ids, action.owner, action.due = " ".join(entry.kpi_ids), entry.owner.strip(), entry.due
    action.progress = progress_for(action.status, entry.progress)
    check(state_of(action))


def action_of(org: Organisation, action_id: int) -> Action | None:
    """The organisation's action ``action_id``, or ``None`` (another organisation's is ``None`` too)."""
    action = db.session.get(Action, action_id)
    return action if action is not None and action.organisation_id == org.id else None


def listed(org: Organisation, wanted: ActionFilter) -> list[Action]:
    """The organisation's actions that pass ``wanted``: soonest due first, undated last."""
    query = sa.select(Action).filter_by(organisation_id=org.id)
    found = db.session.scalars(query.order_by(Action.due.is_(None), Action.due, Action.id))
    owner = wanted.owner.strip().casefold()
    kept = []
    for action in found:
        state = state_of(action)
        if wanted.status and action.status != wanted.status:
            continue
        if owner and owner not in action.owner.casefold():
            continue
        if wanted.element and wanted.element not in action.element_ids.split():
            continue
        if wanted.due == "overdue" and not is_overdue(state, wanted.today):
            continue
        if wanted.due == "soon" and not is_due_soon(state, wanted.today):
            continue
        kept.append(action)
    return kept


def create_action(
    org: Organisation,
    entry: ActionEntry,
    actor: User | None,
    *,
    assessment: Assessment | None = None,
    library_id: str | None = None,
) -> Action:
    """Add an action (status planned) to ``org`` and commit; :class:`ActionRuleError` on a broken rule."""
    action = Action(organisation_id=org.id, status=PLANNED, reason="", library_id=library_id)
    action.assessment_id = assessment.id if assessment is not None else None
    _apply(action, entry)
    db.session.add(action)
    db.session.flush()
    record("action created", org, actor, f"action {action.id}" + (f" {library_id}" if library_id else ""))
    db.session.commit()
    return action


def update_action(action: Action, entry: ActionEntry, actor: User | None) -> None:
    """Change an action's title, elements, items, KPIs, owner, due date and progress; commit."""
    _apply(action, entry)
    record("action edited", _org(action), actor, f"action {action.id}")
    db.session.commit()


def set_status(action: Action, status: str, reason: str, actor: User | None, today: date | None = None) -> None:
    """Change the status (won't do needs ``reason``), keep the day it was done; commit."""
    action.status, action.reason = status, reason.strip() if status == WONT_DO else ""
    if status == DONE:
        action.done_on = action.done_on or (today or date.today())
    else:
        action.done_on = None
    action.progress = progress_for(status, action.progress)
    try:
        check(state_of(action))
    except ActionRuleError:
        db.session.rollback()
        raise
    record("action status set", _org(action), actor, f"action {action.id} {status}")
    db.session.commit()


def add_note(action: Action, text: str, actor: User | None) -> ActionNote:
    """Add a dated note by ``actor`` to the action's log; commit."""
    note = ActionNote(action=action, text=text.strip()[:NOTE_LENGTH], author=actor.email if actor else "command line")
    db.session.add(note)
    record("action note added", _org(action), actor, f"action {action.id}")
    db.session.commit()
    return note


def delete_action(action: Action, actor: User | None) -> None:
    """Delete an action with its notes; commit. The history entry stays."""
    record("action deleted", _org(action), actor, f"action {action.id} {action.title}")
    db.session.delete(action)
    db.session.commit()


def track(assessment: Assessment, framework: Framework, library_id: str, actor: User | None) -> tuple[Action, bool]:
    """Track the library action ``library_id`` for the assessment's organisation.

    Returns (the action, ``True``) when it was created, pre-filled from the library (titles in
    both languages, element, KPIs) and linked to the assessment; (the existing action, ``False``)
    when the organisation tracks it already (nothing is written then).

    :raise KeyError: when the library has no such action.
    """
    library = {a.id: a for a in framework.actions}
    if library_id not in library:
        raise KeyError(library_id)
    org = assessment.organisation
    existing = db.session.scalars(sa.select(Action).filter_by(organisation_id=org.id, library_id=library_id)).first()
    if existing is not None:
        return existing, False
    source = library[library_id]
    entry = ActionEntry(
        title=source.title.en, title_ja=source.title.ja, element_ids=(source.element_id,), kpi_ids=source.kpi_ids
    )
    return create_action(org, entry, actor, assessment=assessment, library_id=library_id), True


def _org(action: Action) -> Organisation:
    return db.session.get_one(Organisation, action.organisation_id)


def late_done(action: Action) -> bool:
    """True when the action was done after its due date."""
    return done_after_due(state_of(action))


def tracked_ids(org: Organisation) -> dict[str, int]:
    """Library action id -> id of the organisation's action that tracks it."""
    query = (
        sa.select(Action.library_id, Action.id).filter_by(organisation_id=org.id).where(Action.library_id.is_not(None))
    )
    return {str(library_id): action_id for library_id, action_id in db.session.execute(query)}


def since_last(assessment: Assessment, today: date | None = None) -> list[tuple[str, Action]]:
    """The organisation's actions agreed before ``assessment``, each with its group (done, in
    progress, overdue, dropped): those from an earlier assessment (by date assessed), and one's own
    actions added before this assessment was created."""
    day = today or date.today()
    org = assessment.organisation
    earlier = {a.id for a in org.assessments if a.id != assessment.id and _before(a, assessment)}
    query = sa.select(Action).filter_by(organisation_id=org.id).order_by(Action.id)
    found = []
    for action in db.session.scalars(query):
        if action.assessment_id in earlier or (
            action.assessment_id is None and _naive(action.created_at) < _naive(assessment.created_at)
        ):
            found.append((since_group(state_of(action), day), action))
    return found


def agreed_from(assessment: Assessment, today: date | None = None) -> list[tuple[str, Action]]:
    """The actions agreed from ``assessment`` (tracked from its report), grouped as in :func:`since_last`."""
    day = today or date.today()
    query = sa.select(Action).filter_by(assessment_id=assessment.id).order_by(Action.id)
    return [(since_group(state_of(action), day), action) for action in db.session.scalars(query)]


def _before(one: Assessment, other: Assessment) -> bool:
    if one.assessed_on is not None and other.assessed_on is not None:
        return one.assessed_on < other.assessed_on
    return one.id < other.id


def _naive(moment: datetime) -> datetime:
    """``moment`` as naive UTC (SQLite gives naive UTC, PostgreSQL an aware time)."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo is not None else moment
