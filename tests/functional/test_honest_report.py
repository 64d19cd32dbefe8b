"""Reports that never claim more than the evidence: real PDFs read back, the report page, bad assessment files."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader
from weasyprint import HTML
from weasyprint.formatting_structure.boxes import LineBox

from assessor.cli.reports import report_command
from assessor.extensions import db
from assessor.models import Answer, Assessment, Consensus, DimensionTarget, Organisation, Respondent, Workspace
from assessor.reports.pdf import STATIC_DIR, ReportURLFetcher, font_config
from assessor.reports.service import context_for_document, render_report_html
from tests.helpers import ROOT, csrf_token
from tests.verdicts import every_verdict, example_result

EXAMPLE = ROOT / "docs" / "examples" / "quick-assessment.json"
ASSESSOR = Path(sys.executable).parent / "assessor"
CODES = [f"E{n}-01" for n in range(1, 10)]  # the mini questionnaire: one item per element; D = E8, E9

pytestmark = pytest.mark.slow

CLAIMS = {
    "en": ("strength", "meets its target", "no action", "every element", "level 1 of", "reached"),
    "ja": ("強み", "目標に達して", "施策は不要", "到達"),
}


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(pdf)).pages)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _stored(
    app: Flask,
    answers: list[dict[str, int]],
    targets: dict[str, float] | None = None,
    on: date = date(2026, 11, 20),
    org_id: int | None = None,
) -> int:
    with app.app_context():
        workspace = db.session.scalar(sa.select(Workspace).where(Workspace.name == "Workspace A"))
        org = (
            Organisation(name="Honest Hotel", workspace=workspace)
            if org_id is None
            else db.session.get(Organisation, org_id)
        )
        assessment = Assessment(
            organisation=org, title=f"Check {on.isoformat()}", questionnaire_id="mini", questionnaire_version="1",
            assessed_on=on,
        )  # fmt: skip
        db.session.add(assessment)
        with db.session.no_autoflush:
            for given in answers:
                respondent = Respondent(assessment=assessment, segment=None)
                db.session.add(respondent)
                for code, level in given.items():
                    respondent.answers.append(Answer(item_code=code, level=level, is_na=False))
            for dimension, target in (targets or {}).items():
                assessment.targets.append(DimensionTarget(dimension_id=dimension, target=target))
        db.session.add(org)
        db.session.commit()
        return assessment.id


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_an_assessment_whose_only_participant_answered_nothing_claims_nothing(
    app: Flask, consultant_client: FlaskClient, lang: str
) -> None:
    assessment_id = _stored(app, [{}], targets={"A": 60.0, "B": 60.0})
    pdf = consultant_client.get(f"/assessments/{assessment_id}/report.pdf?lang={lang}")
    assert pdf.status_code == 200 and pdf.get_data().startswith(b"%PDF")
    text = _text(pdf.get_data())
    flat = _flat(text).lower()
    for claim in CLAIMS[lang]:
        assert _flat(claim) not in flat, claim
    said = "Notenoughevidenceyet" if lang == "en" else "判定に必要な根拠がまだありません"
    assert said.lower() in flat
    assert ("0of9questions" if lang == "en" else "9問中0問") in flat
    assert len(PdfReader(BytesIO(pdf.get_data())).pages) == 2  # the cover and one honest page


def test_a_barely_answered_earlier_assessment_is_not_compared_with(app: Flask, consultant_client: FlaskClient) -> None:
    baseline = _stored(app, [dict.fromkeys(CODES, 1)], on=date(2025, 11, 20))
    with app.app_context():
        org_id = db.session.get(Assessment, baseline).organisation_id
    _stored(app, [{"E1-01": 4}], on=date(2026, 6, 1), org_id=org_id)  # one answer: not enough evidence
    current = _stored(app, [dict.fromkeys(CODES, 3)], on=date(2026, 11, 20), org_id=org_id)
    page = consultant_client.get(f"/assessments/{current}/report").get_data(as_text=True)
    assert "compared with 20 November 2025" in page and "1 June 2026" not in page


def test_the_report_page_disables_the_downloads_and_says_why(app: Flask, consultant_client: FlaskClient) -> None:
    # Three of nine items answered: 30 % of the weight (some items weigh double), under the 50 % threshold.
    assessment_id = _stored(app, [{"E1-01": 4, "E2-01": 4, "E3-01": 4}], targets={"A": 50.0})
    page = consultant_client.get(f"/assessments/{assessment_id}/report").get_data(as_text=True)
    assert "Not enough evidence yet" in page
    assert page.count("disabled") >= 2 and 'aria-describedby="pdf-why"' in page
    assert "report.pdf" not in page  # no download link while the evidence is too thin
    assert re.search(r"at least 50 % of the questionnaire answered \(now 30 %\)", page)
    for claim in ("Strengths", "meets its target", "No action"):
        assert claim not in page


def test_coverage_by_respondents_on_the_report_page_and_in_the_pdf(app: Flask, consultant_client: FlaskClient) -> None:
    """Dimension D (E8, E9) is fully covered by items, but only one of the three respondents answered it."""
    everything = dict.fromkeys(CODES, 3)
    partial = {code: 2 for code in CODES if code not in ("E8-01", "E9-01")}
    assessment_id = _stored(app, [everything, partial, partial])
    page = consultant_client.get(f"/assessments/{assessment_id}/report").get_data(as_text=True)
    assert "Answered by" in page
    dimension_d = r"<tr class=\"sum\">\s*<th scope=\"row\"[^>]*>Operational service excellence</th>(.*?)</tr>"
    row = re.search(dimension_d, page, re.S)
    assert row is not None
    cells = re.findall(r"<td class=\"num\">(.*?)</td>", row.group(1))
    assert "100 %" in cells and "1/3" in cells
    pdf = _flat(_text(consultant_client.get(f"/assessments/{assessment_id}/report.pdf?lang=en").get_data()))
    assert "Answeredby" in pdf and "1/3" in pdf and "3/3" in pdf
    ja = _flat(_text(consultant_client.get(f"/assessments/{assessment_id}/report.pdf?lang=ja").get_data()))
    assert "1/3" in ja


def test_an_element_17_points_below_target_is_never_a_strength(app: Flask, consultant_client: FlaskClient) -> None:
    # Every element at level 3 (75 %); dimension D's target 92: E8 and E9 are 17 points below it.
    assessment_id = _stored(app, [dict.fromkeys(CODES, 3)], targets={"A": 70.0, "B": 70.0, "C": 70.0, "D": 92.0})
    for lang, heading, gaps in (("en", "Strengths", "Gapstotarget"), ("ja", "強み", "目標との差")):
        text = _flat(_text(consultant_client.get(f"/assessments/{assessment_id}/report.pdf?lang={lang}").get_data()))
        brief = text[text.index(heading) : text.index(gaps, text.index(heading))]
        assert "E8" not in brief and "E9" not in brief
        assert "E1" in brief  # 75 % against 70 %: a strength
    page = consultant_client.get(f"/assessments/{assessment_id}/report").get_data(as_text=True)
    strengths = page[page.index("<h3>Strengths</h3>") : page.index("<h3>Gaps to target</h3>")]
    assert "E8" not in strengths and "E9" not in strengths
    gaps = page[page.index("<h3>Gaps to target</h3>") : page.index("<h3>First actions</h3>")]
    assert "75 %, 17 points below target" in gaps


def test_when_no_element_meets_its_target_the_brief_says_relative_and_gives_the_gap(
    app: Flask, consultant_client: FlaskClient
) -> None:
    assessment_id = _stored(app, [dict.fromkeys(CODES, 3)], targets={"A": 92.0, "B": 92.0, "C": 92.0, "D": 92.0})
    text = _flat(_text(consultant_client.get(f"/assessments/{assessment_id}/report.pdf?lang=en").get_data()))
    assert "Relativestrengths(noneattargetyet)" in text
    assert "75%,17pointsbelowtarget" in text


def test_a_rationale_of_spaces_is_refused_by_the_consensus_form(app: Flask, consultant_client: FlaskClient) -> None:
    assessment_id = _stored(app, [{"E1-01": 1}, {"E1-01": 3}])
    url = f"/assessments/{assessment_id}/consensus/E1-01"
    form = consultant_client.get(url).get_data(as_text=True)
    response = consultant_client.post(url, data={"csrf_token": csrf_token(form), "level": "2", "rationale": "   \n "})
    assert response.status_code == 400
    assert "Give the reason for the agreed level." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Consensus)) == 0


# --------------------------------------------------------------------------- bad assessment files


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    good = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    files: dict[str, tuple[Path, str]] = {}

    def write(name: str, text: str, expected: str) -> None:
        path = tmp_path / f"{name}.json"
        path.write_text(text, encoding="utf-8")
        files[name] = (path, expected)

    write("nan", json.dumps({**good, "targets": {**good["targets"], "B": float("nan")}}),
          "$.targets.B: NaN is not a number")  # fmt: skip
    write("deep", '{"questionnaire": ' + "[" * 1000 + "]" * 1000 + "}", "nested too deeply")
    write("deep-but-readable", '{"questionnaire": ' + "[" * 200 + "]" * 200 + "}",
          "$.questionnaire[0][0]")  # fmt: skip
    write("date", json.dumps({**good, "assessed_on": "2025-13-45"}),
          "$.assessed_on: '2025-13-45' is not a calendar date")  # fmt: skip
    spaces = {**good, "consensus": {"E4-01": {"level": 2, "rationale": "   "}}}
    write("spaces", json.dumps(spaces), "$.consensus['E4-01'].rationale: is blank")
    return files


def test_bad_files_give_one_clear_line_and_no_traceback(tmp_path: Path) -> None:
    """``assessor score`` and ``assessor report --file``, run as a user would."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/cli.sqlite"}
    for name, (path, expected) in _bad_files(tmp_path).items():
        for command in (["score", str(path)], ["report", "--file", str(path), "--out", str(tmp_path / "out")]):
            run = subprocess.run([ASSESSOR, *command], capture_output=True, text=True, env=env, check=False)
            where = f"{name}: assessor {command[0]}"
            assert run.returncode != 0, where
            lines = run.stderr.strip().splitlines()
            assert len(lines) == 1, (where, run.stderr[-500:])
            assert str(path) in lines[0] and expected in lines[0], (where, lines[0])
            assert "Traceback" not in run.stderr and run.stdout == "", where
    assert not list((tmp_path / "out").glob("*.pdf")) if (tmp_path / "out").exists() else True


def test_the_short_report_from_a_file_below_the_threshold(real_app: Flask, tmp_path: Path) -> None:
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    document["respondents"] = [{"id": "r1", "answers": {"E1-01": 4}}]  # 1 of 18 items
    document["consensus"] = {}
    path = tmp_path / "thin.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    runner = real_app.test_cli_runner()
    for lang in ("en", "ja"):
        result = runner.invoke(report_command, ["--file", str(path), "--lang", lang, "--out", str(tmp_path)])
        assert result.exit_code == 0, result.output
        (pdf,) = tmp_path.glob(f"*-{lang}.pdf")
        flat = _flat(_text(pdf.read_bytes())).lower()
        for claim in CLAIMS[lang]:
            assert _flat(claim) not in flat, (lang, claim)


def _verdict_lines(html: str) -> int:
    """Line boxes of the verdict sentence on the brief (page 2), as WeasyPrint lays it out."""
    document = HTML(string=html, base_url=str(STATIC_DIR), url_fetcher=ReportURLFetcher()).render(
        font_config=font_config()
    )
    found: list[int] = []

    def walk(box: object) -> None:
        element = getattr(box, "element", None)
        if element is not None and getattr(box, "element_tag", "") == "p" and element.get("class") == "sentence":
            found.append(sum(1 for child in getattr(box, "children", []) if isinstance(child, LineBox)))
            return
        for child in getattr(box, "children", []):
            walk(child)

    walk(document.pages[1]._page_box)
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_longest_verdicts_take_at_most_two_lines_of_the_brief(real_app: Flask, lang: str) -> None:
    with real_app.app_context():
        framework = real_app.extensions["assessor.framework"]
        ctx = context_for_document(json.loads(EXAMPLE.read_text(encoding="utf-8")), lang)
        verdicts = sorted(every_verdict(framework, example_result(framework), lang), key=lambda v: -len(v.sentence))
        for longest in verdicts[:2]:
            html = render_report_html(dataclasses.replace(ctx, verdict=longest))
            assert _verdict_lines(html) <= 2, longest.sentence
