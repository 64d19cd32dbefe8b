"""Plain report data: what every page of the report shows, resolved for one language (pure).

``build_context`` turns a scoring result, the comparison with a previous
assessment, the recommended actions and some facts about the assessment into
frozen dataclasses of strings and numbers.  Templates only lay them out.
Imports only the standard library, :mod:`assessor.domain`, :mod:`assessor.numbers`,
the scoring core and the other pure report modules (rows, wording, series, radar, logos).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from assessor import numbers
from assessor.domain import Framework, Questionnaire
from assessor.reports.kpirows import KpiSection
from assessor.reports.logos import logo_data_uri
from assessor.reports.planrows import PlanSection
from assessor.reports.radar import PyramidGeometry, RadarGeometry, pyramid, radar
from assessor.reports.rows import (
    NOTES_PER_DIMENSION,
    ActionRow,
    Computation,
    DimensionSection,
    ItemComputation,
    ItemRow,
    KpiRef,
    Note,
    PreviousInfo,
    PyramidRow,
    RowBuilder,
    ScoreRow,
    SegmentRow,
    pyramid_status,
    shorten,
)
from assessor.reports.series import Series, in_segment_order, radar_series
from assessor.reports.trend import Trend, TrendGeometry
from assessor.reports.wording import Verdict, verdict
from assessor.scoring import (
    BUCKETS,
    EVIDENCE_THRESHOLD,
    AssessmentInput,
    Recommendations,
    ScoringResult,
    compare,
    recommend,
)
from assessor.scoring.rounds import RoundShift

__all__ = ["ReportContext", "ReportMeta", "build_context", "logo_data_uri", "verdict"]

TOP = 3
"""Strengths, gaps and actions on the executive brief: three of each fit one page and one glance."""
REPORT_ACTIONS = 6
"""Actions detailed in the PDF table (six fill a page); the roadmap overview lists them all."""
ITEMS_PER_DIMENSION = 5
"""Items furthest below target shown on a dimension page (with the notes, one page per dimension)."""
NOTE_FULL = 10_000
"""Notes in the spreadsheet export keep their text (answers are limited far below this)."""
LOW_AGREEMENT_LISTED = 10
"""Divisive items listed in appendix B (and on the results page)."""


@dataclass(frozen=True, slots=True)
class ReportMeta:
    """Facts about the assessment that the scoring result does not hold."""

    organisation: str
    assessment_title: str
    report_date: date
    consultant: str | None = None
    consultant_logo: bytes | None = None
    client_logo: bytes | None = None
    firm: str | None = None
    """The consulting firm (the workspace's name), shown with the consultant on the cover."""
    previous_title: str | None = None
    previous_same_mode: bool = True
    """False when the assessment compared with was taken in the other mode (workshop or self-audit)."""
    status: str | None = None
    """``final`` or ``draft`` for a stored assessment; None for an assessment file (it has no such state)."""
    finalised_on: date | None = None
    segment_names: Mapping[str, str] = field(default_factory=dict)
    """Segment key -> the assessment's own label for it, in the report's language."""
    paper_count: int = 0
    """Respondents the facilitator entered from paper forms (scored like any other)."""
    imported_count: int = 0
    """Respondents imported from a file (the offline template or a Forms export; scored like any other)."""


@dataclass(frozen=True, slots=True)
class RoundRow:
    """An item a workshop voted on twice (methodology §7b), for the report's appendix."""

    code: str
    question: str
    shown: bool
    """False when a round has fewer answers than the minimum group size: no figures then."""
    revoted: int
    shift: RoundShift


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
    firm: str | None
    questionnaire_title: str
    questionnaire_version: str
    respondent_count: int
    previous: PreviousInfo | None
    verdict: Verdict
    overall: ScoreRow
    pyramid: tuple[PyramidRow, ...]
    pyramid_graphic: PyramidGeometry
    radar: RadarGeometry
    radar_axes: tuple[str, ...]
    radar_series: tuple[Series, ...]
    """The radar's data, for the interactive chart on the report page (same numbers as the SVG)."""
    strengths: tuple[ScoreRow, ...]
    strengths_kind: str
    """``at_target`` (elements at or above target), ``relative`` (none at target: the smallest gaps),
    ``highest`` (no targets set: the highest firm scores) or ``none`` (not enough evidence)."""
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
    """The breakdown by segment (groups at or above the minimum group size; empty when fewer than two)."""
    segment_names: Mapping[str, str]
    """Segment key -> label in the report's language (the assessment's own segments)."""
    min_group_size: int
    low_agreement: tuple[ItemRow, ...]
    low_agreement_total: int
    general_comments: tuple[Note, ...]
    enough_evidence: bool
    """False below the evidence threshold: the report then states no finding (no strengths, gaps or actions)."""
    evidence_threshold: float
    items_answered: int
    items_total: int
    status: str | None = None
    """``final`` (with :attr:`finalised_on`) or ``draft``; None when the source has no such state (a file)."""
    finalised_on: str | None = None
    kpi: KpiSection | None = None
    """KPI values and the watermelon and optimism findings; ``None`` when none were entered."""
    plan: PlanSection | None = None
    """The action-plan page (actions since the last assessment and agreed from this one); ``None``: no page."""
    trend: Trend | None = None
    """Overall and dimension scores over three or more assessments; ``None`` with fewer."""
    trend_chart: TrendGeometry | None = None
    paper_count: int = 0
    """Of :attr:`respondent_count`, how many the facilitator entered from paper forms."""
    imported_count: int = 0
    """Of :attr:`respondent_count`, how many were imported from a file."""
    rounds: tuple[RoundRow, ...] = ()
    """The items voted on twice, in questionnaire order (empty: no second vote)."""
    items: tuple[ItemRow, ...] = ()
    """Every item in questionnaire order (the spreadsheet export; the PDF shows a selection)."""
    all_notes: tuple[Note, ...] = ()
    """Every comment, N/A reason and consensus rationale in full, item notes first, general comments last,
    labelled like the report's notes; the consultant's spreadsheet carries them (a viewer's carries the report's)."""


def _strengths(rows: list[ScoreRow]) -> tuple[str, tuple[ScoreRow, ...]]:
    """Elements at or above target; else the smallest gaps ("relative"); else, with no targets, the highest scores.

    Only firm scores count (coverage at or above the threshold), and "at target" is decided on the printed gap.
    """
    firm = [r for r in rows if r.status == "scored" and r.score is not None]
    met = [r for r in firm if r.gap is not None and r.gap <= 0]
    if met:
        return "at_target", tuple(sorted(met, key=lambda r: (-(r.score or 0.0), r.id))[:TOP])
    with_target = [r for r in firm if r.gap is not None]
    if with_target:
        return "relative", tuple(sorted(with_target, key=lambda r: (r.gap or 0.0, -(r.score or 0.0), r.id))[:TOP])
    if any(r.target is not None for r in rows):
        return "relative", ()
    return "highest", tuple(sorted(firm, key=lambda r: (-(r.score or 0.0), r.id))[:TOP])


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
    kpi: KpiSection | None = None,
) -> ReportContext:
    """Assemble the report's data in ``lang`` (``en`` or ``ja``).

    :param answers: the scored input, for comments and N/A reasons (optional).
    :param previous: an earlier result of the same organisation; compared item by item by code,
        unless it lacks the evidence for a report of its own.
    :param plan: the recommended actions; computed with :func:`assessor.scoring.recommend` if omitted.
    :param kpi: the KPI values and findings (:func:`assessor.reports.kpirows.kpi_section`), if any.
    """
    if previous is not None and not previous.enough_evidence:
        previous = None  # changes against a barely answered assessment would mean nothing (methodology §4a)
    comparison = None if previous is None else compare(previous, result)
    plan = recommend(framework, result) if plan is None else plan
    b = RowBuilder(framework, questionnaire, result, lang, comparison)
    elements = [result.rollup("element", e.id) for e in framework.elements]
    element_rows = {r.id: b.row(r, f"{r.id} {r.name.get(lang)}") for r in elements}
    enough = result.enough_evidence
    strengths_kind, strengths = _strengths(list(element_rows.values())) if enough else ("none", ())
    gaps = sorted(
        (row for row in element_rows.values() if enough and row.gap is not None and row.gap > 0),
        key=lambda row: (-(row.gap or 0.0), row.id),
    )[:TOP]
    actions = b.action_rows(plan) if enough else ()
    kpis: dict[str, KpiRef] = {}
    for action in actions[:REPORT_ACTIONS]:
        for ref in action.kpis:
            kpis.setdefault(ref.id, ref)

    pyramid_rows = tuple(
        PyramidRow(
            rank=level.rank,
            id=level.level_id,
            name=level.name.get(lang),
            score=level.score,
            band=None if level.band is None else level.band.name.get(lang),
            coverage=result.rollup("pyramid_level", level.level_id).coverage,
            status=pyramid_status(level.counted, level.meets_threshold, level.status),
            delta=None if comparison is None else b.row(result.rollup("pyramid_level", level.level_id)).delta,
        )
        for level in result.pyramid.levels
    )
    series = radar_series(framework, result, comparison)

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
            same_mode=meta.previous_same_mode,
        )
    general_all: tuple[Note, ...] = ()
    if answers is not None:
        general_all = tuple(
            Note("", "comment", b.label(r.segment), r.comment or "")
            for r in answers.respondents
            if (r.comment or "").strip()
        )
    general = tuple(replace(n, text=shorten(n.text)) for n in general_all[:NOTES_PER_DIMENSION])
    codes = [i.code for i in questionnaire.items]
    return ReportContext(
        lang=lang,
        organisation=meta.organisation,
        assessment_title=meta.assessment_title,
        assessed_on=numbers.day(numbers.parse_day(result.assessed_on), lang),
        report_date=numbers.day(meta.report_date, lang),
        consultant=meta.consultant,
        consultant_logo=None if meta.consultant_logo is None else logo_data_uri(meta.consultant_logo),
        client_logo=None if meta.client_logo is None else logo_data_uri(meta.client_logo),
        firm=meta.firm,
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
        radar=radar(
            [row.name for row in element_rows.values()],
            [(s.key, s.values) for s in series],
            label_width=128.0,
            radius=100.0,
            lang=lang,
        ),
        radar_axes=tuple(row.name for row in element_rows.values()),
        radar_series=series,
        strengths=strengths,
        strengths_kind=strengths_kind,
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
        at_target=tuple(element_rows[e].name for e in plan.at_target) if enough else (),
        no_evidence=tuple(element_rows[e].name for e in plan.no_evidence),
        no_action=tuple(element_rows[e].name for e in plan.no_action) if enough else (),
        computations=tuple(b.computation(r) for r in result.rollups if r.total_weight > 0),
        item_computations=tuple(b.item_computation(i) for i in result.items),
        segments=tuple(
            SegmentRow(
                s.segment, s.respondent_count, s.rollup("overall", "overall").score, s.pyramid.achieved_rank, s.combined
            )
            for s in in_segment_order(result.segments, tuple(meta.segment_names))
        )
        if len(result.segments) > 1
        else (),
        segment_names=dict(meta.segment_names),
        min_group_size=result.min_group_size,
        low_agreement=tuple(b.item_row(result.item(c)) for c in result.low_agreement[:LOW_AGREEMENT_LISTED]),
        low_agreement_total=len(result.low_agreement),
        general_comments=general,
        enough_evidence=enough,
        evidence_threshold=EVIDENCE_THRESHOLD,
        items_answered=sum(1 for i in result.items if i.status == "answered"),
        items_total=len(result.items),
        status=meta.status,
        finalised_on=None if meta.finalised_on is None else numbers.day(meta.finalised_on, lang),
        kpi=kpi,
        paper_count=meta.paper_count,
        items=tuple(b.item_row(result.item(c)) for c in codes),
        all_notes=b.notes(codes, answers, limit=None, chars=NOTE_FULL) + general_all,
        imported_count=meta.imported_count,
    )
