"""The Word report and the closing-meeting deck: opened with python-docx / python-pptx and checked
against the report context the PDF is built from; languages and fonts, the evidence caveat, viewers,
access, the CLI, and (slow) LibreOffice's conversion to PDF."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
import sqlalchemy as sa
from docx import Document
from docx.oxml.ns import qn
from flask import Flask
from flask_babel import force_locale
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from assessor import numbers
from assessor.extensions import db
from assessor.models import Assessment, Event, Organisation
from assessor.office import fonts
from assessor.office.docx import render_docx
from assessor.office.images import svg_png
from assessor.office.pptx import render_pptx
from assessor.office.wording import report_words
from assessor.reports.branding import branding_for
from assessor.reports.context import ReportContext
from assessor.reports.service import Branding, context_for_assessment
from tests.factories import Person, add_user, stored_assessment, workspace_named
from tests.helpers import login

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def _seed(app: Flask, workspace: str = "Workspace A") -> tuple[int, int]:
    """An organisation with a previous and a current assessment, and an empty one: (current id, empty id)."""
    current = {f"E{n}-01": (3 if n in (1, 5, 8) else 2) for n in range(1, 10)}
    low = {f"E{n}-01": 1 for n in range(1, 10)}
    with app.app_context():
        org = Organisation(name="Harbour & Co", workspace=workspace_named(workspace))
        for title, on, levels in (
            ("Baseline 2025", date(2025, 11, 20), low),
            ("Check 2026", date(2026, 11, 20), current),
        ):
            people = [
                Person(segment, f"Secret {segment}", {code: max(0, min(4, v + shift)) for code, v in levels.items()})
                for segment, shift in (("leadership", 1), ("front-line", 0), ("back-office", -1))
            ]
            stored_assessment(org, title, people, assessed_on=on)
        org.assessments.append(
            Assessment(title="Empty", questionnaire_id="mini", questionnaire_version="1", assessed_on=date(2026, 12, 1))
        )
        db.session.add(org)
        db.session.commit()
        ids = {a.title: a.id for a in org.assessments}
        return ids["Check 2026"], ids["Empty"]


def _ctx(app: Flask, assessment_id: int, lang: str, branding: Branding | None = None) -> ReportContext:
    with app.app_context():
        return context_for_assessment(db.session.get(Assessment, assessment_id), lang, branding or Branding())


def _docx_text(data: bytes) -> tuple[list[str], list[list[str]]]:
    """Paragraph texts and table rows (cell texts) of a Word file."""
    doc = Document(BytesIO(data))
    rows = [[cell.text.strip() for cell in row.cells] for table in doc.tables for row in table.rows]
    return [p.text for p in doc.paragraphs], rows


def _pptx_texts(data: bytes) -> list[str]:
    """The text of each slide, text boxes and table cells together."""
    slides = []
    for slide in Presentation(BytesIO(data)).slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
        slides.append("\n".join(parts))
    return slides


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_word_report_shows_the_numbers_and_findings_of_the_report_context(site: Flask, lang: str) -> None:
    add_user(site, "lead@example.com")
    current, _empty = _seed(site)
    client = site.test_client()
    login(client, "lead@example.com")
    response = client.get(f"/assessments/{current}/report.docx?lang={lang}")
    assert response.status_code == 200 and response.mimetype == DOCX
    assert response.headers["Cache-Control"] == "private, no-store"
    assert f"-{lang}.docx" in response.headers["Content-Disposition"]
    ctx = _ctx(site, current, lang, Branding(consultant="lead"))
    num = numbers.in_language(lang)
    paragraphs, rows = _docx_text(response.data)
    text = "\n".join(paragraphs)
    assert ctx.enough_evidence and ctx.organisation in text and ctx.verdict.sentence in text
    assert "lead · Workspace A" in {cell for row in rows for cell in row}  # the signed-in consultant and their firm
    by_name = {row[0]: row for row in rows if row}
    for section in ctx.dimensions:
        assert f"{section.id} · {section.name}" in text
        for element in (section.row, *section.elements):
            row = by_name[element.name]
            assert row[1] == num.pct(element.score) and row[2] == element.band
            assert row[3] == num.pct(element.target)
    for gap in ctx.gaps:
        assert by_name.get(gap.name) or any(gap.name in row for row in rows)
        assert any(num.points(gap.gap) in " ".join(row) for row in rows if gap.name in row)
    cells = " ".join(cell for row in rows for cell in row)
    assert all(a.title in cells for a in ctx.detailed_actions)
    assert all(a.title in text for _bucket, actions in ctx.roadmap for a in actions)
    doc = Document(BytesIO(response.data))
    headings = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert len(headings) >= len(ctx.dimensions) + 2
    assert len(doc.inline_shapes) == 2  # the pyramid and the radar
    for style in ("Normal", "Heading 1", "Title"):
        rpr = doc.styles[style].element.rPr
        assert rpr.rFonts.get(qn("w:eastAsia")) == fonts.EAST_ASIAN
        assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "ja-JP"
        assert rpr.find(qn("w:lang")).get(qn("w:val")) == fonts.LANGUAGE[lang]
    if lang == "ja":
        assert "エグゼクティブサマリー" in text


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_deck_has_seven_editable_slides_with_the_verdict_gaps_and_actions(app: Flask, lang: str) -> None:
    current, _empty = _seed(app)
    ctx = _ctx(app, current, lang)
    with app.app_context(), app.test_request_context():
        data = render_pptx(ctx, "Kaizen Partners")
    prs = Presentation(BytesIO(data))
    assert 6 <= len(prs.slides) <= 8
    assert prs.slide_width * 9 == prs.slide_height * 16
    texts = _pptx_texts(data)
    for slide, text in zip(prs.slides, texts, strict=True):
        assert any(shape.has_text_frame or shape.has_table for shape in slide.shapes) and text.strip()
        for shape in slide.shapes:  # nothing runs off the slide
            assert shape.left + shape.width <= prs.slide_width and shape.top + shape.height <= prs.slide_height
    deck = "\n".join(texts)
    num = numbers.in_language(lang)
    assert ctx.organisation in texts[0] and "Kaizen Partners" in texts[0]
    assert ctx.verdict.sentence in texts[1] and num.pct(ctx.overall.score) in texts[1]
    gaps = next(t for t in texts if all(g.name in t for g in ctx.gaps))
    assert all(num.points(g.gap) in gaps for g in ctx.gaps[:3])
    assert all(a.title in deck for a in ctx.top_actions[:3])
    pictures = [s for slide in prs.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == 2  # only the pyramid and the radar are images
    runs = [
        run
        for slide in prs.slides
        for shape in slide.shapes
        for frame in ([shape.text_frame] if shape.has_text_frame else [])
        + ([c.text_frame for r in shape.table.rows for c in r.cells] if shape.has_table else [])
        for p in frame.paragraphs
        for run in p.runs
    ]
    assert runs and all(run._r.rPr.find(qn("a:ea")).get("typeface") == fonts.EAST_ASIAN for run in runs)
    if lang == "ja":
        assert "ロードマップ" in deck and all(run._r.rPr.get("lang") == "ja-JP" for run in runs)


def test_without_answers_both_files_state_the_evidence_caveat_and_no_finding(app: Flask) -> None:
    _current, empty = _seed(app)
    ctx = _ctx(app, empty, "en")
    assert not ctx.enough_evidence
    with app.app_context(), app.test_request_context():
        word, deck = render_docx(ctx), render_pptx(ctx)
        with force_locale("en"):
            caveat = report_words(ctx).evidence_facts()
    paragraphs, rows = _docx_text(word)
    text = "\n".join(paragraphs)
    assert "Not enough evidence yet" in text and all(p in text for p in caveat)
    slides = _pptx_texts(deck)
    assert ctx.verdict.sentence in "\n".join(slides) and caveat[0] in "\n".join(slides)
    for claim in ("Strengths", "Gaps to target", "First actions", "Every element meets its target", "Roadmap"):
        assert claim not in text and all(claim not in s for s in slides)
    assert len(Document(BytesIO(word)).inline_shapes) == 0


def test_viewer_gets_what_a_viewers_pdf_shows_and_the_download_is_logged(site: Flask) -> None:
    add_user(site, "leadconsultant@example.com")
    current, _empty = _seed(site)
    with site.app_context():
        org_id = db.session.get(Assessment, current).organisation_id
    add_user(site, "ceo@example.com", role="viewer", workspace=None, organisation_id=org_id)
    viewer = site.test_client()
    login(viewer, "ceo@example.com")
    page = viewer.get(f"/assessments/{current}/report").get_data(as_text=True)
    assert (
        f"/assessments/{current}/report.docx?lang=ja" in page and f"/assessments/{current}/report.pptx?lang=en" in page
    )
    word = viewer.get(f"/assessments/{current}/report.docx?lang=en")
    deck = viewer.get(f"/assessments/{current}/report.pptx?lang=en")
    assert word.status_code == 200 and deck.status_code == 200 and deck.mimetype == PPTX
    with site.app_context():  # what the report pages give a viewer: the firm, no consultant
        as_viewer = _ctx(site, current, "en", branding_for(db.session.get(Assessment, current), None))
    with site.app_context(), site.test_request_context():
        expected = render_docx(as_viewer, as_viewer.firm)
    assert _docx_text(word.data) == _docx_text(expected)
    assert "leadconsultant" not in str(_docx_text(word.data)) and "Secret" not in str(_docx_text(word.data))
    assert "leadconsultant" not in "\n".join(_pptx_texts(deck.data))
    with site.app_context():
        details = db.session.scalars(
            sa.select(Event.detail).where(Event.verb == "report downloaded", Event.assessment_id == current)
        ).all()
    assert sorted(details) == ["docx en", "pptx en"]
    assert viewer.get(f"/assessments/{current}/report.pdf?lang=ja").status_code == 200
    with site.app_context():
        pdf = db.session.scalar(sa.select(Event).where(Event.verb == "report downloaded", Event.detail == "pdf ja"))
    assert pdf is not None and pdf.actor == "ceo@example.com"


def test_foreign_organisation_gets_404_and_strangers_the_login(site: Flask) -> None:
    current, _empty = _seed(site, workspace="Workspace B")
    add_user(site, "other@example.com")  # Workspace A
    other = site.test_client()
    login(other, "other@example.com")
    for fmt in ("docx", "pptx"):
        assert other.get(f"/assessments/{current}/report.{fmt}").status_code == 404
        assert site.test_client().get(f"/assessments/{current}/report.{fmt}").status_code == 302
    assert other.get(f"/assessments/{current}/report.xlsm").status_code == 404


def test_cli_writes_word_and_powerpoint_with_the_branding(app: Flask, tmp_path: Path) -> None:
    current, _empty = _seed(app)
    hostile = tmp_path / "logo.svg"
    secret = tmp_path / "secret.png"
    secret.write_bytes(
        svg_png(
            '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="red"/></svg>'
        )
    )
    hostile.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20">'
        f'<image xlink:href="file://{secret}" width="40" height="20"/><image href="http://127.0.0.1:9/x.png"/>'
        "<script>alert(1)</script></svg>"
    )
    runner = app.test_cli_runner()
    for fmt in ("docx", "pptx"):
        result = runner.invoke(
            args=[
                "report",
                str(current),
                "--format",
                fmt,
                "--lang",
                "ja",
                "--out",
                str(tmp_path),
                "--consultant",
                "Jane Doe",
                "--client-logo",
                str(hostile),
            ]
        )
        assert result.exit_code == 0, result.output
    written = sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".docx", ".pptx"))
    assert [Path(name).suffix for name in written] == [".docx", ".pptx"] and all("-ja." in n for n in written)
    word = Document(str(tmp_path / written[0]))
    assert "Jane Doe" in str(_docx_text((tmp_path / written[0]).read_bytes()))
    logo = word.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    png = word.part.related_parts[logo].blob
    with Image.open(BytesIO(png)) as image:  # the file:// image was not fetched: nothing red
        colours = image.convert("RGB").getcolors(1 << 24) or []
    assert colours and not any(r > 200 and g < 80 and b < 80 for _n, (r, g, b) in colours)
    assert runner.invoke(args=["report", str(current), "--format", "odt"]).exit_code == 2


# ---------------------------------------------------------------------- LibreOffice


def _convert(files: list[Path], out: Path) -> list[Path]:
    """Convert with LibreOffice headless, in a private profile so parallel runs do not clash."""
    profile = out / "profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return [out / f"{f.stem}.pdf" for f in files]


@pytest.mark.slow
def test_libreoffice_opens_and_converts_both_files_in_both_languages(app: Flask, tmp_path: Path) -> None:
    if shutil.which("soffice") is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice not installed")
    current, _empty = _seed(app)
    files, contexts = [], {}
    for lang in ("en", "ja"):
        ctx = contexts[lang] = _ctx(app, current, lang)
        with app.app_context(), app.test_request_context():
            (tmp_path / f"report-{lang}.docx").write_bytes(render_docx(ctx))
            (tmp_path / f"deck-{lang}.pptx").write_bytes(render_pptx(ctx))
        files += [tmp_path / f"report-{lang}.docx", tmp_path / f"deck-{lang}.pptx"]
    for pdf in _convert(files, tmp_path):
        lang = pdf.stem[-2:]
        ctx = contexts[lang]
        text = "".join("".join(page.extract_text() or "" for page in PdfReader(pdf).pages).split())
        assert "".join(ctx.organisation.split()) in text
        assert "".join(ctx.verdict.sentence.split()) in text
        assert "".join(ctx.gaps[0].name.split()) in text
        if pdf.stem.startswith("deck"):
            assert len(PdfReader(pdf).pages) == len(Presentation(str(tmp_path / f"{pdf.stem}.pptx")).slides)
