"""Building blocks of the Word report (python-docx): page set-up, fonts, paragraphs, tables and score tables.

Word's own styles carry the look (Normal, Title, Heading 1–3, Caption, Quote, List Bullet,
Table Grid and a small "Table Text" paragraph style), so a client can restyle the file.
Every style names the Latin and the East Asian font and the languages
(:mod:`assessor.office.fonts`), which Word needs to set Japanese in the intended font.
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
from flask_babel import gettext as _

from assessor import numbers
from assessor.office import fonts
from assessor.office.images import fit
from assessor.office.wording import Words, report_words
from assessor.reports.context import ReportContext
from assessor.reports.rows import ScoreRow

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Mm(210), Mm(297), Mm(18)
"""A4 with the PDF's margins (``@page { size: A4; margin: 18mm }``)."""
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
MUTED = RGBColor(0x55, 0x55, 0x55)
TABLE_TEXT, TABLE_TEXT_ID = "Table Text", "TableText"
"""Paragraph style of table cells (smaller than body text, so ten columns of numbers fit A4), and its id."""


class WordDocument:
    """A Word document for one report context, with the helpers the report's pages are written with."""

    def __init__(self, ctx: ReportContext, firm: str | None) -> None:
        self.ctx = ctx
        self.firm = firm
        self.words: Words = report_words(ctx)
        self.num = self.words.num
        self.doc: DocumentObject = Document()
        self.of_assessment = self.words.of_assessment

    # ------------------------------------------------------------------ building blocks

    def setup(self) -> None:
        """A4, the PDF's margins, the document's title and language, and the fonts on every style."""
        section = self.doc.sections[0]
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, MARGIN)
        props = self.doc.core_properties
        props.title = f"{self.ctx.organisation} · {self.ctx.assessment_title}"
        props.author = self.ctx.consultant or self.firm or ""
        props.language = fonts.LANGUAGE[self.ctx.lang]
        set_fonts(self.doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")), self.ctx.lang)
        for style in self.doc.styles:
            if style.type in (1, 2):  # paragraph and character styles
                set_style_fonts(style, self.ctx.lang)
        self.doc.styles["Normal"].font.size = Pt(10.5)
        table_text = self.doc.styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
        table_text.base_style = self.doc.styles["Normal"]
        table_text.font.size = Pt(8.5)
        table_text.paragraph_format.space_after = Pt(0)
        self.style_ids = {style.name: style.style_id for style in self.doc.styles}

    def para(self, text: str = "", style: str | None = None, *, bold: bool = False, muted: bool = False) -> Paragraph:
        paragraph = self.doc.add_paragraph()
        if style:
            paragraph._p.style = self.style_ids[style]  # by id: python-docx scans every style per name
        if text:
            run = paragraph.add_run(text)
            run.bold = bold or None
            if muted:
                run.font.color.rgb = MUTED
        return paragraph

    def heading(self, text: str, level: int = 1, *, page_break: bool = False) -> None:
        paragraph = self.para(text, f"Heading {level}")
        paragraph.paragraph_format.page_break_before = page_break or None

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        caption: str | None = None,
        first_wide: int = 1,
        column_widths: Sequence[int] | None = None,
    ) -> Table:
        """A Table Grid table with a repeated, bold header row; column ``first_wide`` takes the spare width
        (or the columns get ``column_widths``)."""
        if caption:
            self.para(caption, "Caption")
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        repeat_header(table)
        for values in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, values, strict=True):
                cell.text = text
        wide = max(TEXT_WIDTH - Mm(19) * (len(header) - 1), int(TEXT_WIDTH * 0.3))
        narrow = (TEXT_WIDTH - wide) // (len(header) - 1)
        widths(table, column_widths or [wide if i == first_wide else narrow for i in range(len(header))])
        self.para()
        return table

    def picture(self, image: bytes, width: int, height: int, centre: bool = True) -> None:
        w, h = fit(image, width, height)
        self.doc.add_picture(BytesIO(image), width=w, height=h)
        if centre:
            self.doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER

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
        header = self.score_header(first, targets)
        # As the PDF's colgroup: band 22 mm, answered-by and agreement wider than the plain numbers.
        sizes = [Mm(13), Mm(21)] + ([Mm(13), Mm(13)] if targets else []) + ([Mm(15)] if self.ctx.previous else [])
        sizes += [Mm(16), Mm(16), Mm(19)]
        table = self.table(
            header, self.score_rows(rows, targets), caption, column_widths=[TEXT_WIDTH - sum(sizes), *sizes]
        )
        if rows and rows[0].kind == "dimension" and len(rows) > 1:
            for cell in table.rows[1].cells:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
        if any(r.status == "insufficient_evidence" for r in rows):
            self.para(_("* Provisional: fewer than half of the items (by weight) were answered."), muted=True)


# ---------------------------------------------------------------------- fonts and table details


def set_fonts(holder: BaseOxmlElement, lang: str) -> None:
    """Name the fonts and languages on the ``w:rPr`` of a style or of the document defaults."""
    rpr = holder.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        holder.append(rpr)
    fonts_on(rpr, lang)


def fonts_on(rpr: CT_RPr, lang: str) -> None:
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


def set_style_fonts(style: BaseStyle, lang: str) -> None:
    fonts_on(style.element.get_or_add_rPr(), lang)


def widths(table: Table, widths: Sequence[int], small: bool = True) -> None:
    """Fix the column widths in the grid (LibreOffice reads it) and in every cell (Word reads those);
    ``small``: set the cells' text in the table text style.

    Works on the XML: python-docx looks a style up by scanning every style, once per paragraph.
    """
    table.autofit = False
    if small:  # 1 mm cell padding (Word's default is 1.9 mm): "Established" and "Score" fit their columns
        margins = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            margin = OxmlElement(f"w:{side}")
            margin.set(qn("w:w"), "57")
            margin.set(qn("w:type"), "dxa")
            margins.append(margin)
        table._tbl.tblPr.insert_element_before(
            margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"
        )
    for tc in table._tbl.iter(qn("w:tc")) if small else ():
        for p in tc.iter(qn("w:p")):
            if p.style is None:  # Normal
                p.style = TABLE_TEXT_ID
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def repeat_header(table: Table) -> None:
    """Repeat the header row on every page the table runs over."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
