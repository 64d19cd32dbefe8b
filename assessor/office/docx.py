"""The report as an editable Word file (python-docx): the PDF's content in real Word styles.

Everything comes from the same :class:`~assessor.reports.context.ReportContext` as the PDF
and is worded by the PDF's own label macros (:mod:`assessor.office.wording`) and messages,
so the numbers and findings are the PDF's.  Built with python-docx, not a template: there is
nothing to sandbox, and headings, tables and lists use Word's own styles (Heading 1/2,
Table Grid, List Number) so the client can restyle and amend the report.  Without enough
evidence the file holds what the PDF holds then: the cover and the caveat, no findings.
"""

from __future__ import annotations

from io import BytesIO

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from assessor.i18n import colon
from assessor.office.docx_plan import PlanPages
from assessor.office.images import fit, logo_image, pyramid_png, radar_png
from assessor.office.word import MUTED, TEXT_WIDTH, widths
from assessor.reports.context import ReportContext
from assessor.reports.rows import DimensionSection
from assessor.segments import segment_label


def render_docx(ctx: ReportContext, firm: str | None = None) -> bytes:
    """The report as ``.docx`` bytes, in the report's language.

    :param firm: the consulting firm, named on the cover beside the consultant.
    """
    with force_locale(ctx.lang):
        return _Writer(ctx, firm).build()


class _Writer(PlanPages):
    def build(self) -> bytes:
        self.setup()
        self._cover()
        if self.ctx.enough_evidence:
            self._brief()
            for section in self.ctx.dimensions:
                self._dimension(section)
            self._design_and_pyramid()
            self._trend()
            self.recommendations()
            self.plan()
            self.kpis()
            self.appendix()
        else:
            self._no_evidence()
        out = BytesIO()
        self.doc.save(out)
        return out.getvalue()

    # ------------------------------------------------------------------ cover

    def _cover(self) -> None:
        ctx = self.ctx
        logos = [(logo, align) for logo, align in ((ctx.consultant_logo, "left"), (ctx.client_logo, "right")) if logo]
        if logos:
            table = self.doc.add_table(rows=1, cols=2)
            widths(table, [TEXT_WIDTH // 2, TEXT_WIDTH - TEXT_WIDTH // 2])
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
        self.para(ctx.organisation, "Title")
        self.para(ctx.assessment_title, "Subtitle")
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
        widths(table, [Mm(45), TEXT_WIDTH - Mm(45)], small=False)
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
        ctx = self.ctx
        self.heading(_("Executive brief"), page_break=True)
        sentence = self.para()
        run = sentence.add_run(ctx.verdict.sentence)
        run.bold, run.font.size = True, Pt(14)
        if ctx.verdict.note:
            self.para(ctx.verdict.note)
        badge = self.para()
        badge.add_run(self.words.overall_badge()).bold = True
        change = self.words.change_lines()
        if change:
            badge.add_run("  " + change[0])
            self.para(change[1], muted=True)
        self.picture(pyramid_png(self.words), Mm(95), Mm(60))
        self.para(self.words.pyramid_caption(), "Caption")
        self.picture(radar_png(self.words), Mm(150), Mm(105))
        self.para(self.words.radar_caption(), "Caption")
        self._top_lists()
        self._kpi_line()
        self._footnote(coverage=True)

    def _top_lists(self) -> None:
        ctx, words = self.ctx, self.words
        self.heading(words.strengths_heading(), 2)
        self._ranked(
            [(str(i), r.name, words.strength_figure(r)) for i, r in enumerate(ctx.strengths, 1)], _("None yet.")
        )
        gaps_heading = " ".join(filter(None, (_("Gaps to target"), words.more_gaps())))
        self.heading(gaps_heading, 2)
        self._ranked(
            [
                (
                    str(i),
                    r.name,
                    words.gap_figure(r),
                )
                for i, r in enumerate(ctx.gaps, 1)
            ],
            words.no_gaps(),
        )
        actions_heading = " ".join(filter(None, (_("First actions"), words.more_actions())))
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
        widths(table, [Mm(10), TEXT_WIDTH - Mm(70), Mm(60)])
        self.para()

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

    def _trend(self) -> None:
        """The PDF's trend page as a table (the chart's numbers), over three or more assessments."""
        trend, num = self.ctx.trend, self.num
        if trend is None:
            return
        self.heading(_("Trend over %(num)d assessments", num=len(trend.labels)), page_break=True)
        self.para(
            _(
                "Overall and dimension scores of the organisation’s assessments up to this one, oldest first;"
                " only assessments with enough evidence count."
            )
        )
        if not trend.same_questionnaire:
            self.para(
                _(
                    "The assessments used different questionnaires: their dimension scores rest on different sets"
                    " of items."
                )
            )
        names = {"overall": _("Overall")} | {d.id: f"{d.id} · {d.name}" for d in self.ctx.dimensions}
        header = [_("Dimension"), *trend.labels, _("Change since %(label)s", label=trend.labels[0])]
        rows = [
            [names[r.key], *(num.pct(v) for v in r.values), num.signed(r.change) if r.change is not None else "—"]
            for r in trend.rows
        ]
        caption = _("Score per assessment and change from the first to the last (percentage points).")
        self.table(header, rows, caption, first_wide=0)
