"""A short PowerPoint deck for a workshop's closing meeting (python-pptx), from the report's own data.

Seven 16:9 slides: title, verdict and pyramid, radar, three gaps, three first actions, the
roadmap and next steps.  Text is in editable text boxes and tables (only the radar and the
pyramid are pictures, rasterised from the PDF's SVG), in the PDF's wording
(:mod:`assessor.office.wording`) and numbers.  Type sizes are chosen for the longest
Japanese strings the report produces and lists stop at three, so nothing runs off a slide.
Without enough evidence the deck says so on three slides and claims no finding.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.presentation import Presentation as PresentationObject
from pptx.slide import Slide
from pptx.text.text import TextFrame, _Run
from pptx.util import Emu, Inches, Pt

from assessor.i18n import colon
from assessor.office import fonts
from assessor.office.images import fit, logo_image, pyramid_png, radar_png
from assessor.office.wording import Words, report_words
from assessor.reports.context import ReportContext

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)
"""16:9 (13.33 × 7.5 in), as PowerPoint sizes a widescreen deck."""
MARGIN = Inches(0.6)
BODY_WIDTH = WIDTH - 2 * MARGIN
TOP = Inches(1.45)
"""Where content starts, below the slide title."""
LISTED = 3
"""Gaps, actions and roadmap entries per slide: three fit the slide and the meeting."""
DARK, MUTED, ACCENT = RGBColor(0x22, 0x22, 0x22), RGBColor(0x55, 0x55, 0x55), RGBColor(0x1F, 0x4E, 0x79)
BLANK_LAYOUT = 6


def render_pptx(ctx: ReportContext, firm: str | None = None) -> bytes:
    """The closing-meeting deck as ``.pptx`` bytes, in the report's language.

    :param firm: the consulting firm, named on the title slide beside the consultant.
    """
    with force_locale(ctx.lang):
        return _Deck(ctx, firm).build()


class _Deck:
    def __init__(self, ctx: ReportContext, firm: str | None) -> None:
        self.ctx = ctx
        self.firm = firm
        self.words: Words = report_words(ctx)
        self.num = self.words.num
        self.prs: PresentationObject = Presentation()
        self.prs.slide_width, self.prs.slide_height = WIDTH, HEIGHT

    def build(self) -> bytes:
        self._title_slide()
        if self.ctx.enough_evidence:
            self._verdict()
            self._radar()
            self._gaps()
            self._first_actions()
            self._roadmap()
        else:
            self._no_evidence()
        self._next_steps()
        props = self.prs.core_properties
        props.title = f"{self.ctx.organisation} · {self.ctx.assessment_title}"
        props.author = self.ctx.consultant or self.firm or ""
        props.language = fonts.LANGUAGE[self.ctx.lang]
        out = BytesIO()
        self.prs.save(out)
        return out.getvalue()

    # ------------------------------------------------------------------ building blocks

    def slide(self, title: str, subtitle: str | None = None) -> Slide:
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[BLANK_LAYOUT])
        frame = self.text(slide, MARGIN, Inches(0.35), BODY_WIDTH, Inches(0.8))
        self.add(frame, title, 30, bold=True, colour=ACCENT, first=True)
        if subtitle:
            self.add(frame, subtitle, 16, colour=MUTED)
        return slide

    def text(self, slide: Slide, x: int, y: int, w: int, h: int) -> TextFrame:
        frame = slide.shapes.add_textbox(Emu(x), Emu(y), Emu(w), Emu(h)).text_frame
        frame.word_wrap = True
        return frame

    def add(
        self,
        frame: TextFrame,
        text: str,
        size: float,
        *,
        bold: bool = False,
        colour: RGBColor = DARK,
        first: bool = False,
        space: float = 6,
    ) -> None:
        """Add a paragraph of ``text`` (the frame's first, empty one when ``first``)."""
        paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
        paragraph.space_after = Pt(space)
        _style(paragraph.add_run(), text, size, bold, colour, self.ctx.lang)

    def table(
        self,
        slide: Slide,
        rows: Sequence[Sequence[str]],
        widths: Sequence[int],
        y: int,
        size: float,
        header: bool = False,
    ) -> None:
        height = Emu(int(Pt(size) * 2.6 * len(rows)))
        shape = slide.shapes.add_table(len(rows), len(widths), Emu(MARGIN), Emu(y), Emu(sum(widths)), height)
        table = shape.table
        table.first_row = header
        for index, width in enumerate(widths):
            table.columns[index].width = Emu(width)
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                cell = table.cell(r, c)
                cell.text_frame.word_wrap = True
                colour = RGBColor(0xFF, 0xFF, 0xFF) if header and r == 0 else DARK
                for index, line in enumerate(value.split("\n")):  # one paragraph per line
                    paragraph = cell.text_frame.paragraphs[0] if index == 0 else cell.text_frame.add_paragraph()
                    paragraph.space_after = Pt(size / 2)
                    _style(paragraph.add_run(), line, size, header and r == 0, colour, self.ctx.lang)

    def picture(self, slide: Slide, image: bytes, x: int, y: int, w: int, h: int) -> None:
        pw, ph = fit(image, w, h)
        slide.shapes.add_picture(BytesIO(image), Emu(x + (w - pw) // 2), Emu(y), Emu(pw), Emu(ph))

    # ------------------------------------------------------------------ slides

    def _title_slide(self) -> None:
        ctx = self.ctx
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[BLANK_LAYOUT])
        box_w, box_h = Inches(3.2), Inches(1.1)
        if ctx.consultant_logo:
            image = logo_image(ctx.consultant_logo)
            w, h = fit(image, box_w, box_h)
            slide.shapes.add_picture(BytesIO(image), Emu(MARGIN), Emu(Inches(0.5)), Emu(w), Emu(h))
        if ctx.client_logo:
            image = logo_image(ctx.client_logo)
            w, h = fit(image, box_w, box_h)
            slide.shapes.add_picture(BytesIO(image), Emu(WIDTH - MARGIN - w), Emu(Inches(0.5)), Emu(w), Emu(h))
        frame = self.text(slide, MARGIN, Inches(2.0), BODY_WIDTH, Inches(4.6))
        self.add(frame, _("Service excellence assessment report"), 18, colour=MUTED, first=True)
        chars = len(ctx.organisation) + len(ctx.assessment_title)
        # Long names get smaller type, never clipped (as on the PDF cover).
        big, medium = (40, 26) if chars <= 60 else (30, 20) if chars <= 140 else (22, 16)
        self.add(frame, ctx.organisation, big, bold=True, colour=ACCENT)
        self.add(frame, ctx.assessment_title, medium, space=18)
        self.add(frame, f"{_('Assessed on')}{colon()}{ctx.assessed_on}", 16, colour=MUTED, space=2)
        prepared = " · ".join(name for name in (ctx.consultant, self.firm) if name)
        if prepared:
            self.add(frame, f"{_('Prepared by')}{colon()}{prepared}", 16, colour=MUTED, space=2)
        self.add(frame, f"{_('Report date')}{colon()}{ctx.report_date}", 16, colour=MUTED, space=2)

    def _verdict(self) -> None:
        ctx = self.ctx
        slide = self.slide(_("Executive brief"))
        frame = self.text(slide, MARGIN, TOP, Inches(6.6), Inches(5.4))
        self.add(frame, ctx.verdict.sentence, 26, bold=True, first=True, space=12)
        if ctx.verdict.note:
            self.add(frame, ctx.verdict.note, 15, colour=MUTED, space=12)
        self.add(frame, self.words.overall_badge(), 22, bold=True, colour=ACCENT)
        change = self.words.change_lines()
        if change:
            self.add(frame, change[0], 16)
            self.add(frame, change[1], 14, colour=MUTED)
        x = MARGIN + Inches(6.9)
        self.picture(slide, pyramid_png(self.words), x, TOP, WIDTH - MARGIN - x, Inches(4.2))
        caption = self.text(slide, x, TOP + Inches(4.4), WIDTH - MARGIN - x, Inches(1.4))
        self.add(caption, self.words.pyramid_caption(), 11, colour=MUTED, first=True)

    def _radar(self) -> None:
        slide = self.slide(_("Element scores against target"))
        self.picture(slide, radar_png(self.words), MARGIN, TOP - Inches(0.1), BODY_WIDTH, Inches(5.1))
        frame = self.text(slide, MARGIN, Inches(6.55), BODY_WIDTH, Inches(0.7))
        caption = self.words.radar_caption()
        self.add(frame, caption, 12, colour=MUTED, first=True)

    def _gaps(self) -> None:
        ctx = self.ctx
        subtitle = self.words.more_gaps()
        slide = self.slide(_("Gaps to target"), subtitle)
        rows = [
            [
                str(i),
                r.name,
                self.words.gap_figure(r),
            ]
            for i, r in enumerate(ctx.gaps[:LISTED], 1)
        ]
        if not rows:
            self.add(
                self.text(slide, MARGIN, TOP + Inches(0.3), BODY_WIDTH, Inches(1)), self.words.no_gaps(), 22, first=True
            )
            return
        self.table(slide, rows, [Inches(0.7), Inches(5.6), BODY_WIDTH - Inches(6.3)], TOP + Inches(0.4), 20)

    def _first_actions(self) -> None:
        ctx, words = self.ctx, self.words
        subtitle = words.more_actions()
        slide = self.slide(_("First actions"), subtitle)
        rows = [
            [str(a.rank), a.title, f"{a.element_id} · {words.bucket_short(a.bucket)}"] for a in ctx.top_actions[:LISTED]
        ]
        if not rows:
            self.add(
                self.text(slide, MARGIN, TOP + Inches(0.3), BODY_WIDTH, Inches(1)),
                words.no_first_actions(),
                22,
                first=True,
            )
            return
        self.table(slide, rows, [Inches(0.7), Inches(8.6), BODY_WIDTH - Inches(9.3)], TOP + Inches(0.4), 20)

    def _roadmap(self) -> None:
        ctx, words = self.ctx, self.words
        slide = self.slide(_("Roadmap"))
        header = [words.bucket_long(bucket) for bucket, _actions in ctx.roadmap]
        cells = []
        for _bucket, actions in ctx.roadmap:
            lines = [f"#{a.rank} {a.title}" for a in actions[:LISTED]] or ["—"]
            if len(actions) > LISTED:
                more = len(actions) - LISTED
                lines.append(ngettext("and %(num)d more", "and %(num)d more", more))
            cells.append("\n".join(lines))
        column = BODY_WIDTH // len(header)
        self.table(slide, [header, cells], [column] * len(header), TOP + Inches(0.2), 18, header=True)

    def _no_evidence(self) -> None:
        slide = self.slide(_("Not enough evidence yet"))
        frame = self.text(slide, MARGIN, TOP, BODY_WIDTH, Inches(5.2))
        self.add(frame, self.ctx.verdict.sentence, 24, bold=True, first=True, space=14)
        for text in self.words.evidence_facts():
            self.add(frame, text, 18, space=12)

    def _next_steps(self) -> None:
        ctx = self.ctx
        slide = self.slide(_("Next steps"))
        agreed = ctx.plan.agreed if ctx.plan else ()
        if ctx.enough_evidence and agreed:
            header = [_("Action"), _("Owner"), _("Due date")]
            rows = [[r.title, r.owner or "—", r.due or "—"] for r in agreed[:LISTED]]
            self.table(
                slide,
                [header, *rows],
                [Inches(7.9), Inches(2.5), BODY_WIDTH - Inches(10.4)],
                TOP + Inches(0.2),
                18,
                header=True,
            )
            return
        frame = self.text(slide, MARGIN, TOP + Inches(0.2), BODY_WIDTH, Inches(5))
        if ctx.enough_evidence:
            steps = [
                _("Agree an owner and a due date for each first action."),
                _("Track the actions in the action plan."),
                _("Repeat the assessment to measure the change."),
            ]
        else:
            steps = [_("Ask the participants to complete the questionnaire, then open the report again.")]
        for index, step in enumerate(steps):
            self.add(frame, f"{index + 1}. {step}", 24, first=index == 0, space=16)


def _style(run: _Run, text: str, size: float, bold: bool, colour: RGBColor, lang: str) -> None:
    """Set a run's text, size, weight and colour, its Latin and East Asian fonts (``a:ea``) and language."""
    run.text = text
    font = run.font
    font.size, font.bold = Pt(size), bold
    font.color.rgb = colour
    font.name = fonts.LATIN
    rpr = run._r.get_or_add_rPr()
    ea = rpr.find(qn("a:ea"))
    if ea is None:
        ea = OxmlElement("a:ea")
        rpr.find(qn("a:latin")).addnext(ea)
    ea.set("typeface", fonts.EAST_ASIAN)
    rpr.set("lang", fonts.LANGUAGE[lang])
    rpr.set("altLang", fonts.EAST_ASIAN_LANGUAGE if lang != "ja" else fonts.LANGUAGE["en"])
