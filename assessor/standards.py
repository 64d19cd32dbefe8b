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
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from assessor.domain import (
    BANDS,
    Action,
    Dimension,
    Element,
    Entry,
    Framework,
    Item,
    Kpi,
    PyramidLevel,
    Questionnaire,
    Scale,
    ScaleLevel,
    Text,
)
from assessor.yamlsource import YamlSyntaxError, line_of, load_yaml

ISO_23592 = "iso_23592.yaml"
ISO_TS_24082 = "iso_ts_24082.yaml"
PYRAMID = "service_excellence_pyramid.yaml"
SCALE = "maturity_scale.yaml"
ITEMS_DIR = "items"
QUESTIONNAIRES_DIR = "questionnaires"
RECOMMENDATIONS_DIR = "recommendations"
KPIS = "kpis.yaml"
MIN_ACTIONS_PER_ELEMENT = 3
"""Every element needs this many actions, so every gap has more than one way forward."""
MIN_BANDS_PER_ELEMENT = 2
"""...spread over at least this many maturity bands, so advice changes as the element matures."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in one file."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class StandardsError(Exception):
    """The standards data is invalid; ``problems`` lists every error found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


# --------------------------------------------------------------------------- file schemas

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]*$")]
Code = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]*-[0-9]{2,3}$")]
Version = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z][0-9A-Za-z.\-]*$")]


class _Schema(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class _Text(_Schema):
    en: NonEmpty
    ja: NonEmpty

    def domain(self) -> Text:
        return Text(en=self.en, ja=self.ja)


class _Entry(_Schema):
    id: Id
    name: _Text
    description: _Text


class _Element(_Entry):
    dimension: Id


class _Level(_Entry):
    rank: int = Field(ge=1, le=10)
    outcome: Literal["satisfaction", "delight"]


class _FileHeader(_Schema):
    id: NonEmpty
    version: Version
    reference: NonEmpty | None = None


class _Iso23592(_FileHeader):
    principles: list[_Entry] = Field(min_length=1)
    dimensions: list[_Entry] = Field(min_length=1)
    elements: list[_Element] = Field(min_length=1)


class _IsoTs24082(_FileHeader):
    principles: list[_Entry] = Field(min_length=1)
    activities: list[_Entry] = Field(min_length=1)


class _Pyramid(_FileHeader):
    levels: list[_Level] = Field(min_length=2)


class _ScaleLevel(_Schema):
    value: int = Field(ge=0, le=10)
    name: _Text
    description: _Text


class _Scale(_FileHeader):
    levels: list[_ScaleLevel] = Field(min_length=2)


class _Item(_Schema):
    code: Code
    element: Id
    pyramid_level: Id
    principles: list[Id] = Field(min_length=1)
    design_principles: list[Id] = []
    design_activities: list[Id] = []
    weight: float = Field(gt=0, le=10)
    allow_na: bool
    question: _Text
    guidance: _Text
    levels: dict[int, _Text]


class _ItemFile(_Schema):
    items: list[_Item] = Field(min_length=1)


class _Range(_Schema):
    min: int = Field(ge=1)
    max: int = Field(ge=1)


class _Coverage(_Schema):
    element: int = Field(default=0, ge=0)
    principle: int = Field(default=0, ge=0)
    design_principle: int = Field(default=0, ge=0)
    design_activity: int = Field(default=0, ge=0)
    pyramid_level: int = Field(default=0, ge=0)


class _Rules(_Schema):
    items: _Range
    min_items_per: _Coverage = _Coverage()


ActionId = Annotated[str, StringConstraints(pattern=r"^R-[A-Z][A-Z0-9]*-[0-9]{2}$")]
KpiId = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]*$")]


class _Kpi(_Schema):
    id: KpiId
    name: _Text
    formula: _Text
    description: _Text


class _KpiFile(_FileHeader):
    kpis: list[_Kpi] = Field(min_length=1)


class _Action(_Schema):
    id: ActionId
    element: Id
    pyramid_level: Id
    design_activities: list[Id] = []
    bands: list[NonEmpty] = Field(min_length=1)
    effort: int = Field(ge=1, le=5)
    impact: int = Field(ge=1, le=5)
    prerequisites: list[ActionId] = []
    kpis: list[KpiId] = Field(min_length=1)
    title: _Text
    why: _Text
    what: _Text
    verify: _Text


class _ActionFile(_Schema):
    id: NonEmpty | None = None
    version: Version | None = None
    actions: list[_Action] = Field(min_length=1)


class _Questionnaire(_FileHeader):
    title: _Text
    description: _Text
    estimated_minutes: int = Field(ge=1, le=600)
    rules: _Rules
    items: list[Code] = Field(min_length=1)


# --------------------------------------------------------------------------- loading


class _Collector:
    """Gathers problems while files are read, keeping the parsed tree for line look-ups."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.trees: dict[str, Any] = {}

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def add(self, name: str, path: Sequence[str | int], message: str) -> None:
        self.problems.append(Problem(name, line_of(self.trees.get(name), path), message))


def _parse(col: _Collector, path: Path, schema: type[Any]) -> Any | None:
    """Read ``path`` and validate it against ``schema``; record problems and return None on error."""
    name = col.rel(path)
    try:
        tree = load_yaml(path)
    except FileNotFoundError:
        col.problems.append(Problem(name, 0, "file is missing"))
        return None
    except YamlSyntaxError as exc:
        col.problems.append(Problem(name, exc.line, exc.message))
        return None
    except (OSError, UnicodeDecodeError) as exc:
        col.problems.append(Problem(name, 0, f"cannot read file: {exc}"))
        return None
    col.trees[name] = tree
    if not isinstance(tree, dict):
        col.problems.append(Problem(name, 1, "the file must be a YAML mapping (key: value pairs)"))
        return None
    try:
        return schema.model_validate(tree)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            col.problems.append(Problem(name, line_of(tree, loc), _describe(loc, err)))
        return None


def _describe(loc: tuple[Any, ...], err: Any) -> str:
    where = ".".join(str(p) for p in loc) or "(file)"
    kind = err["type"]
    last = loc[-1] if loc else None
    if kind == "missing":
        if last in ("en", "ja"):
            lang = "English" if last == "en" else "Japanese"
            return f"{where}: missing {lang} ({last}) text"
        return f"{where}: required field is missing"
    if kind == "extra_forbidden":
        return f"{where}: unknown field"
    if kind == "string_too_short":
        return f"{where}: must not be empty"
    if kind == "string_pattern_mismatch":
        return f"{where}: {err['input']!r} is not a valid id or code ({err['ctx']['pattern']})"
    return f"{where}: {err['msg']}"


def _entries(items: Iterable[_Entry]) -> tuple[Entry, ...]:
    return tuple(Entry(e.id, e.name.domain(), e.description.domain()) for e in items)


def _check_unique(col: _Collector, name: str, ids: Sequence[str], path_prefix: tuple[str, ...], what: str) -> None:
    seen: dict[str, int] = {}
    for index, value in enumerate(ids):
        if value in seen:
            first = line_of(col.trees[name], (*path_prefix, seen[value]))
            col.add(name, (*path_prefix, index), f"duplicate {what} {value!r} (first on line {first})")
        else:
            seen[value] = index


def load_framework(standards_dir: Path) -> Framework:
    """Load, validate and cross-check every file under ``standards_dir``.

    :raise StandardsError: listing every problem (file, line, message).
    """
    root = Path(standards_dir)
    col = _Collector(root)
    iso = _parse(col, root / ISO_23592, _Iso23592)
    ts = _parse(col, root / ISO_TS_24082, _IsoTs24082)
    pyr = _parse(col, root / PYRAMID, _Pyramid)
    sca = _parse(col, root / SCALE, _Scale)
    item_files = sorted((root / ITEMS_DIR).glob("*.yaml"))
    if not item_files:
        col.problems.append(Problem(col.rel(root / ITEMS_DIR), 0, "no item files (*.yaml)"))
    bank_files = [(col.rel(p), _parse(col, p, _ItemFile)) for p in item_files]
    q_files = sorted((root / QUESTIONNAIRES_DIR).glob("*.yaml"))
    if not q_files:
        col.problems.append(Problem(col.rel(root / QUESTIONNAIRES_DIR), 0, "no questionnaires"))
    questionnaire_files = [(col.rel(p), _parse(col, p, _Questionnaire)) for p in q_files]
    recommendation_files = _parse_recommendations(col, root / RECOMMENDATIONS_DIR)
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
    kpis, actions, versions = _build_recommendations(col, framework, recommendation_files)
    if col.problems:
        raise StandardsError(col.problems)
    return replace(
        framework,
        versions=MappingProxyType({**framework.versions, **versions}),
        questionnaires=MappingProxyType(questionnaires),
        kpis=kpis,
        actions=actions,
    )


def _build_reference(
    col: _Collector, iso: _Iso23592, ts: _IsoTs24082, pyr: _Pyramid, sca: _Scale, root: Path
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
        _check_unique(col, name, ids, prefix, "id")
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
    col: _Collector, fw: Framework, files: Sequence[tuple[str, _ItemFile | None]]
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
    col: _Collector, name: str, raw: _Questionnaire, bank: dict[str, Item], fw: Framework
) -> Questionnaire | None:
    problems_before = len(col.problems)
    _check_unique(col, name, raw.items, ("items",), "item code")
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


COVERAGE_AXES = ("element", "principle", "design_principle", "design_activity", "pyramid_level")
"""The mappings whose item counts the coverage rules constrain."""


def coverage_matrix(fw: Framework, questionnaire: Questionnaire) -> dict[str, dict[str, int]]:
    """Count the questionnaire's items per element, principle, design principle/activity and level.

    Every id of the framework appears, with 0 where no item maps to it.
    """
    matrix: dict[str, Counter[str]] = {
        "element": Counter({e.id: 0 for e in fw.elements}),
        "principle": Counter({p.id: 0 for p in fw.principles}),
        "design_principle": Counter({p.id: 0 for p in fw.design_principles}),
        "design_activity": Counter({a.id: 0 for a in fw.design_activities}),
        "pyramid_level": Counter({lvl.id: 0 for lvl in fw.pyramid_levels}),
    }
    for item in questionnaire.items:
        matrix["element"][item.element_id] += 1
        matrix["pyramid_level"][item.pyramid_level_id] += 1
        matrix["principle"].update(item.principle_ids)
        matrix["design_principle"].update(item.design_principle_ids)
        matrix["design_activity"].update(item.design_activity_ids)
    return {axis: dict(counts) for axis, counts in matrix.items()}


# --------------------------------------------------------------------------- recommendations library

_RecommendationFiles = tuple[tuple[str, _KpiFile | None] | None, list[tuple[str, _ActionFile | None]]]


@dataclass(frozen=True, slots=True)
class _Located:
    """A parsed action and where it is: file, line of its id, index in the file."""

    file: str
    line: int
    index: int
    raw: _Action


def _parse_recommendations(col: _Collector, folder: Path) -> _RecommendationFiles:
    """Parse ``recommendations/``; a missing folder (or one without YAML files) means no library."""
    yaml_files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not yaml_files:
        return None, []
    kpi_path = folder / KPIS
    kpi_file = (col.rel(kpi_path), _parse(col, kpi_path, _KpiFile))
    action_files = [(col.rel(p), _parse(col, p, _ActionFile)) for p in yaml_files if p.name != KPIS]
    if not action_files:
        col.problems.append(Problem(col.rel(folder), 0, "no action files (E1.yaml ...) next to kpis.yaml"))
    return kpi_file, action_files


def _build_recommendations(
    col: _Collector, fw: Framework, files: _RecommendationFiles
) -> tuple[tuple[Kpi, ...], tuple[Action, ...], dict[str, str]]:
    """Cross-check the KPI catalogue and the actions; return them and the KPI file's version."""
    kpi_entry, action_files = files
    if kpi_entry is None:
        return (), (), {}
    kpi_name, kpi_file = kpi_entry
    kpis: tuple[Kpi, ...] = ()
    versions: dict[str, str] = {}
    if kpi_file is not None:
        _check_unique(col, kpi_name, [k.id for k in kpi_file.kpis], ("kpis",), "KPI id")
        kpis = tuple(Kpi(k.id, k.name.domain(), k.formula.domain(), k.description.domain()) for k in kpi_file.kpis)
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


def _check_action(
    col: _Collector, fw: Framework, name: str, index: int, raw: _Action, kpi_ids: set[str] | None
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


def _check_cycles(col: _Collector, located: dict[str, _Located]) -> None:
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


def _check_element_spread(col: _Collector, fw: Framework, located: dict[str, _Located]) -> None:
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


def action_matrix(fw: Framework) -> dict[str, dict[str, int]]:
    """Count the actions per element and maturity band (an action counts in every band it lists)."""
    matrix = {e.id: {b.id: 0 for b in BANDS} for e in fw.elements}
    for action in fw.actions:
        for band in action.bands:
            matrix[action.element_id][band] += 1
    return matrix
