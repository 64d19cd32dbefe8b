"""Workshops: participants join without an account; the facilitator watches, reveals, agrees and locks."""

from flask import Blueprint

bp = Blueprint("workshops", __name__)

from assessor.workshops import present, revote, survey, views  # noqa: E402,F401
