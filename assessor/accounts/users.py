"""Accounts: creating users, checking credentials (login throttling applied), passwords,
deactivation and ending sessions."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Literal

import sqlalchemy as sa

from assessor.accounts import throttle
from assessor.accounts.passwords import MIN_PASSWORD_LENGTH, hash_password, verify_password
from assessor.extensions import db
from assessor.history import record
from assessor.inputs import check_text, checked_email
from assessor.models import Role, User, Workspace


def normalise_email(email: str) -> str:
    """E-mail addresses compare case-insensitively and without surrounding spaces."""
    return email.strip().lower()


LOGIN_WINDOW = timedelta(minutes=15)
"""Window of the per-account-and-address counter."""
PAIR_ATTEMPTS = 5
"""Login attempts per account and client address per window; a success clears them."""
ACCOUNT_WINDOW = timedelta(hours=1)
ACCOUNT_FAILURES = 20
"""Failed logins on one account (from any address) per hour after which the account counts as
under attack: every address then gets only one attempt per window for it (a delay, never a lock:
an address that has not failed yet, such as the owner's, still gets its attempt)."""
ADDRESS_WINDOW = timedelta(hours=1)
ADDRESS_FAILURES = 100
"""Failed logins from one client address (any account) per hour before it must wait; generous so
that an office behind one address is not locked out by a few typos."""


def _keys(address: str, client: str) -> tuple[str, str, str]:
    return f"login:pair:{address}|{client}", f"login:account:{address}", f"login:client:{client}"


def authenticate(
    email: str, password: str, client: str, *, purpose: Literal["login", "check"] = "login"
) -> User | None:
    """Return the active user whose credentials these are, or None; failed attempts are slowed down.

    Every attempt is counted first (atomically), then the password is checked only if the counters
    allow it; a success takes its attempt back.

    :raise ThrottledError: if this client tried this account too often, or failed too often with
        any account; the password is then not checked.
    """
    address = normalise_email(email)
    pair, account, from_client = _keys(address, client)
    on_account = throttle.hit(account, ACCOUNT_WINDOW)
    on_pair = throttle.hit(pair, LOGIN_WINDOW)
    on_client = throttle.hit(from_client, ADDRESS_WINDOW)
    allowed = 1 if on_account.hits > ACCOUNT_FAILURES else PAIR_ATTEMPTS
    client_over = on_client.hits > ADDRESS_FAILURES
    waits = [on_pair.seconds_left] if on_pair.hits > allowed else []
    waits += [on_client.seconds_left] if client_over else []
    if waits:
        # A refused attempt checks no password: it stays counted for this account and address
        # only, so hammering one account neither marks it as under attack nor uses up the
        # allowance of everyone else behind the same address.
        throttle.refund(account, *([] if client_over else [from_client]))
        detail = f"from {client}, wait {max(waits)} s"
        record("login throttled", None, None, detail, actor_label=address, level=logging.WARNING)
        db.session.commit()
        raise throttle.ThrottledError(max(waits))
    user = db.session.scalar(sa.select(User).where(User.email == address))
    if user is None or not verify_password(user.password_hash, password) or not user.active:
        if user is None:
            verify_password(None, password)  # same cost as a real check: timing reveals no accounts
        detail = f"from {client}" + ("" if purpose == "login" else ", current password check")
        record("login failed", user, None, detail, actor_label=address, level=logging.WARNING)
        db.session.commit()
        return None
    throttle.reset(pair)
    throttle.refund(account, from_client)
    throttle.forget_expired()
    if purpose == "login":
        record("login", user, user, f"{user.role} from {client}")
        db.session.commit()
    return user


def set_password(user: User, password: str, actor: User | None) -> None:
    """Give ``user`` a new password and end all of their sessions (commits and logs).

    :raise ValueError: on a password shorter than :data:`MIN_PASSWORD_LENGTH`.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    user.password_hash = hash_password(password)
    _end_sessions(user)
    record("password changed", user, actor, "all sessions ended")
    db.session.commit()


def set_active(user: User, active: bool, actor: User | None) -> None:
    """Deactivate (ending every session) or reactivate ``user`` (commits and logs)."""
    user.active = active
    if not active:
        _end_sessions(user)
    record("account reactivated" if active else "account deactivated", user, actor)
    db.session.commit()


def end_sessions(user: User, reason: str) -> None:
    """End every session of ``user`` (commits and records ``reason``, a history verb such as ``logout``)."""
    _end_sessions(user)
    record(reason, user, user, "all sessions ended")
    db.session.commit()


def _end_sessions(user: User) -> None:
    # One atomic increment: two requests ending sessions at once both count.
    db.session.execute(sa.update(User).where(User.id == user.id).values(session_version=User.session_version + 1))
    db.session.refresh(user)


def user_by_email(email: str) -> User | None:
    """The user with this e-mail address (compared as :func:`normalise_email` does), or None."""
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def create_user(
    email: str,
    name: str,
    password: str,
    role: Role,
    *,
    workspace: Workspace | None = None,
    organisation_id: int | None = None,
    actor: User | None = None,
    verb: str = "account created",
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
    record(verb, user, actor, f"{address}, {user.role}")
    db.session.commit()
    return user
