"""Reports from a stored assessment or an assessment file: scoring, context, HTML and PDF.

This is the I/O end of the report pipeline (database, templates, WeasyPrint);
the pure middle is :mod:`assessor.reports.context` and :mod:`assessor.reports.radar`.
Shared by the web views, the ``assessor report`` command and the benchmark.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import render_template
from flask_babel import force_locale

from assessor import numbers
from assessor.domain import Framework
from assessor.extensions import db
from assessor.models import Answer, Assessment, Respondent
from assessor.reports.context import ReportContext, ReportMeta, build_context
from assessor.reports.inputs import DEFAULT_TARGET, assessment_input
from assessor.reports.pdf import ReportURLFetcher, render_pdf
from assessor.scoring import AssessmentFileError, AssessmentInput, Problem, ScoringResult, parse_assessment, score

TEMPLATE = "reports/pdf/report.html"


@dataclass(frozen=True, slots=True)
class Branding:
    """Who prepared the report, and optional logos (PNG, JPEG or SVG bytes)."""

    consultant: str | None = None
    consultant_logo: bytes | None = None
    client_logo: bytes | None = None


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The latest earlier assessment (by ``assessed_on``) of the same organisation that has answers."""
    has_answers = (
        sa.select(Answer.id)
        .join(Respondent, Answer.respondent_id == Respondent.id)
        .where(Respondent.assessment_id == Assessment.id)
        .exists()
    )
    query = (
        sa.select(Assessment)
        .where(
            Assessment.organisation_id == assessment.organisation_id,
            Assessment.assessed_on < assessment.assessed_on,
            has_answers,
        )
        .order_by(Assessment.assessed_on.desc(), Assessment.id.desc())
        .limit(1)
    )
    found: Assessment | None = db.session.scalar(query)
    return found


def _score_stored(framework: Framework, assessment: Assessment) -> tuple[AssessmentInput, ScoringResult] | None:
    try:
        questionnaire = framework.questionnaire(assessment.questionnaire_id, assessment.questionnaire_version)
    except KeyError:
        return None
    answers = assessment_input(framework, assessment)
    return answers, score(framework, questionnaire, answers)


def context_for_assessment(
    framework: Framework,
    assessment: Assessment,
    lang: str,
    branding: Branding = Branding(),
    report_date: date | None = None,
) -> ReportContext:
    """Score a stored assessment and its predecessor, and build the report context in ``lang``.

    :raise KeyError: if the assessment's questionnaire version is not installed.
    """
    questionnaire = framework.questionnaire(assessment.questionnaire_id, assessment.questionnaire_version)
    answers = assessment_input(framework, assessment)
    result = score(framework, questionnaire, answers)
    earlier = previous_assessment(assessment)
    scored_earlier = None if earlier is None else _score_stored(framework, earlier)
    meta = ReportMeta(
        organisation=assessment.organisation.name,
        assessment_title=assessment.title,
        report_date=report_date or date.today(),
        consultant=branding.consultant,
        consultant_logo=branding.consultant_logo,
        client_logo=branding.client_logo,
        previous_title=None if earlier is None or scored_earlier is None else earlier.title,
    )
    return build_context(
        framework,
        questionnaire,
        result,
        meta,
        lang=lang,
        answers=answers,
        previous=None if scored_earlier is None else scored_earlier[1],
    )


def _with_default_targets(framework: Framework, answers: AssessmentInput) -> AssessmentInput:
    """Dimensions without a target get the default, as in the app (see :data:`DEFAULT_TARGET`)."""
    targets = {d.id: DEFAULT_TARGET for d in framework.dimensions} | dict(answers.targets)
    return dataclasses.replace(answers, targets=targets)


def context_for_document(
    framework: Framework,
    document: object,
    lang: str,
    previous: object | None = None,
    branding: Branding = Branding(),
    report_date: date | None = None,
) -> ReportContext:
    """Build the report context from a parsed assessment file (and optionally an earlier one).

    :raise AssessmentFileError: if a file is invalid or the two name different organisations.
    """
    answers = _with_default_targets(framework, parse_assessment(framework, document))
    questionnaire = framework.questionnaire(answers.questionnaire_id, answers.questionnaire_version)
    result = score(framework, questionnaire, answers)
    earlier: ScoringResult | None = None
    if previous is not None:
        try:
            before = _with_default_targets(framework, parse_assessment(framework, previous))
        except AssessmentFileError as error:
            raise AssessmentFileError(Problem("previous" + p.path[1:], p.message) for p in error.problems) from None
        if before.organisation and answers.organisation and before.organisation != answers.organisation:
            raise AssessmentFileError(
                [Problem("$.organisation", f"{answers.organisation!r} cannot be compared with {before.organisation!r}")]
            )
        earlier_questionnaire = framework.questionnaire(before.questionnaire_id, before.questionnaire_version)
        earlier = score(framework, earlier_questionnaire, before)
    assessed = numbers.parse_day(answers.assessed_on)
    title = questionnaire.title.get(lang) + ("" if assessed is None else f" {assessed.year}")
    meta = ReportMeta(
        organisation=answers.organisation or "—",
        assessment_title=title,
        report_date=report_date or date.today(),
        consultant=branding.consultant,
        consultant_logo=branding.consultant_logo,
        client_logo=branding.client_logo,
    )
    return build_context(framework, questionnaire, result, meta, lang=lang, answers=answers, previous=earlier)


def render_report_html(ctx: ReportContext) -> str:
    """The print HTML of the report, with the UI labels in the report's language."""
    with force_locale(ctx.lang):
        return render_template(TEMPLATE, ctx=ctx, num=numbers)


def render_report_pdf(ctx: ReportContext, fetcher: ReportURLFetcher | None = None) -> bytes:
    """The report as PDF bytes."""
    return render_pdf(render_report_html(ctx), fetcher=fetcher)


def report_filename(ctx: ReportContext) -> str:
    """A file name people recognise: ``harbourview-hotels-full-assessment-2026-en.pdf``.

    Letters of any script are kept (the web response adds an ASCII fallback); anything
    that could mean something to a file system or a shell becomes a hyphen.
    """
    raw = unicodedata.normalize("NFKC", f"{ctx.organisation} {ctx.assessment_title}").lower()
    slug = re.sub(r"[^\w]+|_", "-", raw).strip("-")[:80].strip("-")
    return f"{slug or 'assessment-report'}-{ctx.lang}.pdf"
