"""What a second vote changed on one item: medians, means and agreement before and after (pure).

A workshop votes, sees the distribution, discusses, and votes again on the items it disagreed on
(peer instruction). Round 1 is the distribution of the answers when the second vote opened;
round 2 is the distribution of the latest answers (someone who did not vote again keeps their
round-1 answer). Both are rating counts per scale point, so every figure here costs O(scale points).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from assessor.scoring.agreement import quantile, r_wg, sample_variance, uniform_null_variance
from assessor.scoring.rules import COMPARISON_DECIMALS

AGREEMENT_SHIFT: float = 0.10
"""The change of r_wg that counts as the room converging (or diverging) between the rounds.

Source: our rule (methodology §7b): a tenth of the index's range, a change a facilitator can see
in the distribution; smaller changes read as "no change in agreement".
"""

Direction = Literal["up", "down", "same"]
AgreementChange = Literal["converged", "diverged", "same", "unknown"]


@dataclass(frozen=True, slots=True)
class RoundStats:
    """One round of one item: how many rated it, the median, the mean and r_wg (None when not defined)."""

    rated: int
    median: float | None
    mean: float | None
    r_wg: float | None


@dataclass(frozen=True, slots=True)
class RoundShift:
    """One item's first and second round, and what changed between them."""

    before: RoundStats
    after: RoundStats
    direction: Direction
    """``up`` or ``down`` when the median moved, else ``same``."""
    agreement: AgreementChange
    """``converged`` / ``diverged`` when r_wg rose / fell by :data:`AGREEMENT_SHIFT` or more,
    ``same`` when it moved less, ``unknown`` when either round has fewer than two ratings."""

    @property
    def unchanged(self) -> bool:
        """True when neither the median nor the agreement moved (or the agreement cannot be told)."""
        return self.direction == "same" and self.agreement in ("same", "unknown")


def round_stats(counts: Sequence[int], minimum: int) -> RoundStats:
    """The summary of one round's rating counts (lowest scale point first)."""
    n = sum(counts)
    mean = None if n == 0 else sum((minimum + i) * c for i, c in enumerate(counts)) / n
    index = r_wg(sample_variance(counts, minimum), uniform_null_variance(len(counts)))
    return RoundStats(n, quantile(counts, minimum, 0.5), mean, index)


def round_shift(before: Sequence[int], after: Sequence[int], minimum: int) -> RoundShift:
    """Compare the rating counts of the first and the second round of one item.

    :raise ValueError: when the two rounds are not on the same scale (different lengths).
    """
    if len(before) != len(after):
        raise ValueError("both rounds need one count per scale point of the same scale")
    first, second = round_stats(before, minimum), round_stats(after, minimum)
    direction: Direction = "same"
    if first.median is not None and second.median is not None:
        moved = round(second.median - first.median, COMPARISON_DECIMALS)
        direction = "up" if moved > 0 else "down" if moved < 0 else "same"
    agreement: AgreementChange = "unknown"
    if first.r_wg is not None and second.r_wg is not None:
        change = round(second.r_wg - first.r_wg, COMPARISON_DECIMALS)
        agreement = "converged" if change >= AGREEMENT_SHIFT else "diverged" if change <= -AGREEMENT_SHIFT else "same"
    return RoundShift(first, second, direction, agreement)
