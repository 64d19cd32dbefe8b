"""Render report HTML to PDF with WeasyPrint: one shared font configuration, tagged PDF/UA-1.

The URL fetcher (after indico's ``IndicoURLFetcher``) lets the document load only
``data:`` URIs and files under the allowed folders (the app's static files):
no other ``file://`` path, no network.  Logos travel as ``data:`` URIs, so a
comment such as ``<img src="file:///etc/passwd">`` (which the templates escape
anyway) could never reach the disk or the network.
"""

from __future__ import annotations

import gc
import io
import mimetypes
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from pypdf import PdfReader
from pypdf.errors import PdfReadError
from weasyprint import HTML, Attachment
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from assessor.config import ROOT

STATIC_DIR = ROOT / "assessor" / "static"
PDF_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1"}
"""Tagged PDF (structure tree, /Lang, alt text from ``<svg><title>``) that claims PDF/UA-1."""

_FONT_CONFIG: FontConfiguration | None = None


def font_config() -> FontConfiguration:
    """The process-wide font configuration: reusing it keeps memory flat and rendering fast."""
    global _FONT_CONFIG  # noqa: PLW0603 - one per process by design
    if _FONT_CONFIG is None:
        _FONT_CONFIG = FontConfiguration()
    return _FONT_CONFIG


class ReportURLFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
    """Fetch ``data:`` URIs and files inside ``allowed``; refuse (and record) everything else."""

    def __init__(self, allowed: Sequence[Path] = (STATIC_DIR,)) -> None:
        super().__init__(timeout=1, allowed_protocols=("data", "file"), allow_redirects=False)
        self.allowed = tuple(Path(p).resolve() for p in allowed)
        self.fetched: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        """Return the resource, or raise ``ValueError`` (WeasyPrint then skips it)."""
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            self.fetched.append(url[:32])
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(unquote(urlsplit(url).path)).resolve()
            if path.is_file() and any(path.is_relative_to(root) for root in self.allowed):
                self.fetched.append(url)
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime})
        self.refused.append(url)
        raise ValueError(f"the report may not load {url!r}")


ATTACHMENT_NAME = "assessment.json"
"""The name of the assessment file a report PDF carries (methodology §12)."""


class NoAttachmentError(ValueError):
    """The file is not a PDF, or a PDF without an assessment file."""


def render_pdf(
    html: str,
    base_url: Path | str = STATIC_DIR,
    fetcher: ReportURLFetcher | None = None,
    attachment: bytes | None = None,
) -> bytes:
    """Render ``html`` to PDF bytes (A4 and fonts come from the HTML's own print CSS).

    :param base_url: resolves relative URLs; only files under the static folder can be loaded.
    :param fetcher: pass one to inspect what was fetched or refused (tests).
    :param attachment: the assessment file (JSON bytes) to embed as :data:`ATTACHMENT_NAME`.
    """
    document = HTML(string=html, base_url=str(base_url), url_fetcher=fetcher or ReportURLFetcher())
    attachments = []
    if attachment is not None:
        attachments.append(
            Attachment(
                file_obj=io.BytesIO(attachment),
                name=ATTACHMENT_NAME,
                description="Assessment file (docs/methodology.md §12)",
                relationship="Data",
            )
        )
    pdf: bytes = document.write_pdf(font_config=font_config(), attachments=attachments, **PDF_OPTIONS)
    return pdf


def read_attachment(pdf: bytes) -> bytes:
    """The assessment file a report PDF carries.

    :raise NoAttachmentError: if ``pdf`` is not a PDF or carries no :data:`ATTACHMENT_NAME`.
    """
    if not pdf.startswith(b"%PDF-"):
        raise NoAttachmentError("not a PDF file")
    try:
        found = PdfReader(io.BytesIO(pdf)).attachments.get(ATTACHMENT_NAME)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise NoAttachmentError(f"not a readable PDF ({exc})") from exc
    if not found:
        raise NoAttachmentError(f"the PDF carries no assessment file ({ATTACHMENT_NAME})")
    return found[0]


_WARM_UP_HTML = (
    '<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>warm-up</title>'
    '<style>@page { size: A4 } body { font-family: "BIZ UDPGothic", "DejaVu Sans", sans-serif }</style></head>'
    "<body><h1>Warm-up 準備</h1><p>Service excellence サービスエクセレンス ▲ ▼ ✔ 0–100 %</p>"
    "<table><tr><th>a</th><td>1</td></tr></table></body></html>"
)


def warm_up() -> None:
    """Load fonts and WeasyPrint's caches, then keep everything alive now out of the cyclic GC.

    Call once per worker process after the app is created (``wsgi.py``, or gunicorn's
    ``post_fork``), and before a batch of reports.  Rendering allocates heavily, so
    Python runs full collections during a report; each one walks every long-lived
    object of the app (about 0.1 s here).  After :func:`gc.freeze` those objects are
    skipped: the full report renders about 20 % faster (``benchmarks/report.py``).
    """
    render_pdf(_WARM_UP_HTML)
    gc.collect()
    gc.freeze()
