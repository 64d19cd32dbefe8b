"""Site-wide pages (home, framework reference) and error handlers."""

from __future__ import annotations

from flask import Blueprint, Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from assessor.standards import get_framework

bp = Blueprint("web", __name__)


@bp.get("/reference")
def reference() -> str:
    """Explain every principle, dimension, element, design activity, pyramid level and scale level."""
    return render_template("reference.html", fw=get_framework())


def register_error_handlers(app: Flask) -> None:
    """Render errors as pages in the user's language instead of bare text."""

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int]:
        return render_template("error.html", code=400, csrf=True), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        code = error.code or 500
        return render_template("error.html", code=code, csrf=False), code
