"""The action plan: an organisation's tracked actions (list, add, edit, status, notes, delete, track)."""

from flask import Blueprint

bp = Blueprint("actions", __name__)

from assessor.actions import views  # noqa: E402,F401
