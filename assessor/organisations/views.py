"""Views: list and create organisations, create and open assessments."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response
from wtforms.fields import SelectChoice

from assessor.organisations import bp, operations
from assessor.organisations.forms import AssessmentForm, OrganisationForm
from assessor.questionnaires.progress import assessment_progress
from assessor.web import get_framework


def _assessment_form() -> AssessmentForm:
    form = AssessmentForm()
    lang = str(get_locale())
    form.questionnaire.choices = [
        SelectChoice(q.id, f"{q.title.get(lang)} ({len(q.items)})") for q in get_framework().questionnaires.values()
    ]
    return form


@bp.get("/")
def index() -> str:
    """List organisations."""
    return render_template(
        "organisations/index.html", organisations=operations.list_organisations(), form=OrganisationForm()
    )


@bp.post("/organisations")
def create() -> Response | str:
    """Create an organisation."""
    form = OrganisationForm()
    if not form.validate_on_submit():
        return render_template(
            "organisations/index.html", organisations=operations.list_organisations(), form=form
        ), 400  # type: ignore[return-value]
    org = operations.create_organisation(form.name.data or "")
    flash(_("Organisation created."), "success")
    return redirect(url_for(".detail", org_id=org.id))


@bp.get("/organisations/<int:org_id>")
def detail(org_id: int) -> str:
    """Show an organisation and its assessments."""
    org = operations.get_organisation(org_id)
    return render_template("organisations/detail.html", org=org, form=_assessment_form())


@bp.post("/organisations/<int:org_id>/assessments")
def create_assessment(org_id: int) -> Response | str:
    """Start a new assessment of the organisation."""
    org = operations.get_organisation(org_id)
    form = _assessment_form()
    if not form.validate_on_submit():
        return render_template("organisations/detail.html", org=org, form=form), 400  # type: ignore[return-value]
    questionnaire = get_framework().questionnaire(form.questionnaire.data or "")
    assessment = operations.create_assessment(
        org,
        form.title.data or "",
        questionnaire,
        form.assessed_on.data,  # type: ignore[arg-type]
    )
    flash(_("Assessment created."), "success")
    return redirect(url_for(".assessment", assessment_id=assessment.id))


@bp.get("/assessments/<int:assessment_id>")
def assessment(assessment_id: int) -> str:
    """Show an assessment: questionnaire, respondents and their progress."""
    found = operations.get_assessment(assessment_id)
    questionnaire = get_framework().questionnaire(found.questionnaire_id, found.questionnaire_version)
    return render_template(
        "organisations/assessment.html",
        assessment=found,
        questionnaire=questionnaire,
        progress=assessment_progress(found, questionnaire),
    )
