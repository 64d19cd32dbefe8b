"""The words of the report that come from numbers: the one-sentence pyramid verdict (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from assessor.domain import Framework, Text
from assessor.scoring import ScoringResult


@dataclass(frozen=True, slots=True)
class Verdict:
    """The one-sentence verdict and the numbers behind it."""

    sentence: str
    achieved_rank: int
    level_count: int


# --------------------------------------------------------------------------- verdict wording

_LEVEL_OF = Text("Level {n} of {total}", "レベル{n}（全{total}段階）")
_NONE = Text("Not yet at level 1 of {total}", "まだレベル1に達していません（全{total}段階）")
_SOLID = Text("{name} is solid", "{name}は定着しています")
_NOT_YET = Text("{name} is not yet systematic", "{name}はまだ仕組みになっていません")
_NOT_SHOWN = Text("{name} is not yet evidenced", "{name}はまだ根拠が十分ではありません")
_ALL = Text("every level of the pyramid is in place", "ピラミッドのすべてのレベルが定着しています")
_COUNTED_LATER = Text(
    "strong results in {names} count only once the level below holds",
    "{names}の高い評価は、下のレベルが固まるまで数えません",
)


def _mid_sentence(name: str, lang: str) -> str:
    """Lower-case an English name inside a sentence (``Core service`` -> ``core service``), keep acronyms."""
    if lang == "ja" or len(name) < 2 or not name[1].islower():
        return name
    return name[0].lower() + name[1:]


def verdict(framework: Framework, result: ScoringResult, lang: str) -> Verdict:
    """Compose the one-sentence verdict from the pyramid result, in ``lang``."""
    pyr = result.pyramid
    total = len(framework.pyramid_levels)

    def name(level_id: str) -> str:
        return _mid_sentence(framework.pyramid_level(level_id).name.get(lang), lang)

    if pyr.achieved_rank == 0:
        head = _NONE.get(lang).format(total=total)
    else:
        head = _LEVEL_OF.get(lang).format(n=pyr.achieved_rank, total=total)
    parts = []
    if pyr.achieved_level_id is not None and pyr.blocking_level_id is not None:
        parts.append(_SOLID.get(lang).format(name=name(pyr.achieved_level_id)))
    if pyr.blocking_level_id is not None:
        blocking = next(lv for lv in pyr.levels if lv.level_id == pyr.blocking_level_id)
        wording = _NOT_SHOWN if blocking.status != "scored" else _NOT_YET
        parts.append(wording.get(lang).format(name=name(pyr.blocking_level_id)))
    else:
        parts.append(_ALL.get(lang))
    if pyr.not_yet_counted:
        joiner = "、" if lang == "ja" else ", "
        names = joiner.join(name(level_id) for level_id in pyr.not_yet_counted)
        parts.append(_COUNTED_LATER.get(lang).format(names=names))
    body = "。".join(parts) + "。" if lang == "ja" else "; ".join(parts) + "."
    return Verdict(f"{head} — {body}", pyr.achieved_rank, total)
