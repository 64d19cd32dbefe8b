"""Text that a spreadsheet must never evaluate: the one guard for the Excel and CSV exports (pure).

Comments, organisation and segment names are typed by other people.  A cell that starts
with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, or the full-width
``＝＋－＠`` that some input methods produce and spreadsheets may normalise) is read as a
formula by Excel and LibreOffice: ``=HYPERLINK("http://x","y")`` would become a live link
(OWASP "CSV Injection").  The Excel writer stores such text as a string cell with the
quote-prefix style; CSV has no cell types, so there it gets a leading apostrophe, the
mark spreadsheets themselves use for "text, not a formula".
Also the one rounding of numbers written to a spreadsheet: as the report prints them.
Imports only the standard library and :mod:`assessor.numbers`.
"""

from __future__ import annotations

from assessor import numbers

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
"""First characters that make a spreadsheet evaluate a cell (OWASP's list plus the full-width forms)."""


def looks_like_formula(text: str) -> bool:
    """True if a spreadsheet could take ``text`` for a formula (after leading spaces, which Excel skips)."""
    return text.lstrip(" ").startswith(FORMULA_STARTS)


def csv_text(text: str) -> str:
    """``text`` as a CSV field a spreadsheet reads as text: a leading apostrophe when it looks like a formula."""
    return "'" + text if looks_like_formula(text) else text


def fraction(value: float | None) -> float | None:
    """A percentage as the whole number the report prints, as a fraction for a ``0%`` cell (72.4 -> 0.72).

    The report's one rounding rule (ties go down, :func:`assessor.numbers.whole`) keeps a number inside
    the band printed beside it, which Excel's own rounding of 62.5 % to 63 % would not.
    """
    return None if value is None else numbers.whole(value) / 100


def points(value: float | None) -> int | None:
    """Points (a gap, a change) as the report prints them: whole, by the report's rounding rule."""
    return None if value is None else numbers.whole(value)


def agreement(value: float | None) -> float | None:
    """r_wg to the two decimals the report prints (its rounding, not Excel's)."""
    return None if value is None else float(numbers.agreement(value))
