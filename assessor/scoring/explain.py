"""Human-readable arithmetic for item values and roll-ups (maths notation)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from assessor.scoring.model import Consensus
from assessor.scoring.result import Contribution, Omission

LISTED_RATINGS = 12
"""Up to this many ratings are listed one by one; more are shown as a distribution."""


@lru_cache(maxsize=4096)
def fmt(number: float) -> str:
    """Format with at most two decimals and no trailing zeros: 66.67, 87.5, 100.

    Halves round away from zero (65.625 -> 65.63), as people round by hand;
    ``repr`` gives the shortest decimal that round-trips, so 65.625 stays 65.625.
    """
    rounded = Decimal(repr(float(number))).quantize(Decimal("0.01"), ROUND_HALF_UP)
    text = f"{rounded:f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def percent_formula(value: float, minimum: int, maximum: int) -> str:
    """Return how a scale value becomes a percentage, e.g. ``2 / 4 × 100 = 50 %``."""
    percent = (value - minimum) / (maximum - minimum) * 100
    if minimum == 0:
        return f"{fmt(value)} / {maximum} × 100 = {fmt(percent)} %"
    return f"({fmt(value)} − {minimum}) / ({maximum} − {minimum}) × 100 = {fmt(percent)} %"


def _ratings(counts: Sequence[int], minimum: int) -> str:
    n = sum(counts)
    if n <= LISTED_RATINGS:
        values = [minimum + i for i, c in enumerate(counts) for _ in range(c)]
        return "median(" + ", ".join(str(v) for v in values) + ")"
    spread = ", ".join(f"{minimum + i}×{c}" for i, c in enumerate(counts) if c)
    return f"median of {n} ratings ({spread})"


def describe_item(
    counts: Sequence[int],
    minimum: int,
    maximum: int,
    median: float | None,
    consensus: Consensus | None,
    na_count: int,
) -> str:
    """Explain an item value, e.g. ``median(3, 4, 4) = 4 → 4 / 4 × 100 = 100 %``."""
    na = f"; N/A × {na_count}" if na_count else ""
    ratings = f"{_ratings(counts, minimum)} = {fmt(median)}" if median is not None else ""
    if consensus is not None:
        seen = f" (respondents: {ratings})" if ratings else ""
        return f"consensus = {consensus.level}{seen}{na} → " + percent_formula(consensus.level, minimum, maximum)
    if median is not None:
        return f"{ratings}{na} → " + percent_formula(median, minimum, maximum)
    if na_count:
        return f"N/A × {na_count}, no rating → left out"
    return "no answer → left out"


def rollup_formula(maximum: int, minimum: int) -> str:
    """Return the general roll-up formula for a scale."""
    item = "value" if minimum == 0 else f"(value − {minimum})"
    span = str(maximum) if minimum == 0 else f"{maximum - minimum}"
    return (
        f"score = Σ(w × p) / Σw over answered items, p = {item} / {span} × 100; coverage = Σw(answered) / Σw(all) × 100"
    )


def rollup_calculation(used: Sequence[Contribution], score: float | None) -> str:
    """Return the roll-up arithmetic with its numbers.

    Example: ``(1 × 100 + 2 × 50) / (1 + 2) = 66.67``.
    """
    if score is None:
        return "no answered item → no score"
    terms = " + ".join(f"{fmt(c.weight)} × {fmt(c.percent)}" for c in used)
    weights = " + ".join(fmt(c.weight) for c in used)
    return f"({terms}) / ({weights}) = {fmt(score)}"


def coverage_calculation(used: Sequence[Contribution], left_out: Sequence[Omission], coverage: float) -> str:
    """Return the coverage arithmetic, e.g. ``2 / 3 × 100 = 66.67 %``."""
    answered = sum(c.weight for c in used)
    total = answered + sum(o.weight for o in left_out)
    return f"{fmt(answered)} / {fmt(total)} × 100 = {fmt(coverage)} %"
