"""KPIs an organisation defines for itself: checked and turned into catalogue KPIs (pure).

The catalogue (``standards/recommendations/kpis.yaml``) names the KPIs most service
organisations use; an organisation also measures things of its own ("rooms ready at
check-in", "callbacks kept"). A custom KPI says the same things a catalogue entry says —
unit, which way is better, whether customers perceive it or operations measure it, its
range, the elements and pyramid levels it evidences and the minimum n — so its values
are read against their targets and take part in the watermelon and optimism checks
exactly like the catalogue's (``docs/methodology.md`` §14b).

The web form and the assessment file (``"custom_kpis"``) both go through :func:`define`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace

from assessor.domain import Framework, Kpi, KpiDirection, KpiKind, Text
from assessor.scoring.kpis import Problem

__all__ = ["CODE", "DIRECTIONS", "KINDS", "UNITS", "KpiDefinition", "define", "kpi_of", "with_custom_kpis"]

CODE = re.compile(r"[A-Z][A-Z0-9_]{1,19}")
"""A custom KPI's code: 2-20 capitals, digits or underscores, starting with a capital (``ROOM_READY``)."""

UNITS: dict[str, tuple[float, float | None] | None] = {
    "percent": (0.0, 100.0),
    "points": (-100.0, 100.0),
    "scale": None,
    "hours": (0.0, None),
    "minutes": (0.0, None),
    "count": (0.0, None),
}
"""Each unit's range when none is given; a rating ``scale`` must state its own (1-5, 1-7...)."""
DIRECTIONS: tuple[KpiDirection, ...] = ("higher", "lower")
KINDS: tuple[KpiKind, ...] = ("customer", "operational")


@dataclass(frozen=True, slots=True)
class KpiDefinition:
    """What someone entered to define a KPI of their own."""

    code: str
    name: str
    name_ja: str = ""
    formula: str = ""
    unit: str = "percent"
    direction: str = "higher"
    kind: str = "customer"
    lower: float | None = None
    upper: float | None = None
    element_ids: tuple[str, ...] = ()
    pyramid_level_ids: tuple[str, ...] = ()
    min_n: int | None = None


def _problem(problem: str, message: str, field: str, **params: object) -> Problem:
    return Problem(problem, message, {"field": field, **{k: str(v) for k, v in params.items()}})


def _range(definition: KpiDefinition, problems: list[Problem]) -> tuple[float, float | None]:
    """Each bound given replaces the unit's default; a rating scale must give both."""
    default = UNITS.get(definition.unit)
    if definition.unit == "scale":
        for number, field in ((definition.lower, "lower"), (definition.upper, "upper")):
            if number is None:
                problems.append(_problem("scale_range", "a rating scale needs its lowest and highest answer", field))
    lower = definition.lower if definition.lower is not None else (default[0] if default else 0.0)
    upper = definition.upper if definition.upper is not None else (default[1] if default else None)
    for number, field in ((lower, "lower"), (upper, "upper")):
        if number is not None and not math.isfinite(number):
            problems.append(_problem("not_a_number", "enter a number", field))
            return 0.0, None
    if upper is not None and upper <= lower:
        problems.append(
            _problem("empty_range", f"the highest value ({upper:g}) must lie above the lowest ({lower:g})", "upper")
        )
    return lower, upper


def define(
    definition: KpiDefinition, framework: Framework, taken: Collection[str] = ()
) -> tuple[Kpi | None, list[Problem]]:
    """The KPI ``definition`` describes, or ``None`` and every problem with it.

    :param taken: codes already in use by the organisation's own KPIs (the catalogue's ids are
        refused too).
    """
    problems: list[Problem] = []
    code = definition.code.strip()
    if not CODE.fullmatch(code):
        problems.append(
            _problem(
                "bad_code", "a code is 2-20 capital letters, digits or underscores, starting with a letter", "code"
            )
        )
    elif code in {k.id for k in framework.kpis}:
        problems.append(
            _problem("catalogue_code", f"{code} is a KPI of the catalogue: choose another code", "code", code=code)
        )
    elif code in taken:
        problems.append(_problem("code_taken", f"{code} is already one of this organisation's KPIs", "code", code=code))
    if not definition.name.strip():
        problems.append(_problem("name_missing", "give the KPI a name", "name"))
    if definition.unit not in UNITS:
        problems.append(_problem("bad_choice", f"unknown unit {definition.unit!r}", "unit"))
    if definition.direction not in DIRECTIONS:
        problems.append(_problem("bad_choice", f"unknown direction {definition.direction!r}", "direction"))
    if definition.kind not in KINDS:
        problems.append(_problem("bad_choice", f"unknown kind {definition.kind!r}", "kind"))
    lower, upper = _range(definition, problems)
    elements = {e.id for e in framework.elements}
    levels = {level.id for level in framework.pyramid_levels}
    for element_id in definition.element_ids:
        if element_id not in elements:
            problems.append(_problem("unknown_element", f"unknown element {element_id!r}", "elements", id=element_id))
    for level_id in definition.pyramid_level_ids:
        if level_id not in levels:
            problems.append(
                _problem("unknown_level", f"unknown pyramid level {level_id!r}", "pyramid_levels", id=level_id)
            )
    if definition.min_n is not None and definition.min_n < 1:
        problems.append(_problem("bad_min_n", "the minimum n is 1 or more", "min_n"))
    if problems:
        return None, problems
    return kpi_of(replace(definition, code=code, lower=lower, upper=upper)), []


def kpi_of(definition: KpiDefinition) -> Kpi:
    """The :class:`Kpi` of a definition :func:`define` has accepted (a stored one, say), as it stands."""
    name, formula = definition.name.strip(), definition.formula.strip()
    return Kpi(
        id=definition.code,
        name=Text(en=name, ja=definition.name_ja.strip() or name),
        formula=Text(en=formula, ja=formula),
        description=Text(en="", ja=""),
        unit=definition.unit,  # type: ignore[arg-type]  # checked against UNITS by define()
        direction=definition.direction,  # type: ignore[arg-type]
        kind=definition.kind,  # type: ignore[arg-type]
        lower=definition.lower if definition.lower is not None else 0.0,
        upper=definition.upper,
        element_ids=tuple(definition.element_ids),
        pyramid_level_ids=tuple(definition.pyramid_level_ids),
        min_n=definition.min_n,
    )


def with_custom_kpis(framework: Framework, custom: Iterable[Kpi]) -> Framework:
    """``framework`` whose KPI catalogue also holds ``custom`` (after the catalogue's own; a custom KPI
    whose code the catalogue has since taken is left out: the catalogue's KPI wins)."""
    known = {k.id for k in framework.kpis}
    extra = tuple(k for k in custom if k.id not in known)
    return replace(framework, kpis=framework.kpis + extra) if extra else framework
