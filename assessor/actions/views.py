"""Views: an organisation's action plan (everyone who can read the organisation) and its changes (editors)."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms.fields import SelectChoice

from assessor.accounts.access import assessment_for, organisation_for
from assessor.actions import bp
from assessor.actions.forms import ActionForm, ConfirmForm, NoteForm, StatusForm, TrackForm, item_codes, status_choices
from assessor.assessments.actions import (
    ActionEntry,
    ActionFilter,
    ActionRuleError,
    action_of,
    add_note,
    create_action,
    delete_action,
    late_done,
    listed,
    set_status,
    state_of,
    track,
    update_action,
)
from assessor.assessments.custom_kpis import framework_for
from assessor.i18n import current_lang
from assessor.models import Action, Organisation
from assessor.scoring.actions import STATUSES, is_due_soon, is_overdue
from assessor.standards import get_framework

STATUS_LABELS = {
    "planned": _l("Planned"),
    "in_progress": _l("Under way"),  # "In progress" is a respondent's state in the catalogue (回答中)
    "blocked": _l("Blocked"),
    "done": _l("Done"),
    "wont_do": _l("Won't do"),
}
DUE_FILTERS = {"overdue": _l("Overdue"), "soon": _l("Due within 30 days")}


def _action_form(org: Organisation, data: ActionForm | None = None, action: Action | None = None) -> ActionForm:
    framework, lang = framework_for(org.id, get_framework()), current_lang()
    if data is not None:
        form = data
    elif action is not None:
        form = ActionForm(
            data={
                "title": action.title,
                "title_ja": action.title_ja,
                "elements": action.element_ids.split(),
                "items": action.item_codes,
                "kpis": action.kpi_ids.split(),
                "owner": action.owner,
                "due": action.due,
                "progress": action.progress,
            }
        )
    else:
        form = ActionForm()
    form.elements.choices = [SelectChoice(e.id, f"{e.id} {e.name.get(lang)}") for e in framework.elements]
    form.kpis.choices = [SelectChoice(k.id, k.name.get(lang)) for k in framework.kpis]
    return form


def _status_form(data: StatusForm | None = None, action: Action | None = None) -> StatusForm:
    form = data or StatusForm(data={"status": action.status, "reason": action.reason} if action else None)
    form.status.choices = status_choices({k: str(v) for k, v in STATUS_LABELS.items()})
    return form


def _entry(form: ActionForm) -> ActionEntry:
    return ActionEntry(
        title=form.title.data or "",
        title_ja=form.title_ja.data or "",
        element_ids=tuple(form.elements.data or ()),
        item_codes=item_codes(form.items.data),
        kpi_ids=tuple(form.kpis.data or ()),
        owner=form.owner.data or "",
        due=form.due.data,
        progress=form.progress.data or 0,
    )


def _row(action: Action, today: date) -> dict[str, object]:
    state = state_of(action)
    return {
        "action": action,
        "title": action.title_in(current_lang()),
        "status": STATUS_LABELS.get(action.status, action.status),
        "overdue": is_overdue(state, today),
        "soon": is_due_soon(state, today),
        "late_done": late_done(action),
    }


def _list_page(org: Organisation, form: ActionForm | None = None) -> str:
    today = date.today()
    wanted = ActionFilter(
        status=request.args.get("status", "") if request.args.get("status", "") in STATUSES else "",
        owner=request.args.get("owner", "")[:120],
        element=request.args.get("element", "")[:20],
        due=request.args.get("due", "") if request.args.get("due", "") in DUE_FILTERS else "",
        today=today,
    )
    framework, lang = get_framework(), current_lang()
    return render_template(
        "actions/index.html",
        org=org,
        rows=[_row(a, today) for a in listed(org, wanted)],
        wanted=wanted,
        statuses=STATUS_LABELS,
        due_filters=DUE_FILTERS,
        elements=[(e.id, e.name.get(lang)) for e in framework.elements],
        form=_action_form(org, form) if current_user.can_edit else None,
    )


def _found(org_id: int, action_id: int, *, write: bool = False) -> tuple[Organisation, Action]:
    org = organisation_for(org_id, write=write)
    action = action_of(org, action_id)
    if action is None:
        abort(404)
    return org, action


def _detail_page(
    org: Organisation,
    action: Action,
    form: ActionForm | None = None,
    status_form: StatusForm | None = None,
    note_form: NoteForm | None = None,
) -> str:
    framework, lang = framework_for(org.id, get_framework()), current_lang()
    elements = {e.id: e.name.get(lang) for e in framework.elements}
    kpis = {k.id: k.name.get(lang) for k in framework.kpis}
    editing = current_user.can_edit
    return render_template(
        "actions/detail.html",
        org=org,
        row=_row(action, date.today()),
        elements=[(i, elements.get(i, i)) for i in action.element_ids.split()],
        kpis=[kpis.get(i, i) for i in action.kpi_ids.split()],
        form=_action_form(org, form, action) if editing else None,
        status_form=_status_form(status_form, action) if editing else None,
        note_form=(note_form or NoteForm()) if editing else None,
    )


@bp.get("/organisations/<int:org_id>/actions")
@login_required
def index(org_id: int) -> ResponseReturnValue:
    """The organisation's action plan across its assessments, filtered by status, owner, element and due date."""
    return _list_page(organisation_for(org_id))


@bp.post("/organisations/<int:org_id>/actions")
@login_required
def create(org_id: int) -> ResponseReturnValue:
    """Add one's own action to the plan."""
    org = organisation_for(org_id, write=True)
    form = _action_form(org, ActionForm())
    if not form.validate_on_submit():
        return _list_page(org, form), 400
    action = create_action(org, _entry(form), current_user)
    flash(_("Action added to the action plan."), "success")
    return redirect(url_for(".detail", org_id=org.id, action_id=action.id))


@bp.get("/organisations/<int:org_id>/actions/<int:action_id>")
@login_required
def detail(org_id: int, action_id: int) -> ResponseReturnValue:
    """One action with its notes; editors change it here."""
    return _detail_page(*_found(org_id, action_id))


@bp.post("/organisations/<int:org_id>/actions/<int:action_id>")
@login_required
def edit(org_id: int, action_id: int) -> ResponseReturnValue:
    """Change an action's title, elements, items, KPIs, owner, due date and progress."""
    org, action = _found(org_id, action_id, write=True)
    form = _action_form(org, ActionForm())
    if not form.validate_on_submit():
        return _detail_page(org, action, form=form), 400
    update_action(action, _entry(form), current_user)
    flash(_("Action saved."), "success")
    return redirect(url_for(".detail", org_id=org.id, action_id=action.id))


@bp.post("/organisations/<int:org_id>/actions/<int:action_id>/status")
@login_required
def status(org_id: int, action_id: int) -> ResponseReturnValue:
    """Change an action's status (won't do with its reason)."""
    org, action = _found(org_id, action_id, write=True)
    form = _status_form(StatusForm())
    if not form.validate_on_submit():
        return _detail_page(org, action, status_form=form), 400
    try:
        set_status(action, form.status.data or "", form.reason.data or "", current_user)
    except ActionRuleError:
        form.reason.errors = [_("Say why this action will not be done.")]
        return _detail_page(org, action, status_form=form), 400
    flash(_("Status changed."), "success")
    return redirect(url_for(".detail", org_id=org.id, action_id=action.id))


@bp.post("/organisations/<int:org_id>/actions/<int:action_id>/notes")
@login_required
def note(org_id: int, action_id: int) -> ResponseReturnValue:
    """Add a dated note to the action's log."""
    org, action = _found(org_id, action_id, write=True)
    form = NoteForm()
    if not form.validate_on_submit():
        return _detail_page(org, action, note_form=form), 400
    add_note(action, form.text.data or "", current_user)
    flash(_("Note added."), "success")
    return redirect(url_for(".detail", org_id=org.id, action_id=action.id))


@bp.route("/organisations/<int:org_id>/actions/<int:action_id>/delete", methods=["GET", "POST"])
@login_required
def delete(org_id: int, action_id: int) -> ResponseReturnValue:
    """Delete an action with its notes, after a confirmation page."""
    org, action = _found(org_id, action_id, write=True)
    form = ConfirmForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        delete_action(action, current_user)
        flash(_("Action deleted."), "success")
        return redirect(url_for(".index", org_id=org.id))
    return render_template(
        "actions/delete.html", org=org, action=action, title=action.title_in(current_lang()), form=form
    )


@bp.post("/assessments/<int:assessment_id>/actions/track")
@login_required
def track_action(assessment_id: int) -> ResponseReturnValue:
    """Track one of the report's recommended actions (once per organisation)."""
    assessment = assessment_for(assessment_id, write=True)
    form = TrackForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        action, created = track(assessment, get_framework(), form.library_id.data or "", current_user)
    except KeyError:
        abort(404)
    if created:
        flash(_("Action added to the action plan."), "success")
    else:
        flash(_("This action is already in the action plan."), "info")
    return redirect(url_for(".detail", org_id=action.organisation_id, action_id=action.id))
