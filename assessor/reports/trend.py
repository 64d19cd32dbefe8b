"""The trend across an organisation's assessments: overall and per dimension, and its SVG geometry.

Pure: scoring results in, rows and coordinates out (``templates/reports/_trend.html``
draws them, on the results page and in the PDF).  Only assessments with enough
evidence count as points (methodology §4a); with fewer than :data:`MIN_POINTS`
there is no trend, and callers show nothing rather than an empty chart.
Dimensions belong to the framework, so every questionnaire scores them; when the
points used different questionnaires the trend says so once (``same_questionnaire``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assessor.domain import Framework
from assessor.reports import palette
from assessor.scoring import ScoringResult

MIN_POINTS = 3
"""A trend needs three assessments; two are a comparison, shown as such."""
DASHES = ("", "5 2", "2 2", "6 2 2 2", "1 2")
MARKERS = ("circle", "square", "diamond", "triangle", "circle")


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One assessment: its label on the time axis (e.g. ``2025``) and its scoring result."""

    label: str
    result: ScoringResult


@dataclass(frozen=True, slots=True)
class TrendRow:
    key: str
    """``overall`` or a dimension id."""
    values: tuple[float | None, ...]
    """Score (0-100) at each point, ``None`` where that roll-up had no score."""

    @property
    def change(self) -> float | None:
        """Last minus first score, when both exist."""
        first, last = self.values[0], self.values[-1]
        return None if first is None or last is None else last - first


@dataclass(frozen=True, slots=True)
class Trend:
    labels: tuple[str, ...]
    questionnaires: tuple[str, ...]
    rows: tuple[TrendRow, ...]
    """Overall first, then the dimensions in framework order."""

    @property
    def same_questionnaire(self) -> bool:
        return len(set(self.questionnaires)) == 1


def _score(result: ScoringResult, kind: str, key: str) -> float | None:
    rollup = next((r for r in result.rollups if r.kind == kind and r.id == key), None)
    return None if rollup is None or rollup.status != "scored" else rollup.score


def trend(framework: Framework, points: Sequence[TrendPoint]) -> Trend | None:
    """Overall and per-dimension scores over ``points`` (oldest first); ``None`` below three points with evidence."""
    kept = [p for p in points if p.result.enough_evidence]
    if len(kept) < MIN_POINTS:
        return None
    rows = [TrendRow("overall", tuple(_score(p.result, "overall", "overall") for p in kept))]
    rows += [TrendRow(d.id, tuple(_score(p.result, "dimension", d.id) for p in kept)) for d in framework.dimensions]
    return Trend(
        labels=tuple(p.label for p in kept),
        questionnaires=tuple(p.result.questionnaire_id for p in kept),
        rows=tuple(rows),
    )


@dataclass(frozen=True, slots=True)
class Line:
    key: str
    colour: str
    dash: str
    marker: str
    width: float
    points: tuple[tuple[float, float], ...]
    """Coordinates of the scored points (gaps skipped)."""
    segments: tuple[tuple[tuple[float, float], ...], ...]
    """Runs of consecutive scored points, drawn as polylines (a missing score breaks the line)."""
    end: tuple[float, float] | None
    """Where the line's key is written, right of its last point."""


@dataclass(frozen=True, slots=True)
class TrendGeometry:
    width: float
    height: float
    left: float
    top: float
    plot_width: float
    plot_height: float
    x_ticks: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, str], ...]
    lines: tuple[Line, ...]


def _y(value: float, top: float, plot_height: float) -> float:
    return round(top + plot_height * (1 - value / 100), 1)


def _spread(ends: list[tuple[float, str]], gap: float) -> dict[str, float]:
    """Label heights at least ``gap`` apart, in the order of the line ends (top first)."""
    placed: dict[str, float] = {}
    last = None
    for y, key in sorted(ends):
        y = y if last is None else max(y, last + gap)
        placed[key] = round(y, 1)
        last = y
    return placed


def trend_chart(t: Trend, width: float = 420, height: float = 180, percent_sign: str = " %") -> TrendGeometry:
    """The line chart of ``t``: scores 0-100 upwards, one column per assessment, the key at each line's end."""
    left, top, right, bottom = 30.0, 8.0, 60.0, 18.0
    plot_width, plot_height = width - left - right, height - top - bottom
    step = plot_width / (len(t.labels) - 1)
    xs = [round(left + step * n, 1) for n in range(len(t.labels))]
    lines = []
    for n, row in enumerate(t.rows):
        scored = [(xs[i], _y(v, top, plot_height)) for i, v in enumerate(row.values) if v is not None]
        runs: list[list[tuple[float, float]]] = [[]]
        for i, v in enumerate(row.values):
            if v is None:
                runs.append([])
            else:
                runs[-1].append((xs[i], _y(v, top, plot_height)))
        overall = row.key == "overall"
        last = next(
            ((xs[i], _y(v, top, plot_height)) for i, v in reversed(list(enumerate(row.values))) if v is not None), None
        )
        lines.append(
            Line(
                key=row.key,
                colour="#222222" if overall else palette.SEGMENTS[(n - 1) % len(palette.SEGMENTS)],
                dash=DASHES[n % len(DASHES)],
                marker=MARKERS[n % len(MARKERS)],
                width=2.2 if overall else 1.3,
                points=tuple(scored),
                segments=tuple(tuple(r) for r in runs if len(r) > 1),
                end=last,
            )
        )
    labels = _spread([(ln.end[1], ln.key) for ln in lines if ln.end is not None], 9.0)
    lines = [
        Line(
            ln.key,
            ln.colour,
            ln.dash,
            ln.marker,
            ln.width,
            ln.points,
            ln.segments,
            None if ln.end is None else (ln.end[0] + 8, labels[ln.key]),
        )
        for ln in lines
    ]
    return TrendGeometry(
        width=width,
        height=height,
        left=left,
        top=top,
        plot_width=plot_width,
        plot_height=plot_height,
        x_ticks=tuple(zip(xs, t.labels, strict=True)),
        y_ticks=tuple((_y(v, top, plot_height), f"{v}{percent_sign}") for v in (0, 25, 50, 75, 100)),
        lines=tuple(lines),
    )
