"""The rows of the report: plain, frozen values that templates lay out, and the builder that makes them (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assessor import numbers
from assessor.domain import Framework, Questionnaire
from assessor.scoring import AssessmentInput, Comparison, Gap, ItemScore, Recommendations, RollUp, ScoringResult

NOTES_PER_DIMENSION = 4
"""Comments, N/A reasons and consensus evidence shown on a dimension page."""
NOTE_CHARS = 220
"""Longer comments are shortened (with an ellipsis) so a page holds several voices."""


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
    """As printed: whole target minus whole score (:func:`assessor.numbers.shown_gap`); positive = below target."""
    previous: float | None = None
    delta: float | None = None
    respondents: int = 0
    """Respondents who rated at least one of its items (coverage by people, beside coverage by items)."""
    respondent_total: int = 0


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
    distribution: tuple[int, ...] | None
    """Ratings per level; ``None`` when the item has fewer ratings than the minimum group size."""
    consensus: int | None
    value: float | None = None
    """On the scale (0-4; may end in .5), as scored."""
    not_applicable: int = 0
    """Respondents who answered N/A (a count, shown for every item)."""


@dataclass(frozen=True, slots=True)
class Note:
    """A voice from the answers: a comment, an N/A reason or a consensus rationale (never a name)."""

    code: str
    kind: str
    """``comment``, ``not_applicable`` or ``consensus``."""
    segment: str | None
    """Only a segment shown on its own in the breakdown (at or above the minimum group size)."""
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
    combined: bool = False
    """Several segments below the minimum group size, shown together."""


@dataclass(frozen=True, slots=True)
class PreviousInfo:
    """The assessment the report compares with."""

    title: str | None
    assessed_on: str
    questionnaire: str
    same_questionnaire: bool
    pyramid_rank: int
    overall: float | None
    same_mode: bool = True
    """False when one is a workshop and the other a self-audit (the report says so)."""


def shorten(text: str, limit: int = NOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class RowBuilder:
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
            gap=None if gap is None or gap.points is None else float(gap.points),
            previous=None if delta is None else delta.previous,
            delta=None if delta is None else delta.delta,
            respondents=rollup.respondents,
            respondent_total=rollup.respondent_total,
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
            gap=None if (points := numbers.shown_gap(goal, item.percent)) is None else float(points),
            respondents=item.agreement.respondents,
            r_wg=item.agreement.r_wg,
            low_agreement=item.agreement.low,
            distribution=item.distribution if self.result.shows_distribution(item) else None,
            consensus=None if item.consensus is None else item.consensus.level,
            value=item.value,
            not_applicable=len(item.not_applicable),
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

    def notes(
        self,
        codes: Sequence[str],
        answers: AssessmentInput | None,
        limit: int | None = NOTES_PER_DIMENSION,
        chars: int = NOTE_CHARS,
    ) -> tuple[Note, ...]:
        """Voices on these items: most divisive and furthest below target first, at most a page's worth.

        :param limit: at most this many notes (``None``: all, for the spreadsheet export).
        :param chars: longer texts are shortened to this many characters.
        """
        order = {code: index for index, code in enumerate(codes)}
        found: list[Note] = []
        segment_of = {} if answers is None else {r.respondent_id: self.label(r.segment) for r in answers.respondents}
        for code in codes:
            item = self.result.item(code)
            if item.consensus is not None and item.consensus.rationale.strip():
                found.append(Note(code, "consensus", None, shorten(item.consensus.rationale, chars)))
        if answers is not None:
            for respondent in answers.respondents:
                for code, text in respondent.item_comments.items():
                    if code in order and text.strip():
                        found.append(Note(code, "comment", self.label(respondent.segment), shorten(text, chars)))
        for code in codes:
            for na in self.result.item(code).not_applicable:
                if na.reason.strip():
                    found.append(
                        Note(code, "not_applicable", segment_of.get(na.respondent_id), shorten(na.reason, chars))
                    )
        kinds = {"consensus": 0, "comment": 1, "not_applicable": 2}
        unique: dict[tuple[str, str, str], Note] = {}
        for note in sorted(found, key=lambda n: (kinds[n.kind], order[n.code])):
            unique.setdefault((note.code, note.kind, note.text), note)
        notes = tuple(unique.values())
        return notes if limit is None else notes[:limit]

    def label(self, segment: str | None) -> str | None:
        """The segment a note may name: only one shown on its own in the breakdown."""
        return segment if segment in self.result.labelled_segments else None

    def item_computation(self, item: ItemScore) -> ItemComputation:
        na_count = numbers.not_applicable(len(item.not_applicable), self.lang) if item.not_applicable else ""
        na = f"{'、' if self.lang == 'ja' else '; '}{na_count}" if na_count else ""
        shown = sum(item.distribution) and self.result.shows_distribution(item)
        seen = numbers.ratings(item.distribution, self.result.scale_min, self.lang) if shown else ""
        median = "" if item.median is None else f" = {numbers.dec1(item.median)}"
        if median and not seen:  # fewer ratings than the minimum group size: the median only
            median = ("中央値" if self.lang == "ja" else "median") + median
        if item.value is None:
            calculation = f"{na_count} → —" if na_count else "—"
        else:
            percent = numbers.pct1(item.percent, self.lang)
            if item.consensus is not None:
                word = "合意" if self.lang == "ja" else "consensus"
                team = numbers.paren(f"{seen}{median}", self.lang) if seen else ""
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
            coverage=numbers.coverage_sum(rollup.answered_weight, rollup.total_weight, rollup.coverage, lang=self.lang),
            left_out=tuple(o.code for o in rollup.explanation.left_out),
        )


def pyramid_status(level_counted: bool, met: bool, status: str) -> str:
    if level_counted:
        return "reached"
    if status == "no_evidence":
        return "no_evidence"
    if status == "insufficient_evidence":
        return "insufficient"
    return "not_yet_counted" if met else "below"
