"""Accounts: logging in and out, password hashing, login throttling and access checks."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from assessor.auth import views  # noqa: E402,F401
