"""Views: an assessment's KPI readings (everyone who can read the assessment) and their entry (editors)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields import SelectChoice

from assessor.accounts.access import assessment_for
from assessor.assessments import FINAL_MESSAGE, score_assessment
from assessor.assessments.kpis import KpiEntry, KpiInputError, delete_reading, readings_of
from assessor.assessments.kpis import save_reading as store_reading
from assessor.i18n import current_lang
from assessor.kpis import bp
from assessor.kpis.forms import DeleteReadingForm, KpiReadingForm, attach
from assessor.models import Assessment
from assessor.reports.service import kpi_section
from assessor.standards import get_framework


def _form(data: KpiReadingForm | None = None) -> KpiReadingForm:
    framework, lang = get_framework(), current_lang()
    form = data or KpiReadingForm()
    form.kpi.choices = [SelectChoice("", _("Choose a KPI…"))] + [
        SelectChoice(k.id, k.name.get(lang)) for k in framework.kpis
    ]
    variants = sorted({v for k in framework.kpis for v in k.variants})
    form.variant.choices = [SelectChoice("", _("None"))] + [SelectChoice(v, v) for v in variants]
    return form


def _page(assessment: Assessment, form: KpiReadingForm | None = None) -> str:
    framework, lang = get_framework(), current_lang()
    readings = readings_of(assessment)
    scored = score_assessment(assessment) if assessment.respondents else None
    section = kpi_section(assessment, framework, scored.result if scored is not None else None, lang)
    return render_template(
        "kpis/index.html",
        assessment=assessment,
        section=section,
        reading_ids={(r.kpi_id, r.period): r.id for r in readings},
        form=_form(form) if current_user.can_edit else None,
        delete_form=DeleteReadingForm(),
    )


@bp.get("/assessments/<int:assessment_id>/kpis")
@login_required
def index(assessment_id: int) -> ResponseReturnValue:
    """The assessment's KPI values against their targets, and the watermelon and optimism findings."""
    return _page(assessment_for(assessment_id))


@bp.post("/assessments/<int:assessment_id>/kpis")
@login_required
def save_reading(assessment_id: int) -> ResponseReturnValue:
    """Store one KPI value (or replace the one of the same KPI and period)."""
    found = assessment_for(assessment_id, write=True)
    form = _form()
    if found.is_final:
        flash(str(FINAL_MESSAGE), "error")
        return _page(found, form), 409
    if not form.validate_on_submit():
        return _page(found, form), 400
    entry = KpiEntry(
        kpi_id=form.kpi.data or "",
        period=(form.period.data or "").strip(),
        value=form.value.data,
        counts=form.counts.counts,
        n=form.n.data,
        target=form.target.data,
        previous=form.previous.data,
        variant=form.variant.data or None,
        source=form.source.data or "",
    )
    try:
        store_reading(found, get_framework(), entry, current_user)
    except KpiInputError as problem:
        attach(form, problem.problems)
        return _page(found, form), 400
    flash(_("KPI value saved."), "success")
    return redirect(url_for(".index", assessment_id=assessment_id))


@bp.post("/assessments/<int:assessment_id>/kpis/<int:reading_id>/delete")
@login_required
def delete(assessment_id: int, reading_id: int) -> ResponseReturnValue:
    """Delete one KPI value."""
    found = assessment_for(assessment_id, write=True)
    if not DeleteReadingForm().validate_on_submit():
        abort(400)
    if found.is_final:
        flash(str(FINAL_MESSAGE), "error")
        return _page(found), 409
    if not delete_reading(found, reading_id, current_user):
        abort(404)
    flash(_("KPI value deleted."), "success")
    return redirect(url_for(".index", assessment_id=assessment_id))
