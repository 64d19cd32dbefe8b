"""Text that a spreadsheet must never evaluate: the one guard for the Excel and CSV exports (pure).

Comments, organisation and segment names are typed by other people.  A cell that starts
with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, or the full-width
``＝＋－＠`` that some input methods produce and spreadsheets may normalise) is read as a
formula by Excel and LibreOffice: ``=HYPERLINK("http://x","y")`` would become a live link
(OWASP "CSV Injection").  The Excel writer stores such text as a string cell with the
quote-prefix style; CSV has no cell types, so there it gets a leading apostrophe, the
mark spreadsheets themselves use for "text, not a formula".
Imports only the standard library.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
"""First characters that make a spreadsheet evaluate a cell (OWASP's list plus the full-width forms)."""


def looks_like_formula(text: str) -> bool:
    """True if a spreadsheet could take ``text`` for a formula (after leading spaces, which Excel skips)."""
    return text.lstrip(" ").startswith(FORMULA_STARTS)


def csv_text(text: str) -> str:
    """``text`` as a CSV field a spreadsheet reads as text: a leading apostrophe when it looks like a formula."""
    return "'" + text if looks_like_formula(text) else text
