"""Results and reports: the results page, the report page and its PDF, and the per-dimension targets."""

from flask import Blueprint

bp = Blueprint("reports", __name__)

from assessor.reports import downloads, views  # noqa: E402,F401
