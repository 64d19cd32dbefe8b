"""Creating users and checking credentials."""

from __future__ import annotations

import sqlalchemy as sa

from assessor.auth import throttle
from assessor.auth.passwords import MIN_PASSWORD_LENGTH, hash_password, verify_password
from assessor.extensions import db
from assessor.models import Role, User, Workspace


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
        raise LoginThrottledError(wait)
    user = db.session.scalar(sa.select(User).where(User.email == address))
    if not verify_password(user.password_hash if user else None, password):
        throttle.record_failure(keys)
        return None
    throttle.clear(keys)
    return user


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

    :raise ValueError: on a short password, a duplicate e-mail or a role without its scope
        (a consultant needs a workspace, a viewer an organisation).
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    address = normalise_email(email)
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
    return user
