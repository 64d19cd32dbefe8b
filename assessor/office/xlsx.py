"""The assessment as an Excel workbook, from the report's data (openpyxl); its items as CSV: :mod:`.itemcsv`.

Every number comes from the :class:`~assessor.reports.context.ReportContext` the PDF is
built from, so the workbook, the report and the results page agree; nothing is scored
here.  What the workbook shows follows the report's privacy rules: segments only as the
report's breakdown shows them, distributions only for items with at least the minimum
group size of ratings, notes labelled only with segments shown on their own.  A viewer's
workbook carries the notes the viewer's report quotes; a consultant's carries every
note in full (the consultant sees every answer anyway).  Text cells go through
:mod:`assessor.office.cells`, so nothing typed by a participant becomes a formula.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from flask_babel import force_locale, pgettext
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from assessor.office.cells import agreement, fraction, looks_like_formula, points
from assessor.office.itemcsv import item_headers
from assessor.reports.context import ReportContext
from assessor.reports.rows import Note, ScoreRow
from assessor.segments import group_label

PERCENT = "0%"
"""Scores and coverage: the whole percentage the report prints, as a fraction (:func:`fraction`)."""
POINTS = "0"
CHANGE = "+0;-0;0"
AGREEMENT = "0.00"
LEVEL = "0.0"
LEVELS = 5
"""Scale points 0-4 (the questionnaires' scale)."""
BOLD = Font(bold=True)
LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Value = str | int | float | None


def _put(sheet: Worksheet, row: int, values: Sequence[Value], formats: Sequence[str | None] = ()) -> None:
    """Write one row; text that looks like a formula stays text (string cell, quote prefix)."""
    for column, value in enumerate(values, start=1):
        cell: Cell = sheet.cell(row=row, column=column)
        if isinstance(value, str):
            cell.value = value
            if looks_like_formula(value):
                cell.data_type = "s"
                cell.quotePrefix = True
        else:
            cell.value = value
            fmt = formats[column - 1] if column - 1 < len(formats) else None
            if fmt is not None and value is not None:
                cell.number_format = fmt


def _printable(sheet: Worksheet) -> None:
    """Print on A4 landscape, every column on one page wide (as many pages down as it takes), headers repeated."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _table(
    book: Workbook,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Value]],
    formats: Sequence[str | None] = (),
    widths: Sequence[int] = (),
) -> Worksheet:
    """A sheet with a bold, frozen header row, an auto-filter and column widths for both languages."""
    sheet: Worksheet = book.create_sheet(title)
    _put(sheet, 1, headers)
    for cell in sheet[1]:
        cell.font = BOLD
    count = 1
    for count, row in enumerate(rows, start=2):  # noqa: B007 - the last row number sizes the filter
        _put(sheet, count, row, formats)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(count, 1)}"
    for index, header in enumerate(headers, start=1):
        width = widths[index - 1] if index - 1 < len(widths) else 0
        # Japanese characters are about twice as wide as Latin ones.
        wide = sum(2 if ord(ch) > 0x2E80 else 1 for ch in header)
        sheet.column_dimensions[get_column_letter(index)].width = max(width, wide + 2, 8)
    _printable(sheet)
    sheet.print_title_rows = "1:1"
    return sheet


def _score_rows(ctx: ReportContext) -> list[tuple[str, ScoreRow]]:
    kinds = [(_("Overall"), [ctx.overall])]
    kinds.append((_("Dimension"), [d.row for d in ctx.dimensions]))
    kinds.append((_("Element"), [e for d in ctx.dimensions for e in d.elements]))
    kinds.append((_("Principle"), list(ctx.principles)))
    kinds.append((_("Design principle"), list(ctx.design_principles)))
    kinds.append((_("Design activity"), list(ctx.design_activities)))
    return [(label, row) for label, rows in kinds for row in rows]


def _status(status: str) -> str:
    return {
        "scored": _("scored"),
        "insufficient_evidence": _("insufficient evidence"),
        "no_evidence": _("no evidence"),
        "reached": _("reached"),
        "not_yet_counted": _("not yet counted"),
        "below": _("below"),
        "insufficient": _("insufficient evidence"),
    }.get(status, status)


def _summary(book: Workbook, ctx: ReportContext, viewer: bool) -> None:
    sheet: Worksheet = book.active
    sheet.title = _("Summary")
    rows: list[tuple[str, Value, str | None]] = [
        (_("Organisation"), ctx.organisation, None),
        (_("Assessment"), ctx.assessment_title, None),
        (_("Questionnaire"), f"{ctx.questionnaire_title} v{ctx.questionnaire_version}", None),
        (_("Assessed on"), ctx.assessed_on, None),
        (_("Report date"), ctx.report_date, None),
    ]
    if ctx.status is not None:
        status = _("final") if ctx.status == "final" else _("draft")
        rows.append((_("Status"), status + (f" ({ctx.finalised_on})" if ctx.finalised_on else ""), None))
    rows += [
        (_("Respondents"), ctx.respondent_count, POINTS),
        (_("Entered from paper forms"), ctx.paper_count, POINTS),
        (_("Items answered"), ctx.items_answered, POINTS),
        (_("Items in the questionnaire"), ctx.items_total, POINTS),
        (_("Coverage"), fraction(ctx.overall.coverage), PERCENT),
        (_("Overall score"), fraction(ctx.overall.score), PERCENT),
        (_("Band"), ctx.overall.band, None),
        (_("Pyramid level reached"), ctx.verdict.achieved_rank, POINTS),
        (_("Pyramid levels"), ctx.verdict.level_count, POINTS),
    ]
    if ctx.enough_evidence:
        rows.append((_("Verdict"), ctx.verdict.sentence, None))
        if ctx.verdict.note:
            rows.append(("", ctx.verdict.note, None))
    else:
        rows.append((_("Evidence"), _("Not enough evidence yet"), None))
        rows.append(("", _("The report states no strengths, gaps or actions until more is answered."), None))
    if ctx.previous is not None:
        rows.append((_("Compared with"), f"{ctx.previous.title or ''} ({ctx.previous.assessed_on})".strip(), None))
    rows.append((_("Minimum group size"), ctx.min_group_size, POINTS))
    if ctx.consultant:
        rows.append((_("Prepared by"), ctx.consultant, None))
    rows.append(
        (
            _("Contents"),
            _("The report's notes (read-only access)") if viewer else _("Every note in full (consultant)"),
            None,
        )
    )
    for number, (label, value, fmt) in enumerate(rows, start=1):
        _put(sheet, number, [label, value], [None, fmt])
        sheet.cell(row=number, column=1).font = BOLD
        sheet.cell(row=number, column=2).alignment = LEFT  # numbers beside their label, not 80 columns away
    sheet.column_dimensions["A"].width = 30 if ctx.lang == "ja" else 26
    sheet.column_dimensions["B"].width = 80
    _printable(sheet)


def _notes(ctx: ReportContext, viewer: bool) -> tuple[Note, ...]:
    if viewer:  # exactly what the report quotes
        return tuple(n for d in ctx.dimensions for n in d.notes) + ctx.general_comments
    return ctx.all_notes


def workbook(ctx: ReportContext, *, viewer: bool) -> bytes:
    """The workbook of a report's data, headers in the report's language, as ``.xlsx`` bytes.

    :param viewer: True for a read-only login (an executive): notes as the report quotes them.
    """
    with force_locale(ctx.lang):
        book = Workbook()
        _summary(book, ctx, viewer)
        _table(
            book,
            _("Scores"),
            [
                _("Kind"),
                _("ID"),
                pgettext("spreadsheet column", "Name"),
                _("Score"),
                _("Band"),
                _("Target"),
                _("Gap (points)"),
                _("Change (points)"),
                _("Coverage"),
                _("Respondents who rated"),
                _("Respondents"),
                _("Agreement (r_wg)"),
                _("Status"),
            ],
            [
                (
                    label,
                    r.id,
                    r.name,
                    fraction(r.score),
                    r.band,
                    fraction(r.target),
                    points(r.gap),
                    points(r.delta),
                    fraction(r.coverage),
                    r.respondents,
                    r.respondent_total,
                    agreement(r.r_wg),
                    _status(r.status),
                )
                for label, r in _score_rows(ctx)
            ]
            + [
                (
                    _("Pyramid level"),
                    str(p.rank),
                    p.name,
                    fraction(p.score),
                    p.band,
                    None,
                    None,
                    points(p.delta),
                    fraction(p.coverage),
                    None,
                    None,
                    None,
                    _status(p.status),
                )
                for p in ctx.pyramid
            ],
            [None, None, None, PERCENT, None, PERCENT, POINTS, CHANGE, PERCENT, POINTS, POINTS, AGREEMENT, None],
            [16, 8, 44, 9, 14, 9, 10, 10, 10, 12, 12, 12, 14],
        )
        _table(
            book,
            _("Items"),
            [*item_headers(), _("Low agreement"), _("Target"), _("Gap (points)")],
            [
                (
                    i.code,
                    i.element_id,
                    i.question,
                    i.value,
                    fraction(i.percent),
                    i.respondents,
                    i.not_applicable,
                    agreement(i.r_wg),
                    i.consensus,
                    _("yes") if i.low_agreement else "",
                    fraction(i.target),
                    points(i.gap),
                )
                for i in ctx.items
            ],
            [None, None, None, LEVEL, PERCENT, POINTS, POINTS, AGREEMENT, POINTS, None, PERCENT, POINTS],
            [10, 9, 70, 10, 9, 10, 8, 12, 10, 12, 9, 10],
        )
        hidden = _("fewer than %(k)d", k=ctx.min_group_size)
        _table(
            book,
            _("Distributions"),
            [_("Code"), _("Element"), *[_("Level %(n)d", n=n) for n in range(LEVELS)], _("N/A"), _("Note")],
            [
                (i.code, i.element_id, *i.distribution, i.not_applicable, "")
                if i.distribution is not None
                else (i.code, i.element_id, *([None] * LEVELS), i.not_applicable, hidden)
                for i in ctx.items
            ],
            [None, None, *([POINTS] * LEVELS), POINTS, None],
            [10, 9, 9, 9, 9, 9, 9, 8, 24],
        )
        if ctx.segments:
            _table(
                book,
                _("Segments"),
                [_("Group"), _("Respondents"), _("Overall score"), _("Pyramid level reached")],
                [
                    (
                        group_label(s.segment, s.combined, ctx.segment_names),
                        s.respondents,
                        fraction(s.score),
                        s.pyramid_rank,
                    )
                    for s in ctx.segments
                ],
                [None, POINTS, PERCENT, POINTS],
                [30, 12, 12, 14],
            )
        kinds = {"comment": _("comment"), "not_applicable": _("N/A reason"), "consensus": _("consensus rationale")}
        _table(
            book,
            _("Comments"),
            [_("Item"), _("Kind"), _("Segment"), _("Text")],
            [
                (
                    n.code or _("General"),
                    kinds.get(n.kind, n.kind),
                    "" if n.segment is None else group_label(n.segment, False, ctx.segment_names),
                    n.text,
                )
                for n in _notes(ctx, viewer)
            ],
            widths=[10, 16, 20, 90],
        )
        if ctx.actions:
            _table(
                book,
                _("Recommended actions"),
                [
                    _("Rank"),
                    _("ID"),
                    _("Action"),
                    _("Element"),
                    _("Pyramid level"),
                    _("When"),
                    _("Effort"),
                    _("Impact"),
                    _("Gap (points)"),
                    _("KPIs"),
                ],
                [
                    (
                        a.rank,
                        a.id,
                        a.title,
                        a.element_name,
                        a.level_name,
                        a.bucket,
                        a.effort,
                        a.impact,
                        points(a.gap),
                        ", ".join(k.name for k in a.kpis),
                    )
                    for a in ctx.actions
                ],
                [POINTS, None, None, None, None, None, POINTS, POINTS, POINTS, None],
                [7, 12, 50, 24, 20, 10, 8, 8, 10, 30],
            )
        if ctx.plan is not None:
            _table(
                book,
                _("Action plan"),
                [_("Agreed"), _("Action"), _("Group"), _("Owner"), _("Due"), _("Progress")],
                [
                    (when, p.title, p.group, p.owner, p.due or "", fraction(float(p.progress)))
                    for when, rows in ((_("earlier"), ctx.plan.since), (_("from this assessment"), ctx.plan.agreed))
                    for p in rows
                ],
                [None, None, None, None, None, PERCENT],
                [18, 50, 16, 20, 14, 10],
            )
        if ctx.kpi is not None:
            _table(
                book,
                _("KPIs"),
                [
                    _("KPI"),
                    _("Kind"),
                    _("Period"),
                    _("Value"),
                    _("Target"),
                    _("Previous"),
                    _("Status"),
                    _("n"),
                    _("Source"),
                ],
                [
                    (k.name, k.kind_label, k.period, k.value, k.target, k.previous, k.status_label, k.n, k.source)
                    for k in ctx.kpi.rows
                ],
                [None, None, None, None, None, None, None, POINTS, None],
                [36, 18, 14, 12, 12, 12, 18, 8, 20],
            )
        out = io.BytesIO()
        book.save(out)
    return out.getvalue()
