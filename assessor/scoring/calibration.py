"""Calibration statistics: how far each trainee's ratings of a case lie from the answer key, and how
the class as a whole rated each item.

A rating is a level on the scale or ``None`` (N/A). An item counts for a trainee only when the key
gives it a level and the trainee rated it with a level: N/A on either side and unrated items are
left out, and every result says how many items counted. Deviation is always *trainee minus key*.
Pure: standard library and :mod:`assessor.domain` only. Definitions: docs/methodology.md
("Calibration").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

Rating = int | None
"""A level, or ``None`` for N/A."""
Tendency = Literal["lenient", "balanced", "severe"]

LENIENT_ABOVE = Fraction(1, 4)
"""Bias above +0.25 levels is *lenient*: on average the trainee rates a quarter level or more above
the key, i.e. one item in four a whole level too high (our rule, in the spirit of rater-training
practice, where a systematic offset of a quarter point is the first that trainers act on)."""
SEVERE_BELOW = Fraction(-1, 4)
"""Bias below −0.25 levels is *severe* (the mirror of :data:`LENIENT_ABOVE`); in between, *balanced*."""


@dataclass(frozen=True, slots=True)
class TraineeStats:
    """One trainee against the key.

    ``counted`` items entered the figures; the shares and means are ``None`` when it is 0.
    """

    counted: int
    exact: float | None
    """Share (0-1) of the counted items rated exactly as the key."""
    within_one: float | None
    """Share (0-1) of the counted items rated at most one level from the key."""
    mad: float | None
    """Mean absolute deviation from the key, in levels."""
    bias: float | None
    """Mean signed deviation (trainee − key), in levels: positive rates above the key."""
    tendency: Tendency | None


@dataclass(frozen=True, slots=True)
class ItemStats:
    """One item across the class: the distribution of levels, its mean against the key, agreement."""

    code: str
    key: Rating
    counts: tuple[int, ...]
    """Trainees per level, lowest level first."""
    na: int
    """Trainees who chose N/A."""
    rated: int
    """Trainees who gave a level (the sum of ``counts``)."""
    mean: float | None
    distance: float | None
    """Class mean minus the key level (``None`` if the key is N/A or nobody gave a level)."""
    agreement: float | None
    """Share (0-1) of the trainees who gave a level and gave the key's level."""


@dataclass(frozen=True, slots=True)
class ClassStats:
    """The class: per-trainee figures, per-item figures and the summary the debrief prints."""

    trainees: tuple[TraineeStats, ...]
    items: tuple[ItemStats, ...]
    mean_exact: float | None
    mean_within_one: float | None
    mean_mad: float | None
    mean_bias: float | None
    tendencies: Mapping[Tendency, int]
    """How many trainees (with at least one counted item) are lenient, balanced, severe."""


def tendency(bias: Fraction) -> Tendency:
    """Name a bias with the thresholds :data:`LENIENT_ABOVE` and :data:`SEVERE_BELOW` (both exclusive)."""
    if bias > LENIENT_ABOVE:
        return "lenient"
    if bias < SEVERE_BELOW:
        return "severe"
    return "balanced"


def trainee_stats(ratings: Mapping[str, Rating], key: Mapping[str, Rating]) -> TraineeStats:
    """Compare one trainee's ``ratings`` (item code -> rating; items left out are unrated) with ``key``."""
    deviations = [
        rating - level for code, level in key.items() if level is not None and (rating := ratings.get(code)) is not None
    ]
    n = len(deviations)
    if n == 0:
        return TraineeStats(0, None, None, None, None, None)
    bias = Fraction(sum(deviations), n)
    return TraineeStats(
        counted=n,
        exact=sum(1 for d in deviations if d == 0) / n,
        within_one=sum(1 for d in deviations if abs(d) <= 1) / n,
        mad=sum(abs(d) for d in deviations) / n,
        bias=float(bias),
        tendency=tendency(bias),
    )


def item_stats(code: str, key: Rating, ratings: Sequence[Rating], levels: Sequence[int]) -> ItemStats:
    """The class's ``ratings`` of one item (one per trainee who rated it) on the scale ``levels``."""
    counts = tuple(sum(1 for r in ratings if r == level) for level in levels)
    given = [r for r in ratings if r is not None]
    mean = sum(given) / len(given) if given else None
    return ItemStats(
        code=code,
        key=key,
        counts=counts,
        na=sum(1 for r in ratings if r is None),
        rated=len(given),
        mean=mean,
        distance=None if mean is None or key is None else mean - key,
        agreement=None if not given or key is None else sum(1 for r in given if r == key) / len(given),
    )


def _mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def class_stats(
    trainees: Sequence[Mapping[str, Rating]], key: Mapping[str, Rating], levels: Sequence[int]
) -> ClassStats:
    """Everything the trainer's screen and the debrief show, for ``trainees`` in the order given.

    The class means are means over the trainees with at least one counted item (each trainee
    weighs the same, however many items they rated).
    """
    per_trainee = tuple(trainee_stats(ratings, key) for ratings in trainees)
    items = tuple(
        item_stats(code, level, [ratings[code] for ratings in trainees if code in ratings], levels)
        for code, level in key.items()
    )
    counted = [t for t in per_trainee if t.counted]
    tendencies: dict[Tendency, int] = {"lenient": 0, "balanced": 0, "severe": 0}
    for stats in counted:
        if stats.tendency is not None:
            tendencies[stats.tendency] += 1
    return ClassStats(
        trainees=per_trainee,
        items=items,
        mean_exact=_mean([t.exact for t in counted]),
        mean_within_one=_mean([t.within_one for t in counted]),
        mean_mad=_mean([t.mad for t in counted]),
        mean_bias=_mean([t.bias for t in counted]),
        tendencies=tendencies,
    )


def furthest_from_key(items: Sequence[ItemStats], count: int) -> list[ItemStats]:
    """The ``count`` items whose class mean lies furthest from the key (largest absolute distance
    first; ties in questionnaire order); items without a distance are left out."""
    ranked = [i for i in items if i.distance is not None]
    ranked.sort(key=lambda i: -abs(i.distance or 0.0))
    return ranked[:count]
