"""Checking offline answers: a table in, the respondents to create and every problem out (pure).

Two layouts are read. The **template** (:mod:`assessor.offline.template`): a label, segment and
language column, a column per item and a reason column per item that allows N/A; any other column
is a problem. A **Forms export** (Microsoft Forms, Google Forms): every column whose header starts
with an item code (``E1-01. Our leaders …``) is an item; the others (ID, times, e-mail, name) are
ignored and never read into anything, so no name or address reaches a page. ``auto`` takes the
template when the first header is the label column.

Answers are levels as people write them in a spreadsheet or a form's option text: ``2``,
``2 – Developing``, ``２``, the level's name in English or Japanese, or N/A in either language
(:data:`~assessor.offline.words.NA_ANSWERS`). The rules are the app's own: the scale's values,
N/A only where the item allows it and always with a reason, the text rule of
:mod:`assessor.plaintext`. Every problem is collected (the file is fixed once, not once per problem).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Literal

from assessor.domain import Item, Questionnaire, Scale, Text
from assessor.offline import words
from assessor.offline.sheets import MAX_ROWS, Table
from assessor.plaintext import control_character

Format = Literal["auto", "template", "forms"]
FORMATS: tuple[Format, ...] = ("auto", "template", "forms")
MAX_LABEL = 120
"""Longest respondent label (the respondent's ``name`` column)."""
MAX_CELL = 2000
"""Longest text read from any cell the importer uses."""
MAX_PROBLEMS = 300
"""Problems listed before "…and n more" (a wrong file can have thousands)."""

_CODE = re.compile(r"\s*([A-Za-z][A-Za-z0-9]{0,15}-[0-9]{2,3})(?=$|[\s.:：．、)）\]】])(.*)", re.DOTALL)
_LEADING_LEVEL = re.compile(r"([0-9]{1,3})(?=$|[\s:：、)）\-–—―ー－]|[.．](?![0-9]))")
"""A level at the start of a form's option text: ``2``, ``2 – Developing``, ``2. Developing`` (not ``2.5``)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong, and where: ``row`` as the spreadsheet numbers it, ``column`` as its letter."""

    kind: str
    message: Text
    row: int | None = None
    column: str | None = None
    header: str = ""


@dataclass(frozen=True, slots=True)
class ImportedAnswer:
    """One answer of a row: a level, or N/A (``level`` None) with its reason."""

    item_code: str
    level: int | None
    na_reason: str | None = None


@dataclass(frozen=True, slots=True)
class ImportedRespondent:
    """A row that will become a respondent."""

    row: int
    label: str
    segment: str | None
    language: str
    answers: tuple[ImportedAnswer, ...]


@dataclass(frozen=True, slots=True)
class Checked:
    """The outcome of a check: what would be created, the problems, and the columns left out."""

    layout: Literal["template", "forms"]
    respondents: tuple[ImportedRespondent, ...] = ()
    problems: tuple[Problem, ...] = ()
    ignored: tuple[str, ...] = ()
    """Headers of the columns not read (Forms' ID, times, e-mail, name): their cells never are."""
    items: tuple[str, ...] = field(default=())
    """The item codes found in the header, in column order."""

    @property
    def answer_count(self) -> int:
        """How many answers would be created."""
        return sum(len(r.answers) for r in self.respondents)


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(slots=True)
class _Columns:
    label: int | None = None
    segment: int | None = None
    language: int | None = None
    items: dict[str, int] = field(default_factory=dict)
    reasons: dict[str, int] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)


def check_answers(
    table: Table,
    questionnaire: Questionnaire,
    scale: Scale,
    segments: Sequence[tuple[str, str, str]],
    existing_labels: Collection[str] = (),
    *,
    layout: Format = "auto",
    lang: str = "en",
    max_reason: int = 500,
) -> Checked:
    """Check every row of ``table`` against the questionnaire; nothing is partial: with a problem, create nothing.

    :param segments: ``(key, English label, Japanese label)`` of the assessment's segments.
    :param existing_labels: the labels (names) of the assessment's respondents, for duplicates.
    :param lang: the language of generated labels and of rows that name none.
    """
    header = table.rows[0]
    chosen: Literal["template", "forms"] = "template" if layout == "template" else "forms"
    if layout == "auto" and header and words.header_key(header[0]) in words.LABEL_HEADERS:
        chosen = "template"
    problems: list[Problem] = []
    columns = _read_header(header, questionnaire, chosen, problems)
    if not columns.items and not any(p.kind == "unknown-item" for p in problems):
        example = questionnaire.items[0].code if questionnaire.items else "E1-01"
        problems.append(Problem("no-items", words.problem_text("no-items", example=example), 1))
    if table.too_long:
        problems.append(Problem("too-many-rows", words.problem_text("too-many-rows", max=MAX_ROWS)))
    if len(table.rows) < 2:
        problems.append(Problem("no-rows", words.problem_text("no-rows")))
    reader = _RowReader(table, questionnaire, scale, segments, existing_labels, columns, lang, max_reason, problems)
    respondents = reader.read_all() if columns.items else []
    if len(problems) > MAX_PROBLEMS:
        more = len(problems) - MAX_PROBLEMS
        problems = [*problems[:MAX_PROBLEMS], Problem("more-problems", words.problem_text("more-problems", more=more))]
    return Checked(
        chosen,
        tuple(respondents),
        tuple(problems),
        tuple(columns.ignored),
        tuple(columns.items),
    )


def _read_header(header: Sequence[str], questionnaire: Questionnaire, layout: str, problems: list[Problem]) -> _Columns:
    known = {item.code for item in questionnaire.items}
    columns = _Columns()
    for index, raw in enumerate(header):
        text = raw.strip()
        if not text:
            continue
        key = words.header_key(text)
        letter = column_letter(index)
        found = _CODE.match(text)
        if found:
            code, rest = found.group(1).upper(), found.group(2)
            reason = words.header_key(rest).lstrip(".:：．、") in words.REASON_SUFFIXES
            target = columns.reasons if reason else columns.items
            if code not in known:
                problems.append(Problem("unknown-item", words.problem_text("unknown-item", code=code), 1, letter, text))
            elif code in target:
                first = column_letter(target[code])
                problems.append(
                    Problem(
                        "duplicate-column",
                        words.problem_text("duplicate-column", code=code, first=first),
                        1,
                        letter,
                        text,
                    )
                )
            else:
                target[code] = index
            continue
        special = next(
            (
                name
                for name, headers in (
                    ("label", words.LABEL_HEADERS),
                    ("segment", words.SEGMENT_HEADERS),
                    ("language", words.LANGUAGE_HEADERS),
                )
                if key in headers and getattr(columns, name) is None
            ),
            None,
        )
        if special is not None and (layout == "template" or special != "label"):
            setattr(columns, special, index)
        elif layout == "template":
            problems.append(Problem("unknown-column", words.problem_text("unknown-column"), 1, letter, text))
        else:
            columns.ignored.append(text[:60])
    return columns


class _RowReader:
    """Reads the data rows once the header is known (a class only to keep the many inputs together)."""

    def __init__(
        self,
        table: Table,
        questionnaire: Questionnaire,
        scale: Scale,
        segments: Sequence[tuple[str, str, str]],
        existing: Collection[str],
        columns: _Columns,
        lang: str,
        max_reason: int,
        problems: list[Problem],
    ) -> None:
        self.table, self.scale, self.columns, self.lang = table, scale, columns, lang
        self.max_reason, self.problems = max_reason, problems
        self.items = {item.code: item for item in questionnaire.items}
        self.segments: dict[str, str] = {}
        for key, en, ja in segments:
            for name in (key, en, ja):
                if name.strip():
                    self.segments.setdefault(words.header_key(name), key)
        self.choices = (
            ", ".join(en for _key, en, _ja in segments)
            if lang != "ja"
            else "、".join(ja or en for _key, en, ja in segments)
        )
        self.existing = {words.header_key(label) for label in existing}
        self.levels: dict[str, int] = {}
        for level in scale.levels:
            for name in (level.name.en, level.name.ja):
                self.levels[words.header_key(name)] = level.value
        self.values = {level.value for level in scale.levels}
        self.read: dict[str, tuple[str, int | None]] = {}
        self.seen: dict[str, int] = {}
        self.auto = 0

    def read_all(self) -> list[ImportedRespondent]:
        found = []
        for offset, row in enumerate(self.table.rows[1 : MAX_ROWS + 1]):
            if not any(cell.strip() for cell in row):
                continue  # an empty row between answers (or a deleted one) is not a respondent
            respondent = self._row(offset + 2, row)
            if respondent is not None:
                found.append(respondent)
        return found

    def _cell(self, row: Sequence[str], index: int | None) -> str:
        return row[index].strip() if index is not None and index < len(row) else ""

    def _problem(self, kind: str, number: int, index: int | None, **values: object) -> None:
        header = self.table.rows[0][index].strip() if index is not None else ""
        column = column_letter(index) if index is not None else None
        self.problems.append(Problem(kind, words.problem_text(kind, **values), number, column, header))

    def _text(self, number: int, index: int | None, limit: int) -> str | None:
        """The cell's text if it follows the text rule and the limit (else None, with the problem)."""
        text = self._cell(self.table.rows[number - 1], index)
        char = control_character(text)
        if char:
            self._problem("control-character", number, index, char=char)
            return None
        if len(text) > limit:
            self._problem("too-long", number, index, max=limit)
            return None
        return text

    def _row(self, number: int, row: Sequence[str]) -> ImportedRespondent | None:
        before = len(self.problems)
        columns = self.columns
        label = self._label(number)
        segment = self._segment(number)
        language = self._language(number)
        answers = []
        for code, index in columns.items.items():
            answer = self._answer(number, self.items[code], index)
            if answer is not None:
                answers.append(answer)
        if not answers and len(self.problems) == before:
            self._problem("no-answers", number, None)
        if len(self.problems) > before or label is None:
            return None
        return ImportedRespondent(number, label, segment, language or self.lang, tuple(answers))

    def _label(self, number: int) -> str | None:
        index = self.columns.label
        text = self._text(number, index, MAX_LABEL)
        if text is None:
            return None
        if not text:
            while True:  # a number, skipping labels already taken
                self.auto += 1
                text = words.AUTO_LABEL.get(self.lang).format(n=self.auto)
                if words.header_key(text) not in self.existing and words.header_key(text) not in self.seen:
                    break
        key = words.header_key(text)
        if key in self.existing:
            self._problem("duplicate-existing", number, index, label=text)
            return None
        if key in self.seen:
            self._problem("duplicate-in-file", number, index, label=text, first=self.seen[key])
            return None
        self.seen[key] = number
        return text

    def _segment(self, number: int) -> str | None:
        return self._choice(number, self.columns.segment, self.segments, "unknown-segment", choices=self.choices)

    def _language(self, number: int) -> str | None:
        return self._choice(number, self.columns.language, words.LANGUAGES, "unknown-language")

    def _choice(self, number: int, index: int | None, known: dict[str, str], kind: str, **values: object) -> str | None:
        """The key of a cell that names one of ``known`` (None when empty, or with a problem)."""
        text = self._text(number, index, MAX_CELL)
        if not text:
            return None
        found = known.get(words.header_key(text))
        if found is None:
            self._problem(kind, number, index, value=text[:40], **values)
        return found

    def _answer(self, number: int, item: Item, index: int) -> ImportedAnswer | None:
        text = self._text(number, index, MAX_CELL)
        if not text:
            return None
        found = self.read.get(text)
        if found is None:  # a file repeats a handful of answers: each is read once
            found = self.read[text] = self._read_level(text)
        kind, value = found
        if kind == "na":
            return self._na(number, item, index)
        if kind == "not-a-level":
            self._problem(kind, number, index, value=text[:20])
            return None
        if kind == "level-out-of-range":
            self._problem(kind, number, index, value=value)
            return None
        return ImportedAnswer(item.code, value)

    def _read_level(self, text: str) -> tuple[str, int | None]:
        """What an answer says: ``("level", n)``, ``("na", None)`` or the kind of problem (with the number)."""
        key = words.header_key(text)
        if any(key == na or (key.startswith(na) and not key[len(na)].isalnum()) for na in words.NA_ANSWERS):
            return "na", None
        value = self.levels.get(key)
        if value is None:
            leading = _LEADING_LEVEL.match(unicodedata.normalize("NFKC", text))
            if leading is None:
                return "not-a-level", None
            value = int(leading.group(1))
        if value not in self.values:
            return "level-out-of-range", value
        return "level", value

    def _na(self, number: int, item: Item, index: int) -> ImportedAnswer | None:
        if not item.allow_na:
            self._problem("na-not-allowed", number, index, code=item.code)
            return None
        reason_index = self.columns.reasons.get(item.code)
        reason = self._text(number, reason_index, self.max_reason)
        if reason is None:
            return None
        if not reason:
            self._problem(
                "na-reason-missing", number, reason_index if reason_index is not None else index, code=item.code
            )
            return None
        return ImportedAnswer(item.code, None, reason)
