"""Plain report data: what every page of the report shows, resolved for one language (pure).

``build_context`` turns a scoring result, the comparison with a previous
assessment, the recommended actions and some facts about the assessment into
frozen dataclasses of strings and numbers.  Templates only lay them out.
Imports only the standard library, :mod:`assessor.domain`, the scoring core and
the other pure report modules (:mod:`.radar`, :mod:`.numbers`).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from assessor import numbers
from assessor.domain import Framework, Questionnaire, Text
from assessor.reports.radar import PyramidGeometry, RadarGeometry, pyramid, radar
from assessor.scoring import (
    BUCKETS,
    AssessmentInput,
    Comparison,
    Gap,
    ItemScore,
    Recommendations,
    RollUp,
    ScoringResult,
    compare,
    recommend,
)

TOP = 3
"""Strengths, gaps and actions on the executive brief: three of each fit one page and one glance."""
REPORT_ACTIONS = 6
"""Actions detailed in the PDF table (six fill a page); the roadmap overview lists them all."""
ITEMS_PER_DIMENSION = 5
"""Items furthest below target shown on a dimension page (with the notes, one page per dimension)."""
NOTES_PER_DIMENSION = 4
"""Comments, N/A reasons and consensus evidence shown on a dimension page."""
NOTE_CHARS = 220
"""Longer comments are shortened (with an ellipsis) so a page holds several voices."""
LOW_AGREEMENT_LISTED = 10


@dataclass(frozen=True, slots=True)
class ReportMeta:
    """Facts about the assessment that the scoring result does not hold."""

    organisation: str
    assessment_title: str
    report_date: date
    consultant: str | None = None
    consultant_logo: bytes | None = None
    client_logo: bytes | None = None
    previous_title: str | None = None


@dataclass(frozen=True, slots=True)
class ScoreRow:
    """One roll-up as a table row, with its target and its change since the previous assessment."""

    kind: str
    id: str
    name: str
    score: float | None
    band: str | None
    status: str
    coverage: float
    r_wg: float | None
    items: int
    target: float | None = None
    gap: float | None = None
    previous: float | None = None
    delta: float | None = None


@dataclass(frozen=True, slots=True)
class KpiRef:
    """A KPI named by an action, with its formula."""

    id: str
    name: str
    formula: str


@dataclass(frozen=True, slots=True)
class ActionRow:
    """A recommended action, in the report's language."""

    rank: int
    id: str
    title: str
    why: str
    what: str
    verify: str
    element_id: str
    element_name: str
    level_rank: int
    level_name: str
    effort: int
    impact: int
    kpis: tuple[KpiRef, ...]
    bucket: str
    pulled_in: bool
    required_by: tuple[str, ...]
    needs: tuple[int, ...]
    """Ranks of the unmet prerequisites (``#2``), which always come earlier in the plan."""
    gap: float
    priority: float
    weak_foundation: bool


@dataclass(frozen=True, slots=True)
class ItemRow:
    """An item as a table row."""

    code: str
    question: str
    element_id: str
    percent: float | None
    target: float | None
    gap: float | None
    respondents: int
    r_wg: float | None
    low_agreement: bool
    distribution: tuple[int, ...]
    consensus: int | None


@dataclass(frozen=True, slots=True)
class Note:
    """A voice from the answers: a comment, an N/A reason or a consensus rationale (never a name)."""

    code: str
    kind: str
    """``comment``, ``not_applicable`` or ``consensus``."""
    segment: str | None
    text: str


@dataclass(frozen=True, slots=True)
class DimensionSection:
    """One page of the report: a dimension, its elements, the items to discuss and the voices."""

    id: str
    name: str
    description: str
    row: ScoreRow
    elements: tuple[ScoreRow, ...]
    items: tuple[ItemRow, ...]
    notes: tuple[Note, ...]


@dataclass(frozen=True, slots=True)
class PyramidRow:
    """One pyramid level with its verdict status."""

    rank: int
    id: str
    name: str
    score: float | None
    band: str | None
    coverage: float
    status: str
    """``reached``, ``not_yet_counted``, ``below``, ``insufficient`` or ``no_evidence``."""
    delta: float | None


@dataclass(frozen=True, slots=True)
class Verdict:
    """The one-sentence verdict and the numbers behind it."""

    sentence: str
    achieved_rank: int
    level_count: int


@dataclass(frozen=True, slots=True)
class Computation:
    """How one roll-up's number came about (one decimal)."""

    kind: str
    id: str
    name: str
    score: float | None
    calculation: str
    coverage: str
    left_out: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ItemComputation:
    """How one item's value came about (one decimal)."""

    code: str
    calculation: str
    percent: float | None
    weight: float
    respondents: int
    r_wg: float | None


@dataclass(frozen=True, slots=True)
class SegmentRow:
    """Respondents of one segment (counts only, no names) and the segment's own overall score."""

    segment: str | None
    respondents: int
    score: float | None
    pyramid_rank: int


@dataclass(frozen=True, slots=True)
class PreviousInfo:
    """The assessment the report compares with."""

    title: str | None
    assessed_on: str
    questionnaire: str
    same_questionnaire: bool
    pyramid_rank: int
    overall: float | None


@dataclass(frozen=True, slots=True)
class ReportContext:
    """Everything the report shows, as plain data in one language."""

    lang: str
    organisation: str
    assessment_title: str
    assessed_on: str
    report_date: str
    consultant: str | None
    consultant_logo: str | None
    client_logo: str | None
    questionnaire_title: str
    questionnaire_version: str
    respondent_count: int
    previous: PreviousInfo | None
    verdict: Verdict
    overall: ScoreRow
    pyramid: tuple[PyramidRow, ...]
    pyramid_graphic: PyramidGeometry
    radar: RadarGeometry
    strengths: tuple[ScoreRow, ...]
    gaps: tuple[ScoreRow, ...]
    top_actions: tuple[ActionRow, ...]
    dimensions: tuple[DimensionSection, ...]
    principles: tuple[ScoreRow, ...]
    design_principles: tuple[ScoreRow, ...]
    design_activities: tuple[ScoreRow, ...]
    actions: tuple[ActionRow, ...]
    """Every recommended action, in rank order."""
    detailed_actions: tuple[ActionRow, ...]
    roadmap: tuple[tuple[str, tuple[ActionRow, ...]], ...]
    kpis: tuple[KpiRef, ...]
    at_target: tuple[str, ...]
    no_evidence: tuple[str, ...]
    no_action: tuple[str, ...]
    computations: tuple[Computation, ...]
    item_computations: tuple[ItemComputation, ...]
    segments: tuple[SegmentRow, ...]
    low_agreement: tuple[ItemRow, ...]
    low_agreement_total: int
    general_comments: tuple[Note, ...]


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


# --------------------------------------------------------------------------- helpers


def logo_data_uri(data: bytes) -> str:
    """Return a ``data:`` URI for a PNG, JPEG or SVG logo.

    :raise ValueError: for any other content (the report embeds nothing it cannot identify).
    """
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        mime = "image/png"
    elif data.startswith(b"\xff\xd8\xff"):
        mime = "image/jpeg"
    elif head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head):
        mime = "image/svg+xml"
    else:
        raise ValueError("a logo must be a PNG, JPEG or SVG image")
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


def _shorten(text: str, limit: int = NOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _Builder:
    """Holds the inputs while the context is assembled."""

    def __init__(
        self,
        framework: Framework,
        questionnaire: Questionnaire,
        result: ScoringResult,
        lang: str,
        comparison: Comparison | None,
    ) -> None:
        self.fw = framework
        self.q = questionnaire
        self.result = result
        self.lang = lang
        self.gaps: dict[tuple[str, str], Gap] = {(g.kind, g.id): g for g in result.gaps}
        self.deltas = {} if comparison is None else {(d.kind, d.id): d for d in comparison.rollups}
        self.item_deltas = {} if comparison is None else {d.code: d for d in comparison.items}
        self.items_per: dict[tuple[str, str], int] = {}
        for item in questionnaire.items:
            keys = [("element", item.element_id), ("pyramid_level", item.pyramid_level_id), ("overall", "overall")]
            keys.append(("dimension", framework.element(item.element_id).dimension_id))
            keys += [("principle", p) for p in item.principle_ids]
            keys += [("design_principle", p) for p in item.design_principle_ids]
            keys += [("design_activity", a) for a in item.design_activity_ids]
            for key in keys:
                self.items_per[key] = self.items_per.get(key, 0) + 1

    def row(self, rollup: RollUp, name: str | None = None) -> ScoreRow:
        gap = self.gaps.get((rollup.kind, rollup.id))
        delta = self.deltas.get((rollup.kind, rollup.id))
        return ScoreRow(
            kind=rollup.kind,
            id=rollup.id,
            name=rollup.name.get(self.lang) if name is None else name,
            score=rollup.score,
            band=None if rollup.band is None else rollup.band.name.get(self.lang),
            status=rollup.status,
            coverage=rollup.coverage,
            r_wg=rollup.agreement.r_wg,
            items=self.items_per.get((rollup.kind, rollup.id), 0),
            target=None if gap is None else gap.target,
            gap=None if gap is None else gap.gap,
            previous=None if delta is None else delta.previous,
            delta=None if delta is None else delta.delta,
        )

    def rows(self, kind: str) -> tuple[ScoreRow, ...]:
        return tuple(self.row(r) for r in self.result.rollups if r.kind == kind and r.total_weight > 0)

    def item_row(self, item: ItemScore) -> ItemRow:
        target = self.gaps.get(("dimension", item.dimension_id))
        goal = None if target is None else target.target
        return ItemRow(
            code=item.code,
            question=self.q.item(item.code).question.get(self.lang),
            element_id=item.element_id,
            percent=item.percent,
            target=goal,
            gap=None if goal is None or item.percent is None else goal - item.percent,
            respondents=item.agreement.respondents,
            r_wg=item.agreement.r_wg,
            low_agreement=item.agreement.low,
            distribution=item.distribution,
            consensus=None if item.consensus is None else item.consensus.level,
        )

    def action_rows(self, plan: Recommendations) -> tuple[ActionRow, ...]:
        rank_of = {rec.action_id: rec.rank for rec in plan.actions}
        rows = []
        for rec in plan.actions:
            action = self.fw.action(rec.action_id)
            level = self.fw.pyramid_level(action.pyramid_level_id)
            rows.append(
                ActionRow(
                    rank=rec.rank,
                    id=action.id,
                    title=action.title.get(self.lang),
                    why=action.why.get(self.lang),
                    what=action.what.get(self.lang),
                    verify=action.verify.get(self.lang),
                    element_id=action.element_id,
                    element_name=self.fw.element(action.element_id).name.get(self.lang),
                    level_rank=level.rank,
                    level_name=level.name.get(self.lang),
                    effort=action.effort,
                    impact=action.impact,
                    kpis=tuple(self.kpi(k) for k in action.kpi_ids),
                    bucket=rec.bucket,
                    pulled_in=rec.pulled_in,
                    required_by=rec.required_by,
                    needs=tuple(rank_of[p] for p in rec.unmet_prerequisites),
                    gap=rec.gap,
                    priority=rec.priority,
                    weak_foundation=rec.weak_foundation,
                )
            )
        return tuple(rows)

    def kpi(self, kpi_id: str) -> KpiRef:
        kpi = self.fw.kpi(kpi_id)
        return KpiRef(kpi.id, kpi.name.get(self.lang), kpi.formula.get(self.lang))

    def notes(self, codes: Sequence[str], answers: AssessmentInput | None) -> tuple[Note, ...]:
        """Voices on these items: most divisive and furthest below target first, at most a page's worth."""
        order = {code: index for index, code in enumerate(codes)}
        found: list[Note] = []
        segment_of = {} if answers is None else {r.respondent_id: r.segment for r in answers.respondents}
        for code in codes:
            item = self.result.item(code)
            if item.consensus is not None and item.consensus.rationale.strip():
                found.append(Note(code, "consensus", None, _shorten(item.consensus.rationale)))
        if answers is not None:
            for respondent in answers.respondents:
                for code, text in respondent.item_comments.items():
                    if code in order and text.strip():
                        found.append(Note(code, "comment", respondent.segment, _shorten(text)))
        for code in codes:
            for na in self.result.item(code).not_applicable:
                if na.reason.strip():
                    found.append(Note(code, "not_applicable", segment_of.get(na.respondent_id), _shorten(na.reason)))
        kinds = {"consensus": 0, "comment": 1, "not_applicable": 2}
        unique: dict[tuple[str, str, str], Note] = {}
        for note in sorted(found, key=lambda n: (kinds[n.kind], order[n.code])):
            unique.setdefault((note.code, note.kind, note.text), note)
        return tuple(unique.values())[:NOTES_PER_DIMENSION]

    def item_computation(self, item: ItemScore) -> ItemComputation:
        na = f"; N/A × {len(item.not_applicable)}" if item.not_applicable else ""
        seen = numbers.ratings(item.distribution, self.result.scale_min, self.lang) if sum(item.distribution) else ""
        median = "" if item.median is None else f" = {numbers.dec1(item.median)}"
        if item.value is None:
            calculation = f"N/A{na.removeprefix('; N/A')} → —" if item.not_applicable else "—"
        else:
            percent = numbers.pct1(item.percent)
            if item.consensus is not None:
                word = "合意" if self.lang == "ja" else "consensus"
                team = f" ({seen}{median})" if seen else ""
                calculation = f"{word} = {item.consensus.level}{team}{na} → {percent}"
            else:
                calculation = f"{seen}{median}{na} → {percent}"
        return ItemComputation(
            code=item.code,
            calculation=calculation,
            percent=item.percent,
            weight=item.weight,
            respondents=item.agreement.respondents,
            r_wg=item.agreement.r_wg,
        )

    def computation(self, rollup: RollUp) -> Computation:
        used = rollup.explanation.used
        return Computation(
            kind=rollup.kind,
            id=rollup.id,
            name=rollup.name.get(self.lang),
            score=rollup.score,
            calculation=numbers.weighted_mean([(c.weight, c.percent) for c in used], rollup.score),
            coverage=numbers.coverage_sum(rollup.answered_weight, rollup.total_weight, rollup.coverage),
            left_out=tuple(o.code for o in rollup.explanation.left_out),
        )


def _pyramid_status(level_counted: bool, met: bool, status: str) -> str:
    if level_counted:
        return "reached"
    if status == "no_evidence":
        return "no_evidence"
    if status == "insufficient_evidence":
        return "insufficient"
    return "not_yet_counted" if met else "below"


def build_context(
    framework: Framework,
    questionnaire: Questionnaire,
    result: ScoringResult,
    meta: ReportMeta,
    *,
    lang: str,
    answers: AssessmentInput | None = None,
    previous: ScoringResult | None = None,
    plan: Recommendations | None = None,
) -> ReportContext:
    """Assemble the report's data in ``lang`` (``en`` or ``ja``).

    :param answers: the scored input, for comments and N/A reasons (optional).
    :param previous: an earlier result of the same organisation; compared item by item by code.
    :param plan: the recommended actions; computed with :func:`assessor.scoring.recommend` if omitted.
    """
    comparison = None if previous is None else compare(previous, result)
    plan = recommend(framework, result) if plan is None else plan
    b = _Builder(framework, questionnaire, result, lang, comparison)
    elements = [result.rollup("element", e.id) for e in framework.elements]
    element_rows = {r.id: b.row(r, f"{r.id} {r.name.get(lang)}") for r in elements}
    strengths = sorted(
        (row for row in element_rows.values() if row.status == "scored" and row.score is not None),
        key=lambda row: (-(row.score or 0.0), row.id),
    )[:TOP]
    gaps = sorted(
        (row for row in element_rows.values() if row.gap is not None and numbers.whole(row.gap) > 0),
        key=lambda row: (-(row.gap or 0.0), row.id),
    )[:TOP]
    actions = b.action_rows(plan)
    kpis: dict[str, KpiRef] = {}
    for action in actions[:REPORT_ACTIONS]:
        for kpi in action.kpis:
            kpis.setdefault(kpi.id, kpi)

    pyramid_rows = tuple(
        PyramidRow(
            rank=level.rank,
            id=level.level_id,
            name=level.name.get(lang),
            score=level.score,
            band=None if level.band is None else level.band.name.get(lang),
            coverage=result.rollup("pyramid_level", level.level_id).coverage,
            status=_pyramid_status(level.counted, level.meets_threshold, level.status),
            delta=None if comparison is None else b.row(result.rollup("pyramid_level", level.level_id)).delta,
        )
        for level in result.pyramid.levels
    )
    radar_series: list[tuple[str, list[float | None]]] = [
        ("current", [r.score if r.status != "no_evidence" else None for r in elements])
    ]
    targets = [element_rows[r.id].target for r in elements]
    if any(t is not None for t in targets):
        radar_series.append(("target", targets))
    if comparison is not None:
        radar_series.append(("previous", [element_rows[r.id].previous for r in elements]))

    dimensions = []
    for dimension in framework.dimensions:
        codes = [i.code for i in questionnaire.items if i.element_id in dimension.element_ids]
        below = [p for p in result.priorities if p.dimension_id == dimension.id]
        shown = [result.item(p.code) for p in below[:ITEMS_PER_DIMENSION]]
        divisive = [c for c in result.low_agreement if c in codes]
        ranked = list(dict.fromkeys(divisive + [p.code for p in below] + codes))
        dimensions.append(
            DimensionSection(
                id=dimension.id,
                name=dimension.name.get(lang),
                description=dimension.description.get(lang),
                row=b.row(result.rollup("dimension", dimension.id)),
                elements=tuple(element_rows[e] for e in dimension.element_ids),
                items=tuple(b.item_row(i) for i in shown),
                notes=b.notes(ranked, answers),
            )
        )

    previous_info = None
    if previous is not None and comparison is not None:
        try:
            earlier = framework.questionnaire(previous.questionnaire_id, previous.questionnaire_version).title.get(lang)
        except KeyError:
            earlier = previous.questionnaire_id
        previous_info = PreviousInfo(
            title=meta.previous_title,
            assessed_on=numbers.day(numbers.parse_day(previous.assessed_on), lang),
            questionnaire=f"{earlier} v{previous.questionnaire_version}",
            same_questionnaire=comparison.same_questionnaire,
            pyramid_rank=previous.pyramid.achieved_rank,
            overall=previous.overall.score,
        )
    general: tuple[Note, ...] = ()
    if answers is not None:
        general = tuple(
            Note("", "comment", r.segment, _shorten(r.comment or ""))
            for r in answers.respondents
            if (r.comment or "").strip()
        )[:NOTES_PER_DIMENSION]
    return ReportContext(
        lang=lang,
        organisation=meta.organisation,
        assessment_title=meta.assessment_title,
        assessed_on=numbers.day(numbers.parse_day(result.assessed_on), lang),
        report_date=numbers.day(meta.report_date, lang),
        consultant=meta.consultant,
        consultant_logo=None if meta.consultant_logo is None else logo_data_uri(meta.consultant_logo),
        client_logo=None if meta.client_logo is None else logo_data_uri(meta.client_logo),
        questionnaire_title=questionnaire.title.get(lang),
        questionnaire_version=questionnaire.version,
        respondent_count=result.respondent_count,
        previous=previous_info,
        verdict=verdict(framework, result, lang),
        overall=b.row(result.overall),
        pyramid=pyramid_rows,
        pyramid_graphic=pyramid(
            [(r.rank, r.name, r.status, r.score, r.band) for r in pyramid_rows], row=30.0, text_width_pt=160.0
        ),
        radar=radar([row.name for row in element_rows.values()], radar_series, label_width=128.0, radius=100.0),
        strengths=tuple(strengths),
        gaps=tuple(gaps),
        top_actions=actions[:TOP],
        dimensions=tuple(dimensions),
        principles=b.rows("principle"),
        design_principles=b.rows("design_principle"),
        design_activities=b.rows("design_activity"),
        actions=actions,
        detailed_actions=actions[:REPORT_ACTIONS],
        roadmap=tuple((bucket, tuple(a for a in actions if a.bucket == bucket)) for bucket in BUCKETS),
        kpis=tuple(kpis.values()),
        at_target=tuple(element_rows[e].name for e in plan.at_target),
        no_evidence=tuple(element_rows[e].name for e in plan.no_evidence),
        no_action=tuple(element_rows[e].name for e in plan.no_action),
        computations=tuple(b.computation(r) for r in result.rollups if r.total_weight > 0),
        item_computations=tuple(b.item_computation(i) for i in result.items),
        segments=tuple(
            SegmentRow(s.segment, s.respondent_count, s.rollup("overall", "overall").score, s.pyramid.achieved_rank)
            for s in result.segments
        ),
        low_agreement=tuple(b.item_row(result.item(c)) for c in result.low_agreement[:LOW_AGREEMENT_LISTED]),
        low_agreement_total=len(result.low_agreement),
        general_comments=general,
    )
