"""Login sessions that really end.

The session is Flask's signed cookie; what makes it revocable is the user id it carries,
``<user id>:<session version>`` (:meth:`assessor.models.User.get_id`). Every request loads the
user through :func:`load_user`, which refuses the session when

- the version is not the user's current one: logout, a password change or reset and a
  deactivation raise the version, so every copy of every earlier cookie is refused;
- the user is deactivated;
- the session has been idle longer than ``SESSION_IDLE_TIMEOUT`` or was started longer than
  ``SESSION_LIFETIME`` ago (both set in :mod:`assessor.config`).

Logging in rotates the session: everything in the old cookie except the language is dropped
(including its CSRF token), so a session planted before the login is worth nothing after it.
"""

from __future__ import annotations

import logging
import time

from flask import current_app, session
from flask_login import login_user, logout_user

from assessor.accounts.users import end_sessions
from assessor.extensions import db
from assessor.models import User

log = logging.getLogger(__name__)

LOGIN_AT = "login_at"
SEEN_AT = "seen_at"
KEPT = ("lang",)
"""Session entries that survive login and logout (preferences, not identity)."""


def start(user: User) -> bool:
    """Log ``user`` in on a fresh session; False if the account is deactivated."""
    _rotate()
    if not login_user(user):
        return False
    now = time.time()
    session[LOGIN_AT] = now
    session[SEEN_AT] = now
    return True


def end(user: User) -> None:
    """Log out: end this and every other session of ``user``."""
    end_sessions(user, "logout")
    logout_user()
    _rotate()


def renew(user: User) -> None:
    """Keep the current browser logged in after its user's sessions were ended (password change):
    a new session carrying the new version, with the original login time."""
    started = session.get(LOGIN_AT)
    start(user)
    if isinstance(started, float | int):
        session[LOGIN_AT] = started


def load_user(user_id: str) -> User | None:
    """Flask-Login's user loader: the user of a session that is still valid, else None."""
    number, _, version = user_id.partition(":")
    if not (number.isascii() and number.isdigit() and version.isascii() and version.isdigit()):
        return _refuse("malformed session")
    user = db.session.get(User, int(number))
    if user is None or not user.active or user.session_version != int(version):
        return _refuse("ended session")
    now = time.time()
    login_at, seen_at = session.get(LOGIN_AT), session.get(SEEN_AT)
    if not isinstance(login_at, float | int) or not isinstance(seen_at, float | int):
        return _refuse("session without times")
    idle = current_app.config["SESSION_IDLE_TIMEOUT"].total_seconds()
    if now - login_at > current_app.config["SESSION_LIFETIME"].total_seconds():
        return _refuse(f"session of user {user.id} reached its lifetime")
    if now - seen_at > idle:
        return _refuse(f"session of user {user.id} was idle too long")
    if now - seen_at >= min(60.0, idle / 10):  # do not rewrite the cookie on every request
        session[SEEN_AT] = now
    return user


def _refuse(reason: str) -> User | None:
    log.info("session refused: %s", reason)
    _rotate()
    return None


def _rotate() -> None:
    kept = {key: session[key] for key in KEPT if key in session}
    session.clear()
    session.update(kept)
