"""KPI values: computed from raw counts, checked against their range, read against target and trend (pure).

The catalogue (``standards/recommendations/kpis.yaml``, :class:`assessor.domain.Kpi`) says
what each KPI is: unit, range, which way is better, whether customers perceive it or
operations measure it, and below which number of responses a value is only indicative.
This module turns raw data into values and says how a value stands; the rules are in
``docs/methodology.md`` §14b.

- CSAT: responses of 4 or 5 on a 1-5 scale ÷ all responses × 100 (%).
- NPS: % promoters (9-10) − % detractors (0-6) on a 0-10 scale, in points (−100…+100).
- CES: the mean on a 1-7 scale; the share answering 5-7 is reported beside it.
- FCR: resolved at the first contact ÷ all contacts × 100 (gross); net FCR leaves out of the
  denominator the contacts that cannot be resolved in one contact.

A value is *on target* when it is at or better than the target (the exact target counts);
it *worsened* when it is strictly worse than the previous value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from assessor.domain import Kpi

__all__ = [
    "Computed",
    "KpiInputError",
    "KpiValue",
    "Problem",
    "ces",
    "check_value",
    "csat",
    "fcr",
    "from_distribution",
    "latest_per_kpi",
    "nps",
    "range_problem",
]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with KPI input: a stable ``code`` with its ``params`` (faces word it in the
    user's language) and an English ``message`` (logs, files, the command line)."""

    code: str
    message: str
    params: Mapping[str, str] = field(default_factory=dict)


class KpiInputError(ValueError):
    """KPI input that cannot be used: :attr:`problems` says what is wrong."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems

    @classmethod
    def of(cls, code: str, message: str, **params: object) -> KpiInputError:
        """One problem: ``raise KpiInputError.of("no_contacts", "no contacts")``."""
        return cls(Problem(code, message, {k: str(v) for k, v in params.items()}))


@dataclass(frozen=True, slots=True)
class Computed:
    """A KPI value computed from raw data, the number of responses or cases behind it, and its parts."""

    value: float
    n: int
    parts: Mapping[str, float] = field(default_factory=dict)
    """The figures the value is made of (``promoters``/``detractors`` in %, ``top3`` in %, ``net``...)."""


def _counts(counts: Mapping[int, int], lowest: int, highest: int, scale: str) -> int:
    """Check a distribution (answer -> number of responses) on ``lowest..highest``; return the total."""
    for answer, count in counts.items():
        if isinstance(answer, bool) or not isinstance(answer, int) or not lowest <= answer <= highest:
            raise KpiInputError.of(
                "off_scale", f"answer {answer!r} is not on the {scale} scale ({lowest}-{highest})", answer=answer
            )
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise KpiInputError.of(
                "bad_count",
                f"the count for answer {answer} must be a whole number of 0 or more, not {count!r}",
                answer=answer,
            )
    total = sum(counts.values())
    if total == 0:
        raise KpiInputError.of("no_responses", f"no responses on the {scale} scale")
    return total


def _share(counts: Mapping[int, int], answers: range, total: int) -> float:
    return 100.0 * sum(counts.get(a, 0) for a in answers) / total


def csat(counts: Mapping[int, int]) -> Computed:
    """CSAT in % from the number of responses of each answer 1-5."""
    total = _counts(counts, 1, 5, "1-5 satisfaction")
    return Computed(_share(counts, range(4, 6), total), total)


def nps(counts: Mapping[int, int]) -> Computed:
    """NPS in points from the number of responses of each answer 0-10."""
    total = _counts(counts, 0, 10, "0-10 recommendation")
    promoters = _share(counts, range(9, 11), total)
    detractors = _share(counts, range(0, 7), total)
    passives = _share(counts, range(7, 9), total)
    parts = {"promoters": promoters, "passives": passives, "detractors": detractors}
    return Computed(promoters - detractors, total, parts)


def ces(counts: Mapping[int, int]) -> Computed:
    """CES as the mean of answers 1-7, with the share answering 5-7 (``top3``, %)."""
    total = _counts(counts, 1, 7, "1-7 effort")
    mean = sum(answer * count for answer, count in counts.items()) / total
    return Computed(mean, total, {"top3": _share(counts, range(5, 8), total)})


def fcr(resolved_first: int, contacts: int, unresolvable: int = 0) -> Computed:
    """Gross FCR in % (resolved at first contact ÷ all contacts), with net FCR (``net``, %):
    the contacts that cannot be resolved in one contact are left out of its denominator."""
    for name, number in (("resolved_first", resolved_first), ("contacts", contacts), ("unresolvable", unresolvable)):
        if isinstance(number, bool) or not isinstance(number, int) or number < 0:
            raise KpiInputError.of(
                "bad_count", f"{name} must be a whole number of 0 or more, not {number!r}", answer=name
            )
    if contacts == 0:
        raise KpiInputError.of("no_contacts", "no contacts")
    if unresolvable > contacts:
        raise KpiInputError.of("too_many_unresolvable", f"unresolvable ({unresolvable}) exceeds contacts ({contacts})")
    if resolved_first > contacts - unresolvable:
        raise KpiInputError.of(
            "too_many_resolved",
            f"resolved_first ({resolved_first}) exceeds the contacts that could be resolved "
            f"({contacts} − {unresolvable} = {contacts - unresolvable})",
        )
    # Net FCR is undefined when no contact could have been resolved at the first one.
    parts = {"net": 100.0 * resolved_first / (contacts - unresolvable)} if contacts > unresolvable else {}
    return Computed(100.0 * resolved_first / contacts, contacts, parts)


_FROM_DISTRIBUTION = {"CSAT": csat, "NPS": nps, "CES": ces}
DISTRIBUTION_KPIS: tuple[str, ...] = tuple(_FROM_DISTRIBUTION)
"""KPIs whose value can be computed from the counts of each answer."""


def from_distribution(kpi_id: str, counts: Mapping[int, int]) -> Computed:
    """The value of a survey KPI (CSAT, NPS, CES) from the number of responses of each answer."""
    try:
        compute = _FROM_DISTRIBUTION[kpi_id]
    except KeyError:
        raise KpiInputError.of(
            "not_distribution",
            f"{kpi_id} cannot be computed from a distribution (only {', '.join(DISTRIBUTION_KPIS)})",
            kpi=kpi_id,
        ) from None
    return compute(counts)


def range_problem(kpi: Kpi, value: float) -> Problem | None:
    """Why ``value`` cannot be a value of ``kpi`` (not a number, outside its range), or ``None``."""
    if value != value or value in (float("inf"), float("-inf")):
        return Problem("not_a_number", f"{kpi.id}: the value must be a number", {"kpi": kpi.id})
    if value < kpi.lower or (kpi.upper is not None and value > kpi.upper):
        upper = "no upper limit" if kpi.upper is None else f"{kpi.upper:g}"
        return Problem(
            "out_of_range" if kpi.upper is not None else "below_range",
            f"{kpi.id}: {value:g} is outside its range ({kpi.lower:g} to {upper})",
            {"kpi": kpi.id, "value": f"{value:g}", "lowest": f"{kpi.lower:g}", "highest": f"{kpi.upper or 0:g}"},
        )
    return None


def check_value(kpi: Kpi, value: float, variant: str | None = None) -> list[Problem]:
    """What is wrong with ``value`` as a value of ``kpi`` (outside its range, unknown variant); empty when fine."""
    problem = range_problem(kpi, value)
    problems = [problem] if problem else []
    if kpi.variants and variant not in kpi.variants:
        variants = ", ".join(kpi.variants)
        problems.append(
            Problem("variant_needed", f"{kpi.id}: name the variant ({variants})", {"kpi": kpi.id, "variants": variants})
        )
    elif not kpi.variants and variant:
        problems.append(Problem("no_variants", f"{kpi.id}: has no variants, got {variant!r}", {"kpi": kpi.id}))
    return problems


@dataclass(frozen=True, slots=True)
class KpiValue:
    """One KPI's value for a period, with its target and the previous period's value."""

    kpi: Kpi
    value: float
    n: int | None = None
    """Responses or cases behind the value; ``None`` when unknown."""
    target: float | None = None
    previous: float | None = None
    variant: str | None = None
    period: str = ""
    source: str = ""

    @property
    def indicative(self) -> bool:
        """Too few responses to rely on: ``n`` below the KPI's minimum, or unknown when it has one."""
        return self.kpi.min_n is not None and (self.n is None or self.n < self.kpi.min_n)

    @property
    def on_target(self) -> bool | None:
        """At or better than the target; ``None`` without a target."""
        if self.target is None:
            return None
        if self.kpi.direction == "higher":
            return self.value >= self.target
        return self.value <= self.target

    @property
    def change(self) -> float | None:
        """Value minus the previous value (in the KPI's unit); ``None`` without a previous value."""
        return None if self.previous is None else self.value - self.previous

    @property
    def worsened(self) -> bool | None:
        """Strictly worse than the previous value, in the KPI's direction; ``None`` without one."""
        if self.previous is None:
            return None
        if self.kpi.direction == "higher":
            return self.value < self.previous
        return self.value > self.previous


def latest_per_kpi(values: list[KpiValue]) -> list[KpiValue]:
    """One value per KPI for the checks: the latest period (periods sort as written: 2026 Q3 > 2026 Q2)."""
    latest: dict[str, KpiValue] = {}
    for value in values:
        if value.kpi.id not in latest or value.period > latest[value.kpi.id].period:
            latest[value.kpi.id] = value
    return list(latest.values())
