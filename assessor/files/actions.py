"""The action plan in the assessment file (``"actions"``): read it as the core's actions, write it back.

The schema has checked the shape (``assessment.schema.json``, ``$defs.action``); here come the
checks that need the standards or the action rules, each reported at its JSON path: an element,
item, KPI or library action the standards do not know, a date that is not on the calendar, won't
do without a reason, a done action whose progress is not 100 or a done date on an action that is
not done, and the same library action twice.  An action carries no author: owners are the names
people entered, the log's notes keep their date and text only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from assessor.domain import Framework
from assessor.files.read import Problem, json_path
from assessor.scoring.actions import DONE, ActionRuleError, ActionState, check, is_overdue, since_group

EARLIER = "earlier"
"""Agreed before the assessment: its report lists the action under "since the last assessment"."""
THIS = "this"
"""Agreed from the assessment's own report (the default)."""


@dataclass(frozen=True, slots=True)
class FileAction:
    """One action of the file's action plan."""

    title: str
    status: str
    title_ja: str = ""
    agreed: str = THIS
    library_id: str | None = None
    element_ids: tuple[str, ...] = ()
    item_codes: tuple[str, ...] = ()
    kpi_ids: tuple[str, ...] = ()
    owner: str = ""
    due: date | None = None
    reason: str = ""
    progress: int = 0
    done_on: date | None = None
    notes: tuple[tuple[str, str], ...] = ()
    """(ISO date and time, text), oldest first."""

    @property
    def state(self) -> ActionState:
        """What the action rules need of it."""
        return ActionState(self.status, self.due, self.progress, self.reason, self.done_on)

    def title_in(self, lang: str) -> str:
        """The title in ``lang`` (the English one when there is no Japanese title)."""
        return self.title_ja if lang == "ja" and self.title_ja else self.title


def action_to_entry(action: FileAction) -> dict[str, Any]:
    """The ``"actions"`` entry of ``action`` (empty fields left out)."""
    entry: dict[str, Any] = {"title": {"en": action.title}, "agreed": action.agreed, "status": action.status}
    if action.title_ja:
        entry["title"]["ja"] = action.title_ja
    if action.library_id:
        entry["library_id"] = action.library_id
    for key, ids in (("elements", action.element_ids), ("items", action.item_codes), ("kpis", action.kpi_ids)):
        if ids:
            entry[key] = list(ids)
    if action.owner:
        entry["owner"] = action.owner
    if action.due is not None:
        entry["due"] = action.due.isoformat()
    if action.reason:
        entry["reason"] = action.reason
    entry["progress"] = action.progress
    if action.done_on is not None:
        entry["done_on"] = action.done_on.isoformat()
    if action.notes:
        entry["notes"] = [{"at": at, "text": text} for at, text in action.notes]
    return entry


def _day(raw: Mapping[str, Any], key: str, at: tuple[str | int, ...], problems: list[Problem]) -> date | None:
    if key not in raw:
        return None
    try:
        return date.fromisoformat(raw[key])
    except ValueError as exc:
        problems.append(Problem(json_path(*at, key), f"{raw[key]!r} is not a calendar date ({exc})"))
        return None


def _unknown(
    ids: Iterable[str], known: set[str], what: str, at: tuple[str | int, ...], problems: list[Problem]
) -> None:
    for position, value in enumerate(ids):
        if value not in known:
            problems.append(Problem(json_path(*at, position), f"unknown {what} {value!r}"))


def _notes(raw: Mapping[str, Any], at: tuple[str | int, ...], problems: list[Problem]) -> tuple[tuple[str, str], ...]:
    notes = []
    for position, note in enumerate(raw.get("notes", ())):
        try:
            datetime.fromisoformat(note["at"])
        except ValueError:
            problems.append(Problem(json_path(*at, "notes", position, "at"), f"{note['at']!r} is not a date and time"))
        notes.append((str(note["at"]), str(note["text"])))
    return tuple(notes)


def _rule_problems(action: FileAction, at: tuple[str | int, ...]) -> list[Problem]:
    found = []
    try:
        check(action.state)
    except ActionRuleError as error:
        found.append(Problem(json_path(*at, error.code), str(error)))
    if action.status == DONE and action.progress != 100:
        found.append(Problem(json_path(*at, "progress"), f"a done action is 100 % done, not {action.progress} %"))
    if action.status != DONE and action.done_on is not None:
        found.append(
            Problem(json_path(*at, "done_on"), f"only a done action has a done date (status is {action.status})")
        )
    return found


def read_actions(
    framework: Framework, document: Mapping[str, Any], kpi_ids: set[str]
) -> tuple[tuple[FileAction, ...], list[Problem]]:
    """The file's action plan, and every problem with it (empty when all is well).

    :param kpi_ids: the KPIs an action may name: the catalogue's and the file's own (``"custom_kpis"``).
    """
    elements = {e.id for e in framework.elements}
    items = {code for q in framework.questionnaires.values() for code in q.codes}
    library = {a.id for a in framework.actions}
    actions: list[FileAction] = []
    problems: list[Problem] = []
    tracked: dict[str, int] = {}
    for index, raw in enumerate(document.get("actions", ())):
        at: tuple[str | int, ...] = ("actions", index)
        found: list[Problem] = []
        library_id = raw.get("library_id")
        if library_id is not None:
            if library_id not in library:
                found.append(Problem(json_path(*at, "library_id"), f"unknown library action {library_id!r}"))
            elif library_id in tracked:
                first = tracked[library_id]
                found.append(
                    Problem(json_path(*at, "library_id"), f"{library_id} is already tracked at actions[{first}]")
                )
            tracked.setdefault(library_id, index)
        _unknown(raw.get("elements", ()), elements, "element", (*at, "elements"), found)
        _unknown(raw.get("items", ()), items, "item", (*at, "items"), found)
        _unknown(raw.get("kpis", ()), kpi_ids, "KPI", (*at, "kpis"), found)
        action = FileAction(
            title=raw["title"]["en"],
            title_ja=raw["title"].get("ja", ""),
            status=raw["status"],
            agreed=raw.get("agreed", THIS),
            library_id=library_id,
            element_ids=tuple(raw.get("elements", ())),
            item_codes=tuple(raw.get("items", ())),
            kpi_ids=tuple(raw.get("kpis", ())),
            owner=raw.get("owner", ""),
            due=_day(raw, "due", at, found),
            reason=raw.get("reason", ""),
            progress=raw.get("progress", 100 if raw["status"] == DONE else 0),
            done_on=_day(raw, "done_on", at, found),
            notes=_notes(raw, at, found),
        )
        found.extend(_rule_problems(action, at))
        problems.extend(found)
        actions.append(action)
    return tuple(actions), problems


def actions_to_dict(actions: Iterable[FileAction], today: date) -> list[dict[str, Any]]:
    """The file's actions as ``assessor score`` prints them: each entry as read, with its group on
    ``today`` (done, in progress, overdue, dropped) and whether it is overdue (computed, never stored)."""
    return [
        action_to_entry(action)
        | {"group": since_group(action.state, today), "overdue": is_overdue(action.state, today)}
        for action in actions
    ]
