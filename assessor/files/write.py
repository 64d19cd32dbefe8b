"""Writing an assessment file (the format :mod:`assessor.files.read` reads) from an :class:`AssessmentInput`."""

from __future__ import annotations

import json
from typing import Any

from assessor.scoring import AssessmentInput, RespondentAnswers

FORMAT_VERSION = 1
"""``format_version`` of the files written here (the schema's ``const``)."""


def _answer(respondent: RespondentAnswers, code: str) -> object:
    """A level (``3``), a level with its comment, or N/A with its reason (and comment)."""
    comment = respondent.item_comments.get(code)
    if code in respondent.not_applicable:
        value: dict[str, object] = {"na": True, "reason": respondent.not_applicable[code]}
    elif comment is None:
        return respondent.levels[code]
    else:
        value = {"level": respondent.levels[code]}
    if comment is not None:
        value["comment"] = comment
    return value


def _codes(respondent: RespondentAnswers, order: dict[str, int]) -> list[str]:
    given = set(respondent.levels) | set(respondent.not_applicable)
    return sorted(given, key=lambda code: (order.get(code, len(order)), code))


def document_bytes(document: dict[str, Any]) -> bytes:
    """An assessment file as the UTF-8 JSON that ``assessor export`` writes (indented, non-ASCII kept)."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def to_document(answers: AssessmentInput, item_order: tuple[str, ...] = ()) -> dict[str, Any]:
    """The assessment file of ``answers``; reading it back gives the same input.

    :param item_order: item codes in questionnaire order, so that answers are written in
        the order people read them (codes not in it come last, sorted).
    """
    order = {code: index for index, code in enumerate(item_order)}
    respondents = []
    for respondent in answers.respondents:
        entry: dict[str, Any] = {
            "id": respondent.respondent_id,
            "segment": respondent.segment,
            "answers": {code: _answer(respondent, code) for code in _codes(respondent, order)},
        }
        if respondent.comment:
            entry["comment"] = respondent.comment
        if respondent.on_paper:
            entry["on_paper"] = True
        if respondent.imported:
            entry["imported"] = True
        respondents.append(entry)
    document: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "organisation": answers.organisation,
        "assessed_on": answers.assessed_on,
        "questionnaire": {"id": answers.questionnaire_id, "version": answers.questionnaire_version},
        "respondents": respondents,
        "consensus": {code: {"level": c.level, "rationale": c.rationale} for code, c in answers.consensus.items()},
        "targets": dict(answers.targets),
    }
    return document
