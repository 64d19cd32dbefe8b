"""Views: the administrator's pages (history, accounts, workspace members); admins only, others 403."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import login_required
from wtforms.fields import SelectChoice

from assessor.accounts.access import require_editor
from assessor.accounts.members import add_member, remove_member
from assessor.accounts.users import reset_password, set_active, user_by_email
from assessor.admin import bp, operations
from assessor.admin.forms import AccountForm, ConfirmForm, HistoryFilterForm, MemberForm
from assessor.demo import DEMO_WORKSPACE, reset_demo
from assessor.extensions import db
from assessor.history import VERBS, entries, verb_label
from assessor.models import Role, User, Workspace
from assessor.standards import get_framework


def _admin() -> User:
    """The current user if an administrator; viewers and consultants get 403."""
    user = require_editor()
    if user.role != Role.ADMIN:
        abort(403)
    return user


@bp.get("/history")
@login_required
def history() -> ResponseReturnValue:
    """Every history entry, newest first, filterable by verb and organisation (admins only)."""
    _admin()
    form = HistoryFilterForm(request.args)
    form.verb.choices = [SelectChoice("", _("Everything"))] + [SelectChoice(v, verb_label(v)) for v in VERBS]
    if request.args and not form.validate():
        return render_template("admin/history.html", form=form, events=[]), 400
    events = entries(verb=form.verb.data or None, organisation_id=form.organisation.data)
    return render_template("admin/history.html", form=form, events=events)


def _accounts_page(form: AccountForm | None = None) -> str:
    users = db.session.scalars(sa.select(User).order_by(User.role, User.email)).all()
    return render_template(
        "admin/accounts.html", users=users, form=form or AccountForm(formdata=None), confirm=ConfirmForm(formdata=None)
    )


@bp.get("/accounts")
@login_required
def accounts() -> ResponseReturnValue:
    """Every account with its role, workspaces and state; the form for a new one."""
    _admin()
    return _accounts_page()


@bp.post("/accounts")
@login_required
def create_account() -> ResponseReturnValue:
    """Create a consultant or an administrator; the one-time password is shown once, on the result page only."""
    actor = _admin()
    form = AccountForm()
    if form.validate_on_submit():
        role = Role(form.role.data or "consultant")
        if role == Role.CONSULTANT and not (form.workspace.data or "").strip():
            form.workspace.errors = [_("A consultant needs a workspace.")]
        elif user_by_email(form.email.data or "") is not None:
            form.email.errors = [_("An account with this e-mail address exists already.")]
        else:
            user, password = operations.create_account(
                form.email.data or "", form.name.data or "", role, form.workspace.data or "", actor
            )
            return render_template("admin/password_given.html", user=user, password=password, created=True)
    return _accounts_page(form), 400


def _account(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.post("/accounts/<int:user_id>/deactivate")
@login_required
def deactivate(user_id: int) -> ResponseReturnValue:
    """Stop an account: no more logins, and every open session stops on its next request."""
    actor = _admin()
    user = _account(user_id)
    if not ConfirmForm().validate_on_submit() or not user.active:
        return _accounts_page(), 400
    if user.id == actor.id:
        flash(_("You cannot deactivate your own account."), "error")
        return _accounts_page(), 400
    set_active(user, False, actor)
    flash(_("%(email)s can no longer log in.", email=user.email), "success")
    return redirect(url_for(".accounts"))


@bp.post("/accounts/<int:user_id>/reactivate")
@login_required
def reactivate(user_id: int) -> ResponseReturnValue:
    """Let a deactivated account log in again."""
    actor = _admin()
    user = _account(user_id)
    if not ConfirmForm().validate_on_submit() or user.active:
        return _accounts_page(), 400
    set_active(user, True, actor)
    flash(_("%(email)s can log in again.", email=user.email), "success")
    return redirect(url_for(".accounts"))


@bp.post("/accounts/<int:user_id>/password")
@login_required
def reset(user_id: int) -> ResponseReturnValue:
    """Reset an account's password to a one-time password, shown once on the result page only."""
    actor = _admin()
    user = _account(user_id)
    if not ConfirmForm().validate_on_submit():
        return _accounts_page(), 400
    if user.id == actor.id:
        flash(_("Change your own password on the password page (behind your name)."), "error")
        return _accounts_page(), 400
    password = reset_password(user, actor)
    return render_template("admin/password_given.html", user=user, password=password, created=False)


def _workspaces_page(failed: tuple[int, MemberForm] | None = None) -> str:
    workspaces = db.session.scalars(sa.select(Workspace).order_by(Workspace.name)).all()
    forms = {ws.id: MemberForm(formdata=None, prefix=f"ws{ws.id}") for ws in workspaces}
    if failed is not None:
        forms[failed[0]] = failed[1]
    return render_template(
        "admin/workspaces.html",
        workspaces=workspaces,
        forms=forms,
        confirm=ConfirmForm(formdata=None),
        demo_workspace=DEMO_WORKSPACE,
    )


def _workspace(workspace_id: int) -> Workspace:
    workspace = db.session.get(Workspace, workspace_id)
    if workspace is None:
        abort(404)
    return workspace


@bp.get("/workspaces")
@login_required
def workspaces() -> ResponseReturnValue:
    """Every workspace with its members, who share its organisations."""
    _admin()
    return _workspaces_page()


@bp.post("/workspaces/<int:workspace_id>/members")
@login_required
def add_workspace_member(workspace_id: int) -> ResponseReturnValue:
    """Add a consultant (or an administrator) to a workspace: they see and change its organisations."""
    actor = _admin()
    workspace = _workspace(workspace_id)
    form = MemberForm(prefix=f"ws{workspace.id}")
    if form.validate_on_submit():
        user = user_by_email(form.email.data or "")
        if user is None:
            form.email.errors = [_("No account has this e-mail address.")]
        elif user.role == Role.VIEWER:
            form.email.errors = [_("A read-only login cannot be a workspace member.")]
        elif any(m.user_id == user.id for m in workspace.members):
            form.email.errors = [_("This account is a member already.")]
        else:
            add_member(workspace, user, actor)
            flash(
                _("%(email)s now shares the organisations of %(name)s.", email=user.email, name=workspace.name),
                "success",
            )
            return redirect(url_for(".workspaces"))
    return _workspaces_page((workspace.id, form)), 400


@bp.post("/workspaces/<int:workspace_id>/members/<int:user_id>/remove")
@login_required
def remove_workspace_member(workspace_id: int, user_id: int) -> ResponseReturnValue:
    """Remove a member: they no longer see the workspace's organisations (which stay)."""
    actor = _admin()
    workspace = _workspace(workspace_id)
    user = _account(user_id)
    if not any(m.user_id == user.id for m in workspace.members):
        abort(404)
    if not ConfirmForm().validate_on_submit():
        return _workspaces_page(), 400
    remove_member(workspace, user, actor)
    flash(
        _("%(email)s no longer sees the organisations of %(name)s.", email=user.email, name=workspace.name), "success"
    )
    return redirect(url_for(".workspaces"))


@bp.post("/demo/reset")
@login_required
def demo_reset() -> ResponseReturnValue:
    """Put the demo organisations back as shipped; clients' organisations are untouched (admins only)."""
    actor = _admin()
    if not ConfirmForm().validate_on_submit():
        abort(400)
    deleted = reset_demo(get_framework(), actor)
    flash(_("The demo is back as shipped (%(num)d demo organisations replaced).", num=deleted), "success")
    return redirect(url_for("admin.workspaces"))
