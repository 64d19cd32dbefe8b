"""The radar's series, built in one place for the results page, the report page and the PDF (pure).

Axes are the nine elements in framework order; values are percentages (``None``
where an element has no evidence, never 0).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assessor.domain import Framework
from assessor.scoring import Comparison, ScoringResult, SegmentResult

MIN_SEGMENTS_SHOWN = 2
"""Segment polygons appear only when at least this many groups are shown: one would repeat "current"."""
COMBINED = "*combined*"
"""The ``segment`` of the series of several segments below the minimum group size, shown together."""


@dataclass(frozen=True, slots=True)
class Series:
    """One polygon of the radar."""

    key: str
    """``current``, ``target``, ``previous`` or ``segment``."""
    values: tuple[float | None, ...]
    segment: str | None = None
    """For segment series: the segment, ``""`` for respondents who gave none, or :data:`COMBINED`."""
    respondents: int = 0
    """For segment series: how many respondents the polygon stands for."""


def in_segment_order(groups: Iterable[SegmentResult], order: Sequence[str]) -> tuple[SegmentResult, ...]:
    """The groups of a breakdown in the assessment's order of its segments (``order``: their keys);
    keys it does not list follow alphabetically, then the respondents who gave none, then the
    smaller groups combined. Only the order changes: which groups are shown is the engine's decision."""
    rank = {key: index for index, key in enumerate(order)}
    return tuple(
        sorted(
            groups,
            key=lambda g: (g.combined, g.segment is None, rank.get(g.segment or "", len(rank)), g.segment or ""),
        )
    )


def element_axes(framework: Framework, lang: str) -> tuple[str, ...]:
    """Axis labels: ``E1 Service excellence vision, …``."""
    return tuple(f"{e.id} {e.name.get(lang)}" for e in framework.elements)


def radar_series(
    framework: Framework,
    result: ScoringResult,
    comparison: Comparison | None = None,
    *,
    segments: bool = False,
    segment_order: Sequence[str] = (),
) -> tuple[Series, ...]:
    """Current (and target when set, previous when compared, segments when asked, in ``segment_order``
    as :func:`in_segment_order` puts them) per element."""
    elements = [result.rollup("element", e.id) for e in framework.elements]
    targets = {g.id: g.target for g in result.gaps if g.kind == "element"}
    series = [Series("current", tuple(r.score if r.status != "no_evidence" else None for r in elements))]
    if targets:
        series.append(Series("target", tuple(targets.get(r.id) for r in elements)))
    if comparison is not None:
        before = {d.id: d.previous for d in comparison.rollups if d.kind == "element"}
        series.append(Series("previous", tuple(before.get(r.id) for r in elements)))
    # result.segments holds only the groups the minimum group size lets a breakdown show.
    if segments and len(result.segments) >= MIN_SEGMENTS_SHOWN:
        for group in in_segment_order(result.segments, segment_order):
            rollups = [group.rollup("element", r.id) for r in elements]
            values = tuple(r.score if r.status != "no_evidence" else None for r in rollups)
            key = COMBINED if group.combined else (group.segment or "")
            series.append(Series("segment", values, key, group.respondent_count))
    return tuple(series)
