"""The recommendations, action-plan, KPI and appendix pages of the Word report (python-docx)."""

from __future__ import annotations

from docx.shared import Mm
from flask_babel import gettext as _

from assessor import numbers
from assessor.i18n import colon
from assessor.office.word import MUTED, TABLE_TEXT_ID, TEXT_WIDTH, WordDocument
from assessor.office.wording import plain
from assessor.reports.planrows import PlanRow


class PlanPages(WordDocument):
    """Recommendations and roadmap, the action plan and the KPIs, as on the PDF's pages."""

    def recommendations(self) -> None:
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
                cell.add_paragraph(why)._p.style = TABLE_TEXT_ID
                detail = cell.add_paragraph()
                detail._p.style = TABLE_TEXT_ID
                detail.add_run(meta).font.color.rgb = MUTED
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

    def plan(self) -> None:
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

    def kpis(self) -> None:
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

    def appendix(self) -> None:
        """Appendix A of the PDF: the rules and the arithmetic of every score and item (one decimal)."""
        ctx, num, words = self.ctx, self.num, self.words
        rules, scale = words.rules, words.scale
        comma = "、" if ctx.lang == "ja" else ", "
        self.heading(_("Appendix A: how every number was computed"), page_break=True)
        threshold = numbers.fmt(rules["pyramid_threshold"])
        for rule in (
            _(
                "Item value: the consensus level if the team agreed one, otherwise the median of the ratings (N/A left"
                " out); item score = value ÷ %(max)d × 100, so %(levels)s give %(percents)s %%.",
                max=scale.max,
                levels=comma.join(str(level.value) for level in scale.levels),
                percents=comma.join(rules["level_percents"]),
            ),
            _(
                "Every roll-up is the weighted mean of its answered items: Σ(w × p) ÷ Σw, with weight w (1 normal, 2"
                " central) and item score p. Unanswered and N/A items are left out."
            ),
            _(
                "Coverage = answered weight ÷ total weight × 100; below %(threshold)s %% a score is provisional"
                " (insufficient evidence).",
                threshold=numbers.fmt(rules["coverage_threshold"]),
            ),
            _(
                "Coverage counts the questionnaire weight answered; “answered by” counts the respondents who rated at"
                " least one of its questions (N/A is not a rating)."
            ),
            _("Bands: %(bands)s.", bands=plain(words.labels.band_limits())),
            _(
                "Every whole number is rounded once, ties downwards (%(tie)s → %(down)d), and the band, the ✔ and the"
                " gap are read from that printed number, so they never contradict it.",
                tie=threshold,
                down=numbers.whole(rules["pyramid_threshold"]),
            ),
            _(
                "This appendix shows one decimal so the arithmetic can be checked; the rest of the report rounds"
                " to whole numbers."
            ),
        ):
            self.para(rule, "List Bullet")
        kinds = {c.kind: plain(words.labels.kind(c.kind)) for c in ctx.computations}
        rows = []
        for c in ctx.computations:
            calculation = c.calculation + (f"\n{_('Left out')}{colon()}{', '.join(c.left_out)}" if c.left_out else "")
            rows.append(
                [
                    kinds[c.kind] + ("" if c.kind == "overall" else f" {c.id}"),
                    calculation,
                    num.pct1(c.score),
                    c.coverage,
                ]
            )
        self.table(
            [_("Score"), _("Calculation"), _("Result"), _("Coverage")],
            rows,
            _("Arithmetic of every score, %(assessment)s.", assessment=self.of_assessment),
            column_widths=[Mm(30), TEXT_WIDTH - Mm(76), Mm(15), Mm(31)],
        )
        self.heading(_("Value of every item, %(assessment)s", assessment=self.of_assessment), 2)
        self.para(
            _("Item: how its value came about → its score; w = weight, n = ratings, r_wg = agreement."), muted=True
        )
        for i in ctx.item_computations:
            paragraph = self.para(style="List Number")
            paragraph.add_run(i.code).bold = True
            paragraph.add_run(
                f" {i.calculation} · w {num.num(i.weight)} · n {i.respondents} · r_wg {num.agreement(i.r_wg)}"
            )
