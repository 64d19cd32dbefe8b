"""The recommendations library (``recommendations/``): the KPI catalogue and the improvement actions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assessor.domain import BANDS, Action, Framework, Kpi
from assessor.standards.problems import Collector, Problem, check_unique, parse_file
from assessor.standards.schema import ActionFileSchema, ActionSchema, KpiFileSchema, KpiSchema
from assessor.standards.yamlsource import line_of

RECOMMENDATIONS_DIR = "recommendations"
KPIS = "kpis.yaml"
MIN_ACTIONS_PER_ELEMENT = 3
"""Every element needs this many actions, so every gap has more than one way forward."""
MIN_BANDS_PER_ELEMENT = 2
"""...spread over at least this many maturity bands, so advice changes as the element matures."""

_RecommendationFiles = tuple[tuple[str, KpiFileSchema | None] | None, list[tuple[str, ActionFileSchema | None]]]


@dataclass(frozen=True, slots=True)
class _Located:
    """A parsed action and where it is: file, line of its id, index in the file."""

    file: str
    line: int
    index: int
    raw: ActionSchema


def parse_recommendations(col: Collector, folder: Path) -> _RecommendationFiles:
    """Parse ``recommendations/``; a missing folder (or one without YAML files) means no library."""
    yaml_files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not yaml_files:
        return None, []
    kpi_path = folder / KPIS
    kpi_file = (col.rel(kpi_path), parse_file(col, kpi_path, KpiFileSchema))
    action_files = [(col.rel(p), parse_file(col, p, ActionFileSchema)) for p in yaml_files if p.name != KPIS]
    if not action_files:
        col.problems.append(Problem(col.rel(folder), 0, "no action files (E1.yaml ...) next to kpis.yaml"))
    return kpi_file, action_files


def build_recommendations(
    col: Collector, fw: Framework, files: _RecommendationFiles
) -> tuple[tuple[Kpi, ...], tuple[Action, ...], dict[str, str]]:
    """Cross-check the KPI catalogue and the actions; return them and the KPI file's version."""
    kpi_entry, action_files = files
    if kpi_entry is None:
        return (), (), {}
    kpi_name, kpi_file = kpi_entry
    kpis: tuple[Kpi, ...] = ()
    versions: dict[str, str] = {}
    if kpi_file is not None:
        check_unique(col, kpi_name, [k.id for k in kpi_file.kpis], ("kpis",), "KPI id")
        for index, raw_kpi in enumerate(kpi_file.kpis):
            _check_kpi(col, fw, kpi_name, index, raw_kpi)
        kpis = tuple(_kpi(k) for k in kpi_file.kpis)
        versions[kpi_file.id] = kpi_file.version
    # An unreadable KPI file would make every KPI reference look unknown: report the root cause only.
    kpi_ids = {k.id for k in kpis} if kpi_file is not None else None
    located: dict[str, _Located] = {}
    for name, action_file in action_files:
        if action_file is None:
            continue
        for index, raw in enumerate(action_file.actions):
            line = line_of(col.trees[name], ("actions", index, "id"))
            if raw.id in located:
                first = located[raw.id]
                col.add(
                    name, ("actions", index, "id"), f"duplicate action id {raw.id} (first in {first.file}:{first.line})"
                )
                continue
            located[raw.id] = _Located(name, line, index, raw)
            _check_action(col, fw, name, index, raw, kpi_ids)
    all_readable = all(f is not None for _, f in action_files)
    if all_readable:
        for action_id, where in located.items():
            for pos, prerequisite in enumerate(where.raw.prerequisites):
                if prerequisite not in located:
                    col.add(
                        where.file,
                        ("actions", where.index, "prerequisites", pos),
                        f"action {action_id}: unknown prerequisite {prerequisite!r}",
                    )
        _check_element_spread(col, fw, located)
    _check_cycles(col, located)
    actions = tuple(
        Action(
            id=raw.id,
            element_id=raw.element,
            pyramid_level_id=raw.pyramid_level,
            design_activity_ids=tuple(raw.design_activities),
            bands=tuple(raw.bands),
            effort=raw.effort,
            impact=raw.impact,
            prerequisite_ids=tuple(raw.prerequisites),
            kpi_ids=tuple(raw.kpis),
            title=raw.title.domain(),
            why=raw.why.domain(),
            what=raw.what.domain(),
            verify=raw.verify.domain(),
        )
        for raw in (where.raw for where in located.values())
    )
    return kpis, actions, versions


def _kpi(raw: KpiSchema) -> Kpi:
    lowest, highest = raw.range
    return Kpi(
        id=raw.id,
        name=raw.name.domain(),
        formula=raw.formula.domain(),
        description=raw.description.domain(),
        unit=raw.unit,
        direction=raw.direction,
        kind=raw.kind,
        lower=lowest if lowest is not None else 0.0,
        upper=highest,
        element_ids=tuple(raw.elements),
        pyramid_level_ids=tuple(raw.pyramid_levels),
        variants=tuple(raw.variants),
        min_n=raw.min_n,
    )


def _check_kpi(col: Collector, fw: Framework, name: str, index: int, raw: KpiSchema) -> None:
    """Check one KPI's range and references: elements and pyramid levels that exist, no repeats."""
    path = ("kpis", index)
    lowest, highest = raw.range
    if lowest is None:
        col.add(name, (*path, "range", 0), f"KPI {raw.id}: the range needs a lowest value")
    elif highest is not None and highest <= lowest:
        col.add(name, (*path, "range"), f"KPI {raw.id}: the range [{lowest}, {highest}] is empty")
    elements = {e.id for e in fw.elements}
    for pos, value in enumerate(raw.elements):
        if value not in elements:
            col.add(name, (*path, "elements", pos), f"KPI {raw.id}: unknown element {value!r}")
    levels = {lvl.id for lvl in fw.pyramid_levels}
    for pos, value in enumerate(raw.pyramid_levels):
        if value not in levels:
            col.add(name, (*path, "pyramid_levels", pos), f"KPI {raw.id}: unknown pyramid level {value!r}")
    for field_name in ("elements", "pyramid_levels", "variants"):
        values = getattr(raw, field_name)
        if len(set(values)) != len(values):
            col.add(name, (*path, field_name), f"KPI {raw.id}: {field_name} repeats a value")


def _check_action(
    col: Collector, fw: Framework, name: str, index: int, raw: ActionSchema, kpi_ids: set[str] | None
) -> None:
    """Check one action's references: element, level, design activities, bands, KPIs, id pattern."""
    path = ("actions", index)
    if raw.element not in {e.id for e in fw.elements}:
        col.add(name, (*path, "element"), f"action {raw.id}: unknown element {raw.element!r}")
    elif raw.id.split("-")[1] != raw.element:
        col.add(name, (*path, "id"), f"action {raw.id}: the id must start with R-{raw.element}- (its element)")
    if raw.pyramid_level not in {lvl.id for lvl in fw.pyramid_levels}:
        col.add(name, (*path, "pyramid_level"), f"action {raw.id}: unknown pyramid_level {raw.pyramid_level!r}")
    activities = {a.id for a in fw.design_activities}
    for pos, value in enumerate(raw.design_activities):
        if value not in activities:
            col.add(name, (*path, "design_activities", pos), f"action {raw.id}: unknown design activity {value!r}")
    band_ids = [b.id for b in BANDS]
    for pos, value in enumerate(raw.bands):
        if value not in band_ids:
            col.add(
                name,
                (*path, "bands", pos),
                f"action {raw.id}: unknown band {value!r} (use {', '.join(band_ids)})",
            )
    for field_name in ("design_activities", "bands", "prerequisites", "kpis"):
        values = getattr(raw, field_name)
        if len(set(values)) != len(values):
            col.add(name, (*path, field_name), f"action {raw.id}: {field_name} repeats an id")
    if kpi_ids is not None:
        for pos, value in enumerate(raw.kpis):
            if value not in kpi_ids:
                col.add(name, (*path, "kpis", pos), f"action {raw.id}: unknown KPI {value!r} (not in {KPIS})")


def _check_cycles(col: Collector, located: dict[str, _Located]) -> None:
    """Report every prerequisite cycle once, at the prerequisite entry that closes it."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    reported: set[frozenset[str]] = set()

    def visit(action_id: str, trail: list[str]) -> None:
        state[action_id] = 1
        trail.append(action_id)
        where = located[action_id]
        for pos, prerequisite in enumerate(where.raw.prerequisites):
            if prerequisite not in located:
                continue
            if state.get(prerequisite) == 1:
                cycle = [*trail[trail.index(prerequisite) :], prerequisite]
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    col.add(
                        where.file,
                        ("actions", where.index, "prerequisites", pos),
                        f"action {action_id}: prerequisite cycle {' -> '.join(cycle)}",
                    )
            elif prerequisite not in state:
                visit(prerequisite, trail)
        trail.pop()
        state[action_id] = 2

    for action_id in located:
        if action_id not in state:
            visit(action_id, [])


def _check_element_spread(col: Collector, fw: Framework, located: dict[str, _Located]) -> None:
    """Every element needs enough actions, spread over enough maturity bands."""
    for element in fw.elements:
        mine = [(w.file, w.raw) for w in located.values() if w.raw.element == element.id]
        bands = {band for _, raw in mine for band in raw.bands}
        where = mine[0][0] if mine else col.rel(col.root / RECOMMENDATIONS_DIR)
        path: tuple[str, ...] = ("actions",) if mine else ()
        if len(mine) < MIN_ACTIONS_PER_ELEMENT:
            col.add(
                where,
                path,
                f"element {element.id} has {len(mine)} action(s); at least {MIN_ACTIONS_PER_ELEMENT} required",
            )
        elif len(bands) < MIN_BANDS_PER_ELEMENT:
            col.add(
                where,
                path,
                f"element {element.id}: actions cover {len(bands)} band(s); at least {MIN_BANDS_PER_ELEMENT} required",
            )
