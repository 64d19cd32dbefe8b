"""Views: organisations, their assessments (create, titles, minimum group size) and viewers (all behind a login)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from wtforms.fields import SelectChoice

from assessor.accounts.access import assessment_for, organisation_for, require_editor, visible_organisations
from assessor.assessments import (
    FINAL_MESSAGE,
    assessment_progress,
    assessment_title,
    carried_actions,
    deployment_min_group_size,
    min_group_size,
    questionnaire_of,
    rename_respondent,
    segment_names,
)
from assessor.assessments import remove_respondent as remove_respondent_with_answers
from assessor.extensions import db
from assessor.history import entries
from assessor.i18n import current_lang
from assessor.models import Assessment, Organisation, Respondent, Role, User
from assessor.organisations import bp, operations
from assessor.organisations.forms import (
    AssessmentForm,
    ConfirmForm,
    DeleteOrganisationForm,
    OrganisationForm,
    PrivacyForm,
    RespondentNameForm,
    TitlesForm,
    ViewerForm,
)
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
def index() -> ResponseReturnValue:
    """List the organisations the user may see."""
    return _index(OrganisationForm())


@bp.post("/organisations")
@login_required
def create() -> ResponseReturnValue:
    """Create an organisation in the user's workspace."""
    user = require_editor()
    form = OrganisationForm()
    if user.workspace_id is None:
        form.name.errors = [_("Your account has no workspace to hold organisations.")]
    elif form.validate_on_submit():
        org = operations.create_organisation(form.name.data or "", user.workspace_id, actor=user)
        flash(_("Organisation created."), "success")
        return redirect(url_for(".detail", org_id=org.id))
    return _index(form), 400


def _index(form: OrganisationForm) -> str:
    return render_template(
        "organisations/index.html",
        organisations=visible_organisations(),
        archived=visible_organisations(archived=True) if current_user.can_edit else [],
        form=form,
        confirm=ConfirmForm(),
    )


@bp.get("/organisations/<int:org_id>")
@login_required
def detail(org_id: int) -> ResponseReturnValue:
    """Show an organisation, its assessments and who may read its results."""
    return _detail(organisation_for(org_id), _assessment_form(), ViewerForm())


@bp.post("/organisations/<int:org_id>/viewers")
@login_required
def add_viewer(org_id: int) -> ResponseReturnValue:
    """Create a read-only account for this organisation; its password is shown once, on this page only."""
    org = organisation_for(org_id, write=True)
    form = ViewerForm()
    if form.validate_on_submit():
        try:
            viewer, password = operations.create_viewer(org, form.email.data or "", form.name.data or "", current_user)
        except ValueError:
            form.email.errors = [_("An account with this e-mail address exists already.")]
        else:
            return render_template("organisations/viewer_created.html", org=org, viewer=viewer, password=password)
    return _detail(org, _assessment_form(), form), 400


def _viewer_of(org: Organisation, user_id: int) -> User:
    """A read-only login of ``org`` (anything else answers 404)."""
    viewer = db.session.get(User, user_id)
    if viewer is None or viewer.role != Role.VIEWER or viewer.organisation_id != org.id:
        abort(404)
    return viewer


@bp.post("/organisations/<int:org_id>/viewers/<int:user_id>/revoke")
@login_required
def revoke_viewer(org_id: int, user_id: int) -> ResponseReturnValue:
    """Revoke a read-only login: it can no longer log in, and its open session stops at once."""
    org = organisation_for(org_id, write=True)
    viewer = _viewer_of(org, user_id)
    if ConfirmForm().validate_on_submit() and viewer.active:
        operations.revoke_viewer(viewer, current_user)
        flash(_("Read-only access of %(email)s revoked.", email=viewer.email), "success")
        return redirect(url_for(".detail", org_id=org.id))
    return _detail(org, _assessment_form(), ViewerForm()), 400


@bp.post("/organisations/<int:org_id>/viewers/<int:user_id>/password")
@login_required
def reset_viewer(org_id: int, user_id: int) -> ResponseReturnValue:
    """Give a read-only login a one-time password, shown once on the result page only."""
    org = organisation_for(org_id, write=True)
    viewer = _viewer_of(org, user_id)
    if ConfirmForm().validate_on_submit() and viewer.active:
        password = operations.reset_viewer_password(viewer, current_user)
        return render_template(
            "organisations/viewer_created.html", org=org, viewer=viewer, password=password, reset=True
        )
    return _detail(org, _assessment_form(), ViewerForm()), 400


def _detail(
    org: Organisation, form: AssessmentForm, viewer_form: ViewerForm, rename: OrganisationForm | None = None
) -> str:
    viewers = db.session.scalars(sa.select(User).where(User.organisation_id == org.id).order_by(User.name)).all()
    rename = rename or OrganisationForm(formdata=None, data={"name": org.name}, prefix="rename")
    return render_template(
        "organisations/detail.html",
        org=org,
        form=form,
        viewer_form=viewer_form,
        viewers=viewers,
        rename=rename,
        active=[a for a in org.assessments if a.archived_at is None],
        archived=[a for a in org.assessments if a.archived_at is not None] if current_user.can_edit else [],
        confirm=ConfirmForm(formdata=None),
    )


@bp.post("/organisations/<int:org_id>/assessments")
@login_required
def create_assessment(org_id: int) -> ResponseReturnValue:
    """Start a new assessment of the organisation."""
    org = organisation_for(org_id, write=True)
    form = _assessment_form()
    if not form.validate_on_submit() or form.assessed_on.data is None:
        return _detail(org, form, ViewerForm()), 400
    assessment = operations.create_assessment(
        org,
        form.title.data or "",
        get_framework().questionnaire(form.questionnaire.data or ""),
        form.assessed_on.data,
        mode=form.mode.data or "self",
        actor=current_user,
        title_ja=form.title_ja.data,
    )
    flash(_("Assessment created."), "success")
    return redirect(url_for(".assessment", assessment_id=assessment.id))


@bp.get("/assessments/<int:assessment_id>")
@login_required
def assessment(assessment_id: int) -> ResponseReturnValue:
    """Show an assessment: questionnaire and progress (respondents by name for the consultant, counts for viewers)."""
    found = assessment_for(assessment_id)
    return _assessment_page(found)


@bp.post("/assessments/<int:assessment_id>/privacy")
@login_required
def set_privacy(assessment_id: int) -> ResponseReturnValue:
    """Raise (or, before anyone answered, lower back) the assessment's minimum group size."""
    found = assessment_for(assessment_id, write=True)
    form = _privacy_form(found)
    if not form.validate_on_submit() or form.min_group_size.data is None:
        return _assessment_page(found, privacy=form), 400
    operations.set_min_group_size(found, form.min_group_size.data, current_user)
    flash(_("Minimum group size saved."), "success")
    return redirect(url_for(".assessment", assessment_id=assessment_id))


@bp.post("/assessments/<int:assessment_id>/titles")
@login_required
def rename_assessment(assessment_id: int) -> ResponseReturnValue:
    """Change the assessment's title and its optional Japanese title."""
    found = assessment_for(assessment_id, write=True)
    form = TitlesForm()
    if not form.validate_on_submit():
        return _assessment_page(found, titles=form), 400
    operations.rename_assessment(found, form.title.data or "", form.title_ja.data, current_user)
    flash(_("Titles saved."), "success")
    return redirect(url_for(".assessment", assessment_id=assessment_id))


def _lowest_group_size(assessment: Assessment) -> int:
    """Never below the deployment's; once someone answered, never below what they were promised."""
    return min_group_size(assessment) if assessment.respondents else deployment_min_group_size()


def _privacy_form(assessment: Assessment, data: dict[str, int] | None = None) -> PrivacyForm:
    return PrivacyForm(data=data).allow_from(_lowest_group_size(assessment))


def _assessment_page(found: Assessment, *, privacy: PrivacyForm | None = None, titles: TitlesForm | None = None) -> str:
    """The assessment page; a form given here (after a refused post) replaces the blank one."""
    privacy = privacy or _privacy_form(found, data={"min_group_size": min_group_size(found)})
    titles = titles or TitlesForm(title=found.title, title_ja=found.title_ja or "")
    questionnaire = questionnaire_of(found)
    progress = assessment_progress(found, questionnaire)
    return render_template(
        "organisations/assessment.html",
        assessment=found,
        questionnaire=questionnaire,
        progress=progress,
        finished=sum(1 for p in progress if p.finished),
        can_edit=current_user.can_edit,
        privacy=privacy,
        min_group_size=min_group_size(found),
        lowest_group_size=_lowest_group_size(found),
        titles=titles,
        confirm=ConfirmForm(),
        segment_names=segment_names(found, current_lang()),
        carried=carried_actions(found),
    )


@bp.get("/organisations/<int:org_id>/history")
@login_required
def organisation_history(org_id: int) -> ResponseReturnValue:
    """Who changed what in this organisation and its assessments, newest first (not for viewers)."""
    org = organisation_for(org_id, write=True)
    return render_template(
        "organisations/history.html", subject=org.name, org=org, events=entries(organisation_id=org.id)
    )


@bp.get("/assessments/<int:assessment_id>/history")
@login_required
def assessment_history(assessment_id: int) -> ResponseReturnValue:
    """Who changed what in this assessment, newest first (not for viewers)."""
    found = assessment_for(assessment_id, write=True)
    events = entries(assessment_id=found.id)
    return render_template(
        "organisations/history.html",
        subject=assessment_title(found, current_lang()),
        org=found.organisation,
        events=events,
    )


def _respondent_of(assessment: Assessment, respondent_id: int) -> Respondent:
    """The assessment's respondent with this id; any other id answers 404."""
    found = db.session.get(Respondent, respondent_id)
    if found is None or found.assessment_id != assessment.id:
        abort(404)
    return found


@bp.route("/assessments/<int:assessment_id>/respondents/<int:respondent_id>", methods=["GET", "POST"])
@login_required
def respondent(assessment_id: int, respondent_id: int) -> ResponseReturnValue:
    """Correct a respondent's name; offer to remove them."""
    found = assessment_for(assessment_id, write=True)
    person = _respondent_of(found, respondent_id)
    form = RespondentNameForm(data={"name": person.name or ""})
    if form.validate_on_submit():
        rename_respondent(person, form.name.data, current_user)
        flash(_("Name saved."), "success")
        return redirect(url_for(".assessment", assessment_id=assessment_id))
    return render_template(
        "organisations/respondent.html",
        assessment=found,
        person=person,
        form=form,
        segment_names=segment_names(found, current_lang()),
    ), 400 if form.is_submitted() else 200


@bp.route("/assessments/<int:assessment_id>/respondents/<int:respondent_id>/remove", methods=["GET", "POST"])
@login_required
def remove_respondent(assessment_id: int, respondent_id: int) -> ResponseReturnValue:
    """Say what will be lost, then remove the respondent with their answers."""
    found = assessment_for(assessment_id, write=True)
    person = _respondent_of(found, respondent_id)
    form = ConfirmForm()
    if found.is_final and form.is_submitted():
        flash(str(FINAL_MESSAGE), "error")
        return redirect(url_for(".assessment", assessment_id=assessment_id)), 303
    if form.validate_on_submit():
        removed = remove_respondent_with_answers(person, current_user)
        flash(
            ngettext("Respondent removed with %(num)d answer.", "Respondent removed with %(num)d answers.", removed),
            "success",
        )
        return redirect(url_for(".assessment", assessment_id=assessment_id))
    return render_template(
        "organisations/remove_respondent.html", assessment=found, person=person, form=form, answers=len(person.answers)
    ), 400 if form.is_submitted() else 200


@bp.post("/organisations/<int:org_id>/name")
@login_required
def rename_organisation(org_id: int) -> ResponseReturnValue:
    """Change the organisation's name."""
    org = organisation_for(org_id, write=True)
    form = OrganisationForm(prefix="rename")
    if not form.validate_on_submit():
        return _detail(org, _assessment_form(), ViewerForm(), rename=form), 400
    operations.rename_organisation(org, form.name.data or "", current_user)
    flash(_("Name saved."), "success")
    return redirect(url_for(".detail", org_id=org_id))


@bp.route("/assessments/<int:assessment_id>/delete", methods=["GET", "POST"])
@login_required
def delete_assessment(assessment_id: int) -> ResponseReturnValue:
    """Say what will be lost, then delete the assessment for good."""
    found = assessment_for(assessment_id, write=True)
    form = ConfirmForm()
    if form.validate_on_submit():
        org_id = found.organisation_id
        operations.delete_assessment(found, current_user)
        flash(_("Assessment deleted."), "success")
        return redirect(url_for(".detail", org_id=org_id))
    answers = sum(len(r.answers) for r in found.respondents)
    return render_template(
        "organisations/delete_assessment.html", assessment=found, form=form, answers=answers
    ), 400 if form.is_submitted() else 200


@bp.route("/organisations/<int:org_id>/delete", methods=["GET", "POST"])
@login_required
def delete_organisation(org_id: int) -> ResponseReturnValue:
    """Say what will be lost, ask for the name typed again, then delete the organisation for good."""
    org = organisation_for(org_id, write=True)
    form = DeleteOrganisationForm()
    if form.validate_on_submit() and form.matches(org.name):
        operations.delete_organisation(org, current_user)
        flash(_("Organisation deleted."), "success")
        return redirect(url_for(".index"))
    respondents = sum(len(a.respondents) for a in org.assessments)
    return render_template(
        "organisations/delete_organisation.html", org=org, form=form, respondents=respondents
    ), 400 if form.is_submitted() else 200
