"""Offline answers: the per-questionnaire template, and reading it (or a Forms export) back (pure).

Imports the domain, the text rules and openpyxl, nothing of the web or the database: a table of
text goes in, the respondents to create and every problem (row, column) come out. The database
write is :mod:`assessor.assessments.imports`.
"""

from assessor.offline.parse import (
    FORMATS,
    Checked,
    Format,
    ImportedAnswer,
    ImportedRespondent,
    Problem,
    check_answers,
    column_letter,
)
from assessor.offline.sheets import ENCODINGS, MAX_FILE_BYTES, Encoding, Table, UnreadableFileError, read_table
from assessor.offline.template import template_csv, template_headers, template_xlsx

__all__ = [
    "ENCODINGS",
    "FORMATS",
    "MAX_FILE_BYTES",
    "Checked",
    "Encoding",
    "Format",
    "ImportedAnswer",
    "ImportedRespondent",
    "Problem",
    "Table",
    "UnreadableFileError",
    "check_answers",
    "column_letter",
    "read_table",
    "template_csv",
    "template_headers",
    "template_xlsx",
]
