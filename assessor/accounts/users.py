"""Accounts: creating users and checking credentials (login throttling applied)."""

from __future__ import annotations

import logging

import sqlalchemy as sa

from assessor.accounts import throttle
from assessor.accounts.passwords import MIN_PASSWORD_LENGTH, hash_password, verify_password
from assessor.extensions import db
from assessor.inputs import check_text, checked_email
from assessor.models import Role, User, Workspace

log = logging.getLogger(__name__)


class LoginThrottledError(Exception):
    """Too many failed attempts: the client must wait ``seconds`` before trying again."""

    def __init__(self, seconds: int) -> None:
        super().__init__(f"wait {seconds} s")
        self.seconds = seconds


def normalise_email(email: str) -> str:
    """E-mail addresses compare case-insensitively and without surrounding spaces."""
    return email.strip().lower()


def authenticate(email: str, password: str, client: str) -> User | None:
    """Return the user whose credentials these are, or None; failed attempts are slowed down.

    :raise LoginThrottledError: if this address or client failed too often recently; the password
        is then not even checked.
    """
    address = normalise_email(email)
    keys = [f"email:{address}", f"client:{client}"]
    wait = throttle.required_wait(keys)
    if wait:
        log.warning("login throttled for %s from %s (wait %d s)", address, client, wait)
        raise LoginThrottledError(wait)
    user = db.session.scalar(sa.select(User).where(User.email == address))
    if user is None or not verify_password(user.password_hash, password):
        if user is None:
            verify_password(None, password)  # same cost as a real check: timing reveals no accounts
        throttle.record_failure(keys)
        log.warning("login failed for %s from %s", address, client)
        return None
    throttle.clear(keys)
    log.info("login: user %s (%s) from %s", user.id, user.role, client)
    return user


def load_user(user_id: str) -> User | None:
    """The user of a session (Flask-Login's user loader)."""
    return db.session.get(User, int(user_id)) if user_id.isdigit() else None


def create_user(
    email: str,
    name: str,
    password: str,
    role: Role,
    *,
    workspace: Workspace | None = None,
    organisation_id: int | None = None,
) -> User:
    """Create and commit a user.

    :raise ValueError: on a short password, an invalid or duplicate e-mail, a control character in
        a text, or a role without its scope (a consultant needs a workspace, a viewer an organisation).
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    address = checked_email(email)  # the one e-mail and text rule (assessor.inputs), web and CLI alike
    check_text(name, "the name")
    check_text(password, "the password")
    if db.session.scalar(sa.select(User.id).where(User.email == address)) is not None:
        raise ValueError(f"a user with the e-mail {address} exists already")
    if role == Role.CONSULTANT and workspace is None:
        raise ValueError("a consultant needs a workspace")
    if role == Role.VIEWER and organisation_id is None:
        raise ValueError("a viewer needs an organisation")
    user = User(
        email=address,
        name=name.strip() or address,
        password_hash=hash_password(password),
        role=str(role),
        workspace=workspace,
        organisation_id=organisation_id,
    )
    db.session.add(user)
    db.session.commit()
    log.info("account created: user %s (%s, %s)", user.id, address, user.role)
    return user
