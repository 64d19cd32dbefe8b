"""Site-wide pages (the framework reference) and the error pages."""

from __future__ import annotations

import logging

from flask import Blueprint, Flask, render_template
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from assessor.assessments import QuestionnaireNotInstalledError
from assessor.standards import get_framework

bp = Blueprint("web", __name__)
log = logging.getLogger(__name__)


@bp.get("/reference")
def reference() -> ResponseReturnValue:
    """Explain every principle, dimension, element, design activity, pyramid level and scale level."""
    return render_template("reference.html", fw=get_framework())


def register_error_handlers(app: Flask) -> None:
    """Render errors as pages in the user's language instead of bare text."""

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> ResponseReturnValue:
        return render_template("error.html", code=400, csrf=True), 400

    @app.errorhandler(QuestionnaireNotInstalledError)
    def not_installed(error: QuestionnaireNotInstalledError) -> ResponseReturnValue:
        log.error("%s", error)
        return render_template("error.html", code=409, csrf=False), 409

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> ResponseReturnValue:
        code = error.code or 500
        return render_template("error.html", code=code, csrf=False), code
