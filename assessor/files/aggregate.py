"""A reader's copy of an assessment file that carries no person: answers shuffled within items and groups (pure).

The PDF a viewer (an executive) downloads carries the assessment file (methodology §12), but a
viewer sees aggregates only.  :func:`aggregate_document` turns the file that ``assessor export``
writes into one that scores to the same numbers and says nothing about any one person:

1. Groups follow the report's breakdown (:func:`assessor.scoring.privacy.plan_groups`): a segment
   shown on its own keeps its key; the segments combined in the report become one group,
   :data:`COMBINED_KEY`; when the report withholds the breakdown, nobody has a segment.
2. Within each group and each item, the answers (a level, an N/A, or no answer) are shuffled
   across the group's respondents with a cryptographically secure shuffle, so a "respondent" of the
   copy is a random draw per item, not a person: nothing links one person's answers across items.
   A shuffle that happens to give a "respondent" the full answers of a real, unique respondent is
   drawn again.
3. Comments, N/A reasons and consensus rationales are carried only as the reader's report shows
   them (``note_text``); a reason or rationale the report does not show becomes :data:`WITHHELD`
   (the format requires one).  Paper forms keep their count per group.

Per item and per group the multiset of answers is unchanged, so every item value, distribution,
agreement, roll-up score, coverage by items, pyramid level and segment score is the same.
Only "respondents who rated at least one item" of a roll-up (coverage by people) may differ:
it needs the very linkage the copy removes.
Imports only the standard library and the scoring core.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable, Hashable, Sequence
from typing import Any

from assessor.scoring.privacy import plan_groups

COMBINED_KEY = "smaller-groups-combined"
"""The segment of the respondents whose segments the report shows only combined."""
COMBINED_LABELS = {"en": "Smaller groups combined", "ja": "少人数のグループの合算"}
WITHHELD = "—"
"""Stands for an N/A reason or consensus rationale the reader's report does not quote."""
RESHUFFLES = 50
"""Draws before a copy that still repeats a real respondent's answers is accepted (only possible with
very few items or levels, where a repeat is no longer telling)."""

NoteText = Callable[[str, str, str], str | None]
"""(item code or "" for a general comment, kind, text) -> the text as the report shows it, or None."""
_MISSING = object()


def aggregate_document(
    document: dict[str, Any],
    min_group_size: int,
    note_text: NoteText,
    rng: random.Random | None = None,
) -> dict[str, Any]:
    """The reader's copy of ``document`` (an assessment file as ``assessor export`` writes it).

    :param min_group_size: the assessment's minimum group size, as its report used it.
    :param note_text: which notes the reader's report shows, and how (see :data:`NoteText`).
    :param rng: the shuffle's source; default :class:`random.SystemRandom` (tests pass a seeded one).
    """
    rng = rng or random.SystemRandom()
    respondents: list[dict[str, Any]] = list(document.get("respondents", []))
    groups = _groups(respondents, min_group_size)
    real = _unique_vectors(respondents)
    for _attempt in range(RESHUFFLES):
        shuffled = _shuffle(respondents, groups, note_text, rng)
        if not any(_vector(r) in real for r in shuffled):
            break
    rng.shuffle(shuffled)
    for number, respondent in enumerate(shuffled, start=1):
        respondent["id"] = f"r{number}"
    out = {key: copy.deepcopy(value) for key, value in document.items() if key != "respondents"}
    out["respondents"] = shuffled
    out["shuffled"] = True
    out["consensus"] = {
        code: {"level": c["level"], "rationale": note_text(code, "consensus", c["rationale"]) or WITHHELD}
        for code, c in document.get("consensus", {}).items()
    }
    labels = {k: v for k, v in document.get("segment_labels", {}).items() if k in set(groups.values())}
    if COMBINED_KEY in groups.values():
        labels[COMBINED_KEY] = dict(COMBINED_LABELS)
    if "segment_labels" in document or labels:
        out["segment_labels"] = labels
    for action in out.get("actions", []):
        action.pop("notes", None)  # the report shows no action notes
    return out


def _groups(respondents: Sequence[dict[str, Any]], min_group_size: int) -> dict[str | None, str | None]:
    """Each respondent segment -> the group it becomes in the copy."""
    sizes: dict[str | None, int] = {}
    for respondent in respondents:
        segment = respondent.get("segment")
        sizes[segment] = sizes.get(segment, 0) + 1
    plan = plan_groups(list(sizes.items()), min_group_size)
    mapping: dict[str | None, str | None] = {}
    for segment in sizes:
        if segment in plan.shown:
            mapping[segment] = segment
        elif segment in plan.combined:
            mapping[segment] = COMBINED_KEY
        else:
            mapping[segment] = None  # the breakdown is withheld altogether
    return mapping


def _shuffle(
    respondents: Sequence[dict[str, Any]],
    groups: dict[str | None, str | None],
    note_text: NoteText,
    rng: random.Random,
) -> list[dict[str, Any]]:
    members: dict[str | None, list[dict[str, Any]]] = {}
    for respondent in respondents:
        members.setdefault(groups[respondent.get("segment")], []).append(respondent)
    out: list[dict[str, Any]] = []
    for group, people in members.items():
        codes = list(dict.fromkeys(code for p in people for code in p.get("answers", {})))
        copies: list[dict[str, Any]] = [{"id": "", "segment": group, "answers": {}} for _ in people]
        for code in codes:
            slots = [p.get("answers", {}).get(code, _MISSING) for p in people]
            rng.shuffle(slots)
            for target, slot in zip(copies, slots, strict=True):
                if slot is not _MISSING:
                    target["answers"][code] = _answer(code, slot, note_text)
        comments: list[str | None] = [
            text for p in people if (text := note_text("", "comment", str(p.get("comment") or "")))
        ]
        comments += [None] * (len(people) - len(comments))
        rng.shuffle(comments)
        paper = sum(1 for p in people if p.get("on_paper"))
        for index, (target, comment) in enumerate(zip(copies, comments, strict=True)):
            if comment:
                target["comment"] = comment
            if index < paper:
                target["on_paper"] = True
        out += copies
    return out


def _answer(code: str, slot: Any, note_text: NoteText) -> Any:
    if not isinstance(slot, dict):
        return slot
    answer: dict[str, Any] = {key: value for key, value in slot.items() if key not in ("comment", "reason")}
    if slot.get("na"):
        answer["reason"] = note_text(code, "not_applicable", str(slot.get("reason") or "")) or WITHHELD
    comment = note_text(code, "comment", str(slot.get("comment") or "")) if slot.get("comment") else None
    if comment:
        answer["comment"] = comment
    if set(answer) == {"level"}:
        return answer["level"]
    return answer


def _vector(respondent: dict[str, Any]) -> Hashable:
    """A respondent's answers without notes: (code, level or "na") for every answered item."""
    answers = respondent.get("answers", {})
    return tuple(sorted((code, _level(value)) for code, value in answers.items()))


def _level(value: Any) -> Hashable:
    if isinstance(value, dict):
        return "na" if value.get("na") else value.get("level")
    return value  # type: ignore[no-any-return]


def _unique_vectors(respondents: Sequence[dict[str, Any]]) -> set[Hashable]:
    """Answer vectors held by exactly one real respondent: repeating one would single that person out."""
    counts: dict[Hashable, int] = {}
    for respondent in respondents:
        vector = _vector(respondent)
        counts[vector] = counts.get(vector, 0) + 1
    return {vector for vector, count in counts.items() if count == 1}
