"""PNG images for the Word and PowerPoint files: the PDF's radar and pyramid, and the logos.

Word and PowerPoint do not all show SVG, so the report's own SVG charts (the macros the
PDF uses, :mod:`assessor.office.wording`) are rasterised with CairoSVG at print resolution.
CairoSVG runs in its safe mode: no XML entities, no external files, and a URL fetcher that
answers only ``data:`` URIs, so a logo cannot make it fetch or read anything.
"""

from __future__ import annotations

import base64
import re
from io import BytesIO

import cairosvg
from flask_babel import gettext as _
from PIL import Image

from assessor.office.wording import Words

PRINT_DPI = 300
"""Charts are drawn in points; 300 dpi prints sharply on A4 and projects sharply at 16:9."""
SYMBOLS = re.compile("[✔✕✘◆⚠▲▼]")
"""Marks the Japanese font lacks: CairoSVG does not fall back glyph by glyph as WeasyPrint does."""
SYMBOL_FONT = "DejaVu Sans"
LOGO_WIDTH_PX = 800
"""Width an SVG logo is rasterised to (a cover logo is at most about 6 cm wide: 340 dpi)."""


def svg_png(
    svg: str | bytes, *, dpi: int = PRINT_DPI, width: int | None = None, background: str | None = None
) -> bytes:
    """Rasterise SVG source to PNG bytes (safe mode: nothing is fetched, no entities)."""
    data = svg.encode("utf-8") if isinstance(svg, str) else svg
    png = cairosvg.svg2png(bytestring=data, dpi=dpi, output_width=width, unsafe=False, background_color=background)
    assert isinstance(png, bytes)
    return png


def logo_image(data_uri: str) -> bytes:
    """The bytes of a logo as the report context carries it (a ``data:`` URI of PNG, JPEG or SVG).

    PNG and JPEG are returned as they are; SVG is rasterised to PNG.
    """
    head, _, payload = data_uri.partition(",")
    data = base64.b64decode(payload)
    if head.startswith("data:image/svg+xml"):
        return svg_png(data, width=LOGO_WIDTH_PX)
    return data


def _symbols_font(svg: str) -> str:
    """Set the status marks of a chart in a font that has them."""
    return SYMBOLS.sub(lambda m: f'<tspan font-family="{SYMBOL_FONT}">{m.group()}</tspan>', svg)


def radar_png(words: Words) -> bytes:
    """The PDF's radar chart (element scores, target, previous) as PNG."""
    title = _(
        "Radar chart of the nine element scores against target; the numbers are in the tables on the dimension pages."
    )
    return svg_png(_symbols_font(words.radar_svg(title)), background="white")


def pyramid_png(words: Words) -> bytes:
    """The PDF's Service Excellence Pyramid graphic (score and status of each level) as PNG."""
    svg = words.pyramid_svg(_("Service Excellence Pyramid: score and status of each level"))
    return svg_png(_symbols_font(svg), background="white")


def fit(image: bytes, max_width: int, max_height: int) -> tuple[int, int]:
    """The largest size within ``max_width`` × ``max_height`` (any unit) that keeps the image's proportions."""
    with Image.open(BytesIO(image)) as opened:
        width, height = opened.size
    scale = min(max_width / width, max_height / height)
    return int(width * scale), int(height * scale)
