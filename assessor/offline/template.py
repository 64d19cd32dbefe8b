"""The offline-answers template of a questionnaire: an XLSX workbook and a CSV header (pure).

One row per respondent: a label (optional, never a name), the segment, the language, then a column
per item headed by its code and the start of its question, and after every item that allows N/A a
column for the reason. The workbook adds drop-down lists for the levels, segments and languages,
a frozen header, and an instructions sheet in the chosen language. What is read back is
:mod:`assessor.offline.parse`'s template layout.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from assessor.domain import Questionnaire, Scale
from assessor.offline import words

QUESTION_CHARS = 60
"""How much of the question the header shows after the code (the code is what is read back)."""
TEMPLATE_ROWS = 200
"""Rows the drop-down lists cover (more can be added by copying a row)."""


def template_headers(questionnaire: Questionnaire, lang: str) -> list[str]:
    """The header row: label, segment, language, then each item (and its N/A reason column)."""
    headers = [words.LABEL_HEADER.get(lang), words.SEGMENT_HEADER.get(lang), words.LANGUAGE_HEADER.get(lang)]
    for item in questionnaire.items:
        question = item.question.get(lang)
        short = question if len(question) <= QUESTION_CHARS else question[: QUESTION_CHARS - 1].rstrip() + "…"
        headers.append(f"{item.code} {short}")
        if item.allow_na:
            headers.append(f"{item.code} {words.REASON_SUFFIX.get(lang)}")
    return headers


def template_csv(questionnaire: Questionnaire, lang: str) -> bytes:
    """The template as CSV: the header row, UTF-8 with a BOM so that Excel opens Japanese correctly."""
    out = io.StringIO(newline="")
    csv.writer(out).writerow(template_headers(questionnaire, lang))
    return out.getvalue().encode("utf-8-sig")


def _text_cell(sheet: Worksheet, row: int, column: int, value: str) -> None:
    """Write ``value`` as text, never as a formula (a segment label may start with ``=``)."""
    cell = sheet.cell(row=row, column=column, value=value)
    cell.data_type = "s"


def template_xlsx(
    questionnaire: Questionnaire, scale: Scale, segments: Sequence[tuple[str, str, str]], lang: str
) -> bytes:
    """The template as an XLSX workbook (answers sheet first, then the instructions).

    :param segments: ``(key, English label, Japanese label)`` of the assessment's segments.
    """
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "回答" if lang == "ja" else "Answers"
    headers = template_headers(questionnaire, lang)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for column, header in enumerate(headers, start=1):
        _text_cell(sheet, 1, column, header)
        cell = sheet.cell(row=1, column=column)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(column)].width = 14 if column <= 3 else 22
    sheet.row_dimensions[1].height = 90
    sheet.freeze_panes = "B2"
    last = TEMPLATE_ROWS + 1

    lists = book.create_sheet("Lists")
    labels = [(ja or en) if lang == "ja" else en for _key, en, ja in segments]
    for row, label in enumerate(labels, start=1):
        _text_cell(lists, row, 1, label)
    for row, code in enumerate(("en", "ja"), start=1):
        _text_cell(lists, row, 2, code)
    lists.sheet_state = "hidden"

    def validate(formula: str, column: int) -> None:
        rule = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True)
        rule.error = words.CHOOSE_FROM_LIST.get(lang)
        sheet.add_data_validation(rule)
        letter = get_column_letter(column)
        rule.add(f"{letter}2:{letter}{last}")

    if labels:
        validate(f"Lists!$A$1:$A${len(labels)}", 2)
    validate("Lists!$B$1:$B$2", 3)
    values = [str(level.value) for level in scale.levels]
    column = 4
    for item in questionnaire.items:
        choices = [*values, words.NA_TEXT] if item.allow_na else values
        validate('"' + ",".join(choices) + '"', column)
        column += 2 if item.allow_na else 1

    help_sheet = book.create_sheet("記入方法" if lang == "ja" else "Instructions", 1)
    help_sheet.column_dimensions["A"].width = 110
    for row, line in enumerate(words.INSTRUCTIONS, start=1):
        _text_cell(help_sheet, row, 1, line.get(lang))
        help_sheet.cell(row=row, column=1).alignment = Alignment(wrap_text=True)
    help_sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    row = len(words.INSTRUCTIONS) + 2
    _text_cell(help_sheet, row, 1, words.LEVELS_TITLE.get(lang))
    help_sheet.cell(row=row, column=1).font = bold
    for level in scale.levels:
        row += 1
        _text_cell(help_sheet, row, 1, f"{level.value} {level.name.get(lang)}: {level.description.get(lang)}")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
