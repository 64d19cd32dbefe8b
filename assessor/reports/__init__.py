"""Results and reports: the scored view of an assessment (web now; PDF to come)."""

from flask import Blueprint

bp = Blueprint("reports", __name__)

from assessor.reports import views  # noqa: E402,F401
