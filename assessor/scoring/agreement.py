"""Order statistics, spread and the r_wg agreement index, computed from rating counts.

Ratings are integers on a small scale, so each item is summarised once as a
count per scale point (its *distribution*); every statistic here then costs
O(scale points), however many respondents there are.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

from assessor.scoring.result import Agreement, ItemScore, ScoringResult
from assessor.scoring.rules import COMPARISON_DECIMALS, LOW_AGREEMENT_THRESHOLD


def _order_statistic(counts: Sequence[int], minimum: int, k: int) -> int:
    """Return the k-th smallest rating (0-based) of the distribution ``counts``."""
    seen = 0
    for offset, count in enumerate(counts):
        seen += count
        if k < seen:
            return minimum + offset
    raise IndexError(k)


def quantile(counts: Sequence[int], minimum: int, p: float) -> float | None:
    """Return the p-quantile of the ratings, interpolating linearly between ranks.

    This is type 7 of Hyndman & Fan (1996), the default of R and NumPy and of
    :func:`statistics.quantiles` with ``method="inclusive"``: position
    h = p x (n - 1) in the sorted ratings, interpolated between its neighbours.
    ``quantile(counts, minimum, 0.5)`` is the statistical median: for an even
    count it is the mean of the two middle ratings and may end in .5.

    :return: ``None`` when there are no ratings.
    """
    n = sum(counts)
    if n == 0:
        return None
    h = p * (n - 1)
    low = math.floor(h)
    fraction = h - low
    below = _order_statistic(counts, minimum, low)
    if fraction == 0:
        return float(below)
    above = _order_statistic(counts, minimum, low + 1)
    return below + fraction * (above - below)


def sample_variance(counts: Sequence[int], minimum: int) -> float | None:
    """Return the sample variance (divisor n - 1) of the ratings; ``None`` if n < 2."""
    n = sum(counts)
    if n < 2:
        return None
    mean = sum((minimum + i) * c for i, c in enumerate(counts)) / n
    squares = sum(c * (minimum + i - mean) ** 2 for i, c in enumerate(counts))
    return squares / (n - 1)


def exact_variance(counts: Sequence[int], minimum: int) -> Fraction | None:
    """The sample variance as an exact fraction, from integer sums: (n Σx² − (Σx)²) / (n (n − 1)).

    Used to order items by spread: two items with the same ratings in another order have
    exactly equal variances here, where the float formula can differ in the last bit.
    """
    n = sum(counts)
    if n < 2:
        return None
    total = sum((minimum + i) * c for i, c in enumerate(counts))
    squares = sum((minimum + i) ** 2 * c for i, c in enumerate(counts))
    return Fraction(n * squares - total * total, n * (n - 1))


def spread_order(counts: Sequence[int], minimum: int) -> tuple[Fraction, Fraction]:
    """Sort key, most divisive first: (−variance, −IQR), both exact (methodology §7).

    Quartile positions are multiples of 1/4 and ratings are integers, so the IQR is an
    exact binary fraction and converts to :class:`Fraction` without loss.
    """
    variance = exact_variance(counts, minimum)
    q1 = quantile(counts, minimum, 0.25)
    q3 = quantile(counts, minimum, 0.75)
    iqr = Fraction(0) if q1 is None or q3 is None else Fraction(q3) - Fraction(q1)
    return (-(variance or Fraction(0)), -iqr)


def uniform_null_variance(options: int) -> float:
    """Return sigma^2_EU = (A^2 - 1) / 12: the variance of ratings spread evenly.

    Source: James, Demaree & Wolf (1984), the expected variance under a
    rectangular (no-agreement) null distribution.
    """
    return (options * options - 1) / 12


def r_wg(variance: float | None, null_variance: float) -> float | None:
    """Return r_wg = 1 - observed variance / sigma^2_EU, clamped to [0, 1].

    Clamping follows common practice: a variance above the uniform null (a
    polarised team) means no agreement, not negative agreement.
    """
    if variance is None:
        return None
    return min(1.0, max(0.0, 1.0 - variance / null_variance))


def is_low(index: float | None) -> bool:
    """Return True when an r_wg value is below :data:`LOW_AGREEMENT_THRESHOLD`."""
    return index is not None and round(index, COMPARISON_DECIMALS) < (LOW_AGREEMENT_THRESHOLD)


def item_agreement(counts: Sequence[int], minimum: int, null_variance: float) -> tuple[Agreement, float | None]:
    """Return one item's agreement and its sample variance.

    SD, IQR and r_wg need at least two ratings; with fewer they are ``None``.
    """
    n = sum(counts)
    variance = sample_variance(counts, minimum)
    if variance is None:
        return Agreement(n, None, None, None, False), None
    q1 = quantile(counts, minimum, 0.25)
    q3 = quantile(counts, minimum, 0.75)
    # n >= 2 here, so both quartiles exist.
    assert q1 is not None
    assert q3 is not None
    index = r_wg(variance, null_variance)
    agreement = Agreement(n, math.sqrt(variance), q3 - q1, index, is_low(index))
    return agreement, variance


def pooled_agreement(
    respondents: int,
    parts: Sequence[tuple[float, float, float]],
    null_variance: float,
) -> Agreement:
    """Return a roll-up's agreement from its items' (weight, variance, IQR).

    The pooled variance is the weight-averaged item variance; SD is its square
    root and IQR the weight-averaged item IQR, all in scale points.  r_wg uses
    the pooled variance in the single-item formula.  We do not step it up to
    r_wg(J), because r_wg(J) grows with the number of items and would make a
    large roll-up look more unanimous than any of its items.

    :param respondents: respondents who rated at least one item of the roll-up.
    :param parts: one triple per item that has two or more ratings.
    """
    total = sum(weight for weight, _, _ in parts)
    if total == 0:
        return Agreement(respondents, None, None, None, False)
    variance = sum(weight * var for weight, var, _ in parts) / total
    iqr = sum(weight * spread for weight, _, spread in parts) / total
    index = r_wg(variance, null_variance)
    return Agreement(respondents, math.sqrt(variance), iqr, index, is_low(index))


def discussion_weight(counts: Sequence[int], options: int) -> Fraction | None:
    """Return how much disagreement an item holds, in answers: n x (1 - r_wg), exactly.

    ``1 - r_wg`` is the observed variance as a share of the no-agreement variance (at most 1),
    so the weight reads as "how many answers' worth of disagreement": two people at opposite
    ends weigh 2, ten people split between three levels weigh more.  Computed with fractions
    from the integer counts, so equal items tie exactly and the tie-breaks decide, never
    floating-point noise.  ``None`` below two ratings (no spread to discuss).
    """
    n = sum(counts)
    if n < 2:
        return None
    share = min(Fraction(1), _exact_variance(counts) / Fraction(options * options - 1, 12))
    return n * share


def _exact_variance(counts: Sequence[int]) -> Fraction:
    """The sample variance of the ratings as a fraction (0 below two ratings)."""
    n = sum(counts)
    if n < 2:
        return Fraction(0)
    first = sum(offset * count for offset, count in enumerate(counts))
    second = sum(offset * offset * count for offset, count in enumerate(counts))
    return Fraction(n * second - first * first, n * (n - 1))


def discussion_order(result: ScoringResult) -> tuple[ItemScore, ...]:
    """Return the items with low agreement (see :func:`is_low`) in the order a room discusses them,
    whether agreed or not: the larger :func:`discussion_weight` first (more people disagreeing,
    or further apart); ties go to the larger variance, then to the item code.  (Equal weight and
    equal variance imply the same number of answers.)  So an item two people disagree on ranks
    below one ten people disagree on, even when the two are further apart.  Recording a
    consensus does not move an item in this order (the presenter screen steps through it).
    """
    options = result.scale_max - result.scale_min + 1

    def key(item: ItemScore) -> tuple[Fraction, Fraction, str]:
        weight = discussion_weight(item.distribution, options) or Fraction(0)
        return (-weight, -_exact_variance(item.distribution), item.code)

    return tuple(sorted((item for item in result.items if item.agreement.low), key=key))


def discussion_queue(result: ScoringResult) -> tuple[ItemScore, ...]:
    """Return the items a workshop should discuss first, first to discuss first: the
    :func:`discussion_order`, with the items not yet agreed before those with a consensus.
    """
    return tuple(sorted(discussion_order(result), key=lambda item: item.consensus is not None))


def consensus_start(median: float | None) -> int | None:
    """Return the level a consensus discussion starts at: the median of the answers.

    A median halfway between two levels (an even number of answers) starts at the lower
    one, so the suggestion never claims more than the answers carry; ``None`` without answers.
    """
    return None if median is None else math.floor(median)
