"""Load and validate the framework data in ``standards/`` into :class:`~assessor.domain.Framework`.

The files are read once at start-up.  Every problem found is reported with the
file, the line and what is wrong; :func:`load_framework` collects them all and
raises :class:`StandardsError` rather than stopping at the first.

Layout of a standards directory::

    iso_23592.yaml                  principles, dimensions, elements
    iso_ts_24082.yaml               design principles and activities
    service_excellence_pyramid.yaml the four levels
    maturity_scale.yaml             the 0-4 scale shared by every item
    items/*.yaml                    the item bank (one file per element)
    questionnaires/*.yaml           questionnaires: a selection of item codes plus coverage rules
    recommendations/kpis.yaml       the KPI catalogue of the recommendations library (optional folder)
    recommendations/*.yaml          improvement actions keyed by element and maturity band
    cases/*.yaml                    calibration cases with an answer key (optional folder)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from assessor.domain import (
    Dimension,
    Element,
    Entry,
    Framework,
    Item,
    PyramidLevel,
    Questionnaire,
    Scale,
    ScaleLevel,
)
from assessor.standards.cases import CASES_DIR, load_cases
from assessor.standards.coverage import coverage_matrix
from assessor.standards.library import RECOMMENDATIONS_DIR, build_recommendations, parse_recommendations
from assessor.standards.problems import Collector, Problem, StandardsError, check_unique, parse_file
from assessor.standards.schema import (
    EntrySchema,
    Iso23592Schema,
    IsoTs24082Schema,
    ItemFileSchema,
    PyramidSchema,
    QuestionnaireSchema,
    ScaleSchema,
)
from assessor.standards.yamlsource import line_of

ISO_23592 = "iso_23592.yaml"
ISO_TS_24082 = "iso_ts_24082.yaml"
PYRAMID = "service_excellence_pyramid.yaml"
SCALE = "maturity_scale.yaml"
ITEMS_DIR = "items"
QUESTIONNAIRES_DIR = "questionnaires"


def _entries(items: Iterable[EntrySchema]) -> tuple[Entry, ...]:
    return tuple(Entry(e.id, e.name.domain(), e.description.domain()) for e in items)


def load_framework(standards_dir: Path) -> Framework:
    """Load, validate and cross-check every file under ``standards_dir``.

    :raise StandardsError: listing every problem (file, line, message).
    """
    root = Path(standards_dir)
    col = Collector(root)
    iso = parse_file(col, root / ISO_23592, Iso23592Schema)
    ts = parse_file(col, root / ISO_TS_24082, IsoTs24082Schema)
    pyr = parse_file(col, root / PYRAMID, PyramidSchema)
    sca = parse_file(col, root / SCALE, ScaleSchema)
    item_files = sorted((root / ITEMS_DIR).glob("*.yaml"))
    if not item_files:
        col.problems.append(Problem(col.rel(root / ITEMS_DIR), 0, "no item files (*.yaml)"))
    bank_files = [(col.rel(p), parse_file(col, p, ItemFileSchema)) for p in item_files]
    q_files = sorted((root / QUESTIONNAIRES_DIR).glob("*.yaml"))
    if not q_files:
        col.problems.append(Problem(col.rel(root / QUESTIONNAIRES_DIR), 0, "no questionnaires"))
    questionnaire_files = [(col.rel(p), parse_file(col, p, QuestionnaireSchema)) for p in q_files]
    recommendation_files = parse_recommendations(col, root / RECOMMENDATIONS_DIR)
    if iso is None or ts is None or pyr is None or sca is None:
        raise StandardsError(col.problems)

    framework = _build_reference(col, iso, ts, pyr, sca, root)
    bank, broken = _build_bank(col, framework, bank_files)
    questionnaires: dict[str, Questionnaire] = {}
    for name, qfile in questionnaire_files:
        if qfile is None or any(f is None for _, f in bank_files):
            # An unreadable item file would make every reference to it look unknown:
            # report the root cause only.
            continue
        if broken.intersection(qfile.items):
            continue
        built = _build_questionnaire(col, name, qfile, bank, framework)
        if qfile.id in questionnaires:
            col.add(name, ("id",), f"questionnaire id {qfile.id!r} is used by another file")
        elif built is not None:
            questionnaires[qfile.id] = built
    kpis, actions, versions = build_recommendations(col, framework, recommendation_files)
    framework = replace(
        framework,
        versions=MappingProxyType({**framework.versions, **versions}),
        questionnaires=MappingProxyType(questionnaires),
        kpis=kpis,
        actions=actions,
    )
    if col.problems:  # cases are checked against a sound framework only
        raise StandardsError(col.problems)
    cases = load_cases(col, root / CASES_DIR, framework)
    if col.problems:
        raise StandardsError(col.problems)
    return replace(framework, cases=MappingProxyType(cases))


def _build_reference(
    col: Collector, iso: Iso23592Schema, ts: IsoTs24082Schema, pyr: PyramidSchema, sca: ScaleSchema, root: Path
) -> Framework:
    iso_name, ts_name = col.rel(root / ISO_23592), col.rel(root / ISO_TS_24082)
    pyr_name, sca_name = col.rel(root / PYRAMID), col.rel(root / SCALE)
    all_ids = [
        (iso_name, ("principles",), [e.id for e in iso.principles]),
        (iso_name, ("dimensions",), [e.id for e in iso.dimensions]),
        (iso_name, ("elements",), [e.id for e in iso.elements]),
        (ts_name, ("principles",), [e.id for e in ts.principles]),
        (ts_name, ("activities",), [e.id for e in ts.activities]),
        (pyr_name, ("levels",), [e.id for e in pyr.levels]),
    ]
    for name, prefix, ids in all_ids:
        check_unique(col, name, ids, prefix, "id")
    dim_ids = {d.id for d in iso.dimensions}
    for index, element in enumerate(iso.elements):
        if element.dimension not in dim_ids:
            col.add(
                iso_name,
                ("elements", index, "dimension"),
                f"element {element.id} points at unknown dimension {element.dimension!r}",
            )
    dimensions = tuple(
        Dimension(
            d.id,
            d.name.domain(),
            d.description.domain(),
            element_ids=tuple(e.id for e in iso.elements if e.dimension == d.id),
        )
        for d in iso.dimensions
    )
    for index, dim in enumerate(dimensions):
        if not dim.element_ids:
            col.add(iso_name, ("dimensions", index), f"dimension {dim.id} has no elements")
    ranks = [lvl.rank for lvl in pyr.levels]
    if ranks != list(range(1, len(ranks) + 1)):
        col.add(pyr_name, ("levels",), f"level ranks must be 1..{len(ranks)} in order, got {ranks}")
    values = [lvl.value for lvl in sca.levels]
    if values != list(range(values[0], values[0] + len(values))):
        col.add(sca_name, ("levels",), f"scale values must be consecutive and ascending, got {values}")
    return Framework(
        versions=MappingProxyType({iso.id: iso.version, ts.id: ts.version, pyr.id: pyr.version, sca.id: sca.version}),
        principles=_entries(iso.principles),
        dimensions=dimensions,
        elements=tuple(
            Element(e.id, e.name.domain(), e.description.domain(), dimension_id=e.dimension) for e in iso.elements
        ),
        design_principles=_entries(ts.principles),
        design_activities=_entries(ts.activities),
        pyramid_levels=tuple(
            PyramidLevel(lvl.id, lvl.name.domain(), lvl.description.domain(), rank=lvl.rank, outcome=lvl.outcome)
            for lvl in pyr.levels
        ),
        scale=Scale(
            sca.id,
            sca.version,
            tuple(ScaleLevel(s.value, s.name.domain(), s.description.domain()) for s in sca.levels),
        ),
    )


def _build_bank(
    col: Collector, fw: Framework, files: Sequence[tuple[str, ItemFileSchema | None]]
) -> tuple[dict[str, Item], set[str]]:
    """Build the item bank; also return the codes of items that exist but are invalid."""
    singular = {
        "principles": "principle",
        "design_principles": "design principle",
        "design_activities": "design activity",
    }
    known = {
        "element": {e.id for e in fw.elements},
        "pyramid_level": {p.id for p in fw.pyramid_levels},
        "principles": {p.id for p in fw.principles},
        "design_principles": {p.id for p in fw.design_principles},
        "design_activities": {a.id for a in fw.design_activities},
    }
    scale_values = [lvl.value for lvl in fw.scale.levels]
    bank: dict[str, Item] = {}
    broken: set[str] = set()
    first_seen: dict[str, tuple[str, int]] = {}
    for name, item_file in files:
        if item_file is None:
            continue
        for index, raw in enumerate(item_file.items):
            path = ("items", index)
            if raw.code in first_seen:
                other, line = first_seen[raw.code]
                col.add(name, (*path, "code"), f"duplicate item code {raw.code} (first in {other}:{line})")
                continue
            first_seen[raw.code] = (name, line_of(col.trees[name], (*path, "code")))
            ok = True
            for field_name in ("element", "pyramid_level"):
                value = getattr(raw, field_name)
                if value not in known[field_name]:
                    col.add(name, (*path, field_name), f"item {raw.code}: unknown {field_name} {value!r}")
                    ok = False
            for field_name in ("principles", "design_principles", "design_activities"):
                values = getattr(raw, field_name)
                for pos, value in enumerate(values):
                    if value not in known[field_name]:
                        col.add(
                            name,
                            (*path, field_name, pos),
                            f"item {raw.code}: unknown {singular[field_name]} {value!r}",
                        )
                        ok = False
                if len(set(values)) != len(values):
                    col.add(name, (*path, field_name), f"item {raw.code}: {field_name} repeats an id")
                    ok = False
            if sorted(raw.levels) != scale_values:
                col.add(
                    name,
                    (*path, "levels"),
                    f"item {raw.code}: levels must describe exactly the scale values {scale_values}, "
                    f"got {sorted(raw.levels)}",
                )
                ok = False
            if not ok:
                broken.add(raw.code)
            else:
                bank[raw.code] = Item(
                    code=raw.code,
                    element_id=raw.element,
                    pyramid_level_id=raw.pyramid_level,
                    principle_ids=tuple(raw.principles),
                    design_principle_ids=tuple(raw.design_principles),
                    design_activity_ids=tuple(raw.design_activities),
                    weight=float(raw.weight),
                    allow_na=raw.allow_na,
                    question=raw.question.domain(),
                    guidance=raw.guidance.domain(),
                    level_descriptions=tuple(raw.levels[v].domain() for v in scale_values),
                )
    return bank, broken


def _build_questionnaire(
    col: Collector, name: str, raw: QuestionnaireSchema, bank: dict[str, Item], fw: Framework
) -> Questionnaire | None:
    problems_before = len(col.problems)
    check_unique(col, name, raw.items, ("items",), "item code")
    items: list[Item] = []
    for index, code in enumerate(raw.items):
        if code not in bank:
            col.add(name, ("items", index), f"unknown item code {code} (not in the item bank)")
        else:
            items.append(bank[code])
    rules = raw.rules
    if rules.items.min > rules.items.max:
        col.add(name, ("rules", "items"), "rules.items: min is greater than max")
    if not rules.items.min <= len(raw.items) <= rules.items.max:
        col.add(
            name,
            ("items",),
            f"has {len(raw.items)} items; rules require {rules.items.min}-{rules.items.max}",
        )
    questionnaire = Questionnaire(
        id=raw.id,
        version=raw.version,
        title=raw.title.domain(),
        description=raw.description.domain(),
        estimated_minutes=raw.estimated_minutes,
        items=tuple(items),
    )
    matrix = coverage_matrix(fw, questionnaire)
    for axis, minimum in rules.min_items_per.model_dump().items():
        for entry_id, count in matrix[axis].items():
            if count < minimum:
                col.add(
                    name,
                    ("rules", "min_items_per", axis),
                    f"coverage hole: {axis.replace('_', ' ')} {entry_id} has {count} item(s), "
                    f"at least {minimum} required",
                )
    return questionnaire if len(col.problems) == problems_before else None
