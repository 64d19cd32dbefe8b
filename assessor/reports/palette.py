"""The report's colours, shared by the web charts (Plotly) and the PDF charts (SVG).

Okabe-Ito palette (Okabe & Ito 2008): distinguishable with every common form of
colour-vision deficiency.  Colour never carries meaning alone: series also differ
by line style, statuses by symbol and name.
"""

from __future__ import annotations

CURRENT = "#0072B2"  # blue
TARGET = "#D55E00"  # vermillion
PREVIOUS = "#6E6E6E"  # grey (the palette's black, lightened, for a background series)
SEGMENTS = ("#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
REACHED = "#009E73"  # bluish green
NOT_YET = "#E69F00"  # orange
BELOW = "#D55E00"  # vermillion
NO_DATA = "#BBBBBB"  # light grey
GRID = "#C8C8C8"

STATUS = {
    "reached": REACHED,
    "not_yet_counted": NOT_YET,
    "below": BELOW,
    "insufficient": NO_DATA,
    "no_evidence": NO_DATA,
}
"""Colour of each pyramid-level status."""


def series_colour(key: str, index: int = 0) -> str:
    """The colour of a chart series: ``current``, ``target``, ``previous`` or the ``index``-th segment."""
    fixed = {"current": CURRENT, "target": TARGET, "previous": PREVIOUS}
    return fixed.get(key, SEGMENTS[index % len(SEGMENTS)])
