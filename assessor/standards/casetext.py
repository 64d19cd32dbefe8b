"""Checks shared by every part of a calibration case: fields, bilingual texts and the Japanese house style.

The rules are those of ``standards/cases/README.md``; each problem is reported as file:line: message.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from assessor.standards.problems import Problem
from assessor.standards.yamlsource import LocatedDict, LocatedList

LANGUAGES = ("en", "ja")

_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_HALF_WIDTH_KATAKANA = re.compile(r"[\uff61-\uff9f]")
_HALF_WIDTH_PARENS_AROUND_JA = re.compile(r"\([^()]*[\u3040-\u30ff\u4e00-\u9fff][^()]*\)")
_SPACE_OR_FULL_WIDTH_PERCENT = re.compile(r"\d\s+%|％")
_EN_SENTENCE_BREAK = re.compile(r"[.!?][\"')\]]?\s+[A-Z]")
_EN_ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|etc|vs|Mr|Ms|Dr|No)\.\s", re.IGNORECASE)


@dataclass
class Report:
    """Collects the problems of one case file."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    def add(self, line: int, message: str) -> None:
        """Record ``message`` at ``line``."""
        self.problems.append(Problem(self.file, line, message))


def line_in(container: Any, key: Any) -> int:
    """The line of ``key`` in a located container, else the container's own line."""
    if isinstance(container, LocatedDict) and key in container.lines:
        return int(container.lines[key])
    if isinstance(container, LocatedList) and isinstance(key, int) and 0 <= key < len(container.lines):
        return int(container.lines[key])
    return int(getattr(container, "line", 1))


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


def is_level(value: Any, levels: Sequence[int]) -> bool:
    """True for a whole number that is one of ``levels``."""
    return isinstance(value, int) and not isinstance(value, bool) and value in levels


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


def check_text(report: Report, node: Any, where: str, line: int) -> bool:
    """Check a bilingual text ``{en: ..., ja: ...}``: both non-empty, the Japanese in house style.

    :return: True if both languages are there (the text can be built).
    """
    if not isinstance(node, LocatedDict):
        report.add(line, f"{where}: expected {{en: ..., ja: ...}}")
        return False
    check_fields(report, node, where, LANGUAGES, line=line)
    ok = True
    for lang in LANGUAGES:
        value = node.get(lang)
        if lang not in node:
            ok = False
            continue
        if not isinstance(value, str) or not value.strip():
            report.add(line_in(node, lang), f"{where}.{lang}: must be a non-empty string")
            ok = False
            continue
        if lang == "ja":
            for message in japanese_style_problems(value):
                report.add(line_in(node, lang), f"{where}.ja: {message}")
        elif _JAPANESE.search(value):
            report.add(line_in(node, lang), f"{where}.en: contains Japanese characters")
    return ok


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
