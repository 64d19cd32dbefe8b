"""Accounts: creating users, checking credentials (login throttling applied), passwords (the
policy of :mod:`assessor.accounts.passwords`, one-time passwords), deactivation and ending sessions.
Web and command line call the same functions."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Literal

import sqlalchemy as sa

from assessor.accounts import throttle
from assessor.accounts.passwords import (
    check_password,
    hash_password,
    one_time_password,
    unusable_hash,
    verify_password,
)
from assessor.extensions import db
from assessor.history import record
from assessor.inputs import check_text, checked_email
from assessor.models import Role, User, Workspace, WorkspaceMember


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
    checked_hash = user.password_hash if user is not None else None
    if user is None or not verify_password(checked_hash, password) or not user.active:
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
        detail = f"{user.role} from {client}"
        if user.must_change_password and not _use_up(user, checked_hash):
            detail = f"from {client}, one-time password used already"
            record("login failed", user, None, detail, actor_label=address, level=logging.WARNING)
            db.session.commit()
            return None
        if user.must_change_password:
            detail += ", one-time password used"
        record("login", user, user, detail)
        db.session.commit()
    return user


def _use_up(user: User, checked_hash: str | None) -> bool:
    """Replace the one-time password (whose hash was ``checked_hash``) by an unusable hash; False if
    a parallel login used it first.

    One conditional update: of two logins with the same one-time password, only one changes the row
    (PostgreSQL re-checks the condition after the first commits; SQLite serialises writers).
    """
    statement = (
        sa.update(User)
        .where(User.id == user.id, User.password_hash == checked_hash)
        .values(password_hash=unusable_hash())
    )
    used = db.session.execute(statement)
    db.session.refresh(user)
    return bool(used.rowcount == 1)  # type: ignore[attr-defined]


def set_password(user: User, password: str, actor: User | None) -> None:
    """Give ``user`` the password they chose and end all of their sessions (commits and logs).

    :raise PasswordRefusedError: (a ValueError) on a password the policy refuses.
    """
    check_password(password)
    check_text(password, "the password")
    user.password_hash = hash_password(password)
    user.must_change_password = False
    _end_sessions(user)
    record("password changed", user, actor, "all sessions ended")
    db.session.commit()


def reset_password(user: User, actor: User | None, password: str | None = None) -> str:
    """Reset ``user``'s password to a one-time password (random unless given) and return it.

    It opens one session, in which every page leads to the password page until the user has
    chosen a new password; every session of the user ends now. Only its hash is stored, and
    neither the history nor the log sees it (commits once).

    :raise PasswordRefusedError: (a ValueError) on a given password the policy refuses.
    """
    password = password if password is not None else one_time_password()
    check_password(password)
    check_text(password, "the password")
    user.password_hash = hash_password(password)
    user.must_change_password = True
    _end_sessions(user)
    record("password reset", user, actor, "one-time password issued, all sessions ended")
    db.session.commit()
    return password


def deactivate_quietly(user: User) -> None:
    """Deactivate ``user`` and end every session, for an operation that records and commits it itself."""
    user.active = False
    _end_sessions(user)


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
    one_time: bool = False,
) -> User:
    """Create and commit a user.

    A user with a workspace becomes its first (or next) member. With ``one_time``, the password
    is a one-time password: the user must choose their own at the first login.

    :raise ValueError: on a password the policy refuses (:class:`PasswordRefusedError`), an invalid or
        duplicate e-mail, a control character in a text, or a role without its scope (a
        consultant needs a workspace, a viewer an organisation).
    """
    check_password(password)
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
        must_change_password=one_time,
    )
    db.session.add(user)
    if workspace is not None:
        db.session.add(WorkspaceMember(workspace=workspace, user=user))
    record(verb, user, actor, f"{address}, {user.role}")
    db.session.commit()
    return user
