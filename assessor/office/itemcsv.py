"""The items of an assessment as CSV (UTF-8 with a BOM), from the report's data, for people who want one."""

from __future__ import annotations

import csv
import io

from flask_babel import force_locale
from flask_babel import gettext as _

from assessor.office.cells import csv_text
from assessor.reports.context import ReportContext

CSV_MIME = "text/csv"


def item_headers() -> list[str]:
    """The item columns both the CSV and the workbook's item sheet begin with, in the current locale."""
    return [
        _("Code"),
        _("Element"),
        _("Question"),
        _("Value (0–4)"),
        _("Score"),
        _("Ratings (n)"),
        _("N/A"),
        _("Agreement (r_wg)"),
        _("Consensus"),
    ]


def items_csv(ctx: ReportContext) -> bytes:
    """One row per item (code, element, question, value, n, N/A, agreement, consensus) as UTF-8 CSV with a BOM.

    The BOM makes Excel read Japanese correctly; numbers are plain (a dot for decimals).
    """
    with force_locale(ctx.lang):
        headers = item_headers()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_text(h) for h in headers])
    for i in ctx.items:
        writer.writerow(
            [
                csv_text(i.code),
                csv_text(i.element_id),
                csv_text(i.question),
                "" if i.value is None else f"{i.value:g}",
                "" if i.percent is None else f"{i.percent:.1f}",
                i.respondents,
                i.not_applicable,
                "" if i.r_wg is None else f"{i.r_wg:.2f}",
                "" if i.consensus is None else i.consensus,
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
