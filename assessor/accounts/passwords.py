"""Passwords: the policy (one home for web and command line), one-time passwords, and hashing with
Argon2id (argon2-cffi's defaults follow RFC 9106's recommendations).

The policy follows NIST SP 800-63B: a minimum length and no password from a list of common ones,
no composition rules. The list is the 30,000 most common passwords that the zxcvbn package
(MIT licence, ``zxcvbn.frequency_lists``) ships, compared without regard to case.
"""

from __future__ import annotations

import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from wtforms import Field, Form, ValidationError
from zxcvbn.frequency_lists import FREQUENCY_LISTS

_hasher = PasswordHasher()

MIN_PASSWORD_LENGTH = 10
"""Shortest password accepted for an account (NIST SP 800-63B asks for at least 8)."""

# Verifying against this when the e-mail is unknown takes as long as a real check,
# so response times do not reveal which addresses have accounts.
_DUMMY_HASH = _hasher.hash("assessor-dummy-password")


class PasswordRefusedError(ValueError):
    """A password the policy refuses; ``reason`` is ``"short"`` or ``"common"``."""

    def __init__(self, reason: str) -> None:
        english = {
            "short": f"the password must have at least {MIN_PASSWORD_LENGTH} characters",
            "common": "this password is on a list of common passwords; choose another",
        }[reason]
        super().__init__(english)
        self.reason = reason


@cache
def _common() -> frozenset[str]:
    return frozenset(FREQUENCY_LISTS["passwords"])


def is_common(password: str) -> bool:
    """True if ``password`` (ignoring case and surrounding spaces) is on the list of common passwords."""
    return password.strip().casefold() in _common()


def check_password(password: str) -> None:
    """Apply the policy.

    :raise PasswordRefusedError: on a password shorter than :data:`MIN_PASSWORD_LENGTH` or a common one.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordRefusedError("short")
    if is_common(password):
        raise PasswordRefusedError("common")


def policy_hint() -> LazyString:
    """What the policy asks, for every form that sets a password."""
    return _l(
        "At least %(count)d characters. Common passwords (from a list of 30,000 leaked ones, such as"
        " “password123”) are refused. A phrase of several words is long and easy to remember.",
        count=MIN_PASSWORD_LENGTH,
    )


def refusal_message(refused: PasswordRefusedError) -> LazyString:
    """The refusal in the page's language."""
    if refused.reason == "short":
        return _l("The password must have at least %(count)d characters.", count=MIN_PASSWORD_LENGTH)
    return _l("This password is on the list of common passwords, which are guessed first. Choose another one.")


class PasswordPolicy:
    """WTForms validator applying :func:`check_password` with a translated message."""

    def __call__(self, form: Form, field: Field) -> None:
        try:
            check_password(field.data or "")
        except PasswordRefusedError as refused:
            raise ValidationError(str(refusal_message(refused))) from refused


def one_time_password() -> str:
    """A random password to hand over once (16 URL-safe characters, about 96 bits)."""
    return secrets.token_urlsafe(12)


def hash_password(password: str) -> str:
    """Return an Argon2id hash of ``password`` (salted, with its parameters)."""
    return _hasher.hash(password)


def unusable_hash() -> str:
    """The hash of a random secret nobody knows: a password that was used up."""
    return _hasher.hash(secrets.token_urlsafe(32))


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check ``password`` against ``password_hash``; an unknown user still costs one hash."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
