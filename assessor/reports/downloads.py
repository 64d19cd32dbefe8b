"""Views: the assessment's data as an Excel workbook or a CSV of items, for everybody who may read its report."""

from __future__ import annotations

from io import BytesIO

from flask import send_file
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from assessor.accounts.access import assessment_for
from assessor.i18n import asked_lang
from assessor.office.itemcsv import CSV_MIME, items_csv
from assessor.office.xlsx import XLSX_MIME, workbook
from assessor.reports import bp, operations
from assessor.reports.service import context_for_assessment, report_filename


def send_private(data: bytes, mimetype: str, name: str) -> ResponseReturnValue:
    """``data`` as a download that no shared cache keeps (reports and exports hold answers and comments)."""
    response = send_file(BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=name, max_age=0)
    response.headers["Cache-Control"] = "private, no-store"  # answers and comments: never in a shared cache
    return response


@bp.get("/assessments/<int:assessment_id>/export.xlsx")
@login_required
def export_xlsx(assessment_id: int) -> ResponseReturnValue:
    """The workbook (summary, scores, items, distributions, notes, actions, KPIs) in ``?lang=``."""
    assessment = assessment_for(assessment_id)
    ctx = context_for_assessment(assessment, asked_lang())
    data = workbook(ctx, viewer=not current_user.can_edit)
    operations.record_export(assessment, current_user, "xlsx")
    return send_private(data, XLSX_MIME, report_filename(ctx, "xlsx"))


@bp.get("/assessments/<int:assessment_id>/items.csv")
@login_required
def export_csv(assessment_id: int) -> ResponseReturnValue:
    """One row per item (UTF-8 with a BOM, so Excel reads Japanese) in ``?lang=``."""
    assessment = assessment_for(assessment_id)
    ctx = context_for_assessment(assessment, asked_lang())
    operations.record_export(assessment, current_user, "csv")
    return send_private(items_csv(ctx), CSV_MIME, report_filename(ctx, "csv").removesuffix(".csv") + "-items.csv")
