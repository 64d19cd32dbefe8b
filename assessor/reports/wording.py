"""The words of the report that come from numbers: the pyramid verdict (pure).

The verdict is short on purpose: at most two lines in the executive brief, in either
language (:data:`VERDICT_CHARS`).  It names the level reached and the one level to work
on next; levels that already meet the threshold above a weak one get a separate,
smaller note instead of a longer verdict.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessor import numbers
from assessor.domain import Framework, Text
from assessor.scoring import EVIDENCE_THRESHOLD, ScoringResult

VERDICT_CHARS = {"en": 64, "ja": 42}
"""Longest verdict that fits two lines of the brief's verdict column, measured with WeasyPrint (tests)."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """The verdict sentence, an optional note on levels not yet counted, and the numbers behind them."""

    sentence: str
    achieved_rank: int
    level_count: int
    note: str | None = None
    enough_evidence: bool = True


# --------------------------------------------------------------------------- verdict wording

_ALL = Text("Level {n} of {total}: every level is in place.", "ピラミッドの全{total}レベルに到達しています。")
_NEXT = Text("Level {n} of {total}. Next: {name}.", "レベル{n}に到達（全{total}段階）。次の課題は{name}です。")
_NEXT_UNSHOWN = Text(
    "Level {n} of {total}. Level {next} lacks evidence.",
    "レベル{n}に到達（全{total}段階）。レベル{next}は根拠が不足しています。",
)
_FIRST = Text("No level reached yet. First: {name}.", "まだどのレベルにも到達していません。最初の課題は{name}です。")
_FIRST_UNSHOWN = Text(
    "No level reached yet: level 1 lacks evidence.",
    "まだどのレベルにも到達していません。レベル1は根拠が不足しています。",
)
_NO_EVIDENCE = Text(
    "Not enough evidence yet: {answered} answered, {needed} needed.",
    "判定に必要な根拠がまだありません。回答は設問の{answered}で、{needed}以上が必要です。",
)
_LATER_ONE = Text(
    "Level {levels} already meets the threshold; it counts once level {blocking} does.",
    "レベル{levels}は基準を満たしていますが、レベル{blocking}が基準に達するまで判定には含めません。",
)
_LATER_MANY = Text(
    "Levels {levels} already meet the threshold; they count once level {blocking} does.",
    "レベル{levels}は基準を満たしていますが、レベル{blocking}が基準に達するまで判定には含めません。",
)


def _mid_sentence(name: str, lang: str) -> str:
    """Lower-case an English name inside a sentence (``Core service`` -> ``core service``), keep acronyms."""
    if lang == "ja" or len(name) < 2 or not name[1].islower():
        return name
    return name[0].lower() + name[1:]


def _percent(value: float, lang: str) -> str:
    """``50 %`` in English, ``50%`` in Japanese (no space, docs/ja-style.md)."""
    return f"{numbers.whole(value)}%" if lang == "ja" else numbers.pct(value)


def _ranks(ranks: list[int], lang: str) -> str:
    """``3`` / ``3 and 4`` / ``2, 3 and 4``; ``3及び4`` in Japanese."""
    words = [str(r) for r in ranks]
    if len(words) == 1:
        return words[0]
    joiner, last = ("、", "及び") if lang == "ja" else (", ", " and ")
    return joiner.join(words[:-1]) + last + words[-1]


def verdict(framework: Framework, result: ScoringResult, lang: str) -> Verdict:
    """Compose the verdict from the pyramid result, in ``lang`` (at most two lines of the brief)."""
    pyr = result.pyramid
    total = len(framework.pyramid_levels)
    if not result.enough_evidence:
        sentence = _NO_EVIDENCE.get(lang).format(
            answered=_percent(result.overall.coverage, lang), needed=_percent(EVIDENCE_THRESHOLD, lang)
        )
        return Verdict(sentence, 0, total, None, enough_evidence=False)

    def name(level_id: str) -> str:
        return _mid_sentence(framework.pyramid_level(level_id).name.get(lang), lang)

    if pyr.blocking_level_id is None:
        return Verdict(_ALL.get(lang).format(n=pyr.achieved_rank, total=total), pyr.achieved_rank, total)
    blocking = next(lv for lv in pyr.levels if lv.level_id == pyr.blocking_level_id)
    unshown = blocking.status != "scored"
    first, then = (_FIRST_UNSHOWN, _NEXT_UNSHOWN) if unshown else (_FIRST, _NEXT)
    wording = first if pyr.achieved_rank == 0 else then
    sentence = wording.get(lang).format(
        n=pyr.achieved_rank, total=total, next=blocking.rank, name=name(blocking.level_id)
    )
    note = None
    if pyr.not_yet_counted:
        ranks = [framework.pyramid_level(level_id).rank for level_id in pyr.not_yet_counted]
        later = _LATER_ONE if len(ranks) == 1 else _LATER_MANY
        note = later.get(lang).format(levels=_ranks(ranks, lang), blocking=blocking.rank)
    return Verdict(sentence, pyr.achieved_rank, total, note)
