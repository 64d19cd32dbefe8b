"""Check an uploaded logo by its content and turn it into safe image bytes to store and embed.

Only PNG, JPEG and SVG are taken, judged by their bytes (:func:`assessor.reports.logos.logo_mime`),
never by the file name or the declared type, and at most :data:`MAX_LOGO_BYTES`.

- PNG and JPEG: Pillow reads the header (only that format), refuses more than
  :data:`MAX_SIDE` pixels a side or :data:`MAX_PIXELS` in all (decompression bombs), then decodes
  the whole image (refusing a truncated one). What is stored is Pillow's re-encoding, scaled
  down to :data:`STORED_SIDE`: no metadata (EXIF, GPS), nothing appended after the image, no polyglot.
- SVG: parsed with defusedxml (no entity declarations, no external references), then rasterised
  to PNG by CairoSVG with ``unsafe=False`` and a URL fetcher that refuses every URL (``data:``
  included), so no ``<image>``, ``<use>``, CSS ``@import`` or entity reaches a file or the
  network. Only the PNG is stored: scripts, event handlers and ``<foreignObject>`` do not survive
  rasterising, and browsers and WeasyPrint never see SVG from an upload.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from dataclasses import dataclass
from io import BytesIO
from xml.etree.ElementTree import Element, ParseError

from cairosvg.surface import PNGSurface
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from PIL import Image

from assessor.reports.logos import PNG, SVG, logo_mime

MAX_LOGO_BYTES = 1024 * 1024
"""Largest upload taken (1 MB): a logo is a few kB to a few hundred kB."""
MAX_SIDE = 8000
MAX_PIXELS = 16_000_000
"""Largest picture decoded (16 megapixels, 64 MB as RGBA): a few-kB PNG can claim 100,000 × 100,000."""
STORED_SIDE = 1200
"""Longest side stored: the cover prints a logo at most 60 mm wide (1200 px is 500 dpi there)."""
SVG_SIDE = 1000
"""Longest side an SVG is rasterised to."""
_NUMBER = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)")
"""The number at the start of an SVG length (``120``, ``80.5mm``); units do not matter for a ratio."""


class LogoError(ValueError):
    """An upload that is not a logo we take; ``message`` says why, in the reader's language."""

    def __init__(self, message: LazyString, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params

    def __str__(self) -> str:
        """The message in the current language (translated when shown, not when raised)."""
        return str(self.message) % self.params if self.params else str(self.message)


NOT_AN_IMAGE = _l("The file is not a PNG, JPEG or SVG image (judged by its content, not its name).")
TOO_LARGE = _l("The file is larger than 1 MB. Save the logo smaller and upload it again.")
TOO_MANY_PIXELS = _l("The image is too large: at most %(side)s pixels a side and %(megapixels)s megapixels.")
BROKEN = _l("The image could not be read: the file is damaged or incomplete.")
BAD_SVG = _l("The SVG could not be read: it is not well-formed, or it declares entities or external files.")


@dataclass(frozen=True, slots=True)
class CheckedLogo:
    """Image bytes safe to store and embed, with their type, SHA-256 (hex) and size in pixels."""

    data: bytes
    mime: str
    sha256: str
    width: int
    height: int


def _refuse(url: str, resource_type: str) -> bytes:
    """CairoSVG's URL fetcher: nothing is fetched; an empty image (or style sheet) stands in."""
    return b"" if resource_type == "text/css" else b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'


def check_logo(data: bytes) -> CheckedLogo:
    """Check ``data`` by content and return what may be stored (SVG comes back as PNG).

    :raise LogoError: with a message for the person who uploaded it.
    """
    if len(data) > MAX_LOGO_BYTES:
        raise LogoError(TOO_LARGE)
    try:
        mime = logo_mime(data)
    except ValueError as exc:
        raise LogoError(NOT_AN_IMAGE) from exc
    if mime == SVG:
        return _raster(_rasterise(data), PNG)
    return _raster(data, mime)


def _raster(data: bytes, mime: str) -> CheckedLogo:
    fmt = "PNG" if mime == PNG else "JPEG"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data), formats=[fmt]) as image:
                width, height = image.size
                if max(width, height) > MAX_SIDE or width * height > MAX_PIXELS:
                    raise LogoError(TOO_MANY_PIXELS, side=MAX_SIDE, megapixels=MAX_PIXELS // 1_000_000)
                _complete(image, data)
            with Image.open(BytesIO(data), formats=[fmt]) as image:
                image.load()
                picture = image.copy()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise LogoError(TOO_MANY_PIXELS, side=MAX_SIDE, megapixels=MAX_PIXELS // 1_000_000) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        if isinstance(exc, LogoError):
            raise
        raise LogoError(BROKEN) from exc
    picture.thumbnail((STORED_SIDE, STORED_SIDE))
    out = BytesIO()
    if fmt == "JPEG":
        picture.convert("RGB").save(out, "JPEG", quality=90, optimize=True)
    else:
        if picture.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            picture = picture.convert("RGBA")
        picture.save(out, "PNG", optimize=True)
    stored = out.getvalue()
    return CheckedLogo(stored, mime, hashlib.sha256(stored).hexdigest(), picture.width, picture.height)


def _complete(image: Image.Image, data: bytes) -> None:
    """Refuse a truncated image: WeasyPrint sets Pillow's ``LOAD_TRUNCATED_IMAGES`` for the whole
    process, so ``load()`` alone would fill a cut-off picture with grey instead of failing.

    :raise OSError: for a PNG whose chunks or checksums are incomplete, or a JPEG with no end
        marker after its last scan.
    """
    if image.format == "PNG":
        image.verify()  # reads every chunk to IEND and checks the CRCs
    elif data.rfind(b"\xff\xd9") < data.rfind(b"\xff\xda"):
        raise OSError("JPEG without an end-of-image marker after its last scan")


def _rasterise(data: bytes) -> bytes:
    """The SVG as a PNG at most :data:`SVG_SIDE` pixels a side, its aspect ratio kept."""
    try:
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except (DefusedXmlException, ParseError, ValueError) as exc:
        raise LogoError(BAD_SVG) from exc
    if not isinstance(root, Element) or root.tag.rpartition("}")[2] != "svg":
        raise LogoError(NOT_AN_IMAGE)
    ratio = _aspect(root)
    if ratio >= 1:
        width, height = SVG_SIDE, max(1, round(SVG_SIDE / ratio))
    else:
        width, height = max(1, round(SVG_SIDE * ratio)), SVG_SIDE
    try:
        # ``svg2png`` has no ``url_fetcher`` argument; ``convert`` hands it to the parser.
        png: bytes = PNGSurface.convert(
            bytestring=data, unsafe=False, url_fetcher=_refuse, output_width=width, output_height=height
        )
    except Exception as exc:  # CairoSVG raises many kinds on odd input; the user needs one clear message
        raise LogoError(BAD_SVG) from exc
    return png


def _aspect(root: Element) -> float:
    """Width over height from ``viewBox``, else ``width``/``height``; 1 when neither says (clamped to 1:20)."""
    parts = (root.get("viewBox") or "").replace(",", " ").split()
    sizes = (parts[2], parts[3]) if len(parts) == 4 else (root.get("width") or "", root.get("height") or "")
    numbers = [_NUMBER.match(size) for size in sizes]
    if not all(numbers):
        return 1.0
    w, h = (float(found.group(1)) for found in numbers if found)
    if w <= 0 or h <= 0:
        return 1.0
    return min(max(w / h, 1 / 20), 20.0)
