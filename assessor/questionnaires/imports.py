"""Views: offline answers in. Download the template, upload a file, see the dry run, confirm the import.

For editors only (consultants, quality managers): viewers never see individual answers, so they
cannot put them in either. The upload waits in the database between the dry run and the
confirmation (:mod:`assessor.assessments.imports` says why); the confirmation checks the same bytes
again against the assessment as it is then, and imports only if nothing is wrong.
"""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from assessor.accounts.access import assessment_for
from assessor.assessments import entry_refusal, questionnaire_of
from assessor.assessments.imports import check_file, import_answers, keep_upload, pending_upload, segment_triples
from assessor.i18n import asked_lang, current_lang
from assessor.models import Assessment
from assessor.offline import MAX_FILE_BYTES, Checked, template_csv, template_xlsx
from assessor.questionnaires import bp
from assessor.questionnaires.forms import ConfirmImportForm, ImportForm
from assessor.standards import get_framework

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _page(assessment: Assessment, form: ImportForm, status: int) -> ResponseReturnValue:
    refused = entry_refusal(assessment, locked_too=True)
    return render_template(
        "questionnaires/import.html", assessment=assessment, form=form, refused=refused, max_mb=MAX_FILE_BYTES >> 20
    ), (409 if refused and status != 200 else status)


def _check_page(assessment: Assessment, checked: Checked, filename: str, token: str | None) -> ResponseReturnValue:
    return render_template(
        "questionnaires/import_check.html",
        assessment=assessment,
        checked=checked,
        filename=filename,
        token=token,
        confirm=ConfirmImportForm(),
        lang=current_lang(),
    ), (400 if checked.problems else 200)


@bp.route("/assessments/<int:assessment_id>/import", methods=["GET", "POST"])
@login_required
def import_file(assessment_id: int) -> ResponseReturnValue:
    """The upload form; a posted file is checked (the dry run) and kept for the confirmation."""
    assessment = assessment_for(assessment_id, write=True)
    form = ImportForm()
    if not form.is_submitted():
        return _page(assessment, form, 200)
    if entry_refusal(assessment, locked_too=True) is not None or not form.validate():
        return _page(assessment, form, 400)
    upload = form.file.data
    data = upload.read(MAX_FILE_BYTES + 1)
    checked = check_file(assessment, data, layout=form.layout.data, encoding=form.encoding.data, lang=current_lang())
    pending = None
    if not checked.problems:
        pending = keep_upload(
            assessment, current_user, upload.filename, data, layout=form.layout.data, encoding=form.encoding.data
        )
    filename = pending.filename if pending else (upload.filename or "")
    return _check_page(assessment, checked, filename, pending.token if pending else None)


@bp.post("/assessments/<int:assessment_id>/import/<token:upload>")
@login_required
def confirm_import(assessment_id: int, upload: str) -> ResponseReturnValue:
    """Import a checked upload: checked again, then every respondent and answer in one commit."""
    assessment = assessment_for(assessment_id, write=True)
    again = url_for("questionnaires.import_file", assessment_id=assessment.id)
    if not ConfirmImportForm().validate():
        abort(400)
    pending = pending_upload(assessment, current_user, upload)
    refused = entry_refusal(assessment, locked_too=True)
    if pending is None or refused is not None:
        flash(refused or _("This upload has expired or was already imported: upload the file again."), "error")
        return redirect(again)
    checked = check_file(
        assessment, pending.content, layout=pending.layout, encoding=pending.encoding, lang=current_lang()
    )
    if checked.problems:
        return _check_page(assessment, checked, pending.filename, None)
    created = import_answers(assessment, checked, current_user, pending.filename, pending=pending)
    if created == 0:
        flash(_("This upload has expired or was already imported: upload the file again."), "error")
        return redirect(again)
    flash(
        ngettext(
            "%(num)d respondent imported with %(answers)d answers.",
            "%(num)d respondents imported with %(answers)d answers.",
            created,
            answers=checked.answer_count,
        ),
        "success",
    )
    return redirect(url_for("organisations.assessment", assessment_id=assessment.id))


@bp.get("/assessments/<int:assessment_id>/import/template.<any(xlsx, csv):kind>")
@login_required
def import_template(assessment_id: int, kind: str) -> ResponseReturnValue:
    """The offline template of the assessment's questionnaire, in the page's language or ``?lang=``."""
    assessment = assessment_for(assessment_id, write=True)
    lang = asked_lang()
    questionnaire = questionnaire_of(assessment)
    if kind == "xlsx":
        body = template_xlsx(questionnaire, get_framework().scale, segment_triples(assessment), lang)
    else:
        body = template_csv(questionnaire, lang)
    name = f"assessment-{assessment.id}-{questionnaire.id}-template-{lang}.{kind}"
    mimetype = XLSX if kind == "xlsx" else "text/csv; charset=utf-8"
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f"attachment; filename={name}"})
