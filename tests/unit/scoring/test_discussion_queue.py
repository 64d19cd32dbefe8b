"""The workshop's "discuss first" queue and the consensus starting level (pure rules)."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessor.scoring.agreement import consensus_start, discussion_queue, discussion_weight, item_agreement
from assessor.scoring.model import Consensus
from assessor.scoring.result import ItemScore, ScoringResult


def counts_of(ratings: list[int]) -> list[int]:
    return [ratings.count(v) for v in range(5)]


def _item(code: str, ratings: list[int], agreed: int | None = None) -> ItemScore:
    counts = counts_of(ratings)
    agreement, _variance = item_agreement(counts, 0, 2.0)
    return ItemScore(
        code=code,
        element_id="E1",
        dimension_id="A",
        pyramid_level_id="L1",
        weight=1.0,
        status="answered",
        source="median",
        value=None,
        percent=None,
        median=None,
        consensus=None if agreed is None else Consensus(agreed, "agreed"),
        distribution=tuple(counts),
        not_applicable=(),
        agreement=agreement,
        explanation="",
    )


def _result(*items: ItemScore) -> ScoringResult:
    # Only the fields the queue reads matter; the rest are placeholders of the right kind.
    fields = {name: None for name in ScoringResult.__dataclass_fields__}
    return ScoringResult(**(fields | {"items": items, "scale_min": 0, "scale_max": 4}))  # type: ignore[arg-type]


def _codes(*items: ItemScore) -> list[str]:
    return [item.code for item in discussion_queue(_result(*items))]


def test_weight_is_answers_times_disagreement() -> None:
    # Two people at opposite ends: variance 8 > 2 (uniform), so 1 - r_wg = 1 and the weight is 2.
    assert discussion_weight(counts_of([0, 4]), 5) == 2
    # Ten people: variance 1.2 / 2 = 0.6 of the no-agreement variance, times 10.
    ratings = [1, 1, 1, 1, 2, 2, 3, 3, 3, 4]
    assert discussion_weight(counts_of(ratings), 5) == Fraction(10) * Fraction(109, 90) / 2  # variance 109/90
    assert discussion_weight(counts_of([3]), 5) is None
    assert discussion_weight(counts_of([2, 2, 2]), 5) == 0


def test_two_people_far_apart_rank_below_ten_people_split() -> None:
    pair = _item("A-pair", [0, 4])
    room = _item("Z-room", [1, 1, 1, 1, 2, 2, 3, 3, 3, 4])
    assert pair.agreement.low and room.agreement.low
    assert (pair.agreement.sd or 0) > (room.agreement.sd or 0)  # the old order (by SD) put the pair first
    assert _codes(pair, room) == ["Z-room", "A-pair"]


def test_only_low_agreement_items_are_queued() -> None:
    calm = _item("calm", [2] * 9 + [3])
    single = _item("single", [0])
    split = _item("split", [0, 4])
    assert _codes(calm, single, split) == ["split"]


def test_items_already_agreed_go_last() -> None:
    agreed = _item("agreed", [0, 0, 0, 4, 4, 4], agreed=2)
    open_ = _item("open", [0, 4])
    assert _codes(agreed, open_) == ["open", "agreed"]


def test_ties_are_exact_and_follow_the_documented_tie_breaks() -> None:
    # Same weight (both clamp at 1 x 4 answers): the larger variance first, then the code.
    wide = _item("B", [0, 0, 4, 4])
    narrow = _item("A", [0, 1, 3, 4])
    twin = _item("C", [4, 4, 0, 0])
    assert discussion_weight(wide.distribution, 5) == discussion_weight(narrow.distribution, 5) == 4
    assert _codes(twin, narrow, wide) == ["B", "C", "A"]


def test_identical_distributions_go_by_code() -> None:
    assert _codes(_item("X2", [4, 2, 0]), _item("X1", [0, 2, 4])) == ["X1", "X2"]


@given(st.lists(st.lists(st.integers(0, 4), min_size=2, max_size=12), min_size=1, max_size=8), st.randoms())
def test_order_does_not_depend_on_input_order(rating_lists: list[list[int]], rnd: random.Random) -> None:
    items = [_item(f"I{i:02d}", ratings) for i, ratings in enumerate(rating_lists)]
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert _codes(*items) == _codes(*shuffled)
    weights = [discussion_weight(i.distribution, 5) or Fraction(0) for i in discussion_queue(_result(*items))]
    assert weights == sorted(weights, reverse=True)


def test_weight_grows_with_the_people_who_disagree() -> None:
    # The same split, twice as many people: twice the weight.
    small = discussion_weight(counts_of([0, 2, 4]), 5)
    large = discussion_weight(counts_of([0, 0, 2, 2, 4, 4]), 5)
    assert small is not None and large is not None and large > small


@pytest.mark.parametrize(("median", "start"), [(None, None), (0.0, 0), (2.0, 2), (2.5, 2), (3.5, 3), (4.0, 4)])
def test_consensus_starts_at_the_median_rounded_down(median: float | None, start: int | None) -> None:
    assert consensus_start(median) == start
