#!/usr/bin/env python3
"""Check the assessor calibration cases in ``standards/cases/`` and print their key profiles.

Usage::

    .venv/bin/python scripts/check_cases.py               # every standards/cases/*.yaml
    .venv/bin/python scripts/check_cases.py FILE.yaml ...  # only these files

Every problem is printed as ``file:line: message``; the exit status is 1 if
there was any problem, else 0.  For each case that could be read, the script
then prints the mean key level overall, per pyramid level and per element, and
the histogram of key levels, so a trainer can see that the cases are apart.

The format is described in ``standards/cases/README.md``.  The script needs
the app's line-recording YAML loader (``assessor.standards.yamlsource``; run it
with the project's ``.venv/bin/python``) and reads the item bank, the full and
quick questionnaires, the element list and the KPI catalogue from ``standards/``.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

from assessor.standards.problems import Problem
from assessor.standards.yamlsource import LocatedDict, LocatedList, YamlSyntaxError, load_yaml

ROOT = Path(__file__).resolve().parent.parent
STANDARDS_DIR = ROOT / "standards"
CASES_DIR = STANDARDS_DIR / "cases"

# --- The format (keep in step with standards/cases/README.md) -----------------

TOP_LEVEL_FIELDS = (
    "id", "version", "title", "sector", "maturity", "organisation",
    "narrative", "evidence", "kpis", "key",
)  # fmt: skip
ORGANISATION_FIELDS = ("name", "size")
LANGUAGES = ("en", "ja")
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
LEVELS = range(5)
NA = "na"
MAX_NA_PER_CASE = 2
MIN_DISTINCT_LEVELS = 3
NARRATIVE_EN_WORDS = (600, 900)
NARRATIVE_JA_CHARS = (1200, 1800)
"""Japanese length counts every character except whitespace."""

# Japanese house style (standards/cases/README.md).
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_HALF_WIDTH_KATAKANA = re.compile(r"[\uff61-\uff9f]")
_HALF_WIDTH_PARENS_AROUND_JA = re.compile(r"\([^()]*[\u3040-\u30ff\u4e00-\u9fff][^()]*\)")
_SPACE_OR_FULL_WIDTH_PERCENT = re.compile(r"\d\s+%|％")
_EN_SENTENCE_BREAK = re.compile(r"[.!?][\"')\]]?\s+[A-Z]")
_EN_ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|etc|vs|Mr|Ms|Dr|No)\.\s", re.IGNORECASE)


# --- What the cases are checked against ---------------------------------------


@dataclass(frozen=True)
class ItemInfo:
    """The facts about a bank item that the case checks and the profile need."""

    code: str
    element: str
    pyramid_level: str
    allow_na: bool
    weight: float


@dataclass(frozen=True)
class Bank:
    """Reference data read from ``standards/``."""

    elements: tuple[str, ...]
    pyramid_levels: tuple[str, ...]
    kpi_ids: tuple[str, ...]
    items: dict[str, ItemInfo]
    full: tuple[str, ...]
    quick: tuple[str, ...]


def load_bank(standards_dir: Path = STANDARDS_DIR) -> Bank:
    """Read the element ids, pyramid levels, KPI ids, item bank and questionnaires."""
    iso = load_yaml(standards_dir / "iso_23592.yaml")
    pyramid = load_yaml(standards_dir / "service_excellence_pyramid.yaml")
    kpis = load_yaml(standards_dir / "recommendations" / "kpis.yaml")
    items: dict[str, ItemInfo] = {}
    for path in sorted((standards_dir / "items").glob("*.yaml")):
        for raw in load_yaml(path)["items"]:
            items[raw["code"]] = ItemInfo(
                code=raw["code"],
                element=raw["element"],
                pyramid_level=raw["pyramid_level"],
                allow_na=bool(raw.get("allow_na", False)),
                weight=float(raw.get("weight", 1)),
            )
    questionnaires = standards_dir / "questionnaires"
    return Bank(
        elements=tuple(e["id"] for e in iso["elements"]),
        pyramid_levels=tuple(level["id"] for level in pyramid["levels"]),
        kpi_ids=tuple(k["id"] for k in kpis["kpis"]) + EXTRA_KPI_IDS,
        items=items,
        full=tuple(load_yaml(questionnaires / "full.yaml")["items"]),
        quick=tuple(load_yaml(questionnaires / "quick.yaml")["items"]),
    )


# --- Problems ------------------------------------------------------------------


@dataclass
class Report:
    """Collects the problems of one file."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    def add(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))


def line_in(container: Any, key: Any) -> int:
    """The line of ``key`` in a located container, else the container's own line."""
    if isinstance(container, LocatedDict) and key in container.lines:
        return container.lines[key]
    if isinstance(container, LocatedList) and isinstance(key, int) and 0 <= key < len(container.lines):
        return container.lines[key]
    return int(getattr(container, "line", 1))


# --- Generic field checks --------------------------------------------------------


def check_fields(
    report: Report, node: Any, where: str, required: Sequence[str], optional: Sequence[str] = (), line: int = 1
) -> bool:
    """Check that ``node`` is a mapping with every required field and no unknown one.

    :param line: where to report a node that is not a mapping (scalars carry no line).
    """
    if not isinstance(node, LocatedDict):
        report.add(getattr(node, "line", line), f"{where}: expected a mapping, got {kind(node)}")
        return False
    for name in required:
        if name not in node:
            report.add(node.line, f"{where}: missing field '{name}'")
    for name in node:
        if name not in required and name not in optional:
            report.add(line_in(node, name), f"{where}: unknown field '{name}'")
    return True


def kind(value: Any) -> str:
    """A reader's name for the YAML type of ``value``."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "nothing" if value is None else f"the {type(value).__name__} {value!r}"


def is_number(value: Any) -> bool:
    """True for int and float values (YAML booleans are not numbers)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_text(report: Report, node: Any, where: str, line: int) -> None:
    """Check a bilingual text: ``{en: ..., ja: ...}``, both non-empty, Japanese in house style."""
    if not isinstance(node, LocatedDict):
        report.add(line, f"{where}: expected {{en: ..., ja: ...}}")
        return
    check_fields(report, node, where, LANGUAGES, line=line)
    for lang in LANGUAGES:
        value = node.get(lang)
        if lang not in node:
            continue
        if not isinstance(value, str) or not value.strip():
            report.add(line_in(node, lang), f"{where}.{lang}: must be a non-empty string")
            continue
        if lang == "ja":
            for message in japanese_style_problems(value):
                report.add(line_in(node, lang), f"{where}.ja: {message}")
        elif _JAPANESE.search(value):
            report.add(line_in(node, lang), f"{where}.en: contains Japanese characters")


def japanese_style_problems(text: str) -> list[str]:
    """House-style problems in a Japanese text."""
    problems = []
    if not _JAPANESE.search(text):
        problems.append("contains no Japanese")
    if _HALF_WIDTH_KATAKANA.search(text):
        problems.append("half-width katakana; use full-width")
    if "および" in text:
        problems.append("write 及び, not および")
    if _HALF_WIDTH_PARENS_AROUND_JA.search(text):
        problems.append("half-width ( ) around Japanese text; use full-width （）")
    if _SPACE_OR_FULL_WIDTH_PERCENT.search(text):
        problems.append("write a half-width % right after the number (62%)")
    return problems


def count_sentences_en(text: str) -> int:
    """Rough count of English sentences, ignoring common abbreviations."""
    return 1 + len(_EN_SENTENCE_BREAK.findall(_EN_ABBREVIATIONS.sub("x ", text.strip())))


def count_sentences_ja(text: str) -> int:
    """Count Japanese sentences by their full stops (a text without one is one sentence)."""
    return max(1, text.strip().rstrip("。").count("。") + 1)


# --- Section checks --------------------------------------------------------------


def check_header(report: Report, case: LocatedDict, stem: str) -> None:
    """Check id, version, title, sector, maturity and organisation."""
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


def check_narrative(report: Report, case: LocatedDict) -> None:
    """Check the narrative's languages and its printed length (1-2 pages)."""
    if "narrative" not in case:
        return
    narrative = case["narrative"]
    line = line_in(case, "narrative")
    check_text(report, narrative, "narrative", line)
    if not isinstance(narrative, LocatedDict):
        return
    en, ja = narrative.get("en"), narrative.get("ja")
    if isinstance(en, str):
        words = len(en.split())
        low, high = NARRATIVE_EN_WORDS
        if not low <= words <= high:
            report.add(line_in(narrative, "en"), f"narrative.en: {words} words, expected {low}-{high}")
    if isinstance(ja, str):
        chars = len("".join(ja.split()))
        low, high = NARRATIVE_JA_CHARS
        if not low <= chars <= high:
            report.add(line_in(narrative, "ja"), f"narrative.ja: {chars} characters, expected {low}-{high}")


def check_evidence(report: Report, case: LocatedDict, bank: Bank) -> None:
    """Check that every element has 3-6 snippets, each with a known source and a text."""
    evidence = case.get("evidence")
    if evidence is None:
        return
    if not isinstance(evidence, LocatedDict):
        report.add(line_in(case, "evidence"), "evidence: expected a mapping of element ids")
        return
    for element in evidence:
        if element not in bank.elements:
            report.add(line_in(evidence, element), f"evidence: unknown element '{element}'")
    for element in bank.elements:
        if element not in evidence:
            report.add(evidence.line, f"evidence: missing element {element}")
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
        for index, snippet in enumerate(snippets, start=1):
            check_snippet(report, snippet, f"evidence.{element}[{index}]", line_in(snippets, index - 1))


def check_snippet(report: Report, snippet: Any, where: str, line: int) -> None:
    """Check one evidence snippet: ``{source: ..., text: {en, ja}}``."""
    if not check_fields(report, snippet, where, ("source", "text"), line=line):
        return
    if "source" in snippet and snippet["source"] not in EVIDENCE_SOURCES:
        report.add(
            line_in(snippet, "source"),
            f"{where}.source: '{snippet['source']}' is not one of {', '.join(EVIDENCE_SOURCES)}",
        )
    if "text" in snippet:
        check_text(report, snippet["text"], f"{where}.text", line_in(snippet, "text"))


def check_kpis(report: Report, case: LocatedDict, bank: Bank) -> None:
    """Check the KPI readings: known ids, units that fit the KPI, numbers in range."""
    readings = case.get("kpis")
    if readings is None:
        return
    if not isinstance(readings, list):
        report.add(line_in(case, "kpis"), "kpis: expected a list of readings")
        return
    low, high = KPI_READINGS
    if not low <= len(readings) <= high:
        report.add(line_in(case, "kpis"), f"kpis: {len(readings)} readings, expected {low}-{high}")
    for index, reading in enumerate(readings, start=1):
        check_kpi_reading(report, reading, f"kpis[{index}]", bank, line_in(readings, index - 1))


def check_kpi_reading(report: Report, reading: Any, where: str, bank: Bank, line: int) -> None:
    """Check one KPI reading."""
    if not check_fields(report, reading, where, KPI_REQUIRED, KPI_OPTIONAL, line=line):
        return
    kpi, unit = reading.get("kpi"), reading.get("unit")
    if "kpi" in reading and kpi not in bank.kpi_ids:
        report.add(line_in(reading, "kpi"), f"{where}.kpi: unknown KPI '{kpi}' (known: {', '.join(bank.kpi_ids)})")
    if "unit" in reading:
        if unit not in UNIT_RANGES:
            report.add(line_in(reading, "unit"), f"{where}.unit: '{unit}' is not one of {', '.join(UNIT_RANGES)}")
        elif kpi in KPI_UNITS and unit not in KPI_UNITS[kpi]:
            report.add(line_in(reading, "unit"), f"{where}.unit: {kpi} is measured in {' or '.join(KPI_UNITS[kpi])}")
    for name in ("value", "target", "previous"):
        if name in reading:
            check_kpi_number(report, reading, name, unit, where)
    if "n" in reading and not (
        isinstance(reading["n"], int) and not isinstance(reading["n"], bool) and reading["n"] > 0
    ):
        report.add(line_in(reading, "n"), f"{where}.n: must be a positive whole number")
    if "period" in reading and not (isinstance(reading["period"], str) and reading["period"].strip()):
        report.add(line_in(reading, "period"), f'{where}.period: must be a non-empty string, e.g. "2026-Q3"')
    if "source" in reading:
        check_text(report, reading["source"], f"{where}.source", line_in(reading, "source"))


def check_kpi_number(report: Report, reading: LocatedDict, name: str, unit: Any, where: str) -> None:
    """Check that a KPI value is a number inside its unit's range."""
    value = reading[name]
    if not is_number(value):
        report.add(line_in(reading, name), f"{where}.{name}: must be a number, got {value!r}")
        return
    low, high = UNIT_RANGES.get(unit, (None, None))
    if (low is not None and value < low) or (high is not None and value > high):
        report.add(
            line_in(reading, name),
            f"{where}.{name}: {value} is outside {low}..{high if high is not None else ''} for unit '{unit}'",
        )


def check_key(report: Report, case: LocatedDict, bank: Bank) -> None:
    """Check that the key rates exactly the full questionnaire's items, in order."""
    key = case.get("key")
    if key is None:
        return
    if not isinstance(key, LocatedDict):
        report.add(line_in(case, "key"), "key: expected a mapping of item codes")
        return
    check_key_order(report, key, bank.full)
    for code, entry in key.items():
        if code in bank.items:
            check_key_entry(report, key, code, entry, bank.items[code])
    check_key_spread(report, key)


def check_key_order(report: Report, key: LocatedDict, expected: Sequence[str]) -> None:
    """Report unknown, missing and out-of-order codes."""
    wanted = set(expected)
    for code in key:
        if code not in wanted:
            report.add(line_in(key, code), f"key: '{code}' is not an item of the full questionnaire")
    missing = [code for code in expected if code not in key]
    if missing:
        report.add(key.line, f"key: missing {len(missing)} item(s): {', '.join(missing)}")
    present = [code for code in key if code in wanted]
    in_order = [code for code in expected if code in key]
    for got, want in zip(present, in_order, strict=True):
        if got != want:
            report.add(line_in(key, got), f"key: '{got}' is out of order (expected '{want}' here, as in full.yaml)")
            break


def check_key_entry(report: Report, key: LocatedDict, code: str, entry: Any, item: ItemInfo) -> None:
    """Check one key entry: a level 0-4 (or 'na' where the item allows it) and a rationale."""
    where = f"key.{code}"
    if not check_fields(report, entry, where, KEY_FIELDS, line=line_in(key, code)):
        return
    if "level" in entry:
        level = entry["level"]
        if level == NA:
            if not item.allow_na:
                report.add(
                    line_in(entry, "level"), f"{where}.level: 'na' is not allowed (allow_na is false for {code})"
                )
        elif not (isinstance(level, int) and not isinstance(level, bool) and level in LEVELS):
            report.add(line_in(entry, "level"), f"{where}.level: must be 0-4 or 'na', got {level!r}")
    if "rationale" in entry:
        rationale = entry["rationale"]
        check_text(report, rationale, f"{where}.rationale", line_in(entry, "rationale"))
        check_one_sentence(report, rationale, where)


def check_one_sentence(report: Report, rationale: Any, where: str) -> None:
    """A rationale is one sentence in each language."""
    if not isinstance(rationale, dict):
        return
    counters: dict[str, Callable[[str], int]] = {"en": count_sentences_en, "ja": count_sentences_ja}
    for lang, count in counters.items():
        text = rationale.get(lang)
        if isinstance(text, str) and text.strip() and count(text) > 1:
            report.add(line_in(rationale, lang), f"{where}.rationale.{lang}: write one sentence, found {count(text)}")


def check_key_spread(report: Report, key: LocatedDict) -> None:
    """At least three different levels, and at most two 'na' answers."""
    levels = [e.get("level") for e in key.values() if isinstance(e, dict)]
    distinct = {lv for lv in levels if isinstance(lv, int) and not isinstance(lv, bool)}
    if len(distinct) < MIN_DISTINCT_LEVELS:
        report.add(key.line, f"key: uses {len(distinct)} different level(s), expected at least {MIN_DISTINCT_LEVELS}")
    if levels.count(NA) > MAX_NA_PER_CASE:
        report.add(key.line, f"key: {levels.count(NA)} 'na' answers, at most {MAX_NA_PER_CASE}")


def check_case(report: Report, case: Any, stem: str, bank: Bank) -> None:
    """Run every check on one parsed case."""
    if not check_fields(report, case, "case", TOP_LEVEL_FIELDS):
        return
    check_header(report, case, stem)
    check_narrative(report, case)
    check_evidence(report, case, bank)
    check_kpis(report, case, bank)
    check_key(report, case, bank)


# --- Profiles --------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """Summary of a case's key, for comparing cases."""

    case_id: str
    mean: float | None
    weighted_mean: float | None
    quick_mean: float | None
    by_pyramid: dict[str, float | None]
    by_element: dict[str, float | None]
    histogram: dict[int | str, int]


def mean(values: Iterable[float]) -> float | None:
    """Arithmetic mean, or None for no values."""
    values = list(values)
    return sum(values) / len(values) if values else None


def key_levels(case: Any, bank: Bank) -> dict[str, int | str]:
    """The valid levels of a case's key, by item code (invalid entries are skipped)."""
    key = case.get("key") if isinstance(case, dict) else None
    levels: dict[str, int | str] = {}
    if not isinstance(key, dict):
        return levels
    for code, entry in key.items():
        level = entry.get("level") if isinstance(entry, dict) else None
        if code in bank.items and (
            level == NA or (isinstance(level, int) and not isinstance(level, bool) and level in LEVELS)
        ):
            levels[code] = level
    return levels


def build_profile(case_id: str, levels: dict[str, int | str], bank: Bank) -> Profile:
    """Means overall, for the quick items, per pyramid level and per element; the histogram."""
    rated = {code: lv for code, lv in levels.items() if isinstance(lv, int)}

    def means_by(group: Callable[[ItemInfo], str], groups: Sequence[str]) -> dict[str, float | None]:
        return {g: mean(lv for code, lv in rated.items() if group(bank.items[code]) == g) for g in groups}

    weights = sum(bank.items[c].weight for c in rated)
    histogram: dict[int | str, int] = {lv: 0 for lv in LEVELS}
    histogram.update(Counter(levels.values()))
    return Profile(
        case_id=case_id,
        mean=mean(rated.values()),
        weighted_mean=sum(lv * bank.items[c].weight for c, lv in rated.items()) / weights if weights else None,
        quick_mean=mean(lv for c, lv in rated.items() if c in bank.quick),
        by_pyramid=means_by(attrgetter("pyramid_level"), bank.pyramid_levels),
        by_element=means_by(attrgetter("element"), bank.elements),
        histogram=histogram,
    )


def fmt(value: float | None) -> str:
    """A mean with two decimals, or a dash."""
    return "-" if value is None else f"{value:.2f}"


def print_profiles(profiles: Sequence[Profile], bank: Bank) -> None:
    """Print the profiles side by side, one column per case."""
    if not profiles:
        return
    width = max(12, *(len(p.case_id) + 2 for p in profiles))
    rows: list[tuple[str, list[str]]] = [
        ("mean", [fmt(p.mean) for p in profiles]),
        ("weighted", [fmt(p.weighted_mean) for p in profiles]),
        ("quick (18)", [fmt(p.quick_mean) for p in profiles]),
    ]
    rows += [(lvl, [fmt(p.by_pyramid[lvl]) for p in profiles]) for lvl in bank.pyramid_levels]
    rows += [(el, [fmt(p.by_element[el]) for p in profiles]) for el in bank.elements]
    rows += [(f"level {lv}", [str(p.histogram.get(lv, 0)) for p in profiles]) for lv in (*LEVELS, NA)]
    print("\nKey profiles")
    print("".ljust(12) + "".join(p.case_id.rjust(width) for p in profiles))
    for label, cells in rows:
        print(label.ljust(12) + "".join(cell.rjust(width) for cell in cells))


# --- Main ------------------------------------------------------------------------


def display_name(path: Path) -> str:
    """The path relative to the repository root when possible."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def check_file(path: Path, bank: Bank) -> tuple[list[Problem], Profile | None]:
    """Check one case file; return its problems and, if it parsed, its profile."""
    report = Report(display_name(path))
    try:
        case = load_yaml(path)
    except YamlSyntaxError as exc:
        report.add(exc.line, exc.message)
        return report.problems, None
    except (OSError, UnicodeDecodeError) as exc:
        report.add(1, f"cannot read: {exc}")
        return report.problems, None
    check_case(report, case, path.stem, bank)
    if not isinstance(case, LocatedDict):
        return report.problems, None
    return report.problems, build_profile(str(case.get("id", path.stem)), key_levels(case, bank), bank)


def main(argv: Sequence[str]) -> int:
    """Check the given case files (default: all in standards/cases/); return the exit status."""
    paths = [Path(a) for a in argv] or sorted(CASES_DIR.glob("*.yaml"))
    if not paths:
        print(f"{display_name(CASES_DIR)}: no case files found", file=sys.stderr)
        return 1
    bank = load_bank()
    problems: list[Problem] = []
    profiles: list[Profile] = []
    for path in paths:
        found, profile = check_file(path, bank)
        problems += found
        if profile is not None:
            profiles.append(profile)
    for problem in sorted(problems, key=lambda p: (p.file, p.line, p.message)):
        print(problem)
    print_profiles(profiles, bank)
    print(f"\n{len(paths)} case file(s), {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
