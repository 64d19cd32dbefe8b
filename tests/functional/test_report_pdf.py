"""The report: PDF (English and Japanese) parsed back, the report page, the endpoint, the CLI, and safety."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader

from assessor.cli.reports import report_command
from assessor.extensions import db
from assessor.models import Assessment, Organisation
from tests.factories import NA, Person, stored_assessment, workspace_named
from tests.helpers import ROOT

EXAMPLE = ROOT / "docs" / "examples" / "quick-assessment.json"
INJECTION = '<img src="file:///etc/passwd"> and <script>alert(1)</script>'
PNG = (  # a 1x1 transparent PNG (with valid checksums: the logo check verifies them)
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc````\x00\x00\x00\x05\x00\x01\xa5\xf6E@\x00\x00\x00\x00IEND\xaeB`\x82"
)

pytestmark = pytest.mark.slow


def _assessment(org: Organisation, title: str, on: date, levels: dict[str, int], comment: str | None = None) -> None:
    people = []
    for segment, shift in (("leadership", 1), ("front-line", 0), ("back-office", -1)):
        answers: dict[str, int | NA] = {code: max(0, min(4, level + shift)) for code, level in levels.items()}
        comments = {}
        if comment and segment == "leadership":
            comments["E1-01"] = comment  # a leader's comment
        if comment and segment == "front-line":
            answers["E7-01"] = NA(f"N/A because {comment}")
        people.append(Person(segment, f"Secret Name {segment}", answers, comments))
    stored_assessment(org, title, people, assessed_on=on, consensus={"E2-01": (2, "Evidence: the complaint log")})


def _seed(app: Flask) -> int:
    """An organisation with a previous (2025) and a current (2026) assessment, a later empty one."""
    low = {f"E{n}-01": 1 for n in range(1, 10)}
    current = {f"E{n}-01": (3 if n in (1, 5, 8) else 2) for n in range(1, 10)}
    with app.app_context():
        org = Organisation(name="Org <b>Bold</b> & Co", workspace=workspace_named("Workspace A"))
        _assessment(org, "Baseline 2025", date(2025, 11, 20), low)
        _assessment(org, "Annual check 2026", date(2026, 11, 20), current, comment=INJECTION)
        org.assessments.append(
            Assessment(
                title="Empty 2024", questionnaire_id="mini", questionnaire_version="1", assessed_on=date(2024, 1, 1)
            )
        )
        org.assessments.append(
            Assessment(title="Future", questionnaire_id="mini", questionnaire_version="1", assessed_on=date(2027, 1, 1))
        )
        db.session.add(org)
        db.session.commit()
        return next(a.id for a in org.assessments if a.title == "Annual check 2026")


def _text(pdf: bytes) -> str:
    reader = PdfReader(BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _flat(text: str) -> str:
    """Text without line breaks or spaces, so wrapped phrases can be searched."""
    return re.sub(r"\s+", "", text)


def test_pdf_in_english(app: Flask, consultant_client: FlaskClient) -> None:
    assessment_id = _seed(app)
    response = consultant_client.get(f"/assessments/{assessment_id}/report.pdf?lang=en")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    pdf = response.get_data()
    assert pdf.startswith(b"%PDF")
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "annual-check-2026-en.pdf" in disposition
    assert "no-store" in response.headers["Cache-Control"]
    text = _flat(_text(pdf))
    assert _flat("Org <b>Bold</b> & Co") in text  # shown as text, never as markup
    for name in ("Service excellence culture", "Employee engagement", "Service innovation management"):
        assert _flat(name) in text
    assert _flat("Executive brief") in text and _flat("Annual check 2026") in text
    assert "Secret Name" not in text  # respondents are counted, never named
    reader = PdfReader(BytesIO(pdf))
    assert reader.metadata.title.startswith("Org <b>Bold</b> & Co")
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged (PDF/UA-1)


def test_pdf_in_japanese_uses_japanese_data_and_embeds_fonts(
    app: Flask, consultant_client: FlaskClient, tmp_path: Path
) -> None:
    assessment_id = _seed(app)
    response = consultant_client.get(f"/assessments/{assessment_id}/report.pdf?lang=ja")
    assert response.status_code == 200
    pdf = response.get_data()
    text = _flat(_text(pdf))
    for name in ("サービスエクセレンス文化", "従業員エンゲージメント", "サービスイノベーションのマネジメント"):
        assert name in text
    assert "2026年11月20日" in text
    assert "要素E" in text  # the mini library's action titles, in Japanese
    # Every font is embedded (pdffonts: emb = yes), and the Japanese one is BIZ UDPGothic.
    path = tmp_path / "ja.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = listing.splitlines()[2:]
    assert rows and all(re.search(r"\byes\s+yes\s+yes\b", row) for row in rows), listing
    assert any("BIZ-UDPGothic" in row for row in rows)


def test_top_actions_appear_in_the_chosen_language(app: Flask, consultant_client: FlaskClient) -> None:
    assessment_id = _seed(app)
    with app.app_context():
        from assessor.reports.service import context_for_assessment

        assessment = db.session.get(Assessment, assessment_id)
        top = [a.title for a in context_for_assessment(assessment, "en").top_actions]
        top_ja = [a.title for a in context_for_assessment(assessment, "ja").top_actions]
    assert len(top) == 3
    english = _flat(_text(consultant_client.get(f"/assessments/{assessment_id}/report.pdf?lang=en").get_data()))
    japanese = _flat(_text(consultant_client.get(f"/assessments/{assessment_id}/report.pdf?lang=ja").get_data()))
    assert all(_flat(title) in english for title in top)
    assert all(_flat(title) in japanese for title in top_ja)
    assert not any(_flat(title) in japanese for title in top)


def test_injected_markup_is_printed_never_fetched(app: Flask, consultant_client: FlaskClient) -> None:
    """A comment with <img src="file:///etc/passwd"> and <script> stays text: nothing is fetched or run."""
    assessment_id = _seed(app)
    with app.app_context():
        from assessor.reports.pdf import ReportURLFetcher
        from assessor.reports.service import context_for_assessment, render_report_html, render_report_pdf

        ctx = context_for_assessment(db.session.get(Assessment, assessment_id), "en")
        html = render_report_html(ctx)
        assert '<img src="file:///etc/passwd">' not in html and "<script>alert" not in html
        assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
        assert "Org &lt;b&gt;Bold&lt;/b&gt; &amp; Co" in html
        fetcher = ReportURLFetcher()
        pdf = render_report_pdf(ctx, fetcher)
    assert fetcher.refused == [] and fetcher.fetched == []  # no fetch was even attempted
    text = _text(pdf)
    assert _flat('<img src="file:///etc/passwd">') in _flat(text)
    assert _flat("<script>alert(1)</script>") in _flat(text)
    assert all(not page.images for page in PdfReader(BytesIO(pdf)).pages)


def test_fetcher_refuses_files_outside_static_and_the_network(tmp_path: Path) -> None:
    from assessor.reports.pdf import STATIC_DIR, ReportURLFetcher, render_pdf

    secret = tmp_path / "secret.png"
    secret.write_bytes(PNG)
    fetcher = ReportURLFetcher()
    html = (
        f'<html lang="en"><head><title>t</title></head><body><p>x</p><img src="file://{secret}" alt="a">'
        '<img src="http://127.0.0.1:9/x.png" alt="b"><img src="../../../etc/passwd" alt="c">'
        f'<img src="data:image/png;base64,{__import__("base64").b64encode(PNG).decode()}" alt="d">'
        '<img src="css/app.css" alt="e"></body></html>'
    )
    render_pdf(html, STATIC_DIR, fetcher)
    assert f"file://{secret}" in fetcher.refused
    assert "http://127.0.0.1:9/x.png" in fetcher.refused
    assert any(url.endswith("/etc/passwd") for url in fetcher.refused)
    assert any(url.startswith("data:image/png") for url in fetcher.fetched)
    assert any(url.endswith("/assessor/static/css/app.css") for url in fetcher.fetched)


def test_report_page_shows_the_interactive_radar_and_a_download(app: Flask, consultant_client: FlaskClient) -> None:
    assessment_id = _seed(app)
    response = consultant_client.get(f"/assessments/{assessment_id}/report")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'action="/assessments/{assessment_id}/report.pdf"' in page and 'name="lang" value="ja"' in page
    assert "Org &lt;b&gt;Bold&lt;/b&gt; &amp; Co" in page
    assert "<script>alert" not in page
    data = re.search(r'<script type="application/json" data-chart="radar">(.*?)</script>', page, re.S)
    assert data is not None
    figure = json.loads(data.group(1))
    assert [trace["name"] for trace in figure["data"]] == ["Current", "Target", "Previous"]
    assert figure["data"][2]["line"]["dash"] == "dot"
    assert "compared with 20 November 2025" in page
    # Inline scripts would break the Content-Security-Policy: only src= and JSON blocks.
    for script in re.findall(r"<script([^>]*)>", page):
        assert "src=" in script or 'type="application/json"' in script


def test_previous_assessment_is_the_latest_earlier_one_with_answers(app: Flask, consultant_client: FlaskClient) -> None:
    assessment_id = _seed(app)
    with app.app_context():
        from assessor.assessments import previous_assessment

        current = db.session.get(Assessment, assessment_id)
        earlier = previous_assessment(current)
        assert earlier is not None and earlier.title == "Baseline 2025"
        assert previous_assessment(earlier) is None  # the 2024 one has no answers
        future = next(a for a in current.organisation.assessments if a.title == "Future")
        assert previous_assessment(future) is not None and previous_assessment(future).title == "Annual check 2026"


def test_unknown_language_falls_back_and_other_workspaces_get_404(app: Flask, consultant_client: FlaskClient) -> None:
    assessment_id = _seed(app)
    response = consultant_client.get(f"/assessments/{assessment_id}/report.pdf?lang=xx")
    assert response.status_code == 200 and response.headers["Content-Disposition"].endswith("-en.pdf")
    assert consultant_client.get("/assessments/999/report.pdf").status_code == 404
    anonymous = app.test_client()
    assert anonymous.get(f"/assessments/{assessment_id}/report.pdf").status_code in (302, 401, 404)


def test_cli_writes_reports_of_stored_assessments(app: Flask, consultant_client: FlaskClient, tmp_path: Path) -> None:
    assessment_id = _seed(app)
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    out = tmp_path / "out"
    result = app.test_cli_runner().invoke(
        report_command,
        [str(assessment_id), str(assessment_id - 1), "--lang", "ja", "--out", str(out), "--consultant", "山田 太郎"]
        + ["--consultant-logo", str(logo), "--client-logo", str(logo)],
    )
    assert result.exit_code == 0, result.output
    written = sorted(out.glob("*.pdf"))
    assert len(written) == 2 and all(p.read_bytes().startswith(b"%PDF") for p in written)
    assert all(p.name.endswith("-ja.pdf") for p in written)
    first = PdfReader(written[0])
    assert "山田太郎" in _flat(first.pages[0].extract_text())
    assert len(first.pages[0].images) >= 1  # the logos (identical here, so stored once)
    missing = app.test_cli_runner().invoke(report_command, ["999", "--out", str(out)])
    assert missing.exit_code == 1 and "no assessment with id 999" in missing.output
    neither = app.test_cli_runner().invoke(report_command, ["--out", str(out)])
    assert neither.exit_code != 0 and "assessment ids or --file" in neither.output


def test_cli_refuses_a_logo_that_is_not_an_image(app: Flask, tmp_path: Path) -> None:
    fake = tmp_path / "logo.png"
    fake.write_text('<html><img src="file:///etc/passwd"></html>', encoding="utf-8")
    result = app.test_cli_runner().invoke(report_command, ["1", "--client-logo", str(fake), "--out", str(tmp_path)])
    assert result.exit_code != 0 and "not a PNG, JPEG or SVG image" in result.output


def test_cli_writes_a_report_from_a_file_with_the_shipped_standards(real_app: Flask, tmp_path: Path) -> None:
    previous = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    previous["assessed_on"] = "2025-11-01"
    for respondent in previous["respondents"]:
        respondent["answers"] = {code: 1 for code in respondent["answers"]}
    earlier = tmp_path / "previous.json"
    earlier.write_text(json.dumps(previous), encoding="utf-8")
    out = tmp_path / "reports"
    runner = real_app.test_cli_runner()
    for lang in ("en", "ja"):
        args = ["--file", str(EXAMPLE), "--previous", str(earlier), "--lang", lang, "--out", str(out)]
        result = runner.invoke(report_command, args)
        assert result.exit_code == 0, result.output
    english, japanese = sorted(out.glob("*-en.pdf")), sorted(out.glob("*-ja.pdf"))
    assert len(english) == 1 and len(japanese) == 1
    text_en, text_ja = _flat(_text(english[0].read_bytes())), _flat(_text(japanese[0].read_bytes()))
    assert "ExampleRyokan" in text_en and "Effectiveprocessesandorganisationalstructure" in text_en
    assert "効果的なプロセス及び組織構造" in text_ja and "サービスイノベーションのマネジメント" in text_ja
    assert "▲" in text_en  # changes since the previous file carry arrows


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_every_page_renders(app: Flask, consultant_client: FlaskClient, tmp_path: Path) -> None:
    assessment_id = _seed(app)
    path = tmp_path / "r.pdf"
    path.write_bytes(consultant_client.get(f"/assessments/{assessment_id}/report.pdf?lang=ja").get_data())
    subprocess.run(["pdftoppm", "-png", "-r", "20", str(path), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) == len(PdfReader(path).pages) >= 8


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_executive_brief_is_exactly_one_page(real_app: Flask, tmp_path: Path, lang: str) -> None:
    """The full demo workshop (72 items, twelve respondents, previous year): the brief never spills over."""
    runner = real_app.test_cli_runner()
    assert runner.invoke(args=["demo", "seed", "--login-file", str(tmp_path / "login.txt")]).exit_code == 0
    result = runner.invoke(report_command, ["2", "--lang", lang, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (path,) = tmp_path.glob(f"*-{lang}.pdf")
    pages = [_flat(page.extract_text()) for page in PdfReader(path).pages]
    brief, dimension_a = (
        ("Executivebrief", "A·Leadershipandstrategy")
        if lang == "en"
        else (
            "エグゼクティブサマリー",
            "A·サービスエクセレンスのリーダーシップ及び戦略",
        )
    )
    assert brief in pages[1]
    assert pages[2].startswith(
        _flat(f"{real_app.extensions['assessor.framework'].questionnaire('full').title.en}")
    ) or (dimension_a in pages[2][:200])
    assert "respondents" in pages[1] or "回答者" in pages[1]  # the footnote stayed on the brief's page
