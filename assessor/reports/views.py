"""Views: the results page of an assessment, its targets, the report (page, PDF, Word, PowerPoint) and plotly.js."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import plotly
from flask import flash, redirect, render_template, request, send_file, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms.fields import SelectChoice

from assessor import numbers
from assessor.accounts.access import assessment_for
from assessor.assessments import (
    FINAL_MESSAGE,
    assessment_title,
    baseline_candidates,
    dimension_targets,
    score_assessment,
    segment_names,
)
from assessor.assessments.actions import since_last, tracked_ids
from assessor.assessments.rounds import item_rounds
from assessor.i18n import asked_lang, colon, current_lang, format_day
from assessor.models import Assessment
from assessor.reports import bp, operations
from assessor.reports.branding import branding_for, prepared_by
from assessor.reports.charts import radar_json
from assessor.reports.context import LOW_AGREEMENT_LISTED
from assessor.reports.downloads import send_private
from assessor.reports.forms import BaselineForm, DownloadForm, build_targets_form, target_field
from assessor.reports.rows import DimensionSection
from assessor.reports.series import COMBINED, element_axes, in_segment_order, radar_series
from assessor.reports.service import (
    FORMATS,
    attached_file,
    context_for_assessment,
    kpi_section,
    moves_since_baseline,
    render_report,
    report_filename,
    trend_of,
)
from assessor.reports.trend import trend_chart
from assessor.segments import group_label
from assessor.standards import get_framework

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


@bp.get("/assessments/<int:assessment_id>/results")
@login_required
def results(assessment_id: int) -> ResponseReturnValue:
    """Scores per dimension and element, the pyramid verdict, the radar and the low-agreement list."""
    assessment = assessment_for(assessment_id)
    return _render_results(assessment, build_targets_form(get_framework().dimensions, dimension_targets(assessment)))


@bp.post("/assessments/<int:assessment_id>/targets")
@login_required
def set_targets(assessment_id: int) -> ResponseReturnValue:
    """Store the per-dimension targets."""
    assessment = assessment_for(assessment_id, write=True)
    dimensions = get_framework().dimensions
    form = build_targets_form(dimensions, dimension_targets(assessment))
    if assessment.is_final:
        flash(str(FINAL_MESSAGE), "error")
        return _render_results(assessment, form), 409
    if not form.validate_on_submit():
        return _render_results(assessment, form), 400
    operations.set_targets(assessment, {d.id: form[target_field(d.id)].data for d in dimensions}, current_user)
    flash(_("Targets saved."), "success")
    return redirect(url_for(".results", assessment_id=assessment_id))


@bp.get("/assessments/<int:assessment_id>/report")
@login_required
def report(assessment_id: int) -> ResponseReturnValue:
    """The report as a page: verdict, interactive radar, pyramid, dimensions, actions and roadmap."""
    assessment = assessment_for(assessment_id)
    consultant = prepared_by(current_user, None)
    ctx = context_for_assessment(assessment, current_lang(), branding_for(assessment, consultant))
    radar = radar_json(ctx.radar_axes, ctx.radar_series, _series_names(ctx.segment_names))
    return render_template(
        "reports/report.html",
        assessment=assessment,
        ctx=ctx,
        download=DownloadForm(formdata=None, data={"prepared_by": consultant or ""}),
        num=numbers.in_language(ctx.lang),
        radar=radar,
        tracked=tracked_ids(assessment.organisation),
        since=_since(assessment, ctx.dimensions),
    )


def _since(assessment: Assessment, dimensions: tuple[DimensionSection, ...]) -> list[dict[str, object]]:
    """The actions agreed before this assessment, with the change in score of each element they address."""
    deltas = {row.id: row.delta for d in dimensions for row in d.elements}
    lang = current_lang()
    return [
        {
            "group": group,
            "action": action,
            "title": action.title_in(lang),
            "elements": [(e, deltas.get(e)) for e in action.element_ids.split()],
        }
        for group, action in since_last(assessment)
    ]


@bp.get("/assessments/<int:assessment_id>/report.pdf")
@login_required
def report_pdf(assessment_id: int) -> ResponseReturnValue:
    """The report as an A4 PDF in ``?lang=en`` or ``?lang=ja`` (default: the page language).

    ``?prepared_by=`` names the consultant on the cover for this download only (see :func:`prepared_by`).
    """
    return _download(assessment_id, "pdf")


@bp.get("/assessments/<int:assessment_id>/report.docx")
@login_required
def report_docx(assessment_id: int) -> ResponseReturnValue:
    """The report as an editable Word file, ``?lang=`` as the PDF."""
    return _download(assessment_id, "docx")


@bp.get("/assessments/<int:assessment_id>/report.pptx")
@login_required
def report_pptx(assessment_id: int) -> ResponseReturnValue:
    """The closing-meeting deck (PowerPoint), ``?lang=`` as the PDF."""
    return _download(assessment_id, "pptx")


def _download(assessment_id: int, fmt: str) -> ResponseReturnValue:
    """The report file in ``fmt``, from the same context as the PDF (a viewer's shows what a viewer's PDF shows)."""
    assessment = assessment_for(assessment_id)
    lang = asked_lang()
    form = DownloadForm(request.args)
    if not form.validate():
        for message in form.prepared_by.errors:
            flash(f"{_('Prepared by')}{colon()}{message}", "error")
        return redirect(url_for(".report", assessment_id=assessment_id))
    consultant = prepared_by(current_user, request.args.get("prepared_by"))
    ctx = context_for_assessment(assessment, lang, branding_for(assessment, consultant))
    # A PDF carries its assessment file; a viewer's copy names and links nobody (methodology §12).
    carried = attached_file(assessment, ctx, full=current_user.can_edit) if fmt == "pdf" else None
    data = render_report(ctx, fmt, attachment=carried)
    operations.record_download(assessment, fmt, lang, current_user)
    return send_private(data, FORMATS[fmt], report_filename(ctx, fmt))


@bp.get("/vendor/plotly.min.js")
def plotly_js() -> ResponseReturnValue:
    """Serve the plotly.js bundled with the plotly package (no CDN)."""
    return send_file(PLOTLY_JS, mimetype="text/javascript", max_age=7 * 24 * 3600)


def _series_names(segments: Mapping[str, str]) -> dict[str, str]:
    """Legend names of the radar's series in the page language, the assessment's own segments included."""
    names = {"current": _("Current"), "target": _("Target"), "previous": _("Previous")}
    groups = {"": group_label(None, False, segments), COMBINED: group_label(None, True, segments)}
    return names | groups | dict(segments)


def _render_results(assessment: Assessment, form: FlaskForm, baseline_form: BaselineForm | None = None) -> str:
    fw = get_framework()
    scored = score_assessment(assessment)
    result = scored.result
    names = segment_names(assessment, current_lang())
    series = radar_series(fw, result, segments=True, segment_order=tuple(names))
    moved = moves_since_baseline(assessment, result) if result.respondent_count else None
    trend = trend_of(assessment, current_lang()) if result.respondent_count else None
    return render_template(
        "reports/results.html",
        assessment=assessment,
        questionnaire=scored.questionnaire,
        result=result,
        fw=fw,
        form=form,
        target_field=target_field,
        radar=radar_json(element_axes(fw, current_lang()), series, _series_names(names)),
        segment_names=names,
        groups=in_segment_order(result.segments, tuple(names)),
        low_items=[result.item(code) for code in result.low_agreement[:LOW_AGREEMENT_LISTED]],
        low_total=len(result.low_agreement),
        kpi=kpi_section(assessment, fw, result, current_lang()),
        baseline_form=baseline_form or _baseline_form(assessment),
        baseline=None if moved is None else moved[0],
        moves=None if moved is None else moved[1],
        trend=trend,
        trend_chart=None if trend is None else trend_chart(trend, percent_sign=numbers.percent_sign(current_lang())),
        trend_names={"overall": _("Overall")} | {d.id: f"{d.id} · {d.name.get(current_lang())}" for d in fw.dimensions},
        baseline_questionnaire=None if moved is None else _questionnaire_title(moved[0]),
        num=numbers.in_language(current_lang()),
        rounds=item_rounds(assessment.id, result),
    )


def _questionnaire_title(assessment: Assessment) -> str:
    found = get_framework().questionnaires.get(assessment.questionnaire_id)
    return assessment.questionnaire_id if found is None else found.title.get(current_lang())


def _baseline_form(assessment: Assessment, formdata: bool = False) -> BaselineForm:
    form = (
        BaselineForm()
        if formdata
        else BaselineForm(formdata=None, data={"baseline": str(assessment.baseline_id or "")})
    )
    lang = current_lang()
    form.baseline.choices = [SelectChoice("", _("The latest earlier assessment (automatic)"))] + [
        SelectChoice(str(a.id), f"{assessment_title(a, lang)}{colon()}{format_day(a.assessed_on)}")
        for a in baseline_candidates(assessment)
    ]
    return form


@bp.post("/assessments/<int:assessment_id>/baseline")
@login_required
def set_baseline(assessment_id: int) -> ResponseReturnValue:
    """Choose the earlier assessment the results and the report compare with."""
    assessment = assessment_for(assessment_id, write=True)
    form = _baseline_form(assessment, formdata=True)
    targets = build_targets_form(get_framework().dimensions, dimension_targets(assessment), formdata=None)
    if assessment.is_final:
        flash(str(FINAL_MESSAGE), "error")
        return _render_results(assessment, targets, form), 409
    if not form.validate_on_submit():
        return _render_results(assessment, targets, form), 400
    chosen = next((a for a in baseline_candidates(assessment) if str(a.id) == form.baseline.data), None)
    operations.set_baseline(assessment, chosen, current_user)
    flash(_("Comparison saved."), "success")
    return redirect(url_for(".results", assessment_id=assessment_id))
