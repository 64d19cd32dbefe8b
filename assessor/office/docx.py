"""The report as an editable Word file (python-docx): the PDF's content in real Word styles.

Everything comes from the same :class:`~assessor.reports.context.ReportContext` as the PDF
and is worded by the PDF's own label macros (:mod:`assessor.office.wording`) and messages,
so the numbers and findings are the PDF's.  Built with python-docx, not a template: there is
nothing to sandbox, and headings, tables and lists use Word's own styles (Heading 1/2,
Table Grid, List Number) so the client can restyle and amend the report.  Without enough
evidence the file holds what the PDF holds then: the cover and the caveat, no findings.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.table import Table
from docx.text.paragraph import Paragraph
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from assessor import numbers
from assessor.i18n import colon
from assessor.office import fonts
from assessor.office.images import fit, logo_image, pyramid_png, radar_png
from assessor.office.wording import Words, report_words
from assessor.reports import typeset
from assessor.reports.context import ReportContext
from assessor.reports.planrows import PlanRow
from assessor.reports.rows import DimensionSection, ScoreRow
from assessor.segments import segment_label

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Mm(210), Mm(297), Mm(18)
"""A4 with the PDF's margins (``@page { size: A4; margin: 18mm }``)."""
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
MUTED = RGBColor(0x55, 0x55, 0x55)
TABLE_TEXT = "Table Text"
"""Paragraph style of table cells (smaller than body text, so ten columns of numbers fit A4)."""


def render_docx(ctx: ReportContext, firm: str | None = None) -> bytes:
    """The report as ``.docx`` bytes, in the report's language.

    :param firm: the consulting firm, named on the cover beside the consultant.
    """
    with force_locale(ctx.lang):
        return _Writer(ctx, firm).build()


class _Writer:
    def __init__(self, ctx: ReportContext, firm: str | None) -> None:
        self.ctx = ctx
        self.firm = firm
        self.words: Words = report_words(ctx)
        self.num = self.words.num
        self.doc: DocumentObject = Document()
        self.of_assessment = typeset.clip(ctx.assessment_title, 32 if ctx.lang == "ja" else 60) + self.num.paren(
            ctx.assessed_on
        )

    # ------------------------------------------------------------------ building blocks

    def build(self) -> bytes:
        self._setup()
        self._cover()
        if self.ctx.enough_evidence:
            self._brief()
            for section in self.ctx.dimensions:
                self._dimension(section)
            self._design_and_pyramid()
            self._recommendations()
            self._plan()
            self._kpis()
        else:
            self._no_evidence()
        out = BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def _setup(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, MARGIN)
        props = self.doc.core_properties
        props.title = f"{self.ctx.organisation} · {self.ctx.assessment_title}"
        props.author = self.ctx.consultant or self.firm or ""
        props.language = fonts.LANGUAGE[self.ctx.lang]
        _set_fonts(self.doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")), self.ctx.lang)
        for style in self.doc.styles:
            if style.type in (1, 2):  # paragraph and character styles
                _set_style_fonts(style, self.ctx.lang)
        self.doc.styles["Normal"].font.size = Pt(10.5)
        table_text = self.doc.styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
        table_text.base_style = self.doc.styles["Normal"]
        table_text.font.size = Pt(8.5)
        table_text.paragraph_format.space_after = Pt(0)

    def para(self, text: str = "", style: str | None = None, *, bold: bool = False, muted: bool = False) -> Paragraph:
        paragraph = self.doc.add_paragraph(style=style)
        if text:
            run = paragraph.add_run(text)
            run.bold = bold or None
            if muted:
                run.font.color.rgb = MUTED
        return paragraph

    def heading(self, text: str, level: int = 1, *, page_break: bool = False) -> None:
        paragraph = self.doc.add_heading(text, level)
        paragraph.paragraph_format.page_break_before = page_break or None

    def table(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], caption: str | None = None, first_wide: int = 1
    ) -> Table:
        """A Table Grid table with a repeated, bold header row; column ``first_wide`` takes the spare width."""
        if caption:
            self.para(caption, "Caption")
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        _repeat_header(table)
        for values in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, values, strict=True):
                cell.text = text
        wide = max(TEXT_WIDTH - Mm(19) * (len(header) - 1), int(TEXT_WIDTH * 0.3))
        narrow = (TEXT_WIDTH - wide) // (len(header) - 1)
        _widths(table, [wide if i == first_wide else narrow for i in range(len(header))])
        self.para()
        return table

    def picture(self, image: bytes, width: int, height: int, centre: bool = True) -> None:
        w, h = fit(image, width, height)
        self.doc.add_picture(BytesIO(image), width=w, height=h)
        if centre:
            self.doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER

    # ------------------------------------------------------------------ cover

    def _cover(self) -> None:
        ctx = self.ctx
        logos = [(logo, align) for logo, align in ((ctx.consultant_logo, "left"), (ctx.client_logo, "right")) if logo]
        if logos:
            table = self.doc.add_table(rows=1, cols=2)
            _widths(table, [TEXT_WIDTH // 2, TEXT_WIDTH - TEXT_WIDTH // 2])
            for logo, align in logos:
                cell = table.rows[0].cells[0 if align == "left" else 1]
                image = logo_image(logo)
                run = cell.paragraphs[0].add_run()
                w, h = fit(image, Mm(60), Mm(22))
                run.add_picture(BytesIO(image), width=w, height=h)
                if align == "right":
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.para()
        self.para(_("Service excellence assessment report"), muted=True)
        self.doc.add_paragraph(ctx.organisation, style="Title")
        self.doc.add_paragraph(ctx.assessment_title, style="Subtitle")
        facts = [
            (_("Assessed on"), ctx.assessed_on),
            (_("Questionnaire"), f"{ctx.questionnaire_title} v{ctx.questionnaire_version}"),
            (_("Respondents"), str(ctx.respondent_count)),
        ]
        if ctx.previous:
            facts.append(
                (
                    _("Compared with"),
                    (ctx.previous.title or ctx.previous.questionnaire) + self.num.paren(ctx.previous.assessed_on),
                )
            )
        prepared = " · ".join(name for name in (ctx.consultant, self.firm) if name)
        if prepared:
            facts.append((_("Prepared by"), prepared))
        facts.append((_("Report date"), ctx.report_date))
        if ctx.status:
            facts.append((_("Status"), self.words.report_status()))
        table = self.doc.add_table(rows=0, cols=2)
        for label, value in facts:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
            cells[0].paragraphs[0].runs[0].bold = True
        _widths(table, [Mm(45), TEXT_WIDTH - Mm(45)], small=False)
        self.para()
        self.para(
            _(
                "Measured against ISO 23592 (service excellence principles and model), ISO/TS 24082 (designing"
                " excellent service) and the Service Excellence Pyramid. Scores are 0–100; the appendix shows how"
                " every number was computed."
            ),
            muted=True,
        )

    def _footnote(self, coverage: bool) -> None:
        ctx = self.ctx
        parts = [ngettext("%(num)d respondent", "%(num)d respondents", ctx.respondent_count)]
        if coverage:
            parts.append(
                _("coverage %(coverage)s of the questionnaire weight", coverage=self.num.pct(ctx.overall.coverage))
            )
        parts += [
            _("assessed on %(date)s", date=ctx.assessed_on),
            f"{ctx.questionnaire_title} v{ctx.questionnaire_version}",
        ]
        if coverage and ctx.previous:
            compared = _("compared with %(date)s", date=ctx.previous.assessed_on)
            if not ctx.previous.same_questionnaire:
                compared += self.num.paren(_("a different questionnaire: changes compare different item sets"))
            if not ctx.previous.same_mode:
                compared += self.num.paren(_("a different mode: a workshop and a self-audit"))
            parts.append(compared)
        self.para(" · ".join(parts), muted=True)

    def _kpi_line(self) -> None:
        kpi = self.ctx.kpi
        if kpi and kpi.findings:
            paragraph = self.para()
            paragraph.add_run(kpi.findings[0].title + colon()).bold = True
            paragraph.add_run(kpi.findings[0].sentence)

    def _no_evidence(self) -> None:
        self.heading(_("Not enough evidence yet"), page_break=True)
        for text in self.words.evidence_facts():
            self.para(text)
        self._kpi_line()
        self._footnote(coverage=False)

    # ------------------------------------------------------------------ executive brief

    def _brief(self) -> None:
        ctx, num = self.ctx, self.num
        self.heading(_("Executive brief"), page_break=True)
        sentence = self.para()
        run = sentence.add_run(ctx.verdict.sentence)
        run.bold, run.font.size = True, Pt(14)
        if ctx.verdict.note:
            self.para(ctx.verdict.note)
        overall = _("Overall") + ("" if ctx.lang == "ja" else " ") + num.pct(ctx.overall.score)
        if ctx.overall.band:
            overall += f" · {ctx.overall.band}"
        badge = self.para()
        badge.add_run(overall).bold = True
        if ctx.previous and ctx.overall.delta is not None:
            badge.add_run(
                "  "
                + _(
                    "%(change)s points since %(date)s",
                    change=num.signed(ctx.overall.delta),
                    date=ctx.previous.assessed_on,
                )
            )
            self.para(
                _(
                    "Previous assessment: level %(n)d of %(total)d.",
                    n=ctx.previous.pyramid_rank,
                    total=ctx.verdict.level_count,
                ),
                muted=True,
            )
        self.picture(pyramid_png(self.words), Mm(95), Mm(60))
        self.para(
            _(
                "Service Excellence Pyramid: a level counts when it and every level below reach Established"
                " (above %(threshold)s %%) with enough evidence.",
                threshold=numbers.fmt(self.words.rules["pyramid_threshold"]),
            ),
            "Caption",
        )
        self.picture(radar_png(self.words), Mm(150), Mm(105))
        self.para(self._radar_caption(), "Caption")
        self._top_lists()
        self._kpi_line()
        self._footnote(coverage=True)

    def _radar_caption(self) -> str:
        ctx = self.ctx
        if ctx.previous:
            return _(
                "Element scores (0–100 %%) of %(assessment)s: current (filled), target (dashed) and previous"
                " assessment (dotted).",
                assessment=self.of_assessment,
            )
        return _(
            "Element scores (0–100 %%) of %(assessment)s: current (filled) and target (dashed).",
            assessment=self.of_assessment,
        )

    def _top_lists(self) -> None:
        ctx, num, words = self.ctx, self.num, self.words
        below = sum(1 for d in ctx.dimensions for e in d.elements if e.gap is not None and numbers.whole(e.gap) > 0)
        more_gaps = below - len(ctx.gaps)
        more_actions = len(ctx.actions) - len(ctx.top_actions)
        self.heading(words.strengths_heading(), 2)
        self._ranked(
            [(str(i), r.name, words.strength_figure(r)) for i, r in enumerate(ctx.strengths, 1)], _("None yet.")
        )
        gaps_heading = _("Gaps to target")
        if more_gaps > 0:
            gaps_heading += " " + ngettext(
                "and %(num)d more below target: see the dimension pages",
                "and %(num)d more below target: see the dimension pages",
                more_gaps,
            )
        self.heading(gaps_heading, 2)
        self._ranked(
            [
                (
                    str(i),
                    r.name,
                    _("%(score)s, %(points)s points below target", score=num.pct(r.score), points=num.points(r.gap)),
                )
                for i, r in enumerate(ctx.gaps, 1)
            ],
            words.no_gaps(),
        )
        actions_heading = _("First actions")
        if more_actions > 0:
            actions_heading += " " + ngettext(
                "and %(num)d more in the roadmap", "and %(num)d more in the roadmap", more_actions
            )
        self.heading(actions_heading, 2)
        self._ranked(
            [(str(a.rank), a.title, f"{a.element_id} · {words.bucket_short(a.bucket)}") for a in ctx.top_actions],
            words.no_first_actions(),
        )

    def _ranked(self, rows: list[tuple[str, str, str]], empty: str) -> None:
        if not rows:
            self.para(empty)
            return
        table = self.doc.add_table(rows=0, cols=3)
        table.style = self.doc.styles["Table Grid"]
        for rank, name, figure in rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = rank, name, figure
        _widths(table, [Mm(10), TEXT_WIDTH - Mm(70), Mm(60)])
        self.para()

    # ------------------------------------------------------------------ scores

    def score_rows(self, rows: Sequence[ScoreRow], targets: bool = True) -> list[list[str]]:
        """The cells of the PDF's score table (``_labels.html`` ``score_table``), row by row."""
        num, out = self.num, []
        for r in rows:
            name = f"{r.id} · {r.name}" if r.kind in ("design_principle", "design_activity", "principle") else r.name
            if r.kind == "element" and len(rows) > 1 and rows[0].kind == "dimension":
                name = "  " + name
            band = r.band if r.band and r.status == "scored" else (num.paren(r.band).strip() if r.band else "—")
            cells = [name, num.pct(r.score) + ("*" if r.status == "insufficient_evidence" else ""), band]
            if targets:
                gap = "—" if r.gap is None else (num.points(r.gap) if numbers.whole(r.gap) > 0 else "✔")
                cells += [num.pct(r.target), gap]
            if self.ctx.previous:
                cells.append(num.signed(r.delta))
            cells += [num.pct(r.coverage), f"{r.respondents}/{r.respondent_total}", num.agreement(r.r_wg)]
            out.append(cells)
        return out

    def score_header(self, first: str, targets: bool = True) -> list[str]:
        header = [first, _("Score"), _("Band")]
        if targets:
            header += [_("Target"), _("Gap")]
        if self.ctx.previous:
            header.append(_("Change"))
        return header + [_("Coverage"), _("Answered by"), _("Agreement")]

    def score_table(self, rows: Sequence[ScoreRow], caption: str, first: str, targets: bool = True) -> None:
        table = self.table(self.score_header(first, targets), self.score_rows(rows, targets), caption, first_wide=0)
        if rows and rows[0].kind == "dimension" and len(rows) > 1:
            for cell in table.rows[1].cells:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
        if any(r.status == "insufficient_evidence" for r in rows):
            self.para(_("* Provisional: fewer than half of the items (by weight) were answered."), muted=True)

    def _dimension(self, d: DimensionSection) -> None:
        ctx, num, words = self.ctx, self.num, self.words
        self.heading(f"{d.id} · {d.name}", page_break=True)
        self.para(d.description)
        self.score_table(
            [d.row, *d.elements],
            _("Scores of dimension %(id)s and its elements, %(assessment)s.", id=d.id, assessment=self.of_assessment),
            _("Dimension / element"),
        )
        self.heading(_("Items furthest below target"), 2)
        if d.items:
            scale = self.words.scale
            rows = []
            for i in d.items:
                question = i.question + (
                    num.paren(_("consensus %(level)d", level=i.consensus)) if i.consensus is not None else ""
                )
                answers = (
                    "·".join(map(str, i.distribution))
                    if i.distribution is not None
                    else _("fewer than %(k)d", k=ctx.min_group_size)
                )
                rows.append(
                    [
                        i.code,
                        question,
                        num.pct(i.percent),
                        num.points(i.gap),
                        answers,
                        num.agreement(i.r_wg) + (" ⚠" if i.low_agreement else ""),
                    ]
                )
            self.table(
                [
                    _("Item"),
                    _("Question"),
                    _("Score"),
                    _("Gap"),
                    _("Answers %(min)d–%(max)d", min=scale.min, max=scale.max),
                    _("Agreement"),
                ],
                rows,
                _(
                    "Items of dimension %(id)s furthest below target (largest weighted gap, weak pyramid levels first),"
                    " %(assessment)s.",
                    id=d.id,
                    assessment=self.of_assessment,
                ),
            )
        else:
            self.para(_("No item of this dimension is below its target."))
        self.heading(_("Comments and evidence"), 2)
        if not d.notes:
            self.para(_("No comments, N/A reasons or consensus notes were recorded for this dimension."), muted=True)
        for note in d.notes:
            paragraph = self.para(words.quote(note.text), "Quote")
            who = f"{note.code} · {words.note_kind(note.kind)}"
            if note.segment:
                who += f" · {segment_label(note.segment, ctx.segment_names)}"
            paragraph.add_run("\n" + who).font.color.rgb = MUTED

    def _design_and_pyramid(self) -> None:
        ctx, num = self.ctx, self.num
        self.heading(_("Design view (ISO/TS 24082) and pyramid view"), page_break=True)
        self.para(
            _(
                "ISO/TS 24082 describes how excellent service is designed; each score rolls up the items mapped to"
                " that design principle or activity. These have no targets of their own."
            )
        )
        self.score_table(
            ctx.design_principles,
            _("Design principles of ISO/TS 24082, %(assessment)s.", assessment=self.of_assessment),
            _("Design principle"),
            targets=False,
        )
        self.score_table(
            ctx.design_activities,
            _("Design activities of ISO/TS 24082, %(assessment)s.", assessment=self.of_assessment),
            _("Design activity"),
            targets=False,
        )
        self.heading(_("Service Excellence Pyramid"), 2)
        header = [_("Level"), _("Score"), _("Band"), _("Coverage"), _("Status")] + (
            [_("Change")] if ctx.previous else []
        )
        rows = [
            [
                f"{lv.rank} · {lv.name}",
                num.pct(lv.score),
                lv.band or "—",
                num.pct(lv.coverage),
                self.words.pyramid_status(lv.status),
            ]
            + ([num.signed(lv.delta)] if ctx.previous else [])
            for lv in reversed(ctx.pyramid)
        ]
        self.table(
            header,
            rows,
            _(
                "Score and status of each pyramid level, top level first, %(assessment)s.",
                assessment=self.of_assessment,
            ),
            first_wide=0,
        )

    # ------------------------------------------------------------------ recommendations, plan, KPIs

    def _recommendations(self) -> None:
        ctx, num, words = self.ctx, self.num, self.words
        self.heading(_("Recommendations and roadmap"), page_break=True)
        if ctx.actions:
            self.para(
                _(
                    "Actions are chosen for every element below its target, to suit its current maturity band; weak"
                    " pyramid levels come first, then the highest priority (gap × impact ÷ effort). An action never"
                    " comes before a prerequisite that is not yet in place."
                )
            )
            if len(ctx.actions) > len(ctx.detailed_actions):
                caption = _(
                    "The %(shown)d highest-ranked of %(total)d recommended actions for %(assessment)s; the roadmap"
                    " below lists them all.",
                    shown=len(ctx.detailed_actions),
                    total=len(ctx.actions),
                    assessment=self.of_assessment,
                )
            else:
                caption = _(
                    "Recommended actions for %(assessment)s, in the order to take them up.",
                    assessment=self.of_assessment,
                )
            rows, details = [], []
            for a in ctx.detailed_actions:
                meta = f"{a.element_id} · " + _("pyramid level %(n)d", n=a.level_rank)
                if a.weak_foundation:
                    meta += num.paren(_("not yet met"))
                if a.needs:
                    meta += " · " + _("after %(ranks)s", ranks="#" + ", #".join(map(str, a.needs)))
                kpis = "\n".join(k.id if k.id in k.name else k.name for k in a.kpis)
                rows.append(
                    [str(a.rank), a.title, f"{a.effort}/5", f"{a.impact}/5", kpis, words.bucket_short(a.bucket)]
                )
                details.append((a.why, meta))
            table = self.table(
                ["#", _("Action and why it matters"), _("Effort"), _("Impact"), _("KPIs"), _("When")], rows, caption
            )
            for row, (why, meta) in zip(table.rows[1:], details, strict=True):
                cell = row.cells[1]
                cell.paragraphs[0].runs[0].bold = True
                cell.add_paragraph(why, TABLE_TEXT)
                cell.add_paragraph(style=TABLE_TEXT).add_run(meta).font.color.rgb = MUTED
            self.heading(_("Roadmap"), 2)
            for bucket, actions in ctx.roadmap:
                self.heading(words.bucket_long(bucket), 3)
                if not actions:
                    self.para("—", muted=True)
                for a in actions:
                    self.para(f"#{a.rank} {a.title}{num.paren(a.element_id)}", "List Bullet")
            self.para(
                _(
                    "Quick wins need little effort (1–2 of 5) and nothing else first; an action that waits for another"
                    " is never a quick win, and effort 5 or a chain of two prerequisites means more than a year."
                ),
                muted=True,
            )
            if ctx.kpis:
                self.table(
                    [_("KPI"), _("Formula")],
                    [[k.name, k.formula] for k in ctx.kpis],
                    _("How to compute the KPIs named above, to check whether the actions work."),
                )
        else:
            self.para(_("No action is recommended: every element with a score meets its target."))
        if ctx.no_evidence:
            self.para(_("No score yet, so no advice:") + " " + ", ".join(ctx.no_evidence), muted=True)
        if ctx.no_action:
            self.para(
                _("Below target, but the library holds no action for the current band:")
                + " "
                + ", ".join(ctx.no_action),
                muted=True,
            )

    def _plan(self) -> None:
        plan = self.ctx.plan
        if plan is None:
            return
        self.heading(_("Action plan"), 2)
        labels = {
            "done": _("Done"),
            "in_progress": _("Under way"),
            "overdue": _("Overdue"),
            "dropped": _("Dropped (won't do)"),
        }

        def cells(row: PlanRow) -> list[str]:
            elements = ", ".join(f"{e} {self.num.signed(d) if d is not None else '—'}" for e, d in row.elements) or "—"
            status = ("✘ " if row.group == "overdue" else "") + labels[row.group]
            return [row.title, elements, row.owner or "—", row.due or "—", status, f"{row.progress} %"]

        header = [_("Action"), _("Elements"), _("Owner"), _("Due date"), _("Status"), _("Progress")]
        if plan.since:
            self.table(header, [cells(r) for r in plan.since], _("Actions since the last assessment"), first_wide=0)
        if plan.agreed:
            self.table(header, [cells(r) for r in plan.agreed], _("Actions agreed from this assessment"), first_wide=0)

    def _kpis(self) -> None:
        kpi = self.ctx.kpi
        if kpi is None:
            return
        self.heading(_("KPIs: what customers and operations show"), page_break=True)
        for finding in kpi.findings:
            self.heading(finding.title, 2)
            self.para(finding.sentence)
        if not kpi.findings:
            self.para(
                _(
                    "No contradiction found: operational and customer-perceived KPIs agree, as far as their targets"
                    " and firm values show."
                )
            )
        if not kpi.compared_with_scores:
            self.para(
                _("The self-assessment does not have enough evidence yet, so KPIs are not compared with its scores."),
                muted=True,
            )
        rows = []
        for r in kpi.rows:
            value = r.value + (f" (n={r.n:,})" if r.n else "")
            mark = "✔ " if r.status == "met" else "✘ " if r.status == "missed" else ""
            rows.append([r.name, r.kind_label, r.period or "—", value, r.target, r.previous, mark + r.status_label])
        self.table(
            [_("KPI"), _("Kind"), _("Period"), _("Value"), _("Target"), _("Previous"), _("Status")],
            rows,
            _("KPI values of %(assessment)s.", assessment=self.of_assessment),
            first_wide=0,
        )


# ---------------------------------------------------------------------- fonts and table details


def _set_fonts(holder: BaseOxmlElement, lang: str) -> None:
    """Name the fonts and languages on the ``w:rPr`` of a style or of the document defaults."""
    rpr = holder.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        holder.append(rpr)
    _fonts_on(rpr, lang)


def _fonts_on(rpr: CT_RPr, lang: str) -> None:
    """Latin font, East Asian font (``w:eastAsia``) and ``w:lang`` (with ``w:eastAsia="ja-JP"``)."""
    rfonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(theme), None)  # a theme font would win over the named one
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attribute), fonts.LATIN)
    rfonts.set(qn("w:eastAsia"), fonts.EAST_ASIAN)
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.insert_element_before(language, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    language.set(qn("w:val"), fonts.LANGUAGE[lang])
    language.set(qn("w:eastAsia"), fonts.EAST_ASIAN_LANGUAGE)


def _set_style_fonts(style: BaseStyle, lang: str) -> None:
    _fonts_on(style.element.get_or_add_rPr(), lang)


def _widths(table: Table, widths: Sequence[int], small: bool = True) -> None:
    """Fix the column widths in the grid (LibreOffice reads it) and in every cell (Word reads those);
    ``small``: set the cells' text in the table text style."""
    table.autofit = False
    for row in table.rows if small else ():
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                if paragraph.style is None or paragraph.style.name == "Normal":
                    paragraph.style = TABLE_TEXT
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _repeat_header(table: Table) -> None:
    """Repeat the header row on every page the table runs over."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
