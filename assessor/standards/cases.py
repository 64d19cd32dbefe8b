"""Load and validate the calibration cases in ``standards/cases/`` into :class:`~assessor.domain.Case`.

The format is described in ``standards/cases/README.md``. A case is checked against the framework
it is loaded with: its evidence names exactly the framework's elements, its KPI readings use the
catalogue's ids, and its key rates every item of every questionnaire (so a class can rate a case
with the quick or the full questionnaire). Problems are reported as file:line: message, like every
other standards problem, and stop the app from starting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from assessor.domain import Case, CaseKpi, Evidence, Framework, Item, KeyEntry, Text
from assessor.standards.casetext import (
    Report,
    check_fields,
    check_text,
    count_sentences_en,
    count_sentences_ja,
    is_level,
    is_number,
    line_in,
)
from assessor.standards.problems import Collector, Problem
from assessor.standards.yamlsource import LocatedDict, YamlSyntaxError, load_yaml

CASES_DIR = "cases"
TOP_LEVEL_FIELDS = (
    "id", "version", "title", "sector", "maturity", "organisation",
    "narrative", "evidence", "kpis", "key",
)  # fmt: skip
ORGANISATION_FIELDS = ("name", "size")
EVIDENCE_SOURCES = ("interview", "document", "metric", "observation")
EVIDENCE_PER_ELEMENT = (3, 6)
KPI_READINGS = (3, 8)
EXTRA_KPI_IDS = ("SLA",)
"""KPI ids allowed in cases besides the catalogue's: SLA compliance for service desks."""
KPI_REQUIRED = ("kpi", "value", "unit", "period", "source")
KPI_OPTIONAL = ("target", "previous", "n")
UNIT_RANGES: dict[str, tuple[float, float | None]] = {
    "%": (0, 100),
    "points": (-100, 100),
    "1-7": (1, 7),
    "hours": (0, None),
    "minutes": (0, None),
}
KPI_UNITS: dict[str, tuple[str, ...]] = {
    "CSAT": ("%",),
    "NPS": ("points",),
    "FCR": ("%",),
    "CES": ("1-7", "%"),
    "MTTR": ("hours", "minutes"),
    "FRT": ("hours", "minutes"),
    "REPEAT": ("%",),
    "ESCALATION": ("%",),
    "SLA": ("%",),
}
"""Units that make sense for each KPI (see standards/recommendations/kpis.yaml)."""
KEY_FIELDS = ("level", "rationale")
NA = "na"
MAX_NA_PER_CASE = 2
MIN_DISTINCT_LEVELS = 3
NARRATIVE_EN_WORDS = (600, 900)
NARRATIVE_JA_CHARS = (1200, 1800)
"""Japanese length counts every character except whitespace."""


@dataclass(frozen=True)
class Reference:
    """What the cases are checked against, taken from the loaded framework."""

    elements: tuple[str, ...]
    kpi_ids: tuple[str, ...]
    items: dict[str, Item]
    """Every item of every questionnaire, in the order of the longest questionnaire first."""
    levels: tuple[int, ...]

    @classmethod
    def of(cls, framework: Framework) -> Reference:
        """The reference data of ``framework``."""
        items: dict[str, Item] = {}
        for questionnaire in sorted(framework.questionnaires.values(), key=lambda q: -len(q.items)):
            items.update((item.code, item) for item in questionnaire.items if item.code not in items)
        return cls(
            elements=tuple(e.id for e in framework.elements),
            kpi_ids=tuple(k.id for k in framework.kpis) + EXTRA_KPI_IDS,
            items=items,
            levels=tuple(level.value for level in framework.scale.levels),
        )


def load_cases(col: Collector, folder: Path, framework: Framework) -> dict[str, Case]:
    """Read and check every ``*.yaml`` in ``folder`` (none when it is absent); record problems in ``col``.

    :return: the valid cases by id, in file order.
    """
    reference = Reference.of(framework)
    cases: dict[str, Case] = {}
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        problems, case = check_file(col.rel(path), path, reference)
        col.problems.extend(problems)
        if case is not None and not problems:
            cases[case.id] = case
    return cases


def check_file(name: str, path: Path, reference: Reference) -> tuple[list[Problem], Case | None]:
    """Check one case file; return its problems and the case when it could be built."""
    report = Report(name)
    try:
        tree = load_yaml(path)
    except YamlSyntaxError as exc:
        report.add(exc.line, exc.message)
        return report.problems, None
    except (OSError, UnicodeDecodeError) as exc:
        report.add(1, f"cannot read: {exc}")
        return report.problems, None
    if not check_fields(report, tree, "case", TOP_LEVEL_FIELDS):
        return report.problems, None
    _check_header(report, tree, path.stem)
    _check_narrative(report, tree)
    _check_evidence(report, tree, reference)
    _check_kpis(report, tree, reference)
    _check_key(report, tree, reference)
    return report.problems, None if report.problems else _build(tree)


def _check_header(report: Report, case: LocatedDict, stem: str) -> None:
    if "id" in case and case["id"] != stem:
        report.add(line_in(case, "id"), f"id '{case['id']}' must equal the file name without .yaml ('{stem}')")
    if "version" in case and not isinstance(case["version"], str):
        report.add(line_in(case, "version"), 'version must be a quoted string, e.g. "1"')
    for name in ("title", "sector", "maturity"):
        if name in case:
            check_text(report, case[name], name, line_in(case, name))
    organisation = case.get("organisation")
    if organisation is not None and check_fields(
        report, organisation, "organisation", ORGANISATION_FIELDS, line=line_in(case, "organisation")
    ):
        for name in ORGANISATION_FIELDS:
            if name in organisation:
                check_text(report, organisation[name], f"organisation.{name}", line_in(organisation, name))


def _check_narrative(report: Report, case: LocatedDict) -> None:
    """The narrative's languages and its printed length (one or two pages)."""
    if "narrative" not in case:
        return
    narrative = case["narrative"]
    if not check_text(report, narrative, "narrative", line_in(case, "narrative")):
        return
    words = len(str(narrative["en"]).split())
    low, high = NARRATIVE_EN_WORDS
    if not low <= words <= high:
        report.add(line_in(narrative, "en"), f"narrative.en: {words} words, expected {low}-{high}")
    chars = len("".join(str(narrative["ja"]).split()))
    low, high = NARRATIVE_JA_CHARS
    if not low <= chars <= high:
        report.add(line_in(narrative, "ja"), f"narrative.ja: {chars} characters, expected {low}-{high}")


def _check_evidence(report: Report, case: LocatedDict, reference: Reference) -> None:
    """Every element has 3-6 snippets, each with a known source and a text; no unknown element."""
    evidence = case.get("evidence")
    if evidence is None:
        return
    if not isinstance(evidence, LocatedDict):
        report.add(line_in(case, "evidence"), "evidence: expected a mapping of element ids")
        return
    for element in evidence:
        if element not in reference.elements:
            report.add(line_in(evidence, element), f"evidence: unknown element '{element}'")
    for element in reference.elements:
        if element not in evidence:
            report.add(line_in(case, "evidence"), f"evidence: missing element {element}")
            continue
        snippets = evidence[element]
        if not isinstance(snippets, list):
            report.add(line_in(evidence, element), f"evidence.{element}: expected a list of snippets")
            continue
        low, high = EVIDENCE_PER_ELEMENT
        if not low <= len(snippets) <= high:
            report.add(
                line_in(evidence, element), f"evidence.{element}: {len(snippets)} snippets, expected {low}-{high}"
            )
        for index, snippet in enumerate(snippets):
            where = f"evidence.{element}[{index + 1}]"
            if not check_fields(report, snippet, where, ("source", "text"), line=line_in(snippets, index)):
                continue
            if "source" in snippet and snippet["source"] not in EVIDENCE_SOURCES:
                report.add(
                    line_in(snippet, "source"),
                    f"{where}.source: '{snippet['source']}' is not one of {', '.join(EVIDENCE_SOURCES)}",
                )
            if "text" in snippet:
                check_text(report, snippet["text"], f"{where}.text", line_in(snippet, "text"))


def _check_kpis(report: Report, case: LocatedDict, reference: Reference) -> None:
    """Known KPI ids, units that fit the KPI, numbers inside the unit's range."""
    readings = case.get("kpis")
    if readings is None:
        return
    if not isinstance(readings, list):
        report.add(line_in(case, "kpis"), "kpis: expected a list of readings")
        return
    low, high = KPI_READINGS
    if not low <= len(readings) <= high:
        report.add(line_in(case, "kpis"), f"kpis: {len(readings)} readings, expected {low}-{high}")
    for index, reading in enumerate(readings):
        where = f"kpis[{index + 1}]"
        if not check_fields(report, reading, where, KPI_REQUIRED, KPI_OPTIONAL, line=line_in(readings, index)):
            continue
        kpi, unit = reading.get("kpi"), reading.get("unit")
        if "kpi" in reading and kpi not in reference.kpi_ids:
            known = ", ".join(reference.kpi_ids)
            report.add(line_in(reading, "kpi"), f"{where}.kpi: unknown KPI '{kpi}' (known: {known})")
        if "unit" in reading:
            if unit not in UNIT_RANGES:
                report.add(line_in(reading, "unit"), f"{where}.unit: '{unit}' is not one of {', '.join(UNIT_RANGES)}")
            elif kpi in KPI_UNITS and unit not in KPI_UNITS[kpi]:
                fits = " or ".join(KPI_UNITS[kpi])
                report.add(line_in(reading, "unit"), f"{where}.unit: {kpi} is measured in {fits}")
        for name in ("value", "target", "previous"):
            if name in reading:
                _check_number(report, reading, name, unit, where)
        count = reading.get("n", 1)
        if not (isinstance(count, int) and not isinstance(count, bool) and count > 0):
            report.add(line_in(reading, "n"), f"{where}.n: must be a positive whole number")
        if "period" in reading and not (isinstance(reading["period"], str) and reading["period"].strip()):
            report.add(line_in(reading, "period"), f'{where}.period: must be a non-empty string, e.g. "2026-Q3"')
        if "source" in reading:
            check_text(report, reading["source"], f"{where}.source", line_in(reading, "source"))


def _check_number(report: Report, reading: LocatedDict, name: str, unit: Any, where: str) -> None:
    value = reading[name]
    if not is_number(value):
        report.add(line_in(reading, name), f"{where}.{name}: must be a number, got {value!r}")
        return
    low, high = UNIT_RANGES.get(unit, (None, None))
    if (low is not None and value < low) or (high is not None and value > high):
        upper = "" if high is None else high
        report.add(line_in(reading, name), f"{where}.{name}: {value} is outside {low}..{upper} for unit '{unit}'")


def _check_key(report: Report, case: LocatedDict, reference: Reference) -> None:
    """The key rates exactly the questionnaires' items, in order, each with a level and a rationale."""
    key = case.get("key")
    if key is None:
        return
    if not isinstance(key, LocatedDict):
        report.add(line_in(case, "key"), "key: expected a mapping of item codes")
        return
    expected = list(reference.items)
    for code in key:
        if code not in reference.items:
            report.add(line_in(key, code), f"key: '{code}' is not an item of any questionnaire")
    missing = [code for code in expected if code not in key]
    if missing:
        report.add(line_in(case, "key"), f"key: missing {len(missing)} item(s): {', '.join(missing)}")
    present = [code for code in key if code in reference.items]
    for got, want in zip(present, [code for code in expected if code in key], strict=True):
        if got != want:
            report.add(line_in(key, got), f"key: '{got}' is out of order (expected '{want}' here)")
            break
    for code in present:
        _check_key_entry(report, key, code, reference)
    levels = [e.get("level") for e in key.values() if isinstance(e, dict)]
    distinct = {lv for lv in levels if is_level(lv, reference.levels)}
    if len(distinct) < MIN_DISTINCT_LEVELS:
        expected_levels = f"expected at least {MIN_DISTINCT_LEVELS}"
        report.add(line_in(case, "key"), f"key: uses {len(distinct)} different level(s), {expected_levels}")
    if levels.count(NA) > MAX_NA_PER_CASE:
        report.add(line_in(case, "key"), f"key: {levels.count(NA)} 'na' answers, at most {MAX_NA_PER_CASE}")


def _check_key_entry(report: Report, key: LocatedDict, code: str, reference: Reference) -> None:
    """A level on the scale (or 'na' where the item allows it) and a one-sentence rationale."""
    where, entry = f"key.{code}", key[code]
    if not check_fields(report, entry, where, KEY_FIELDS, line=line_in(key, code)):
        return
    if "level" in entry:
        level = entry["level"]
        if level == NA:
            if not reference.items[code].allow_na:
                report.add(line_in(entry, "level"), f"{where}.level: 'na' is not allowed ({code} has no N/A)")
        elif not is_level(level, reference.levels):
            low, high = reference.levels[0], reference.levels[-1]
            report.add(line_in(entry, "level"), f"{where}.level: must be {low}-{high} or 'na', got {level!r}")
    rationale = entry.get("rationale")
    if rationale is None or not check_text(report, rationale, f"{where}.rationale", line_in(entry, "rationale")):
        return
    for lang, count in (("en", count_sentences_en), ("ja", count_sentences_ja)):
        found = count(str(rationale[lang]))
        if found > 1:
            report.add(line_in(rationale, lang), f"{where}.rationale.{lang}: write one sentence, found {found}")


def _text(node: Any) -> Text:
    return Text(en=str(node["en"]).strip(), ja=str(node["ja"]).strip())


def _optional(value: Any) -> float | None:
    return None if value is None else float(value)


def _build(tree: LocatedDict) -> Case:
    """The case of a tree that passed every check."""
    kpis = tuple(
        CaseKpi(
            kpi=r["kpi"],
            value=float(r["value"]),
            unit=r["unit"],
            period=r["period"],
            source=_text(r["source"]),
            target=_optional(r.get("target")),
            previous=_optional(r.get("previous")),
            n=r.get("n"),
        )
        for r in tree["kpis"]
    )
    evidence: dict[str, tuple[Evidence, ...]] = {
        element: tuple(Evidence(s["source"], _text(s["text"])) for s in snippets)
        for element, snippets in tree["evidence"].items()
    }
    key = {
        code: KeyEntry(None if e["level"] == NA else int(e["level"]), _text(e["rationale"]))
        for code, e in tree["key"].items()
    }
    return Case(
        id=tree["id"],
        version=tree["version"],
        title=_text(tree["title"]),
        sector=_text(tree["sector"]),
        maturity=_text(tree["maturity"]),
        organisation_name=_text(tree["organisation"]["name"]),
        organisation_size=_text(tree["organisation"]["size"]),
        narrative=_text(tree["narrative"]),
        evidence=MappingProxyType(evidence),
        kpis=kpis,
        key=MappingProxyType(key),
    )


def key_levels(case: Case, codes: Sequence[str]) -> dict[str, int | None]:
    """The key's level (``None`` for N/A) of each of ``codes``."""
    return {code: case.key[code].level for code in codes}
