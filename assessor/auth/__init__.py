"""The login face: logging in and out and changing one's password (the rules live in assessor/accounts)."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from assessor.auth import views  # noqa: E402,F401
