"""KPI readings of an assessment: enter customer and operational KPIs, see the watermelon and optimism checks."""

from flask import Blueprint

bp = Blueprint("kpis", __name__)

from assessor.kpis import views  # noqa: E402,F401
