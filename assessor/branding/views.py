"""Views: the branding pages of a workspace and an organisation, and the logos themselves."""

from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from assessor.accounts.access import organisation_for, workspace_for
from assessor.branding import bp, operations
from assessor.branding.forms import LogoForm, WorkspaceNameForm
from assessor.inputs import InputForm
from assessor.models import Organisation, Workspace
from assessor.reports.branding import Owner, logo_of
from assessor.reports.logo_check import LogoError, check_logo

LOGO_MAX_AGE = 365 * 24 * 3600
"""A logo URL carries the logo's hash, so a cached copy is never stale: keep it a year (in the browser only)."""


@bp.get("/workspaces/<int:workspace_id>/branding")
@login_required
def workspace(workspace_id: int) -> ResponseReturnValue:
    """The firm's name and logo, as report covers show them."""
    ws = workspace_for(workspace_id, write=True)
    return _workspace_page(ws, WorkspaceNameForm(formdata=None, data={"name": ws.name}), LogoForm(formdata=None))


@bp.post("/workspaces/<int:workspace_id>/branding/name")
@login_required
def rename_workspace(workspace_id: int) -> ResponseReturnValue:
    """Change the firm's name."""
    ws = workspace_for(workspace_id, write=True)
    form = WorkspaceNameForm()
    if form.validate_on_submit():
        try:
            operations.rename_workspace(ws, form.name.data or "", current_user)
        except ValueError:
            form.name.errors = [_("Another workspace already has this name: choose another.")]
        else:
            flash(_("Name saved."), "success")
            return redirect(url_for(".workspace", workspace_id=ws.id))
    return _workspace_page(ws, form, LogoForm(formdata=None)), 400


@bp.get("/organisations/<int:org_id>/branding")
@login_required
def organisation(org_id: int) -> ResponseReturnValue:
    """The client's logo, as report covers show it."""
    org = organisation_for(org_id, write=True)
    return _organisation_page(org, LogoForm(formdata=None))


@bp.post("/workspaces/<int:workspace_id>/branding/logo")
@bp.post("/organisations/<int:org_id>/branding/logo")
@login_required
def upload_logo(workspace_id: int | None = None, org_id: int | None = None) -> ResponseReturnValue:
    """Check an uploaded logo by its content and store it (an SVG as its PNG rendering)."""
    owner = _owner(workspace_id, org_id)
    form = LogoForm()
    if form.validate_on_submit():
        try:
            checked = check_logo(form.logo.data.read(1024 * 1024 + 1))
        except LogoError as exc:
            form.logo.errors = [str(exc)]
        else:
            operations.set_logo(owner, checked, current_user)
            flash(_("Logo saved."), "success")
            return redirect(_page_url(owner))
    if isinstance(owner, Workspace):
        return _workspace_page(owner, WorkspaceNameForm(formdata=None, data={"name": owner.name}), form), 400
    return _organisation_page(owner, form), 400


@bp.post("/workspaces/<int:workspace_id>/branding/logo/remove")
@bp.post("/organisations/<int:org_id>/branding/logo/remove")
@login_required
def remove_logo(workspace_id: int | None = None, org_id: int | None = None) -> ResponseReturnValue:
    """Remove the logo: covers show none from now on."""
    owner = _owner(workspace_id, org_id)
    if not InputForm().validate_on_submit():
        abort(400)
    if operations.remove_logo(owner, current_user):
        flash(_("Logo removed."), "success")
    return redirect(_page_url(owner))


@bp.get("/workspaces/<int:workspace_id>/logo")
@bp.get("/organisations/<int:org_id>/logo")
@login_required
def logo(workspace_id: int | None = None, org_id: int | None = None) -> ResponseReturnValue:
    """The stored logo, to everyone who may see its workspace or organisation (404 to anyone else)."""
    owner = workspace_for(workspace_id) if workspace_id is not None else organisation_for(org_id or 0)
    stored = logo_of(owner, with_data=True)
    if stored is None:
        abort(404)
    response = make_response(stored.data)
    response.headers["Content-Type"] = stored.mime
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'"
    response.headers["Content-Disposition"] = "inline"
    response.set_etag(stored.sha256)
    # Private: what a logo looks like is for the people who may see the workspace or organisation.
    fresh = request.args.get("v") == stored.sha256[:16]
    response.headers["Cache-Control"] = f"private, max-age={LOGO_MAX_AGE}, immutable" if fresh else "private, no-cache"
    return response.make_conditional(request)


def logo_url(owner: Owner) -> str | None:
    """The URL of the stored logo of ``owner`` (with its hash, so it caches), or None."""
    stored = logo_of(owner)
    if stored is None:
        return None
    if isinstance(owner, Workspace):
        return url_for(".logo", workspace_id=owner.id, v=stored.sha256[:16])
    return url_for(".logo", org_id=owner.id, v=stored.sha256[:16])


def _owner(workspace_id: int | None, org_id: int | None) -> Owner:
    """The workspace or organisation whose logo the current user changes (403 for viewers, 404 outside reach)."""
    if workspace_id is not None:
        return workspace_for(workspace_id, write=True)
    return organisation_for(org_id or 0, write=True)


def _page_url(owner: Owner) -> str:
    if isinstance(owner, Workspace):
        return url_for(".workspace", workspace_id=owner.id)
    return url_for(".organisation", org_id=owner.id)


def _workspace_page(ws: Workspace, name_form: WorkspaceNameForm, logo_form: LogoForm) -> str:
    return render_template(
        "branding/workspace.html",
        ws=ws,
        name_form=name_form,
        logo_form=logo_form,
        remove=InputForm(formdata=None),
        logo_src=logo_url(ws),
    )


def _organisation_page(org: Organisation, logo_form: LogoForm) -> str:
    return render_template(
        "branding/organisation.html",
        org=org,
        logo_form=logo_form,
        remove=InputForm(formdata=None),
        logo_src=logo_url(org),
    )
