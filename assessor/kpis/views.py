"""Views: an assessment's KPI readings (everyone who can read the assessment) and their entry (editors)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms.fields import SelectChoice

from assessor.accounts.access import assessment_for
from assessor.assessments import FINAL_MESSAGE, score_assessment
from assessor.assessments.custom_kpis import (
    KpiDefinition,
    add_custom_kpi,
    custom_kpis_of,
    delete_custom_kpi,
    framework_for,
)
from assessor.assessments.kpis import KpiEntry, KpiInputError, delete_reading, readings_of
from assessor.assessments.kpis import save_reading as store_reading
from assessor.i18n import current_lang
from assessor.kpis import bp
from assessor.kpis.forms import CustomKpiForm, DeleteReadingForm, KpiReadingForm, attach, attach_definition, worded
from assessor.models import Assessment
from assessor.reports.service import kpi_section
from assessor.standards import get_framework

UNIT_LABELS = {
    "percent": _l("Percent (0–100 %)"),
    "points": _l("Points (−100 to +100, like NPS)"),
    "scale": _l("Mean of a rating scale"),
    "hours": _l("Hours"),
    "minutes": _l("Minutes"),
    "count": _l("Count or rate"),
}
DIRECTION_LABELS = {"higher": _l("Higher is better"), "lower": _l("Lower is better")}
KIND_LABELS = {"customer": _l("Customer-perceived"), "operational": _l("Operational")}


def _form(assessment: Assessment, data: KpiReadingForm | None = None) -> KpiReadingForm:
    framework, lang = framework_for(assessment.organisation_id, get_framework()), current_lang()
    form = data or KpiReadingForm()
    form.kpi.choices = [SelectChoice("", _("Choose a KPI…"))] + [
        SelectChoice(k.id, k.name.get(lang)) for k in framework.kpis
    ]
    variants = sorted({v for k in framework.kpis for v in k.variants})
    form.variant.choices = [SelectChoice("", _("None"))] + [SelectChoice(v, v) for v in variants]
    return form


def _custom_form(data: CustomKpiForm | None = None) -> CustomKpiForm:
    framework, lang = get_framework(), current_lang()
    form = data or CustomKpiForm()
    form.unit.choices = [SelectChoice(k, str(v)) for k, v in UNIT_LABELS.items()]
    form.direction.choices = [SelectChoice(k, str(v)) for k, v in DIRECTION_LABELS.items()]
    form.kind.choices = [SelectChoice(k, str(v)) for k, v in KIND_LABELS.items()]
    form.elements.choices = [SelectChoice(e.id, f"{e.id} {e.name.get(lang)}") for e in framework.elements]
    form.pyramid_levels.choices = [SelectChoice(p.id, p.name.get(lang)) for p in framework.pyramid_levels]
    return form


def _page(assessment: Assessment, form: KpiReadingForm | None = None, custom_form: CustomKpiForm | None = None) -> str:
    framework, lang = get_framework(), current_lang()
    readings = readings_of(assessment)
    scored = score_assessment(assessment) if assessment.respondents else None
    section = kpi_section(assessment, framework, scored.result if scored is not None else None, lang)
    return render_template(
        "kpis/index.html",
        assessment=assessment,
        section=section,
        reading_ids={(r.kpi_id, r.period): r.id for r in readings},
        form=_form(assessment, form) if current_user.can_edit else None,
        custom_form=_custom_form(custom_form) if current_user.can_edit else None,
        custom_kpis=custom_kpis_of(assessment.organisation_id),
        labels={**UNIT_LABELS, **DIRECTION_LABELS, **KIND_LABELS},
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
    form = _form(found)
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
        store_reading(found, framework_for(found.organisation_id, get_framework()), entry, current_user)
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


@bp.post("/assessments/<int:assessment_id>/kpis/custom")
@login_required
def define_kpi(assessment_id: int) -> ResponseReturnValue:
    """Define a KPI of the organisation's own (it belongs to the organisation: every assessment reads it)."""
    found = assessment_for(assessment_id, write=True)
    form = _custom_form()
    if not form.validate_on_submit():
        return _page(found, custom_form=form), 400
    definition = KpiDefinition(
        code=form.kpi_code.data or "",
        name=form.name.data or "",
        name_ja=form.name_ja.data or "",
        formula=form.formula.data or "",
        unit=form.unit.data or "",
        direction=form.direction.data or "",
        kind=form.kind.data or "",
        lower=form.lower.data,
        upper=form.upper.data,
        element_ids=tuple(form.elements.data or ()),
        pyramid_level_ids=tuple(form.pyramid_levels.data or ()),
        min_n=form.min_n.data,
    )
    try:
        add_custom_kpi(found.organisation, get_framework(), definition, current_user)
    except KpiInputError as problem:
        attach_definition(form, problem.problems)
        return _page(found, custom_form=form), 400
    flash(_("KPI %(code)s defined: you can now enter its values.", code=definition.code), "success")
    return redirect(url_for(".index", assessment_id=assessment_id, _anchor="own-h"))


@bp.post("/assessments/<int:assessment_id>/kpis/custom/<int:custom_id>/delete")
@login_required
def delete_kpi(assessment_id: int, custom_id: int) -> ResponseReturnValue:
    """Delete a KPI of the organisation's own that has no stored values."""
    found = assessment_for(assessment_id, write=True)
    if not DeleteReadingForm().validate_on_submit():
        abort(400)
    try:
        deleted = delete_custom_kpi(found.organisation, custom_id, current_user)
    except KpiInputError as problem:
        flash(worded(problem.problems[0]), "error")
        return _page(found), 409
    if not deleted:
        abort(404)
    flash(_("KPI deleted."), "success")
    return redirect(url_for(".index", assessment_id=assessment_id, _anchor="own-h"))
