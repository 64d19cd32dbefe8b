"""The printable questionnaire: every item with its guidance and level descriptions, as a page and a PDF.

For a workshop on paper (tick boxes for each level and, where the item allows it, N/A; a comment
line; a name-free header box) or for preparing one.  It holds no client data, only the
questionnaire, the maturity scale and the privacy promise, so any signed-in user may have it.

One template serves the web page and the PDF (:data:`TEMPLATE`); the PDF goes through the report's
machinery (:func:`assessor.reports.pdf.render_pdf`, the Japanese line breaks of
:func:`assessor.reports.typeset.japanese`, the same fonts).

**Cache.**  The full questionnaire in Japanese takes about 3 s to typeset on this machine (the quick
one about 1 s, see ``README.md``), too slow to repeat for every download in a workshop room, so the
PDF is kept on disk (``PRINTOUTS_DIR``, by default ``printouts/`` in the instance folder), one file per
questionnaire id, version and language.
The file name also carries a digest of the print HTML: a new translation, template or
minimum group size gives a new file instead of a stale one, and the older file of the same
questionnaire, version and language is removed.  Files are written atomically (a temporary file,
then a rename), so two workers rendering at once both leave a whole file.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from flask import render_template
from flask_babel import force_locale

from assessor.domain import Framework, Questionnaire
from assessor.reports import typeset
from assessor.reports.pdf import render_pdf

TEMPLATE = "questionnaires/printable.html"


def render_printable_html(
    framework: Framework, questionnaire: Questionnaire, lang: str, min_group_size: int, *, back: str | None = None
) -> str:
    """The printable questionnaire as HTML in ``lang``.

    :param back: the page the toolbar leads back to (the web page); ``None`` renders the print
        document of the PDF (no toolbar, running header, Japanese line breaks fixed).
    :param min_group_size: the smallest group a breakdown shows, as the privacy note promises it.
    """
    pdf = back is None
    with force_locale(lang):
        html = render_template(
            TEMPLATE,
            fw=framework,
            questionnaire=questionnaire,
            lang=lang,
            pdf=pdf,
            back=back,
            min_group_size=min_group_size,
            ts=typeset,
        )
    return typeset.japanese(html) if pdf and lang == "ja" else html


def printable_filename(questionnaire: Questionnaire, lang: str) -> str:
    """``quick-v1-questionnaire-ja.pdf``: the questionnaire, its version and the language."""
    return f"{_safe(questionnaire.id)}-v{_safe(questionnaire.version)}-questionnaire-{lang}.pdf"


def render_printable_pdf(
    framework: Framework, questionnaire: Questionnaire, lang: str, min_group_size: int, cache_dir: Path | None
) -> bytes:
    """The printable questionnaire as PDF bytes, from the cache in ``cache_dir`` when it holds this version.

    :param cache_dir: where cached PDFs live (created when missing); ``None`` renders without a cache.
    """
    html = render_printable_html(framework, questionnaire, lang, min_group_size)
    if cache_dir is None:
        return render_pdf(html)
    digest = hashlib.sha256(html.encode("utf-8")).hexdigest()[:16]
    stem = f"{_safe(questionnaire.id)}-{_safe(questionnaire.version)}-{lang}"
    target = cache_dir / f"{stem}-{digest}.pdf"
    if target.is_file():
        return target.read_bytes()
    pdf = render_pdf(html)
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(pdf)
    os.replace(tmp, target)
    for older in cache_dir.glob(f"{stem}-*.pdf"):
        if older != target and re.fullmatch(re.escape(stem) + r"-[0-9a-f]{16}\.pdf", older.name):
            older.unlink(missing_ok=True)
    return pdf


def _safe(text: str) -> str:
    """``text`` usable in a file name: letters, digits, dot, hyphen and underscore; anything else a hyphen."""
    return re.sub(r"[^A-Za-z0-9._-]", "-", text).strip(".") or "questionnaire"
