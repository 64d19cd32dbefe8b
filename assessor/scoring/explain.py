"""Human-readable arithmetic for item values and roll-ups (maths notation)."""

from __future__ import annotations

from collections.abc import Sequence

from assessor.numbers import coverage_sum, fmt, ratings, weighted_mean
from assessor.scoring.model import Consensus
from assessor.scoring.result import Contribution, Omission


def percent_formula(value: float, minimum: int, maximum: int) -> str:
    """Return how a scale value becomes a percentage, e.g. ``2 / 4 × 100 = 50 %``."""
    percent = (value - minimum) / (maximum - minimum) * 100
    if minimum == 0:
        return f"{fmt(value)} / {maximum} × 100 = {fmt(percent)} %"
    return f"({fmt(value)} − {minimum}) / ({maximum} − {minimum}) × 100 = {fmt(percent)} %"


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
    ratings_text = f"{ratings(counts, minimum)} = {fmt(median)}" if median is not None else ""
    if consensus is not None:
        seen = f" (respondents: {ratings_text})" if ratings_text else ""
        return f"consensus = {consensus.level}{seen}{na} → " + percent_formula(consensus.level, minimum, maximum)
    if median is not None:
        return f"{ratings_text}{na} → " + percent_formula(median, minimum, maximum)
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
    return weighted_mean([(c.weight, c.percent) for c in used], score, number=fmt, listed=None)


def coverage_calculation(used: Sequence[Contribution], left_out: Sequence[Omission], coverage: float) -> str:
    """Return the coverage arithmetic, e.g. ``2 / 3 × 100 = 66.67 %``."""
    answered = sum(c.weight for c in used)
    total = answered + sum(o.weight for o in left_out)
    return coverage_sum(answered, total, coverage, number=fmt, formula=True)
