"""Read a PDF's pages back as lines and word boxes (poppler's ``pdftotext -bbox-layout``) and check its layout.

Poppler is already a test dependency (``pdftotext``, ``pdffonts``); its C parser reads a 15-page
report in a few milliseconds, where a pure-Python parser (pdfminer, under pdfplumber) takes
seconds, which would double the layout matrix's run time.  ``-bbox-layout`` gives what the
checks need: for each page its text flows, lines and words with their boxes (in points, origin
top left).  Words whose glyphs overlap still come out as two boxes that intersect, which is how
overlapping table headers are found.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader

MM = 72 / 25.4
TOP_MARGIN = 19 * MM
"""The page's top margin (``@page { margin: 19mm 16mm 17mm }`` in report.css): the running header sits in it."""
BOTTOM_MARGIN = 17 * MM
NS = "{http://www.w3.org/1999/xhtml}"
NO_LINE_START = set("ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶー")
"""Small kana and the long-vowel mark never start a line (JIS X 4051 line-start prohibition)."""


@dataclass(frozen=True, slots=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def intersects(self, other: Box, slack: float = 0.3) -> bool:
        """True when the two boxes overlap by more than ``slack`` points both ways."""
        return (
            min(self.x1, other.x1) - max(self.x0, other.x0) > slack
            and min(self.y1, other.y1) - max(self.y0, other.y0) > slack
        )


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    box: Box


@dataclass(frozen=True, slots=True)
class Line:
    words: tuple[Word, ...]
    box: Box

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass(frozen=True, slots=True)
class Page:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]

    def region(self, top: float, bottom: float) -> tuple[Line, ...]:
        """Lines whose vertical middle lies between ``top`` and ``bottom``."""
        return tuple(line for line in self.lines if top <= (line.box.y0 + line.box.y1) / 2 <= bottom)

    @property
    def header(self) -> tuple[Line, ...]:
        return self.region(0, TOP_MARGIN)

    @property
    def body(self) -> tuple[Line, ...]:
        return self.region(TOP_MARGIN, self.height - BOTTOM_MARGIN)

    @property
    def footer(self) -> tuple[Line, ...]:
        return self.region(self.height - BOTTOM_MARGIN, self.height)

    def text(self, lines: tuple[Line, ...] | None = None) -> str:
        return "\n".join(line.text for line in (self.lines if lines is None else lines))


def _box(element: ET.Element) -> Box:
    return Box(*(float(element.attrib[k]) for k in ("xMin", "yMin", "xMax", "yMax")))


def read_pages(pdf: Path) -> list[Page]:
    """Every page of ``pdf`` with its lines and word boxes."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    ).stdout
    root = ET.fromstring(xhtml)
    pages = []
    for number, page in enumerate(root.iter(f"{NS}page"), start=1):
        lines = []
        for line in page.iter(f"{NS}line"):
            words = tuple(Word(w.text or "", _box(w)) for w in line.iter(f"{NS}word"))
            if words:
                lines.append(Line(words, _box(line)))
        pages.append(Page(number, float(page.attrib["width"]), float(page.attrib["height"]), tuple(lines)))
    return pages


def flat(text: str) -> str:
    """Text without spaces and line breaks, so phrases wrapped over lines can be found."""
    return "".join(text.split())


def overlapping_words(page: Page) -> list[tuple[str, str]]:
    """Pairs of words on the page whose boxes intersect (text drawn over text)."""
    words = sorted((w for line in page.lines for w in line.words), key=lambda w: w.box.x0)
    found = []
    for i, a in enumerate(words):
        for b in words[i + 1 :]:
            if b.box.x0 >= a.box.x1:
                break
            if a.box.intersects(b.box):
                found.append((a.text, b.text))
    return found


def bad_line_starts(page: Page) -> list[str]:
    """Lines (and cell lines) that start with a small kana or ー."""
    return [line.text for line in page.lines if line.text[:1] in NO_LINE_START]


@dataclass(frozen=True, slots=True)
class Tagged:
    """What the tagged PDF's structure tree says about each page: a page holds marked content of structure elements."""

    leaves: dict[int, list[tuple[str, ...]]]
    """page number -> the structure path (``('/Document', '/Sect', '/Table', '/TBody', '/TR', '/TD')``) of each
    piece of content on it."""
    body_rows: list[set[int]]
    """For each table body row element, the pages its content lies on.  WeasyPrint tags each page's part of
    a split row as a row of its own, so a document with a split row has more row elements than its HTML."""


def _kids(node: Any) -> list[Any]:
    kids = node.get("/K")
    if kids is None:
        return []
    kids = kids if isinstance(kids, list) else [kids]
    return [k.get_object() if hasattr(k, "get_object") else k for k in kids]


def read_tagged(pdf: Path) -> Tagged:
    """Walk the structure tree (WeasyPrint writes one for PDF/UA): content per page, pages per table row.

    Running headers and footers are artifacts (not in the tree), so a page whose only tagged content is
    a table's header row, or that has none, is a page that holds only headers.
    """
    reader = PdfReader(pdf)
    page_of = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, start=1)}
    leaves: dict[int, list[tuple[str, ...]]] = {n: [] for n in page_of.values()}
    rows: list[set[int]] = []

    def walk(node: Any, path: tuple[str, ...], page: int | None) -> set[int]:
        if "/Pg" in node:
            page = page_of.get(node.raw_get("/Pg").idnum, page)
        path = path + (str(node.get("/S", "")),)
        seen: set[int] = set()
        for kid in _kids(node):
            if isinstance(kid, dict) and kid.get("/Type") == "/MCR":
                target = page_of.get(kid.raw_get("/Pg").idnum, page) if "/Pg" in kid else page
                if target is not None:
                    leaves[target].append(path)
                    seen.add(target)
            elif isinstance(kid, dict) and "/S" in kid:
                seen |= walk(kid, path, page)
            elif isinstance(kid, int) and page is not None:  # a marked-content id on this element's page
                leaves[page].append(path)
                seen.add(page)
        if path[-1] == "/TR" and "/TBody" in path:
            rows.append(seen)
        return seen

    walk(reader.trailer["/Root"]["/StructTreeRoot"].get_object(), (), None)
    return Tagged(leaves, rows)


def header_only_pages(tagged: Tagged, skip: int = 1) -> list[int]:
    """Pages (after the first ``skip``) with no tagged content, or whose only content is table headers."""
    return [
        page
        for page, paths in tagged.leaves.items()
        if page > skip and not any("/THead" not in path and "/Caption" not in path for path in paths)
    ]


def html_body_rows(html: str) -> int:
    """How many rows the tables' bodies of ``html`` have."""
    return sum(len(re.findall(r"<tr[\s>]", body)) for body in re.findall(r"<tbody>(.*?)</tbody>", html, re.S))


def split_rows(tagged: Tagged, html: str) -> int:
    """How many table body rows of ``html`` were split across pages (extra row elements in the PDF)."""
    return len(tagged.body_rows) - html_body_rows(html)


KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]")


def split_katakana_words(page: Page) -> list[str]:
    """Places where a line ends inside a katakana word and the next line of its paragraph goes on with it
    (モニタリン / グ): a line ending in katakana above a line starting in katakana, at the same left edge."""
    found = []
    lines = sorted(page.lines, key=lambda line: (round(line.box.x0), line.box.y0))
    for upper, lower in zip(lines, lines[1:], strict=False):
        height = upper.box.y1 - upper.box.y0
        if (
            abs(upper.box.x0 - lower.box.x0) < 2
            and abs(height - (lower.box.y1 - lower.box.y0)) < 0.5  # the same type size: the same paragraph
            and 0 <= lower.box.y0 - upper.box.y1 < 0.6 * height
            and KATAKANA.match(upper.text[-1:])
            and KATAKANA.match(lower.text)
        ):
            found.append(f"{upper.text[-6:]} / {lower.text[:6]}")
    return found
