"""Views: log in and out, change one's password."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from assessor.accounts import sessions
from assessor.accounts.passwords import policy_hint
from assessor.accounts.throttle import ThrottledError
from assessor.accounts.users import authenticate, set_password
from assessor.auth import bp
from assessor.auth.forms import LoginForm, NewPasswordForm, PasswordForm
from assessor.i18n import safe_next
from assessor.models import User

OPEN_BEFORE_A_NEW_PASSWORD = {"auth.change_password", "auth.logout", "static", "i18n.switch"}
"""What a user who must choose a new password may still open; every other request leads to the password page."""


@bp.before_app_request
def password_first() -> Response | None:
    """After a login with a one-time password, every page leads to the password page until it is changed."""
    if (
        current_user.is_authenticated
        and current_user.must_change_password
        and request.endpoint not in OPEN_BEFORE_A_NEW_PASSWORD
    ):
        return redirect(url_for("auth.change_password"))
    return None


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
    """Change one's own password (the current one required); every other session of the user ends.

    After a login with a one-time password (used up by that login) only the new password is asked.
    """
    user = current_user._get_current_object()  # type: ignore[attr-defined]
    forced = bool(user.must_change_password)
    form = NewPasswordForm() if forced else PasswordForm()
    if not form.validate_on_submit():
        return _password_page(form, forced), 400 if form.is_submitted() else 200
    if forced:
        return _changed(user, form)
    assert isinstance(form, PasswordForm)
    try:
        checked = authenticate(user.email, form.current.data or "", _client(), purpose="check")
    except ThrottledError as throttled:
        form.current.errors = [_throttled(throttled.seconds)]
        return _password_page(form, forced), 429, {"Retry-After": str(throttled.seconds)}
    if checked is None or checked.id != user.id:
        form.current.errors = [_("The current password is not correct.")]
        return _password_page(form, forced), 400
    return _changed(user, form)


def _changed(user: User, form: NewPasswordForm) -> ResponseReturnValue:
    set_password(user, form.new.data or "", user)
    sessions.renew(user)
    flash(_("Your password has been changed. Every other session has been logged out."), "success")
    return redirect(url_for("organisations.index"))


def _password_page(form: NewPasswordForm, forced: bool) -> str:
    return render_template("auth/password.html", form=form, forced=forced, hint=policy_hint())
