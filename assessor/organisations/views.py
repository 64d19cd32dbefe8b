"""Views: list and create organisations, create and open assessments (all behind a login)."""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response
from wtforms.fields import SelectChoice

from assessor.auth.access import assessment_for, organisation_for, require_editor, visible_organisations
from assessor.auth.operations import create_user
from assessor.extensions import db
from assessor.i18n import current_lang
from assessor.models import Organisation, Role, User
from assessor.organisations import bp, operations
from assessor.organisations.forms import AssessmentForm, OrganisationForm, ViewerForm
from assessor.questionnaires.operations import questionnaire_of
from assessor.questionnaires.progress import assessment_progress
from assessor.standards import get_framework


def _assessment_form() -> AssessmentForm:
    form = AssessmentForm()
    lang = current_lang()
    form.questionnaire.choices = [
        SelectChoice(q.id, f"{q.title.get(lang)} ({len(q.items)})") for q in get_framework().questionnaires.values()
    ]
    return form


@bp.get("/")
@login_required
def index() -> str:
    """List the organisations the user may see."""
    return render_template("organisations/index.html", organisations=visible_organisations(), form=OrganisationForm())


@bp.post("/organisations")
@login_required
def create() -> Response | str:
    """Create an organisation in the user's workspace."""
    user = require_editor()
    form = OrganisationForm()
    if user.workspace_id is None:
        form.name.errors = [_("Your account has no workspace to hold organisations.")]
    elif form.validate_on_submit():
        org = operations.create_organisation(form.name.data or "", user.workspace_id)
        flash(_("Organisation created."), "success")
        return redirect(url_for(".detail", org_id=org.id))
    return render_template("organisations/index.html", organisations=visible_organisations(), form=form), 400  # type: ignore[return-value]


@bp.get("/organisations/<int:org_id>")
@login_required
def detail(org_id: int) -> str:
    """Show an organisation, its assessments and who may read its results."""
    org = organisation_for(org_id)
    return _detail(org, _assessment_form(), ViewerForm())


@bp.post("/organisations/<int:org_id>/viewers")
@login_required
def add_viewer(org_id: int) -> str | tuple[str, int]:
    """Create a read-only account for this organisation; its password is shown once, on this page only."""
    org = organisation_for(org_id, write=True)
    form = ViewerForm()
    if form.validate_on_submit():
        password = secrets.token_urlsafe(12)
        try:
            viewer = create_user(
                form.email.data or "", form.name.data or "", password, Role.VIEWER, organisation_id=org.id
            )
        except ValueError:
            form.email.errors = [_("An account with this e-mail address exists already.")]
        else:
            return render_template("organisations/viewer_created.html", org=org, viewer=viewer, password=password)
    return _detail(org, _assessment_form(), form), 400


def _detail(org: Organisation, form: AssessmentForm, viewer_form: ViewerForm) -> str:
    viewers = db.session.scalars(sa.select(User).where(User.organisation_id == org.id).order_by(User.name)).all()
    return render_template("organisations/detail.html", org=org, form=form, viewer_form=viewer_form, viewers=viewers)


@bp.post("/organisations/<int:org_id>/assessments")
@login_required
def create_assessment(org_id: int) -> Response | str:
    """Start a new assessment of the organisation."""
    org = organisation_for(org_id, write=True)
    form = _assessment_form()
    if not form.validate_on_submit():
        return _detail(org, form, ViewerForm()), 400  # type: ignore[return-value]
    questionnaire = get_framework().questionnaire(form.questionnaire.data or "")
    assessment = operations.create_assessment(
        org,
        form.title.data or "",
        questionnaire,
        form.assessed_on.data,  # type: ignore[arg-type]
        mode=form.mode.data or "self",
    )
    flash(_("Assessment created."), "success")
    return redirect(url_for(".assessment", assessment_id=assessment.id))


@bp.get("/assessments/<int:assessment_id>")
@login_required
def assessment(assessment_id: int) -> str:
    """Show an assessment: questionnaire, respondents and their progress."""
    found = assessment_for(assessment_id)
    questionnaire = questionnaire_of(get_framework(), found)
    return render_template(
        "organisations/assessment.html",
        assessment=found,
        questionnaire=questionnaire,
        progress=assessment_progress(found, questionnaire),
        can_edit=current_user.can_edit,
    )
