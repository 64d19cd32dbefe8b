"""Views: the printable questionnaire (a page and a PDF) for any signed-in user; it holds no client data."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from flask import abort, current_app, request, send_file, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from assessor.assessments import deployment_min_group_size
from assessor.domain import Questionnaire
from assessor.i18n import asked_lang
from assessor.questionnaires import bp
from assessor.reports.printable import printable_filename, render_printable_html, render_printable_pdf
from assessor.standards import get_framework


def _questionnaire(questionnaire_id: str) -> Questionnaire:
    """The installed questionnaire ``questionnaire_id``; 404 for any other."""
    found = get_framework().questionnaires.get(questionnaire_id)
    return found if found is not None else abort(404)


def _back() -> str:
    """Where the toolbar leads back to: the referring page of this site, else the reference page."""
    referrer = request.referrer or ""
    if referrer.startswith(request.host_url) and "/print" not in referrer:
        return referrer
    return url_for("web.reference", _anchor="printable")


@bp.get("/questionnaires/<file_id:questionnaire_id>/print")
@login_required
def printable(questionnaire_id: str) -> ResponseReturnValue:
    """The printable questionnaire as a web page (print-friendly), in ``?lang=`` or the page language."""
    questionnaire = _questionnaire(questionnaire_id)
    return render_printable_html(
        get_framework(), questionnaire, asked_lang(), deployment_min_group_size(), back=_back()
    )


@bp.get("/questionnaires/<file_id:questionnaire_id>/print.pdf")
@login_required
def printable_pdf(questionnaire_id: str) -> ResponseReturnValue:
    """The printable questionnaire as an A4 PDF (cached in ``PRINTOUTS_DIR``, the instance folder by default)."""
    questionnaire = _questionnaire(questionnaire_id)
    lang = asked_lang()
    cache = Path(current_app.config["PRINTOUTS_DIR"])
    pdf = render_printable_pdf(get_framework(), questionnaire, lang, deployment_min_group_size(), cache)
    response = send_file(
        BytesIO(pdf),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=printable_filename(questionnaire, lang),
        max_age=0,
    )
    response.headers["Cache-Control"] = "private, no-cache"
    return response
