"""Password hashing with Argon2id (argon2-cffi's defaults follow RFC 9106's recommendations)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()

MIN_PASSWORD_LENGTH = 10
"""Shortest password accepted for an account (NIST SP 800-63B asks for at least 8)."""

# Verifying against this when the e-mail is unknown takes as long as a real check,
# so response times do not reveal which addresses have accounts.
_DUMMY_HASH = _hasher.hash("assessor-dummy-password")


def hash_password(password: str) -> str:
    """Return an Argon2id hash of ``password`` (salted, with its parameters)."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check ``password`` against ``password_hash``; an unknown user still costs one hash."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
