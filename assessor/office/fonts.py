"""The fonts and language tags the Word and PowerPoint files name (Office has them on Windows and macOS).

Japanese text is set in Yu Gothic (游ゴシック): it ships with Windows 8.1 and later and with
macOS, and Microsoft Office on both platforms maps it, so a client opens the file without
a font substitution.  Meiryo is Windows-only and Hiragino Sans macOS-only, and a .docx can
name only one East Asian font per run; embedding BIZ UD Gothic would add about 4 MB per file.
Latin text is set in Calibri, which Office installs on both platforms.  Where neither font is
installed (LibreOffice on Linux), fontconfig substitutes a CJK-capable font (BIZ UD Gothic here).
"""

from __future__ import annotations

LATIN = "Calibri"
EAST_ASIAN = "Yu Gothic"
LANGUAGE = {"en": "en-GB", "ja": "ja-JP"}
"""Language tag of the text, by report language."""
EAST_ASIAN_LANGUAGE = "ja-JP"
