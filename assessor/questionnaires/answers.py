"""The rules for one answer, in one place: used by the page form and by the autosave endpoint."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from flask_babel import lazy_gettext as _l

from assessor.config import MAX_COMMENT_LENGTH, MAX_REASON_LENGTH
from assessor.domain import Item, Scale

NA = "na"
"""The choice value for "not applicable"."""

Field = Literal["level", "na_reason", "comment"]


@dataclass(frozen=True, slots=True)
class AnswerInput:
    """A validated answer to save: a level, or N/A (level None) with a reason."""

    item_code: str
    level: int | None
    na_reason: str | None = None
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with one field of an answer (the message is translated when shown)."""

    field: Field
    message: str


def parse_answer(
    item: Item, scale: Scale, level: str | None, na_reason: str | None, comment: str | None
) -> tuple[AnswerInput | None, list[Problem]]:
    """Check one answer as submitted; return what to save (None: nothing chosen) and the problems.

    Rules: the level is a value of the scale, or N/A where the item allows it; N/A needs a
    short reason; a comment needs a level to attach to; texts have a maximum length.
    """
    problems: list[Problem] = []
    reason = (na_reason or "").strip()
    note = (comment or "").strip()
    if len(reason) > MAX_REASON_LENGTH:
        problems.append(
            Problem("na_reason", str(_l("Field cannot be longer than %(max)d characters.", max=MAX_REASON_LENGTH)))
        )
    if len(note) > MAX_COMMENT_LENGTH:
        problems.append(
            Problem("comment", str(_l("Field cannot be longer than %(max)d characters.", max=MAX_COMMENT_LENGTH)))
        )
    if level in (None, ""):
        if note:
            problems.append(Problem("level", str(_l("Choose a level (or N/A) to save your comment."))))
        return None, problems
    value: int | None
    if level == NA:
        value = None
        if not item.allow_na:
            problems.append(Problem("level", str(_l("Not a valid choice."))))
        elif not reason:
            problems.append(Problem("na_reason", str(_l("Give a short reason for N/A."))))
    else:
        value = int(level) if level.isdigit() else -1
        if not scale.min <= value <= scale.max:
            problems.append(Problem("level", str(_l("Not a valid choice."))))
    if problems:
        return None, problems
    return AnswerInput(item.code, value, reason if value is None else None, note or None), []
