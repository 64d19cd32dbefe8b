"""Site-wide pages (the framework reference, with how scores are made) and the error pages."""

from __future__ import annotations

import logging

from flask import Blueprint, Flask, Response, make_response, render_template
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from assessor import numbers
from assessor.assessments import QuestionnaireNotInstalledError, deployment_min_group_size
from assessor.extensions import db
from assessor.i18n import current_lang
from assessor.reports.primer import worked_example
from assessor.security import add_headers
from assessor.standards import get_framework

bp = Blueprint("web", __name__)
log = logging.getLogger(__name__)


@bp.get("/reference")
def reference() -> ResponseReturnValue:
    """Explain every principle, dimension, element, design activity, pyramid level and scale level, how scores
    are made (with a worked example the scoring core computes now), and link the printable questionnaires."""
    framework = get_framework()
    return render_template(
        "reference.html",
        fw=framework,
        example=worked_example(framework),
        num=numbers.in_language(current_lang()),
        min_group_size=deployment_min_group_size(),
    )


FALLBACK_PAGE = (
    "Something went wrong. Nothing you saw as saved has been lost.\n"
    "エラーが発生しました。保存済みと表示された内容は失われていません。\n"
)
"""What the client reads when even the error page cannot be drawn (plain text, both languages)."""


def register_error_handlers(app: Flask) -> None:
    """Render errors as pages in the user's language instead of bare text.

    Every handler first rolls the database session back (a failed flush leaves it unusable, and
    the page reads the signed-in user), and every error response carries the security headers,
    even the plain-text one sent when the page itself cannot be drawn.
    """

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> ResponseReturnValue:
        return error_page(400, csrf=True)

    @app.errorhandler(QuestionnaireNotInstalledError)
    def not_installed(error: QuestionnaireNotInstalledError) -> ResponseReturnValue:
        log.error("%s", error)
        return error_page(409)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> ResponseReturnValue:
        response = error_page(error.code or 500)
        for name, value in error.get_headers():  # e.g. Allow on a 405
            if name.lower() != "content-type":
                response.headers.setdefault(name, value)
        return response


def error_page(code: int, csrf: bool = False) -> Response:
    """The error page for ``code``, after a rollback; plain text if the page cannot be drawn."""
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 - the connection may be gone; the page must still be sent
        log.exception("rollback after an error failed")
    try:
        response = make_response(render_template("error.html", code=code, csrf=csrf), code)
    except Exception:  # noqa: BLE001 - e.g. the database is down and the page reads the user
        log.exception("the error page %d could not be rendered", code)
        response = Response(FALLBACK_PAGE, code, mimetype="text/plain")
    return add_headers(response)
