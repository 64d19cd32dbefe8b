"""What moved since the baseline: hand-made cases for each category and for the order."""

from __future__ import annotations

from assessor.scoring.moves import ItemLevel, classify


def answered(code: str, level: float) -> ItemLevel:
    return ItemLevel(code, "answered", level)


def test_each_category_on_hand_made_items() -> None:
    previous = [
        answered("A-1", 1),
        answered("A-2", 3),
        answered("A-3", 2),
        ItemLevel("A-4", "unanswered", None),
        ItemLevel("A-5", "not_applicable", None),
        answered("A-6", 2),
        answered("A-7", 2),
    ]
    current = [
        answered("A-1", 3),  # up by 2
        answered("A-2", 2.5),  # down by 0.5
        answered("A-3", 2),  # unchanged
        answered("A-4", 1),  # no answer in the baseline: new
        answered("A-5", 2),  # N/A then: not comparable
        ItemLevel("A-6", "not_applicable", None),  # N/A now: not comparable
        ItemLevel("A-7", "unanswered", None),  # no answer now: not comparable
        answered("B-1", 4),  # not in the baseline's questionnaire: new
    ]
    moves = classify(previous, current)
    got = {m.code: (m.kind, m.delta, m.reason) for m in moves.items}
    assert got == {
        "A-1": ("up", 2, None),
        "A-2": ("down", -0.5, None),
        "A-3": ("unchanged", 0, None),
        "A-4": ("new", None, None),
        "A-5": ("not_comparable", None, "not_applicable"),
        "A-6": ("not_comparable", None, "not_applicable"),
        "A-7": ("not_comparable", None, "unanswered"),
        "B-1": ("new", None, None),
    }
    assert moves.counts == {"up": 1, "down": 1, "new": 2, "not_comparable": 3, "unchanged": 1}
    assert moves.not_comparable is None
    assert moves.of_kind("up")[0].previous == 1 and moves.of_kind("up")[0].current == 3


def test_biggest_moves_first_then_by_code() -> None:
    previous = [answered("C", 2), answered("A", 2), answered("B", 3), answered("D", 4), answered("E", 1)]
    current = [answered("C", 3), answered("A", 4), answered("B", 4), answered("D", 1), answered("E", 0.5)]
    moves = classify(previous, current)
    assert [(m.code, m.kind) for m in moves.items] == [
        ("A", "up"),  # +2
        ("B", "up"),  # +1, B before C
        ("C", "up"),  # +1
        ("D", "down"),  # -3
        ("E", "down"),  # -0.5
    ]


def test_another_mode_makes_every_item_answered_both_times_not_comparable() -> None:
    previous = [answered("A", 1), answered("B", 2)]
    current = [answered("A", 3), answered("C", 2), ItemLevel("B", "not_applicable", None)]
    moves = classify(previous, current, same_mode=False)
    assert moves.not_comparable == "mode"
    assert {m.code: (m.kind, m.reason) for m in moves.items} == {
        "A": ("not_comparable", "mode"),
        "B": ("not_comparable", "not_applicable"),
        "C": ("new", None),  # nothing to compare with, whatever the mode
    }


def test_another_questionnaire_is_compared_by_code_and_said() -> None:
    moves = classify([answered("A", 1)], [answered("A", 2), answered("B", 2)], same_questionnaire=False)
    assert moves.not_comparable is None and not moves.same_questionnaire
    assert [(m.code, m.kind) for m in moves.items] == [("A", "up"), ("B", "new")]
