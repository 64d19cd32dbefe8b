"""Branding: the workspace's (the firm's) name and logo, and each organisation's logo."""

from flask import Blueprint

bp = Blueprint("branding", __name__)

from assessor.branding import views  # noqa: E402,F401
