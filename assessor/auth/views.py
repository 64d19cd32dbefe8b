"""Views: log in and out, change one's password."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from assessor.accounts import sessions
from assessor.accounts.passwords import MIN_PASSWORD_LENGTH
from assessor.accounts.throttle import ThrottledError
from assessor.accounts.users import authenticate, set_password
from assessor.auth import bp
from assessor.auth.forms import LoginForm, PasswordForm
from assessor.i18n import safe_next


def _client() -> str:
    return request.remote_addr or "?"


def _throttled(seconds: int) -> str:
    return _("Too many failed attempts. Wait %(seconds)d seconds and try again.", seconds=seconds)


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    """Check e-mail and password; slow down repeated failures; start a fresh session."""
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form), 400 if form.is_submitted() else 200
    try:
        user = authenticate(form.email.data or "", form.password.data or "", _client())
    except ThrottledError as throttled:
        form.password.errors = [_throttled(throttled.seconds)]
        return render_template("auth/login.html", form=form), 429, {"Retry-After": str(throttled.seconds)}
    if user is None or not sessions.start(user):
        form.password.errors = [_("E-mail or password is not correct.")]
        return render_template("auth/login.html", form=form), 401
    return redirect(safe_next(request.args.get("next"), url_for("organisations.index")))


@bp.post("/logout")
@login_required
def logout() -> ResponseReturnValue:
    """End this session and every other session of the user."""
    sessions.end(current_user._get_current_object())  # type: ignore[attr-defined]
    flash(_("You have logged out."), "success")
    return redirect(url_for(".login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password() -> ResponseReturnValue:
    """Change one's own password; every other session of the user ends."""
    user = current_user._get_current_object()  # type: ignore[attr-defined]
    form = PasswordForm()
    if not form.validate_on_submit():
        return _password_page(form), 400 if form.is_submitted() else 200
    try:
        checked = authenticate(user.email, form.current.data or "", _client(), purpose="check")
    except ThrottledError as throttled:
        form.current.errors = [_throttled(throttled.seconds)]
        return _password_page(form), 429, {"Retry-After": str(throttled.seconds)}
    if checked is None or checked.id != user.id:
        form.current.errors = [_("The current password is not correct.")]
        return _password_page(form), 400
    set_password(user, form.new.data or "", user)
    sessions.renew(user)
    flash(_("Your password has been changed. Every other session has been logged out."), "success")
    return redirect(url_for("organisations.index"))


def _password_page(form: PasswordForm) -> str:
    return render_template("auth/password.html", form=form, min_length=MIN_PASSWORD_LENGTH)
