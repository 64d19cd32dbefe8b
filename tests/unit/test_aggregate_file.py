"""The reader's copy of an assessment file: same answers per item and group, no person, no small group."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

from assessor.files.aggregate import COMBINED_KEY, WITHHELD, aggregate_document


def _document(groups: list[tuple[str | None, int]]) -> dict[str, Any]:
    respondents = []
    number = 0
    for segment, size in groups:
        for _ in range(size):
            number += 1
            answers: dict[str, Any] = {f"Q{k}": (number * (k + 1)) % 5 for k in range(6)}
            answers["Q9"] = {"na": True, "reason": f"reason {number}"}
            if number % 2:
                answers["Q0"] = {"level": answers["Q0"], "comment": f"comment {number}"}
            respondents.append({"id": f"r{number}", "segment": segment, "answers": answers, "comment": f"all {number}"})
    return {"format_version": 1, "questionnaire": {"id": "q", "version": "1"}, "respondents": respondents}


def _per_item(document: dict[str, Any]) -> Counter[tuple[object, str, object]]:
    def level(value: object) -> object:
        return ("na" if value.get("na") else value["level"]) if isinstance(value, dict) else value

    return Counter((r["segment"], code, level(v)) for r in document["respondents"] for code, v in r["answers"].items())


def test_answers_are_shuffled_within_each_item_and_group_only() -> None:
    document = _document([("front", 4), ("ops", 3), ("hq", 1), ("board", 2)])
    copy = aggregate_document(document, 3, lambda code, kind, text: None, random.Random(7))
    groups = {"front": "front", "ops": "ops", "hq": COMBINED_KEY, "board": COMBINED_KEY}
    merged: Counter[tuple[object, str, object]] = Counter()
    for (s, c, v), n in _per_item(document).items():
        merged[(groups[str(s)], c, v)] += n
    assert _per_item(copy) == merged  # the same multiset of answers per item and group
    assert copy["shuffled"] is True
    assert [r["id"] for r in copy["respondents"]] == [f"r{n}" for n in range(1, 11)]
    reasons = {a["reason"] for r in copy["respondents"] for a in r["answers"].values() if isinstance(a, dict)}
    assert reasons == {WITHHELD}  # the report quotes none of them
    assert not any("comment" in r for r in copy["respondents"])


def test_a_withheld_breakdown_leaves_nobody_a_segment() -> None:
    document = _document([("hq", 1), ("front", 5)])  # showing front (5) would give away the one in hq
    copy = aggregate_document(document, 3, lambda code, kind, text: text if kind == "comment" else None)
    assert {r["segment"] for r in copy["respondents"]} == {None}
    comments = Counter(r.get("comment") for r in copy["respondents"])
    assert comments == Counter(f"all {n}" for n in range(1, 7))  # quoted comments travel, unlinked


def test_a_draw_that_repeats_a_real_respondent_is_drawn_again() -> None:
    document = _document([("front", 3)])

    class Identity(random.Random):
        """Leaves the order alone the first time (every real respondent repeated), then shuffles."""

        calls = 0

        def shuffle(self, x: Any) -> None:  # type: ignore[override]
            Identity.calls += 1
            if Identity.calls > 8:  # the first draw: 7 items and the comments
                super().shuffle(x)

    copy = aggregate_document(document, 3, lambda code, kind, text: None, Identity(3))

    def vector(r: dict[str, Any]) -> tuple[object, ...]:
        return tuple(
            sorted((c, v if not isinstance(v, dict) else v.get("level", "na")) for c, v in r["answers"].items())
        )

    assert not {vector(r) for r in copy["respondents"]} & {vector(r) for r in document["respondents"]}
