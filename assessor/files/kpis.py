"""KPI values in the assessment file (``"kpis"``): read them as the core's values, write them back.

The schema has checked the shape (``assessment.schema.json``, ``$defs.kpi``); here come the
checks that need the catalogue, each reported at its JSON path: a KPI the catalogue does not
know, a value, target or previous value outside the KPI's range, a missing or unknown
variant, and the same KPI and period twice.  A value given with its responses per answer
must be the value those counts give (the core recomputes it), so a file cannot carry a CSAT
that its own counts contradict.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from assessor.domain import Framework, Kpi
from assessor.files.read import Problem, json_path
from assessor.scoring.kpidefs import KpiDefinition, define, with_custom_kpis
from assessor.scoring.kpis import (
    DISTRIBUTION_KPIS,
    KpiInputError,
    KpiValue,
    check_value,
    from_distribution,
    range_problem,
)
from assessor.scoring.watermelon import Finding

COUNTS_TOLERANCE = 0.05
"""How far a stated value may lie from the one its counts give (rounding in the source system)."""


def _counts_problem(kpi_id: str, value: float, counts: Mapping[str, int]) -> str | None:
    if kpi_id not in DISTRIBUTION_KPIS:
        return f"{kpi_id} cannot be computed from responses per answer"
    try:
        computed = from_distribution(kpi_id, {int(answer): count for answer, count in counts.items()})
    except (KpiInputError, ValueError) as error:
        return str(error)
    if not math.isclose(computed.value, value, abs_tol=COUNTS_TOLERANCE):
        return f"the counts give {computed.value:.2f}, not {value:g}"
    return None


def read_custom_kpis(framework: Framework, document: Mapping[str, Any]) -> tuple[tuple[Kpi, ...], list[Problem]]:
    """The organisation's own KPIs the file defines (``"custom_kpis"``), and every problem with them."""
    kpis: list[Kpi] = []
    problems: list[Problem] = []
    for index, raw in enumerate(document.get("custom_kpis", ())):
        lower, upper = raw.get("range", (None, None))
        definition = KpiDefinition(
            code=raw["code"],
            name=raw["name"]["en"],
            name_ja=raw["name"].get("ja", ""),
            formula=raw.get("formula", ""),
            unit=raw["unit"],
            direction=raw["direction"],
            kind=raw["kind"],
            lower=lower,
            upper=upper,
            element_ids=tuple(raw.get("elements", ())),
            pyramid_level_ids=tuple(raw.get("pyramid_levels", ())),
            min_n=raw.get("min_n"),
        )
        kpi, found = define(definition, framework, {k.id for k in kpis})
        problems.extend(Problem(json_path("custom_kpis", index, p.params["field"]), p.message) for p in found)
        if kpi is not None:
            kpis.append(kpi)
    return tuple(kpis), problems


def custom_kpis_to_document(kpis: Sequence[Kpi]) -> list[dict[str, Any]]:
    """The ``"custom_kpis"`` entries of an organisation's own KPIs."""
    entries = []
    for kpi in kpis:
        entry: dict[str, Any] = {
            "code": kpi.id,
            "name": {"en": kpi.name.en, "ja": kpi.name.ja},
            "unit": kpi.unit,
            "direction": kpi.direction,
            "kind": kpi.kind,
            "range": [kpi.lower, kpi.upper],
        }
        if kpi.formula.en:
            entry["formula"] = kpi.formula.en
        for key, ids in (("elements", kpi.element_ids), ("pyramid_levels", kpi.pyramid_level_ids)):
            if ids:
                entry[key] = list(ids)
        if kpi.min_n is not None:
            entry["min_n"] = kpi.min_n
        entries.append(entry)
    return entries


def read_kpis(framework: Framework, document: Mapping[str, Any]) -> tuple[tuple[KpiValue, ...], list[Problem]]:
    """The file's KPI values (of the catalogue and of the file's own KPIs), and every problem with them
    (empty when all is well)."""
    custom, problems = read_custom_kpis(framework, document)
    known = {k.id: k for k in with_custom_kpis(framework, custom).kpis}
    values: list[KpiValue] = []
    seen: dict[tuple[str, str], int] = {}
    for index, raw in enumerate(document.get("kpis", ())):
        kpi = known.get(raw["kpi"])
        if kpi is None:
            problems.append(Problem(json_path("kpis", index, "kpi"), f"unknown KPI {raw['kpi']!r}"))
            continue
        period = str(raw.get("period", ""))
        if (kpi.id, period) in seen:
            first = seen[(kpi.id, period)]
            problems.append(Problem(json_path("kpis", index), f"{kpi.id} {period!r} is already given at kpis[{first}]"))
            continue
        seen[(kpi.id, period)] = index
        value = float(raw["value"])
        for problem in check_value(kpi, value, raw.get("variant")):
            field = "variant" if problem.code in {"variant_needed", "no_variants"} else "value"
            problems.append(Problem(json_path("kpis", index, field), problem.message))
        for field in ("target", "previous"):
            if field in raw and (outside := range_problem(kpi, float(raw[field]))) is not None:
                problems.append(Problem(json_path("kpis", index, field), outside.message))
        if "counts" in raw and (message := _counts_problem(kpi.id, value, raw["counts"])) is not None:
            problems.append(Problem(json_path("kpis", index, "counts"), message))
        values.append(
            KpiValue(
                kpi,
                value,
                n=raw.get("n"),
                target=None if "target" not in raw else float(raw["target"]),
                previous=None if "previous" not in raw else float(raw["previous"]),
                variant=raw.get("variant"),
                period=period,
                source=str(raw.get("source", "")),
            )
        )
    return tuple(values), problems


def kpis_to_document(
    values: Sequence[KpiValue], counts: Sequence[Mapping[int, int] | None] = ()
) -> list[dict[str, Any]]:
    """The ``"kpis"`` entries of ``values`` (with the responses per answer, where given, by position)."""
    entries = []
    for index, value in enumerate(values):
        entry: dict[str, Any] = {"kpi": value.kpi.id, "period": value.period, "value": value.value}
        for key, item in (("n", value.n), ("target", value.target), ("previous", value.previous)):
            if item is not None:
                entry[key] = item
        if value.variant:
            entry["variant"] = value.variant
        if value.source:
            entry["source"] = value.source
        raw = counts[index] if index < len(counts) else None
        if raw:
            entry["counts"] = {str(answer): count for answer, count in sorted(raw.items())}
        entries.append(entry)
    return entries


def findings_to_dict(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    """The watermelon and optimism findings as JSON-ready data (``assessor score``)."""
    return [
        {
            "kind": f.kind,
            "on_target": [v.kpi.id for v in f.green],
            "missed_or_falling": [v.kpi.id for v in f.red],
            "contradicted": [{"kind": c.kind, "id": c.id, "score": round(c.score, 2)} for c in f.claims],
        }
        for f in findings
    ]
