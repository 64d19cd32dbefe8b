"""Reading an uploaded answers file into a table of strings: XLSX or CSV, judged by its content.

The name of a file says nothing about what it holds, so the first bytes decide: a ZIP (``PK``) is
read as an XLSX workbook, an old binary Excel file (OLE, ``D0 CF 11 E0``) is refused with a hint,
and anything else must decode as text. CSV text may be UTF-8 (with or without the BOM Excel
writes), UTF-16 (Excel's "Unicode text") or CP932, the Shift_JIS that Japanese Excel writes:
``auto`` tries UTF-8 first (valid UTF-8 is almost never CP932 text by accident) and then CP932.

Limits keep a hostile file cheap: the upload size, the unpacked size of a workbook, the number of
rows and columns read (one row more than allowed is read, to say the file is too long).
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from assessor.domain import Text
from assessor.offline.words import problem_text

Encoding = Literal["auto", "utf-8", "cp932"]
ENCODINGS: tuple[Encoding, ...] = ("auto", "utf-8", "cp932")

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Largest file read (the web's upload limit, ``MAX_CONTENT_LENGTH``, is the same)."""
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
"""Largest unpacked size of a workbook: a ZIP bomb is refused before anything is unpacked."""
MAX_ROWS = 1000
"""Most respondents (data rows) in one file."""
MAX_COLUMNS = 400
"""Most columns read (the full questionnaire with a reason column per item fits easily)."""

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


@dataclass(frozen=True, slots=True)
class Table:
    """The cells of the first sheet as text, the header first; ``too_long`` when rows were left unread."""

    kind: Literal["xlsx", "csv"]
    rows: tuple[tuple[str, ...], ...]
    too_long: bool = False
    encoding: str | None = None
    """The encoding a CSV file was read with (``utf-8``, ``utf-8-sig``, ``utf-16`` or ``cp932``)."""


class UnreadableFileError(Exception):
    """The file is not one the importer reads; ``message`` says why in both languages."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.en)
        self.message = message


def read_table(data: bytes, encoding: Encoding = "auto") -> Table:
    """Read the first sheet of an XLSX workbook, or a CSV file, into text cells.

    :raise UnreadableFileError: for an empty, oversized, binary, undecodable or damaged file.
    """
    if not data.strip():
        raise UnreadableFileError(problem_text("empty-file"))
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFileError(problem_text("file-too-large", mb=MAX_FILE_BYTES // (1024 * 1024)))
    if data.startswith(_ZIP):
        return _read_xlsx(data)
    if data.startswith(_OLE):
        raise UnreadableFileError(problem_text("old-excel"))
    return _read_csv(_decode(data, encoding))


def _decode(data: bytes, encoding: Encoding) -> tuple[str, str]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as error:
                raise UnreadableFileError(problem_text("not-text")) from error
    tries = ("utf-8", "cp932") if encoding == "auto" else (encoding,)
    for name in tries:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:  # a binary file (a PDF, an image) that happened to decode
            break
        return text, name
    raise UnreadableFileError(problem_text("not-text" if encoding == "auto" else "wrong-encoding", encoding=encoding))


def _read_csv(decoded: tuple[str, str]) -> Table:
    text, encoding = decoded
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows: list[tuple[str, ...]] = []
    too_long = False
    try:
        for row in csv.reader(io.StringIO(text, newline=""), dialect):
            if len(rows) > MAX_ROWS:
                too_long = True
                break
            rows.append(tuple(row[:MAX_COLUMNS]))
    except csv.Error as error:  # a field over csv's own limit (128 KiB), or a stray NUL
        raise UnreadableFileError(problem_text("bad-csv", detail=str(error)[:80])) from error
    return _table("csv", rows, too_long, encoding)


def _read_xlsx(data: bytes) -> Table:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise UnreadableFileError(problem_text("bad-xlsx")) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableFileError(problem_text("file-too-large", mb=MAX_FILE_BYTES // (1024 * 1024)))
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise UnreadableFileError(problem_text("bad-xlsx")) from error
    try:
        sheet = book.worksheets[0]
        rows: list[tuple[str, ...]] = []
        too_long = False
        for values in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            if len(rows) > MAX_ROWS:
                too_long = True
                break
            rows.append(tuple(_cell_text(value) for value in values))
    except Exception as error:  # any damage inside a workbook is the file's fault, never a 500
        raise UnreadableFileError(problem_text("bad-xlsx")) from error
    finally:
        book.close()
    return _table("xlsx", rows, too_long, None)


def _table(kind: Literal["xlsx", "csv"], rows: list[tuple[str, ...]], too_long: bool, encoding: str | None) -> Table:
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()  # trailing empty rows (Excel keeps formatted ones)
    if not rows:
        raise UnreadableFileError(problem_text("empty-file"))
    return Table(kind, tuple(rows), too_long, encoding)


def _cell_text(value: object) -> str:
    """A cell as the person sees it: whole numbers without ``.0``, dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)
