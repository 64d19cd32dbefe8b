"""Views: edit an assessment; archive and restore organisations and assessments; finalise and reopen."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields import SelectChoice

from assessor.accounts.access import assessment_for, organisation_for
from assessor.assessments import start_next_cycle
from assessor.i18n import current_lang
from assessor.models import Assessment
from assessor.organisations import bp, operations
from assessor.organisations.forms import ConfirmForm, EditAssessmentForm
from assessor.organisations.operations import AssessmentChanges
from assessor.standards import get_framework


def _edit_form(found: Assessment) -> EditAssessmentForm:
    data = {
        "title": found.title,
        "title_ja": found.title_ja or "",
        "assessed_on": found.assessed_on,
        "mode": found.mode,
        "questionnaire": found.questionnaire_id,
    }
    form = EditAssessmentForm(data=data if request.method == "GET" else None)
    if found.answered:
        return form.fix_answered()
    lang = current_lang()
    form.questionnaire.choices = [
        SelectChoice(q.id, f"{q.title.get(lang)} ({len(q.items)})") for q in get_framework().questionnaires.values()
    ]
    return form


def _fixed_change_refused(found: Assessment) -> str | None:
    """Once answers exist, a posted mode or questionnaire other than the stored one is refused (why, or None)."""
    mode = request.form.get("mode")
    questionnaire = request.form.get("questionnaire")
    if (mode is not None and mode != found.mode) or (
        questionnaire is not None and questionnaire != found.questionnaire_id
    ):
        return _(
            "People have answered already: the questionnaire and the mode can no longer be changed. Nothing was saved."
        )
    return None


@bp.route("/assessments/<int:assessment_id>/edit", methods=["GET", "POST"])
@login_required
def edit_assessment(assessment_id: int) -> ResponseReturnValue:
    """Correct titles and date; choose another questionnaire or mode while nothing is answered."""
    found = assessment_for(assessment_id, write=True)
    form = _edit_form(found)
    refused = _fixed_change_refused(found) if found.answered and form.is_submitted() else None
    if refused is None and form.validate_on_submit() and form.assessed_on.data is not None:
        answered = found.answered
        changes = AssessmentChanges(
            title=form.title.data or "",
            title_ja=form.title_ja.data,
            assessed_on=form.assessed_on.data,
            mode=None if answered else form.mode.data,
            questionnaire=None if answered else get_framework().questionnaire(form.questionnaire.data or ""),
        )
        operations.edit_assessment(found, changes, current_user)
        flash(_("Assessment saved."), "success")
        return redirect(url_for(".assessment", assessment_id=assessment_id))
    status = 200
    if form.is_submitted():
        status = 409 if refused else 400
    return render_template("organisations/edit_assessment.html", assessment=found, form=form, refused=refused), status


@bp.post("/organisations/<int:org_id>/<any(archive, restore):action>")
@login_required
def archive_organisation(org_id: int, action: str) -> ResponseReturnValue:
    """Archive the organisation (hidden from the lists, nothing lost) or restore it."""
    org = organisation_for(org_id, write=True)
    if ConfirmForm().validate_on_submit():
        operations.set_archived(org, action == "archive", current_user)
        if action == "archive":
            flash(_("Organisation archived. Restore it from the Archived list at any time."), "success")
        else:
            flash(_("Organisation restored."), "success")
    return redirect(url_for(".detail", org_id=org_id))


@bp.post("/assessments/<int:assessment_id>/<any(archive, restore):action>")
@login_required
def archive_assessment(assessment_id: int, action: str) -> ResponseReturnValue:
    """Archive the assessment (hidden from lists and comparisons, nothing lost) or restore it."""
    found = assessment_for(assessment_id, write=True)
    if ConfirmForm().validate_on_submit():
        operations.set_archived(found, action == "archive", current_user)
        if action == "archive":
            flash(_("Assessment archived. Restore it from the Archived list at any time."), "success")
        else:
            flash(_("Assessment restored."), "success")
    return redirect(url_for(".assessment", assessment_id=assessment_id))


@bp.post("/assessments/<int:assessment_id>/<any(finalise, reopen):change>")
@login_required
def finalise(assessment_id: int, change: str) -> ResponseReturnValue:
    """Finalise the assessment (answers, targets, consensus and KPI values become read-only) or reopen it."""
    found = assessment_for(assessment_id, write=True)
    if ConfirmForm().validate_on_submit() and found.is_final != (change == "finalise"):
        operations.set_final(found, change == "finalise", current_user)
        if change == "finalise":
            flash(_("Assessment finalised: reports now say Final."), "success")
        else:
            flash(_("Assessment reopened: reports say Draft until it is finalised again."), "success")
    return redirect(url_for(".assessment", assessment_id=assessment_id))


@bp.post("/assessments/<int:assessment_id>/next-cycle")
@login_required
def next_cycle(assessment_id: int) -> ResponseReturnValue:
    """Start the next assessment of the organisation, set up like this one and compared with it."""
    found = assessment_for(assessment_id, write=True)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for(".assessment", assessment_id=assessment_id))
    new = start_next_cycle(found, current_user)
    flash(_("Next cycle started: this assessment is set up like the last one and compared with it."), "success")
    return redirect(url_for(".assessment", assessment_id=new.id))
