"""How assessor writes numbers and dates, everywhere: reports, web pages and score explanations.

Pure: standard library and :mod:`assessor.domain` only.
Design rule for reports: percentages are whole numbers everywhere except the methodology
appendix, which shows one decimal so that its arithmetic can be checked by hand;
changes carry a sign and an arrow, so they never rely on colour.

One convention per language (``lang``, default English): English writes ``72 %`` with a
thin space as ISO house style does; Japanese writes ``72%`` with no space and puts
parentheses around Japanese text in full width ``（…）``, around pure ASCII in half
width ``(FCR)`` (docs/ja-style.md §4).  :func:`in_language` binds every writer to one
language for templates (``num.pct(x)``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, tzinfo
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal
from functools import lru_cache, partial
from types import SimpleNamespace

from assessor.domain import COMPARISON_DECIMALS

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MINUS = "−"


def _half_up(value: float, decimals: int) -> Decimal:
    quantum = Decimal(1).scaleb(-decimals)
    return Decimal(repr(float(value))).quantize(quantum, ROUND_HALF_UP)


@lru_cache(maxsize=4096)
def fmt(number: float) -> str:
    """At most two decimals and no trailing zeros, half up: 66.67, 87.5, 100 (score explanations).

    ``repr`` gives the shortest decimal that round-trips, so 65.625 stays 65.625 and
    rounds to 65.63, as people round by hand.
    """
    text = f"{_half_up(number, 2):f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def whole(value: float) -> int:
    """The one rounding rule for every whole number a report or page prints (percentages, gaps, changes).

    Float noise is removed first (6 decimals), then a tie goes *down*, towards zero:
    62.5 -> 62, 37.5 -> 37, 0.5 -> 0, -0.5 -> 0.  The maturity bands have inclusive
    upper bounds at x.5 (62.5 % is Developing), so a printed percentage always lies in
    the band it is shown with (methodology §5, "One rounding rule").
    """
    # Denoised exactly as the band cut-offs are (domain.band_for), so both read the same number.
    denoised = Decimal(repr(round(float(value), COMPARISON_DECIMALS)))
    return int(denoised.quantize(Decimal(1), ROUND_HALF_DOWN))


def shown_gap(target: float | None, score: float | None) -> int | None:
    """The gap to target a reader sees: printed target minus printed score, in whole points.

    Positive means below target.  Deciding "below target", the tick and the roadmap from
    this number keeps them consistent with the two percentages printed beside it.
    """
    if target is None or score is None:
        return None
    return whole(target) - whole(score)


def percent_sign(lang: str = "en") -> str:
    """What follows a number to make it a percentage: `` %`` in English, ``%`` in Japanese."""
    return "%" if lang == "ja" else " %"


def pct(value: float | None, lang: str = "en") -> str:
    """A percentage without false precision: ``72 %`` / ``72%``; ``—`` when there is none."""
    return "—" if value is None else f"{whole(value)}{percent_sign(lang)}"


def pct1(value: float | None, lang: str = "en") -> str:
    """A percentage with one decimal, for the methodology appendix: ``66.7 %`` / ``66.7%``."""
    return "—" if value is None else f"{dec1(value)}{percent_sign(lang)}"


def paren(text: object, lang: str = "en") -> str:
    """An aside after a word: `` (2025)`` in English; ``（2025年11月20日）`` in Japanese, or
    ``(FCR)`` when the aside is pure ASCII (no space before it in Japanese)."""
    inner = str(text)
    if lang != "ja":
        return f" ({inner})"
    return f"({inner})" if inner.isascii() else f"（{inner}）"


def dec1(value: float) -> str:
    """One decimal, half up: ``66.7``, ``75.0``."""
    text = f"{_half_up(value, 1):f}"
    return "0.0" if text == "-0.0" else text


def num(value: float) -> str:
    """A weight or count: ``2`` rather than ``2.0``, one decimal otherwise."""
    return str(int(value)) if float(value).is_integer() else dec1(value)


def points(value: float | None) -> str:
    """A gap in whole percentage points, without a sign: ``12``."""
    return "—" if value is None else str(whole(value))


def signed(value: float | None) -> str:
    """A change in whole percentage points with sign and arrow: ``▲ +12``, ``▼ −5``, ``± 0``."""
    if value is None:
        return "—"
    rounded = whole(value)
    if rounded > 0:
        return f"▲ +{rounded}"
    if rounded < 0:
        return f"▼ {MINUS}{abs(rounded)}"
    return "± 0"


def signed_levels(value: float | None) -> str:
    """A difference in levels with its sign, at most two decimals: ``+1``, ``−0.33``, ``0``."""
    if value is None:
        return "—"
    text = fmt(abs(value))
    if text == "0":
        return "0"
    return f"+{text}" if value > 0 else f"{MINUS}{text}"


_DURATION = {"hours": (" h", "時間"), "minutes": (" min", "分")}


def kpi(value: float | None, unit: str, lang: str = "en") -> str:
    """A KPI value in its unit: ``98 %``, NPS ``+23`` / ``−12`` (points carry a sign), CES ``4.9``,
    ``3.5 h`` / ``3.5時間``, ``42 min`` / ``42分``; ``—`` when there is none."""
    if value is None:
        return "—"
    if unit == "percent":
        return pct(value, lang)
    if unit == "points":
        rounded = whole(value)
        return f"+{rounded}" if rounded > 0 else (f"{MINUS}{abs(rounded)}" if rounded < 0 else "0")
    if unit == "scale":
        return dec1(value)
    if unit in _DURATION:
        en, ja = _DURATION[unit]
        shown = num(float(_half_up(value, 1)))
        return f"{shown}{ja if lang == 'ja' else en}"
    return num(float(_half_up(value, 1)))


def agreement(value: float | None) -> str:
    """r_wg with two decimals (it is not a percentage): ``0.83``."""
    return "—" if value is None else f"{_half_up(value, 2):f}"


def day(value: date | None, lang: str) -> str:
    """A date as people write it: ``22 November 2026`` / ``2026年11月22日``."""
    if value is None:
        return "—"
    if lang == "ja":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def moment(value: datetime, lang: str, zone: tzinfo = UTC) -> str:
    """A point in time in ``zone``, to the minute, with the zone's abbreviation:
    ``22 November 2026 14:05 UTC`` / ``2026年11月22日 23:05 JST``."""
    at = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(zone)  # SQLite gives naive UTC back
    return f"{day(at.date(), lang)} {at:%H:%M} {zone_label(at)}"


def zone_label(at: datetime) -> str:
    """The abbreviation of ``at``'s time zone (``UTC``, ``JST``, ``CET``), or its offset (``+0530``)."""
    name = at.tzname() or ""
    return name if name.isalpha() else at.strftime("UTC%z")


def parse_day(text: str | None) -> date | None:
    """Read an ISO date (``2026-11-22``); ``None`` when absent."""
    return None if not text else date.fromisoformat(text)


LISTED_TERMS = 12
"""Up to this many items or ratings are written out one by one; longer ones show their totals."""


def weighted_mean(
    terms: Sequence[tuple[float, float]],
    score: float | None,
    number: Callable[[float], str] = dec1,
    listed: int | None = LISTED_TERMS,
) -> str:
    """The arithmetic of a roll-up: ``(1 × 75.0 + 2 × 50.0) / (1 + 2) = 66.7``.

    :param terms: ``(weight, percent)`` of every answered item.
    :param number: how percentages and the result are written (:func:`dec1` in reports,
        :func:`fmt` in score explanations).
    :param listed: beyond this many terms only the sums are shown (``None``: never).
    """
    if score is None or not terms:
        return "—"
    if len(terms) == 1:
        ((w, p),) = terms
        return f"{fmt(w)} × {number(p)} / {fmt(w)} = {number(score)}"
    if listed is None or len(terms) <= listed:
        products = " + ".join(f"{fmt(w)} × {number(p)}" for w, p in terms)
        weights = " + ".join(fmt(w) for w, _ in terms)
        return f"({products}) / ({weights}) = {number(score)}"
    total = sum(w * p for w, p in terms)
    weight = sum(w for w, _ in terms)
    return f"Σ(w × p) / Σw = {number(total)} / {fmt(weight)} = {number(score)}"


def coverage_sum(
    answered: float,
    total: float,
    coverage: float,
    number: Callable[[float], str] = dec1,
    *,
    formula: bool = False,
    lang: str = "en",
) -> str:
    """The coverage arithmetic: ``2 / 3 = 66.7 %``, or with ``formula`` in maths notation ``2 / 3 × 100 = 66.67 %``."""
    factor = " × 100" if formula else ""
    return f"{fmt(answered)} / {fmt(total)}{factor} = {number(coverage)}{percent_sign(lang)}"


def ratings(distribution: Sequence[int], minimum: int, lang: str = "en") -> str:
    """The ratings of an item: ``median(3, 4, 4)``, or for many ``median of 30 ratings (0×1, 2×10, …)``."""
    count = sum(distribution)
    median = "中央値" if lang == "ja" else "median"
    if count <= LISTED_TERMS:
        values = [minimum + i for i, c in enumerate(distribution) for _ in range(c)]
        return f"{median}(" + ", ".join(str(v) for v in values) + ")"
    spread = listing([f"{minimum + i}×{c}" for i, c in enumerate(distribution) if c], lang)
    if lang == "ja":
        return f"{median}（{count}件：{spread}）"
    return f"{median} of {count} ratings ({spread})"


def listing(parts: Sequence[str], lang: str = "en") -> str:
    """Names in a row: ``FCR, MTTR`` / ``FCR、MTTR``; ``—`` when there are none."""
    return ("、" if lang == "ja" else ", ").join(parts) or "—"


def not_applicable(count: int, lang: str = "en") -> str:
    """How many answers were N/A, inside an item's arithmetic: ``N/A × 2`` / ``該当なし×2``."""
    return f"該当なし×{count}" if lang == "ja" else f"N/A × {count}"


_BOUND = (pct, pct1, paren, coverage_sum, ratings, day, listing, not_applicable, percent_sign, kpi)
_SAME = (fmt, whole, dec1, num, points, signed, signed_levels, agreement, parse_day, weighted_mean)


def in_language(lang: str) -> SimpleNamespace:
    """Every writer of this module with ``lang`` already chosen, for templates: ``num.pct(0.5)``."""
    bound = {f.__name__: partial(f, lang=lang) for f in _BOUND}
    return SimpleNamespace(lang=lang, **bound, **{f.__name__: f for f in _SAME})
