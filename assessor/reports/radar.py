"""Pure SVG geometry for the PDF charts: the radar (current, target, previous) and the small pyramid.

Nothing here draws: the functions return coordinates, wrapped label lines and
the size of the drawing, and ``templates/reports/pdf/_charts.html`` turns them
into inline SVG (colours from :mod:`assessor.reports.palette`).  Text widths are
estimated generously (full-width characters count one em, everything else
0.62 em) and the drawing is sized to hold every label, so no label is ever cut
off.  Imports only the standard library and the palette.
"""

from __future__ import annotations

import math
import textwrap
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from assessor.numbers import pct
from assessor.reports import palette

LABEL_SIZE = 8.0
"""Axis label size in points (the SVG is drawn at 1 user unit = 1 pt)."""
LINE_HEIGHT = 1.25
WIDE_EM = 1.0
NARROW_EM = 0.62
RINGS = (25, 50, 75, 100)


def text_width(text: str, size: float) -> float:
    """Estimate the width of ``text`` at ``size`` points, erring on the wide side."""
    return sum((WIDE_EM if unicodedata.east_asian_width(ch) in "WF" else NARROW_EM) * size for ch in text)


_NO_LINE_START = set("、。，．・：；？！ー）」』】〕％%,.:;)")


def _kind(ch: str) -> str:
    """Script class for line breaking: katakana runs and Latin words stay whole; kanji and kana break anywhere."""
    if "\u30a0" <= ch <= "\u30ff" or ch == "ー":
        return "katakana"
    if unicodedata.east_asian_width(ch) in "WF":
        return "wide"
    return "latin"


def _tokens(text: str) -> list[str]:
    """Split into breakable pieces: Latin words (with their trailing space), katakana words, single kanji/kana."""
    tokens: list[str] = []
    for ch in text:
        kind = _kind(ch)
        previous = tokens[-1] if tokens else ""
        if ch in _NO_LINE_START and tokens:
            tokens[-1] += ch  # kinsoku: never start a line with closing punctuation
        elif previous and kind != "wide" and _kind(previous[-1]) == kind and not previous.endswith(" "):
            tokens[-1] += ch
        else:
            tokens.append(ch)
    return tokens


def wrap(text: str, max_width: float, size: float) -> tuple[str, ...]:
    """Break ``text`` into lines no wider than ``max_width`` points (a long word keeps its own line)."""
    if all(unicodedata.east_asian_width(ch) not in "WF" for ch in text):
        columns = max(4, int(max_width / (NARROW_EM * size)))
        return tuple(textwrap.wrap(text, columns, break_long_words=False)) or (text,)
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        if line and text_width((line + token).rstrip(), size) > max_width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return tuple(lines) or (text,)


@dataclass(frozen=True, slots=True)
class AxisLabel:
    """An axis label: its lines, the position of the first baseline and the text anchor."""

    lines: tuple[str, ...]
    x: float
    y: float
    anchor: str
    """SVG text-anchor: ``start``, ``middle`` or ``end``."""
    line_step: float


@dataclass(frozen=True, slots=True)
class Polygon:
    """One series drawn as a closed polygon; ``points`` is the SVG points attribute."""

    key: str
    points: str
    vertices: tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class Tick:
    """A scale label on the vertical axis."""

    label: str
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class RadarGeometry:
    """Everything needed to draw the radar, in points, already offset into ``0 0 width height``."""

    width: float
    height: float
    centre: tuple[float, float]
    radius: float
    rings: tuple[str, ...]
    spokes: tuple[tuple[float, float], ...]
    """Outer end of each axis (the inner end is the centre)."""
    ticks: tuple[Tick, ...]
    labels: tuple[AxisLabel, ...]
    series: tuple[Polygon, ...]
    font_size: float


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _points(vertices: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in vertices)


def _tick(ring: int, first: tuple[float, float], second: tuple[float, float], font_size: float, lang: str) -> Tick:
    """A scale label halfway along a ring's first edge, between two axes, where no data point sits."""
    x, y = (first[0] + second[0]) / 2, (first[1] + second[1]) / 2
    return Tick(pct(ring, lang), round(x + 1.5, 1), round(y + font_size * 0.3, 1))


def radar(
    axes: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    radius: float = 118.0,
    label_width: float = 96.0,
    font_size: float = LABEL_SIZE,
    lang: str = "en",
) -> RadarGeometry:
    """Lay out a radar chart with one axis per label, clockwise from the top.

    :param series: ``(key, values)`` pairs, values in percent (0-100); ``None``
        (no score) is drawn at the centre, so a missing value never looks like a
        good one.  Keys are typically ``current``, ``target`` and ``previous``.
    :param label_width: the widest a label line may be, in points, before it wraps.
    """
    count = len(axes)
    if count < 2:
        raise ValueError("a radar needs at least two axes (three to enclose an area)")
    angles = [-math.pi / 2 + 2 * math.pi * i / count for i in range(count)]
    step = font_size * LINE_HEIGHT
    gap = 7.0
    boxes: list[tuple[float, float, float, float]] = [(-radius, -radius, radius, radius)]
    raw_labels = []
    for text, angle in zip(axes, angles, strict=True):
        lines = wrap(text, label_width, font_size)
        cos, sin = math.cos(angle), math.sin(angle)
        ax, ay = (radius + gap) * cos, (radius + gap) * sin
        anchor = "start" if cos > 0.2 else "end" if cos < -0.2 else "middle"
        block = step * (len(lines) - 1)
        if sin < -0.5:  # above the chart: the last line sits just above the axis end
            first = ay - block - font_size * 0.25
        elif sin > 0.5:  # below: the first line hangs under the axis end
            first = ay + font_size * 0.95
        else:  # at the side: centred on the axis end
            first = ay - block / 2 + font_size * 0.35
        widest = max(text_width(line, font_size) for line in lines)
        left = ax if anchor == "start" else ax - widest if anchor == "end" else ax - widest / 2
        boxes.append((left, first - font_size, left + widest, first + block + font_size * 0.3))
        raw_labels.append((lines, ax, first, anchor))
    pad = 3.0
    min_x = min(b[0] for b in boxes) - pad
    min_y = min(b[1] for b in boxes) - pad
    max_x = max(b[2] for b in boxes) + pad
    max_y = max(b[3] for b in boxes) + pad
    cx, cy = -min_x, -min_y

    def at(value: float, angle: float) -> tuple[float, float]:
        r = radius * max(0.0, min(100.0, value)) / 100
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    polygons = tuple(
        Polygon(key, _points(v), tuple(v))
        for key, values in series
        if any(value is not None for value in values)
        for v in [[at(value or 0.0, angle) for value, angle in zip(values, angles, strict=True)]]
    )
    return RadarGeometry(
        width=round(max_x - min_x, 1),
        height=round(max_y - min_y, 1),
        centre=(cx, cy),
        radius=radius,
        rings=tuple(_points([at(ring, angle) for angle in angles]) for ring in RINGS),
        spokes=tuple(at(100, angle) for angle in angles),
        ticks=tuple(_tick(ring, at(ring, angles[0]), at(ring, angles[1]), font_size, lang) for ring in RINGS),
        labels=tuple(
            AxisLabel(lines, round(cx + x, 1), round(cy + y, 1), anchor, step) for lines, x, y, anchor in raw_labels
        ),
        series=polygons,
        font_size=font_size,
    )


@dataclass(frozen=True, slots=True)
class PyramidBand:
    """One level of the pyramid graphic: its shape, its text lines and its status."""

    rank: int
    status: str
    """``reached``, ``not_yet_counted``, ``below``, ``insufficient`` or ``no_evidence``."""
    colour: str
    points: str
    number_x: float
    number_y: float
    text_x: float
    name_lines: tuple[str, ...]
    name_y: float
    detail_y: float
    score: float | None
    band_name: str | None


@dataclass(frozen=True, slots=True)
class PyramidGeometry:
    """The small pyramid: one band per level, foundation at the bottom."""

    width: float
    height: float
    bands: tuple[PyramidBand, ...]
    font_size: float
    line_step: float


def pyramid(
    levels: Sequence[tuple[int, str, str, float | None, str | None]],
    *,
    base: float = 84.0,
    row: float = 34.0,
    text_width_pt: float = 150.0,
    font_size: float = 7.6,
) -> PyramidGeometry:
    """Lay out the pyramid graphic.

    :param levels: ``(rank, name, status, score, band name)`` per level, in any order.
    :param row: height of one level in points; ``base`` is the width of the foundation.
    """
    ordered = sorted(levels, key=lambda lv: lv[0])
    count = len(ordered)
    height = row * count
    step = font_size * 1.22
    text_x = base + 10
    bands = []
    for index, (rank, name, status, score, band_name) in enumerate(ordered):
        bottom = height - index * row
        top = bottom - row

        def half(y: float) -> float:
            return base / 2 * y / height  # the triangle's half-width at depth y from the apex

        shape = [
            (base / 2 - half(bottom), bottom),
            (base / 2 + half(bottom), bottom),
            (base / 2 + half(top), top),
            (base / 2 - half(top), top),
        ]
        lines = wrap(name, text_width_pt, font_size)[:2]
        block = step * len(lines)  # name lines plus one detail line, centred on the band
        first = top + (row - block - step) / 2 + font_size
        bands.append(
            PyramidBand(
                rank=rank,
                status=status,
                colour=palette.STATUS.get(status, palette.NO_DATA),
                points=_points(shape),
                number_x=base / 2,
                number_y=round(bottom - row * (0.30 if index < count - 1 else 0.18), 1),
                text_x=text_x,
                name_lines=lines,
                name_y=round(first, 1),
                detail_y=round(first + block, 1),
                score=score,
                band_name=band_name,
            )
        )
    return PyramidGeometry(
        width=text_x + text_width_pt + 2,
        height=height + 1,
        bands=tuple(reversed(bands)),
        font_size=font_size,
        line_step=step,
    )
