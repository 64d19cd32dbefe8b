"""Organisations and their assessments."""

from flask import Blueprint

bp = Blueprint("organisations", __name__)

from assessor.organisations import lifecycle, segment_views, views  # noqa: E402,F401
