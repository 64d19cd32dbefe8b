"""Views: the results page of an assessment, its targets, the report (page and PDF) and plotly.js."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import plotly
from flask import current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.wrappers import Response

from assessor import numbers
from assessor.auth.access import assessment_for
from assessor.i18n import current_lang, segment_label
from assessor.questionnaires.operations import questionnaire_of
from assessor.reports import bp, operations
from assessor.reports.charts import CURRENT_COLOUR, SEGMENT_COLOURS, TARGET_COLOUR, RadarSeries, radar_json
from assessor.reports.context import ReportContext
from assessor.reports.forms import build_targets_form, target_field
from assessor.reports.inputs import assessment_input, dimension_targets
from assessor.reports.radar import PREVIOUS_COLOUR
from assessor.reports.service import Branding, context_for_assessment, render_report_pdf, report_filename
from assessor.scoring import RollUp, ScoringResult, score
from assessor.standards import get_framework

LOW_AGREEMENT_SHOWN = 10
"""The facilitator discusses the most divisive items first; ten fill a workshop session."""
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


@bp.get("/assessments/<int:assessment_id>/results")
@login_required
def results(assessment_id: int) -> str:
    """Scores per dimension and element, the pyramid verdict, the radar and the low-agreement list."""
    assessment = assessment_for(assessment_id)
    fw = get_framework()
    targets = dimension_targets(fw, assessment)
    return _render_results(assessment, build_targets_form(fw.dimensions, targets))


@bp.post("/assessments/<int:assessment_id>/targets")
@login_required
def set_targets(assessment_id: int) -> Response | str:
    """Store the per-dimension targets."""
    assessment = assessment_for(assessment_id, write=True)
    fw = get_framework()
    form = build_targets_form(fw.dimensions, dimension_targets(fw, assessment))
    if not form.validate_on_submit():
        return _render_results(assessment, form), 400  # type: ignore[return-value]
    operations.set_targets(assessment, {d.id: form[target_field(d.id)].data for d in fw.dimensions})
    flash(_("Targets saved."), "success")
    return redirect(url_for(".results", assessment_id=assessment_id))


@bp.get("/assessments/<int:assessment_id>/report")
@login_required
def report(assessment_id: int) -> str:
    """The report as a page: verdict, interactive radar, pyramid, dimensions, actions and roadmap."""
    assessment = assessment_for(assessment_id)
    ctx = context_for_assessment(get_framework(), assessment, current_lang(), _branding())
    return render_template("reports/report.html", assessment=assessment, ctx=ctx, num=numbers, radar=_report_radar(ctx))


@bp.get("/assessments/<int:assessment_id>/report.pdf")
@login_required
def report_pdf(assessment_id: int) -> Response:
    """The report as an A4 PDF in ``?lang=en`` or ``?lang=ja`` (default: the page language)."""
    assessment = assessment_for(assessment_id)
    lang = request.args.get("lang", current_lang())
    if lang not in current_app.config["LANGUAGES"]:
        lang = current_lang()
    ctx = context_for_assessment(get_framework(), assessment, lang, _branding())
    response = send_file(
        BytesIO(render_report_pdf(ctx)),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=report_filename(ctx),
        max_age=0,
    )
    # The report holds personal answers: never keep it in a shared cache.
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _branding() -> Branding:
    """The signed-in user prepares the report (their name goes on the cover)."""
    from flask_login import current_user

    name = getattr(current_user, "name", None) if getattr(current_user, "is_authenticated", False) else None
    return Branding(consultant=name or None)


def _report_radar(ctx: ReportContext) -> str:
    """The interactive radar from the same rows (and the same 0-100 scale) as the PDF's SVG radar."""
    rows = [row for d in ctx.dimensions for row in d.elements]
    series = [RadarSeries(_("Current"), [r.score for r in rows], CURRENT_COLOUR, fill=True)]
    if any(r.target is not None for r in rows):
        series.append(RadarSeries(_("Target"), [r.target for r in rows], TARGET_COLOUR, dash="dash"))
    if ctx.previous is not None:
        series.append(RadarSeries(_("Previous"), [r.previous for r in rows], PREVIOUS_COLOUR, dash="dot"))
    return radar_json([r.name for r in rows], series)


@bp.get("/vendor/plotly.min.js")
def plotly_js() -> Response:
    """Serve the plotly.js bundled with the plotly package (no CDN)."""
    response = send_file(PLOTLY_JS, mimetype="text/javascript", max_age=7 * 24 * 3600)
    return response


def _render_results(assessment, form) -> str:  # type: ignore[no-untyped-def]
    fw = get_framework()
    questionnaire = questionnaire_of(fw, assessment)
    result = score(fw, questionnaire, assessment_input(fw, assessment))
    lang = current_lang()
    return render_template(
        "reports/results.html",
        assessment=assessment,
        questionnaire=questionnaire,
        result=result,
        fw=fw,
        form=form,
        target_field=target_field,
        radar=_radar(result, lang),
        low_items=[result.item(code) for code in result.low_agreement[:LOW_AGREEMENT_SHOWN]],
        low_total=len(result.low_agreement),
    )


def _radar(result: ScoringResult, lang: str) -> str:
    fw = get_framework()
    elements = [r for r in result.rollups if r.kind == "element"]
    targets = {g.id: g.target for g in result.gaps if g.kind == "element"}
    current = RadarSeries(
        _("Current"),
        [r.score if r.status == "scored" else None for r in elements],
        CURRENT_COLOUR,
        fill=True,
    )
    target = RadarSeries(_("Target"), [targets.get(r.id) for r in elements], TARGET_COLOUR, dash="dash")
    axes = [f"{r.id} {fw.element(r.id).name.get(lang)}" for r in elements]
    return radar_json(axes, [current, target, *_segment_series(result, elements)])


def _segment_series(result: ScoringResult, elements: list[RollUp]) -> list[RadarSeries]:
    """One dotted polygon per respondent segment, for perception gaps (e.g. leaders vs front line).

    Shown only when at least two segments answered: one segment would just repeat "Current".
    """
    labelled = [s for s in result.segments if s.segment]
    if len(labelled) < 2:
        return []
    series = []
    for index, segment in enumerate(labelled):
        rollups = [segment.rollup("element", e.id) for e in elements]
        values = [r.score if r.status == "scored" else None for r in rollups]
        name = f"{segment_label(segment.segment)} (n={segment.respondent_count})"
        series.append(RadarSeries(name, values, SEGMENT_COLOURS[index % len(SEGMENT_COLOURS)], dash="dot"))
    return series
