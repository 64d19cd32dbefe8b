"""The rules for one answer, in one place: used by the page form and by the autosave endpoint."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from flask_babel import lazy_gettext as _l

from assessor.config import MAX_COMMENT_LENGTH, MAX_REASON_LENGTH
from assessor.domain import Item, Scale
from assessor.inputs import NA, control_character, control_message, parse_level

__all__ = ["NA", "AnswerInput", "Problem", "parse_answer"]

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

    Rules: the level is a value of the scale (:func:`assessor.inputs.parse_level`), or N/A where
    the item allows it; N/A needs a short reason; a comment needs a level to attach to; texts
    have a maximum length and no control characters (the reason is one line, the comment may
    have several).
    """
    problems: list[Problem] = []
    reason = (na_reason or "").strip()
    note = (comment or "").strip()
    for name, text, multiline in (("na_reason", reason, False), ("comment", note, True)):
        char = control_character(text, multiline=multiline)
        if char:
            problems.append(Problem(name, control_message(char)))  # type: ignore[arg-type]
    if len(reason) > MAX_REASON_LENGTH:
        problems.append(
            Problem("na_reason", str(_l("Field cannot be longer than %(max)d characters.", max=MAX_REASON_LENGTH)))
        )
    if len(note) > MAX_COMMENT_LENGTH:
        problems.append(
            Problem("comment", str(_l("Field cannot be longer than %(max)d characters.", max=MAX_COMMENT_LENGTH)))
        )
    if not level:
        if note:
            problems.append(Problem("level", str(_l("Choose a level (or N/A) to save your comment."))))
        return None, problems
    value: int | None = None
    try:
        value = parse_level(level, scale)
    except ValueError:
        problems.append(Problem("level", str(_l("Not a valid choice."))))
    else:
        if value is None and not item.allow_na:
            problems.append(Problem("level", str(_l("Not a valid choice."))))
        elif value is None and not reason:
            problems.append(Problem("na_reason", str(_l("Give a short reason for N/A."))))
    if problems:
        return None, problems
    return AnswerInput(item.code, value, reason if value is None else None, note or None), []
