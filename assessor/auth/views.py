"""Views: log in and out."""

from __future__ import annotations

import logging

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from assessor.accounts.users import LoginThrottledError, authenticate
from assessor.auth import bp
from assessor.auth.forms import LoginForm
from assessor.i18n import safe_next
from assessor.logs import who

log = logging.getLogger(__name__)


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    """Check e-mail and password; slow down repeated failures."""
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form), 400 if form.is_submitted() else 200
    try:
        user = authenticate(form.email.data or "", form.password.data or "", request.remote_addr or "?")
    except LoginThrottledError as throttled:
        form.password.errors = [
            _("Too many failed attempts. Wait %(seconds)d seconds and try again.", seconds=throttled.seconds)
        ]
        return render_template("auth/login.html", form=form), 429, {"Retry-After": str(throttled.seconds)}
    if user is None:
        form.password.errors = [_("E-mail or password is not correct.")]
        return render_template("auth/login.html", form=form), 401
    login_user(user)
    return redirect(safe_next(request.args.get("next"), url_for("organisations.index")))


@bp.post("/logout")
@login_required
def logout() -> ResponseReturnValue:
    """End the session."""
    log.info("logout: %s", who(current_user))
    logout_user()
    flash(_("You have logged out."), "success")
    return redirect(url_for(".login"))
