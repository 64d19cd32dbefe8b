"""Maturity bands: the named ranges that a 0-100 % roll-up score falls into."""

from __future__ import annotations

from dataclasses import dataclass

from assessor.domain import Text
from assessor.scoring.rules import COMPARISON_DECIMALS


@dataclass(frozen=True, slots=True)
class Band:
    """A named score range: ``lower`` exclusive (except rank 0), ``upper`` inclusive."""

    id: str
    rank: int
    name: Text
    lower: float
    upper: float


BANDS: tuple[Band, ...] = (
    Band("not_in_place", 0, Text("Not in place", "未実施"), 0.0, 12.5),
    Band("initial", 1, Text("Initial", "初期"), 12.5, 37.5),
    Band("developing", 2, Text("Developing", "発展途上"), 37.5, 62.5),
    Band("established", 3, Text("Established", "定着"), 62.5, 87.5),
    Band("leading", 4, Text("Leading", "先進"), 87.5, 100.0),
)
"""Five bands, one per point of the 0-4 maturity scale.

Source: names from ``standards/maturity_scale.yaml``; cut-offs are our rule
(methodology §5).  Scale point k is worth k x 25 %, and each cut-off lies halfway
between two points, so a roll-up whose items all sit at level k lands in band k.
Upper bounds are inclusive, as in ISO/IEC 33020's N/P/L/F ratings (N 0-<=15 %,
P >15-<=50 %, ...): a score exactly halfway between two points gets the lower
band, because self-assessments tend to rate themselves generously.
"""


def band_for(score: float) -> Band:
    """Return the band that ``score`` (0-100 %) falls into.

    :raise ValueError: if ``score`` lies outside 0-100 %.
    """
    rounded = round(score, COMPARISON_DECIMALS)
    if not 0.0 <= rounded <= 100.0:
        raise ValueError(f"score {score} is outside 0-100 %")
    for band in BANDS:
        if rounded <= band.upper:
            return band
    raise AssertionError("unreachable: the last band ends at 100 %")  # pragma: no cover


def band_by_id(band_id: str) -> Band:
    """Return the band with ``band_id``; raise ``KeyError`` if there is none."""
    for band in BANDS:
        if band.id == band_id:
            return band
    raise KeyError(band_id)
