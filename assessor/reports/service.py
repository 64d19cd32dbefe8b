"""Reports from a stored assessment or an assessment file: scoring, context, HTML and PDF.

This is the I/O end of the report pipeline (database through the assessments service,
assessment files, templates, WeasyPrint); the pure middle is :mod:`assessor.reports.context`
and :mod:`assessor.reports.radar`.  Shared by the web views, the ``assessor report``
command and the benchmark.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from flask import render_template
from flask_babel import force_locale

from assessor import numbers
from assessor.assessments import (
    DEFAULT_TARGET,
    assessment_file,
    assessment_title,
    default_segment_names,
    deployment_min_group_size,
    imported_respondents,
    paper_forms,
    score_assessment,
    score_history,
    score_previous,
    segment_names,
)
from assessor.assessments.actions import agreed_from, since_last
from assessor.assessments.custom_kpis import framework_for
from assessor.assessments.kpis import kpi_findings, kpi_values, readings_of
from assessor.assessments.rounds import item_rounds
from assessor.domain import Framework
from assessor.files import aggregate_document, document_bytes, score_files
from assessor.files.actions import EARLIER
from assessor.models import Action, Assessment
from assessor.office.docx import render_docx
from assessor.office.pptx import render_pptx
from assessor.reports import typeset
from assessor.reports.context import ReportContext, ReportMeta, RoundRow, build_context
from assessor.reports.kpirows import KpiSection
from assessor.reports.kpirows import kpi_section as build_section
from assessor.reports.pdf import ReportURLFetcher, render_pdf
from assessor.reports.planrows import PlanRow, plan_row, plan_section
from assessor.reports.rows import shorten
from assessor.reports.trend import Trend, TrendPoint, trend, trend_chart
from assessor.scoring import ScoringResult
from assessor.scoring.actions import since_group
from assessor.scoring.kpis import KpiValue
from assessor.scoring.moves import Moves, moves_between
from assessor.standards import get_framework

TEMPLATE = "reports/pdf/report.html"
FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
"""The report's file formats and their media types: the PDF, the editable Word report, the closing deck."""


@dataclass(frozen=True, slots=True)
class Branding:
    """Who prepared the report, and optional logos (PNG, JPEG or SVG bytes).

    Build it from the database with :func:`assessor.reports.branding.branding_for`.

    ``firm`` is the consulting firm (the workspace) whose logo is ``consultant_logo``;
    ``client_logo`` is the assessed organisation's.
    """

    consultant: str | None = None
    consultant_logo: bytes | None = None
    client_logo: bytes | None = None
    firm: str | None = None


def kpi_section(
    assessment: Assessment, framework: Framework, result: ScoringResult | None, lang: str
) -> KpiSection | None:
    """The assessment's KPI section for its pages and report in ``lang``; ``None`` without KPI values.

    The optimism check compares KPIs with the self-assessment's scores only when the
    assessment has enough evidence for a report (methodology §4a).
    """
    framework = framework_for(assessment.organisation_id, framework)
    return _kpi_section_of(tuple(kpi_values(readings_of(assessment), framework)), framework, result, lang)


def context_for_assessment(
    assessment: Assessment,
    lang: str,
    branding: Branding = Branding(),
    report_date: date | None = None,
) -> ReportContext:
    """Score a stored assessment and its predecessor, and build the report context in ``lang``.

    :raise QuestionnaireNotInstalledError: if the assessment's questionnaire version is not installed.
    """
    framework = get_framework()
    scored = score_assessment(assessment)
    earlier = score_previous(assessment)
    meta = ReportMeta(
        organisation=assessment.organisation.name,
        assessment_title=assessment_title(assessment, lang),
        report_date=report_date or date.today(),
        consultant=branding.consultant,
        consultant_logo=branding.consultant_logo,
        client_logo=branding.client_logo,
        firm=branding.firm,
        previous_title=None if earlier is None else assessment_title(earlier[0], lang),
        previous_same_mode=earlier is None or earlier[0].answered_by_many == assessment.answered_by_many,
        status="final" if assessment.is_final else "draft",
        finalised_on=None if assessment.finalised_at is None else assessment.finalised_at.date(),
        segment_names=segment_names(assessment, lang),
        paper_count=paper_forms(assessment.id),
        imported_count=imported_respondents(assessment.id),
    )
    ctx = build_context(
        framework,
        scored.questionnaire,
        scored.result,
        meta,
        lang=lang,
        answers=scored.answers,
        previous=None if earlier is None else earlier[1].result,
        kpi=kpi_section(assessment, framework, scored.result, lang),
    )
    deltas = {row.id: row.delta for d in ctx.dimensions for row in d.elements}
    since = tuple(_plan_row(group, action, lang, deltas) for group, action in since_last(assessment))
    agreed = tuple(_plan_row(group, action, lang, deltas) for group, action in agreed_from(assessment))
    rounds = tuple(
        RoundRow(
            r.code,
            scored.questionnaire.item(r.code).question.get(lang),
            r.shows(ctx.min_group_size),
            r.revoted,
            r.shift,
        )
        for r in item_rounds(assessment.id, scored.result)
    )
    ctx = replace(ctx, plan=plan_section(since, agreed), rounds=rounds)
    series = trend_of(assessment, lang)
    if series is None:
        return ctx
    return replace(ctx, trend=series, trend_chart=trend_chart(series, percent_sign=numbers.percent_sign(lang)))


def _plan_row(group: str, action: Action, lang: str, deltas: dict[str, float | None]) -> PlanRow:
    return plan_row(
        action.title_in(lang), group, action.element_ids.split(), action.owner, action.due, action.progress, deltas
    )


def moves_since_baseline(assessment: Assessment, result: ScoringResult) -> tuple[Assessment, Moves] | None:
    """The comparison baseline (as the report chooses it) and what moved since, item by item."""
    earlier = score_previous(assessment)
    if earlier is None:
        return None
    same_mode = earlier[0].answered_by_many == assessment.answered_by_many  # a survey compares with a workshop
    return earlier[0], moves_between(earlier[1].result, result, same_mode=same_mode)


def trend_of(assessment: Assessment, lang: str) -> Trend | None:
    """The trend up to this assessment, labelled by year (by date when a year has two); ``None`` below three points."""
    history = score_history(assessment)
    years = [a.assessed_on.year for a, _ in history]

    def label(day: date) -> str:
        if years.count(day.year) > 1:
            return numbers.day(day, lang)
        return f"{day.year}年" if lang == "ja" else str(day.year)

    return trend(get_framework(), [TrendPoint(label(a.assessed_on), s.result) for a, s in history])


def context_for_document(
    document: object,
    lang: str,
    previous: object | None = None,
    branding: Branding = Branding(),
    report_date: date | None = None,
) -> ReportContext:
    """Build the report context from a parsed assessment file (and optionally an earlier one).

    Dimensions without a target get the default, as in the app (:data:`DEFAULT_TARGET`).

    :raise AssessmentFileError: if a file is invalid or the two name different organisations.
    """
    framework = get_framework()
    scored = score_files(
        framework, document, previous, default_target=DEFAULT_TARGET, min_group_size=deployment_min_group_size()
    )
    current = scored.current
    assessed = numbers.parse_day(current.answers.assessed_on)
    title = current.questionnaire.title.get(lang)
    if assessed is not None:
        title = f"{assessed.year}年 {title}" if lang == "ja" else f"{title} {assessed.year}"
    meta = ReportMeta(
        organisation=current.answers.organisation or "—",
        assessment_title=title,
        report_date=report_date or date.today(),
        consultant=branding.consultant,
        consultant_logo=branding.consultant_logo,
        client_logo=branding.client_logo,
        firm=branding.firm,
        segment_names=_file_segment_names(document, lang),
        paper_count=sum(1 for respondent in current.answers.respondents if respondent.on_paper),
        imported_count=sum(1 for respondent in current.answers.respondents if respondent.imported),
    )
    ctx = build_context(
        framework,
        current.questionnaire,
        current.result,
        meta,
        lang=lang,
        answers=current.answers,
        previous=None if scored.previous is None else scored.previous.result,
        kpi=_kpi_section_of(scored.kpis, framework, current.result, lang),
    )
    deltas = {row.id: row.delta for d in ctx.dimensions for row in d.elements}
    rows = [
        (
            a.agreed == EARLIER,
            plan_row(
                a.title_in(lang),
                since_group(a.state, meta.report_date),
                a.element_ids,
                a.owner,
                a.due,
                a.progress,
                deltas,
            ),
        )
        for a in scored.actions
    ]
    since = tuple(row for earlier, row in rows if earlier)
    agreed = tuple(row for earlier, row in rows if not earlier)
    return replace(ctx, plan=plan_section(since, agreed))


def _kpi_section_of(
    values: tuple[KpiValue, ...], framework: Framework, result: ScoringResult | None, lang: str
) -> KpiSection | None:
    """The KPI section of stored values or a file's ``"kpis"``; ``None`` without values."""
    if not values:
        return None
    firm = result if result is not None and result.enough_evidence else None
    return build_section(values, kpi_findings(list(values), firm), framework, lang, firm is not None)


def _file_segment_names(document: object, lang: str) -> dict[str, str]:
    """The segment labels a file carries (``segment_labels``, as ``assessor export`` writes them) in
    ``lang``, else the default segments' names; the reader has checked the file against the schema."""
    labels = document.get("segment_labels") if isinstance(document, dict) else None
    if not isinstance(labels, dict):
        return default_segment_names(lang)
    return {
        str(key): str((value.get("ja") or "").strip() or value["en"]) if lang == "ja" else str(value["en"])
        for key, value in labels.items()
    }


def render_report_html(ctx: ReportContext) -> str:
    """The print HTML of the report, with the UI labels in the report's language (Japanese line breaks fixed)."""
    with force_locale(ctx.lang):
        html = render_template(TEMPLATE, ctx=ctx, num=numbers.in_language(ctx.lang), ts=typeset)
    return typeset.japanese(html) if ctx.lang == "ja" else html


def render_report_pdf(
    ctx: ReportContext, fetcher: ReportURLFetcher | None = None, attachment: dict[str, Any] | None = None
) -> bytes:
    """The report as PDF bytes, carrying ``attachment`` (an assessment file) when given (methodology §12)."""
    data = None if attachment is None else document_bytes(attachment)
    return render_pdf(render_report_html(ctx), fetcher=fetcher, attachment=data)


def attached_file(assessment: Assessment, ctx: ReportContext, *, full: bool) -> dict[str, Any]:
    """The assessment file a report PDF carries: in full for an editor, else the reader's copy (methodology §12).

    The reader's copy (:func:`assessor.files.aggregate_document`) links no answers to a person, combines
    the groups ``ctx``'s breakdown combines, and carries the notes ``ctx`` quotes, as it quotes them.
    """
    document = assessment_file(assessment)
    if full:
        return document
    shown = {(n.code, n.kind, n.text) for d in ctx.dimensions for n in d.notes}
    shown |= {(n.code, n.kind, n.text) for n in ctx.general_comments}

    def note_text(code: str, kind: str, text: str) -> str | None:
        quoted = shorten(text)
        return quoted if (code, kind, quoted) in shown else None

    return aggregate_document(document, ctx.min_group_size, note_text)


def render_report(ctx: ReportContext, fmt: str, attachment: dict[str, Any] | None = None) -> bytes:
    """The report in ``fmt`` (a key of :data:`FORMATS`), all three from the same context.

    The consulting firm (``ctx.firm``) is named on the Word cover and the title slide; a PDF
    carries ``attachment`` (its assessment file, methodology §12).
    """
    if fmt == "docx":
        return render_docx(ctx, ctx.firm)
    if fmt == "pptx":
        return render_pptx(ctx, ctx.firm)
    return render_report_pdf(ctx, attachment=attachment)


def report_filename(ctx: ReportContext, extension: str = "pdf") -> str:
    """A file name people recognise: ``harbourview-hotels-full-assessment-2026-en.pdf``.

    Letters of any script are kept (the web response adds an ASCII fallback); anything
    that could mean something to a file system or a shell becomes a hyphen.
    """
    raw = unicodedata.normalize("NFKC", f"{ctx.organisation} {ctx.assessment_title}").lower()
    slug = re.sub(r"[^\w]+|_", "-", raw).strip("-")[:80].strip("-")
    return f"{slug or 'assessment-report'}-{ctx.lang}.{extension}"
