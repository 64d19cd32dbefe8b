"""The PDF report's own wording for the Word and PowerPoint files: its label macros, bound to one report.

The PDF template keeps the labels that depend on the report (strengths heading, pyramid
statuses, buckets, the evidence caveat...) in ``templates/reports/pdf/_labels.html`` and its
charts in ``_charts.html``.  The Office writers call those same macros instead of
restating them, so the three formats cannot word a finding differently.  Call
:func:`report_words` inside ``force_locale(ctx.lang)`` and an application context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup

from assessor import numbers
from assessor.reports import typeset
from assessor.reports.context import ReportContext
from assessor.reports.rows import ScoreRow

LABELS = "reports/pdf/_labels.html"
CHARTS = "reports/pdf/_charts.html"


@dataclass(frozen=True, slots=True)
class Words:
    """The PDF's label and chart macros bound to one report, and its number writers."""

    ctx: ReportContext
    labels: Any
    charts: Any
    num: SimpleNamespace
    scale: Any
    """The questionnaire scale (levels, min, max), as the PDF template gets it."""
    rules: dict[str, Any]
    """The scoring rules the PDF quotes (:data:`assessor.templating.RULES` and the level percentages)."""

    def strengths_heading(self) -> str:
        """ "Strengths", "Relative strengths (none at target yet)" or "Highest scores (no targets set)"."""
        return plain(self.labels.strengths_heading())

    def strength_figure(self, row: ScoreRow) -> str:
        """The figure beside a strength, as the brief prints it."""
        return plain(self.labels.strength_figure(row))

    def no_gaps(self) -> str:
        """What the gaps list says when it is empty."""
        return plain(self.labels.no_gaps())

    def no_first_actions(self) -> str:
        """What the first-actions list says when it is empty."""
        return plain(self.labels.no_first_actions())

    def bucket_short(self, bucket: str) -> str:
        """``0–3 months`` and so on."""
        return plain(self.labels.bucket_short(bucket))

    def bucket_long(self, bucket: str) -> str:
        """``Quick wins (0–3 months)`` and so on."""
        return plain(self.labels.bucket_long(bucket))

    def pyramid_status(self, status: str) -> str:
        """``✔ reached`` and so on."""
        return plain(self.labels.PYRAMID_STATUS[status])

    def note_kind(self, kind: str) -> str:
        """``comment``, ``N/A reason`` or ``consensus rationale``."""
        return plain(self.labels.note_kind(kind))

    def quote(self, text: str) -> str:
        """A voice in quotation marks of the report's language."""
        return plain(self.labels.quote(text))

    def report_status(self) -> str:
        """``Final (date)`` or ``Draft``; empty for an assessment file."""
        return plain(self.labels.report_status())

    def paper_note(self) -> str:
        """How many responses the facilitator entered from paper forms."""
        return plain(self.labels.paper_note())

    def evidence_facts(self) -> list[str]:
        """The caveat of a report without enough evidence, one string per paragraph."""
        return [plain(Markup(p)) for p in re.findall(r"<p>(.*?)</p>", str(self.labels.evidence_facts()), re.S)]

    # ---- the brief's sentences, as report.html words them

    @property
    def of_assessment(self) -> str:
        """``Title (date)``, the title clipped as in the PDF's captions."""
        ctx = self.ctx
        return typeset.clip(ctx.assessment_title, 32 if ctx.lang == "ja" else 60) + self.num.paren(ctx.assessed_on)

    def overall_badge(self) -> str:
        """``Overall 67 % · Established``."""
        ctx = self.ctx
        badge = _("Overall") + ("" if ctx.lang == "ja" else " ") + self.num.pct(ctx.overall.score)
        return badge + (f" · {ctx.overall.band}" if ctx.overall.band else "")

    def change_lines(self) -> tuple[str, str] | None:
        """The overall change since the previous assessment and that assessment's level; ``None`` without one."""
        ctx, num = self.ctx, self.num
        if not ctx.previous or ctx.overall.delta is None:
            return None
        change = _(
            "%(change)s points since %(date)s", change=num.signed(ctx.overall.delta), date=ctx.previous.assessed_on
        )
        level = _(
            "Previous assessment: level %(n)d of %(total)d.", n=ctx.previous.pyramid_rank, total=ctx.verdict.level_count
        )
        return change, level

    def pyramid_caption(self) -> str:
        """When a pyramid level counts."""
        return _(
            "Service Excellence Pyramid: a level counts when it and every level below reach Established"
            " (above %(threshold)s %%) with enough evidence.",
            threshold=numbers.fmt(self.rules["pyramid_threshold"]),
        )

    def radar_caption(self) -> str:
        """What the radar's lines are."""
        if self.ctx.previous:
            return _(
                "Element scores (0–100 %%) of %(assessment)s: current (filled), target (dashed) and previous"
                " assessment (dotted).",
                assessment=self.of_assessment,
            )
        return _(
            "Element scores (0–100 %%) of %(assessment)s: current (filled) and target (dashed).",
            assessment=self.of_assessment,
        )

    def more_gaps(self) -> str | None:
        """``and 5 more below target: see the dimension pages`` (elements below target beyond the three listed)."""
        ctx = self.ctx
        below = sum(1 for d in ctx.dimensions for e in d.elements if e.gap is not None and numbers.whole(e.gap) > 0)
        more = below - len(ctx.gaps)
        if more <= 0:
            return None
        return ngettext(
            "and %(num)d more below target: see the dimension pages",
            "and %(num)d more below target: see the dimension pages",
            more,
        )

    def more_actions(self) -> str | None:
        """``and 13 more in the roadmap`` (actions beyond the first three)."""
        more = len(self.ctx.actions) - len(self.ctx.top_actions)
        return (
            ngettext("and %(num)d more in the roadmap", "and %(num)d more in the roadmap", more) if more > 0 else None
        )

    def gap_figure(self, row: ScoreRow) -> str:
        """``54 %, 21 points below target``."""
        return _(
            "%(score)s, %(points)s points below target", score=self.num.pct(row.score), points=self.num.points(row.gap)
        )

    def radar_svg(self, title: str) -> str:
        """The PDF's radar chart as SVG source."""
        return str(self.charts.radar_svg(self.ctx.radar, title))

    def pyramid_svg(self, title: str) -> str:
        """The PDF's pyramid graphic as SVG source."""
        return str(self.charts.pyramid_svg(self.ctx.pyramid_graphic, title, self.labels.PYRAMID_STATUS))


def plain(markup: object) -> str:
    """Text of a macro's HTML output: tags dropped, entities decoded, white space collapsed."""
    return Markup(str(markup)).striptags()


def report_words(ctx: ReportContext) -> Words:
    """Bind the PDF's label and chart macros to ``ctx`` (with the variables the PDF template gets)."""
    env = current_app.jinja_env
    variables: dict[str, Any] = {"ctx": ctx, "num": numbers.in_language(ctx.lang), "ts": typeset}
    current_app.update_template_context(variables)
    labels = env.get_template(LABELS).make_module(variables)
    charts = env.get_template(CHARTS).make_module(variables)
    return Words(ctx, labels, charts, variables["num"], variables["scale"], variables["rules"])
