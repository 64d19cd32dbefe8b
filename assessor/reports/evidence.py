"""The one-sentence evidence of a watermelon or optimism finding, in English and Japanese (pure).

"SLA 98 % (target 95 %) and FCR 75 % (target 70 %) on target, but NPS −12 (target +20) and
falling."  Every number comes from the finding, written by :func:`assessor.numbers.kpi`;
short KPI labels are the catalogue ids (acronyms read the same in both languages).
"""

from __future__ import annotations

from collections.abc import Sequence

from assessor import numbers
from assessor.domain import Framework, Text, band_by_id
from assessor.scoring.kpis import KpiValue
from assessor.scoring.rules import PYRAMID_THRESHOLD_BAND
from assessor.scoring.watermelon import Claim, Finding

TITLES = {
    "watermelon": Text("Watermelon effect: operations green, customers not", "スイカ現象：運用は緑、顧客の評価は赤"),
    "optimism": Text("Self-rating above what customers report", "顧客の評価を上回る自己評価"),
}
"""The heading of each kind of finding."""


def value_text(value: KpiValue, lang: str) -> str:
    """``NPS −12`` / ``SLA 98 %``: the KPI's id and its value in its unit."""
    return f"{value.kpi.id} {numbers.kpi(value.value, value.kpi.unit, lang)}"


def _target(value: KpiValue, lang: str) -> str:
    shown = numbers.kpi(value.target, value.kpi.unit, lang)
    return f"目標{shown}" if lang == "ja" else f"target {shown}"


def _join(parts: Sequence[str], lang: str) -> str:
    if lang == "ja":
        return "、".join(parts)
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _green(value: KpiValue, lang: str) -> str:
    return value_text(value, lang) + numbers.paren(_target(value, lang), lang)


def _red(value: KpiValue, lang: str) -> str:
    """``NPS −12 (target +20, down from −5)`` / ``NPSは−12（目標+20、前回−5から低下）``."""
    shown = numbers.kpi(value.value, value.kpi.unit, lang)
    aside = [_target(value, lang)] if value.target is not None else []
    if value.worsened:
        before = numbers.kpi(value.previous, value.kpi.unit, lang)
        aside.append(f"前回{before}から低下" if lang == "ja" else f"down from {before}")
    if lang == "ja":
        return f"{value.kpi.id}は{shown}" + (numbers.paren("、".join(aside), lang) if aside else "")
    return f"{value.kpi.id} {shown}" + (numbers.paren(", ".join(aside), lang) if aside else "")


MAX_CLAIMS = 3
"""Claims named in one sentence, highest score first; the rest are counted."""


def _claim(claim: Claim, framework: Framework, lang: str) -> str:
    """``E6 Designing … (70 %)`` / ``E6（卓越した顧客体験の設計と改良）が70%``."""
    if claim.kind == "element":
        code, name = claim.id, framework.element(claim.id).name.get(lang)
    else:
        number = claim.id.removeprefix("L")
        code = f"レベル{number}" if lang == "ja" else f"level {number}"
        name = framework.pyramid_level(claim.id).name.get(lang)
    if lang == "ja":
        return f"{code}（{name}）が{numbers.pct(claim.score, lang)}"
    return f"{code} {name} ({numbers.pct(claim.score, lang)})"


def _claims(claims: Sequence[Claim], framework: Framework, lang: str) -> str:
    ranked = sorted(claims, key=lambda c: -c.score)
    parts = [_claim(c, framework, lang) for c in ranked[:MAX_CLAIMS]]
    rest = len(ranked) - MAX_CLAIMS
    if rest > 0:
        parts.append(f"ほか{rest}件" if lang == "ja" else f"{rest} more")
    return _join(parts, lang)


def sentence(finding: Finding, framework: Framework, lang: str) -> str:
    """The finding's evidence in one sentence, in ``lang``."""
    reds = _join([_red(v, lang) for v in finding.red], lang)
    if finding.kind == "watermelon":
        greens = _join([_green(v, lang) for v in finding.green], lang)
        if lang == "ja":
            return f"{greens}は目標を達成していますが、{reds}です。"
        return f"{greens} on target, but {reds}."
    band = band_by_id(PYRAMID_THRESHOLD_BAND).name.get(lang)
    claims = _claims(finding.claims, framework, lang)
    if lang == "ja":
        return f"自己評価では{claims}で「{band}」以上ですが、{reds}で目標に届いていません。"
    verb = "is" if len(finding.claims) == 1 else "are"
    miss = "misses its target" if len(finding.red) == 1 else "miss their targets"
    return f"{claims} {verb} self-rated {band} or above, but {reds} {miss}."
