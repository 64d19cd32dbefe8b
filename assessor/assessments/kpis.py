"""KPI readings of an assessment: stored values in, pure KPI values and findings out.

A value is entered as a number, or computed by the pure core from the raw counts of each
answer (CSAT, NPS, CES), which are kept with it.  One reading per KPI and period: saving
the same KPI and period again replaces it.  Each change is one commit and one history entry.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace

import sqlalchemy as sa

from assessor.domain import Framework
from assessor.extensions import db
from assessor.history import record
from assessor.models import Assessment, KpiReading, User
from assessor.scoring import ScoringResult
from assessor.scoring.kpis import (
    DISTRIBUTION_KPIS,
    KpiInputError,
    KpiValue,
    Problem,
    check_value,
    from_distribution,
    latest_per_kpi,
    range_problem,
)
from assessor.scoring.watermelon import Finding, findings

__all__ = [
    "DISTRIBUTION_KPIS",
    "KpiEntry",
    "KpiInputError",
    "Problem",
    "delete_reading",
    "kpi_findings",
    "kpi_values",
    "readings_of",
    "save_reading",
]


@dataclass(frozen=True, slots=True)
class KpiEntry:
    """What a user entered for one KPI and period (``value`` or ``counts``, not both)."""

    kpi_id: str
    period: str
    value: float | None = None
    counts: tuple[int, ...] | None = None
    """Responses per answer, lowest answer first (CSAT 1-5, NPS 0-10, CES 1-7)."""
    n: int | None = None
    target: float | None = None
    previous: float | None = None
    variant: str | None = None
    source: str = ""


_LOWEST_ANSWER = {"CSAT": 1, "NPS": 0, "CES": 1}
_ANSWERS = {"CSAT": 5, "NPS": 11, "CES": 7}


def _computed(entry: KpiEntry) -> tuple[float, int | None, str | None]:
    """(value, n, counts as JSON) of ``entry``; raise :class:`KpiInputError` on bad input."""
    if entry.counts is None:
        if entry.value is None:
            raise KpiInputError.of("value_missing", "enter a value, or the responses per answer")
        return entry.value, entry.n, None
    if entry.value is not None:
        raise KpiInputError.of("value_and_counts", "enter either a value or the responses per answer, not both")
    if entry.kpi_id not in DISTRIBUTION_KPIS:
        raise KpiInputError.of(
            "not_distribution", f"{entry.kpi_id} cannot be computed from responses per answer", kpi=entry.kpi_id
        )
    expected = _ANSWERS[entry.kpi_id]
    if len(entry.counts) != expected:
        raise KpiInputError.of(
            "counts_length",
            f"{entry.kpi_id} needs {expected} counts, one per answer; got {len(entry.counts)}",
            kpi=entry.kpi_id,
            expected=expected,
            got=len(entry.counts),
        )
    lowest = _LOWEST_ANSWER[entry.kpi_id]
    counts = {lowest + i: count for i, count in enumerate(entry.counts)}
    computed = from_distribution(entry.kpi_id, counts)
    return computed.value, computed.n, json.dumps(counts)


def save_reading(assessment: Assessment, framework: Framework, entry: KpiEntry, actor: User | None) -> KpiReading:
    """Store (or replace) the reading of ``entry``'s KPI and period, and commit.

    :raise KpiInputError: an unknown KPI, raw counts that cannot be computed, a value out of
        range or a missing variant; nothing is written then.
    """
    try:
        kpi = framework.kpi(entry.kpi_id)
    except KeyError:
        raise KpiInputError.of("unknown_kpi", f"unknown KPI {entry.kpi_id!r}", kpi=entry.kpi_id) from None
    value, n, counts = _computed(entry)
    problems = check_value(kpi, value, entry.variant or None)
    for field_name, number in (("target", entry.target), ("previous", entry.previous)):
        problem = range_problem(kpi, number) if number is not None else None
        if problem:
            problems.append(replace(problem, params={**problem.params, "field": field_name}))
    if problems:
        raise KpiInputError(*problems)
    reading = db.session.scalar(
        sa.select(KpiReading).filter_by(assessment_id=assessment.id, kpi_id=kpi.id, period=entry.period)
    )
    if reading is None:
        reading = KpiReading(assessment_id=assessment.id, kpi_id=kpi.id, period=entry.period)
        db.session.add(reading)
    reading.value, reading.n, reading.counts = value, n, counts
    reading.target, reading.previous = entry.target, entry.previous
    reading.variant, reading.source = entry.variant or None, entry.source.strip()
    record("kpi value set", assessment, actor, f"{kpi.id} {entry.period}".strip())
    db.session.commit()
    return reading


def delete_reading(assessment: Assessment, reading_id: int, actor: User | None) -> bool:
    """Delete one reading of ``assessment`` and commit; ``False`` when it has no such reading."""
    reading = db.session.get(KpiReading, reading_id)
    if reading is None or reading.assessment_id != assessment.id:
        return False
    record("kpi value deleted", assessment, actor, f"{reading.kpi_id} {reading.period}".strip())
    db.session.delete(reading)
    db.session.commit()
    return True


def readings_of(assessment: Assessment) -> list[KpiReading]:
    """The assessment's readings, by KPI and period."""
    query = sa.select(KpiReading).filter_by(assessment_id=assessment.id)
    return list(db.session.scalars(query.order_by(KpiReading.kpi_id, KpiReading.period, KpiReading.id)))


def kpi_values(readings: list[KpiReading], framework: Framework) -> list[KpiValue]:
    """The readings as the pure core's values (a KPI no longer in the catalogue is left out)."""
    known = {k.id: k for k in framework.kpis}
    return [
        KpiValue(
            known[r.kpi_id],
            r.value,
            n=r.n,
            target=r.target,
            previous=r.previous,
            variant=r.variant,
            period=r.period,
            source=r.source,
        )
        for r in readings
        if r.kpi_id in known
    ]


def kpi_findings(values: list[KpiValue], result: ScoringResult | None) -> tuple[Finding, ...]:
    """The watermelon and optimism findings of an assessment's latest KPI values."""
    return findings(latest_per_kpi(values), result)


def stored_counts(reading: KpiReading) -> Mapping[int, int] | None:
    """The raw counts a reading was computed from, if any."""
    return {int(k): v for k, v in json.loads(reading.counts).items()} if reading.counts else None
