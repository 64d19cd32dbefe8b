"""Anonymity by design: viewers see aggregates only; no breakdown shows a group below the minimum group size."""

from __future__ import annotations

import re
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
import sqlalchemy as sa
from docx import Document
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from assessor import create_app
from assessor.config import defaults
from assessor.extensions import db
from assessor.models import Action, Answer, Assessment, Logo, Organisation, Respondent, User, Workspace
from assessor.office.xlsx import XLSX_MIME
from assessor.reports.logo_check import check_logo
from tests.factories import add_user
from tests.helpers import csrf_token, login, make_app

PEOPLE = (("back-office", 1), ("leadership", 2), ("front-line", 5))
"""Segments of 1, 2 and 5 people: with the default minimum (3) the first two must never show."""
NAME = "Zebulon Quillfeather"
"""Participants are named ``Zebulon Quillfeather 1`` … so any name on a page is easy to find."""
SECRET = "QUILL-SECRET"
"""Every comment and N/A reason holds this, with the respondent's number."""
TOKEN_ENDPOINTS = {
    "questionnaires.respond",
    "questionnaires.page",
    "questionnaires.summary",
    "questionnaires.revealed",
    "questionnaires.save_item",
    "questionnaires.still_true",
    "questionnaires.round2",
    "classroom.join_link",
    "classroom.case",
    "classroom.rate",
    "classroom.results",
    "classroom.results_live",
}
"""A participant's own link: a capability nobody else is given (checked below: no page shows one)."""
PUBLIC_POSTS = {
    "auth.login",
    "auth.logout",
    "auth.change_password",
    "workshops.join",
    "workshops.join_link",
    "classroom.join",
    "classroom.join_link",
}
"""Forms anyone may send (logging in or out, changing one's own password, joining a workshop or a
classroom session without an account)."""


def _seed(app: Flask, people: tuple[tuple[str, int], ...] = PEOPLE) -> dict[str, object]:
    """A workshop on the mini questionnaire in Workspace A with named, commenting participants."""
    with app.app_context():
        workspace = db.session.scalar(sa.select(Workspace).where(Workspace.name == "Workspace A"))
        org = Organisation(name="Harbour Client", workspace=workspace)
        assessment = Assessment(
            organisation=org,
            title="Workshop 2026",
            questionnaire_id="mini",
            questionnaire_version="1",
            mode="workshop",
            join_code="QQQQQQ",
            join_token="privacy-join-token",
        )
        number = 0
        for segment, count in people:
            for _ in range(count):
                number += 1
                respondent = Respondent(assessment=assessment, segment=segment, name=f"{NAME} {number}")
                respondent.answers.append(
                    Answer(item_code="E1-01", level=number % 5, is_na=False, comment=f"{SECRET}-{number} comment")
                )
                respondent.answers.append(
                    Answer(item_code="E7-01", level=None, is_na=True, na_reason=f"{SECRET}-{number} reason")
                )
                for element in (2, 4, 5, 6, 8, 9):  # enough evidence for a full report
                    respondent.answers.append(Answer(item_code=f"E{element}-01", level=2, is_na=False))
                if number <= 2:  # E3-01: two answers only, below the minimum for a distribution
                    respondent.answers.append(Answer(item_code="E3-01", level=4 * (number - 1), is_na=False))
        db.session.add(org)
        db.session.flush()
        action = Action(organisation_id=org.id, assessment_id=assessment.id, title="Plan", status="planned")
        db.session.add(action)
        db.session.commit()
        return {
            "org_id": org.id,
            "assessment_id": assessment.id,
            "tokens": [r.token for r in assessment.respondents],
            "action_id": action.id,
        }


@pytest.fixture
def site(database_url: str) -> Iterator[Flask]:
    """The mini standards on each database, with a consultant in Workspace A."""
    app = make_app(database_url)
    add_user(app, "consultant@example.com")
    yield app
    with app.app_context():
        db.engine.dispose()


def _viewer(app: Flask, org_id: object) -> FlaskClient:
    add_user(app, "ceo@example.com", role="viewer", workspace=None, organisation_id=org_id)
    viewer = app.test_client()
    login(viewer, "ceo@example.com")
    return viewer


def _consultant(app: Flask) -> FlaskClient:
    client = app.test_client()
    login(client, "consultant@example.com")
    return client


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(pdf)).pages)


def _xlsx_text(data: bytes) -> str:
    book = load_workbook(BytesIO(data))
    return "\n".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None)


def _office_text(data: bytes, mimetype: str) -> str:
    """The text of a Word file (paragraphs and table cells) or a deck (text boxes and table cells)."""
    if mimetype.endswith("wordprocessingml.document"):
        doc = Document(BytesIO(data))
        cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
        return "\n".join([p.text for p in doc.paragraphs] + cells)
    parts = []
    for slide in Presentation(BytesIO(data)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


def _assert_private(body: str, where: str) -> None:
    assert NAME not in body, f"a participant's name on {where}"
    assert "Answers per respondent" not in body and 'class="answers"' not in body, f"a per-person table on {where}"
    if where == "workshops.join_link":
        return  # the public join form lists every role to choose from
    assert "Back office" not in body, f"the segment of one person on {where}"
    # "Leadership" is also a dimension's name: as a segment it would head a group or label a note.
    assert not re.search(r"Leadership \(n=|· Leadership(?! and )|\(n=[12]\)", body), f"a small group on {where}"


def test_a_viewer_gets_no_name_and_no_individual_answer_on_any_route(site: Flask) -> None:
    seeded = _seed(site)
    viewer = _viewer(site, seeded["org_id"])
    values = {
        "org_id": seeded["org_id"],
        "assessment_id": seeded["assessment_id"],
        "element_id": "E1",
        "code": "E1-01",
        "flag": "locked",
        "move": "next",
        "scope": "queue",
        "state": "on",
        "action": "archive",
        "change": "finalise",
        "join_token": "privacy-join-token",
        "questionnaire_id": "mini",
        "upload": "privacy-upload-token",
        "kind": "xlsx",
        "lang": "en",
        "filename": "css/app.css",
        "respondent_id": 1,
        "reading_id": 1,
        "custom_id": 1,
        "action_id": seeded["action_id"],
        "segment_id": 1,
        "direction": "up",
        "session_id": 1,
    }
    with site.app_context():  # the viewer's own account, and the workspace of their organisation
        values["user_id"] = db.session.scalar(sa.select(User.id).where(User.email == "ceo@example.com"))
        values["workspace_id"] = db.session.scalar(
            sa.select(Organisation.workspace_id).where(Organisation.id == seeded["org_id"])
        )
        png = BytesIO()
        Image.new("RGB", (40, 20), "#0072B2").save(png, "PNG")
        for owner in ({"workspace_id": values["workspace_id"]}, {"organisation_id": seeded["org_id"]}):
            logo = check_logo(png.getvalue())  # the logos on the viewer's report: theirs to see
            db.session.add(Logo(mime=logo.mime, data=logo.data, sha256=logo.sha256, width=40, height=20, **owner))
        db.session.commit()
    refused: set[str] = set()
    pages: dict[str, str] = {}
    token = csrf_token(viewer.get("/login").get_data(as_text=True))
    for rule in site.url_map.iter_rules():
        if rule.endpoint in TOKEN_ENDPOINTS:
            continue
        url = rule.build({name: values[name] for name in rule.arguments})[1]  # type: ignore[index]
        if "GET" in rule.methods:
            response = viewer.get(url)
            assert response.status_code in (200, 302, 403), (rule.endpoint, response.status_code)
            if response.mimetype == "application/pdf":
                body = _pdf_text(response.data)
            elif response.mimetype == XLSX_MIME:
                body = _xlsx_text(response.data)
            elif response.mimetype.startswith("image/"):
                body = ""  # a logo: checked image bytes, no text
            elif response.mimetype.startswith("application/vnd.openxmlformats-officedocument."):
                body = _office_text(response.data, response.mimetype)
            else:
                body = response.get_data(as_text=True)
            if response.status_code == 403:
                assert "Read-only access" in body, rule.endpoint
                refused.add(url)
            if response.mimetype in ("text/javascript", "text/css"):
                continue  # plotly.js and the style sheet: the same for everyone
            _assert_private(body, rule.endpoint)
            assert not any(t in body for t in seeded["tokens"]), f"a participant's link on {rule.endpoint}"  # type: ignore[attr-defined]
            if response.status_code == 200 and response.mimetype == "text/html":
                pages[rule.endpoint] = body
        if rule.endpoint == "auth.change_password":
            pages.pop(rule.endpoint, None)  # the viewer's own account: its form is the viewer's to use
        if "POST" in rule.methods and rule.endpoint not in PUBLIC_POSTS:
            data = {"csrf_token": token, "level": "1", "rationale": "x", "target_A": "10", "min_group_size": "1"}
            response = viewer.post(url, data=data)
            assert response.status_code == 403, (rule.endpoint, response.status_code)
            assert "Read-only access" in response.get_data(as_text=True)
            assert "Something went wrong" not in response.get_data(as_text=True)
    assert {"reports.results", "reports.report", "organisations.assessment", "organisations.detail"} <= set(pages)
    assert any(url.endswith("/answers") for url in refused)  # "View all answers" is the consultant's
    # The viewer's pages offer no action the viewer cannot take: no link to a refused page, no form but "log out".
    for endpoint, body in pages.items():
        for url in refused:
            assert f'href="{url}"' not in body, (endpoint, url)
        actions = re.findall(r'<form[^>]*action="([^"]*)"', body)
        assert set(actions) <= {"/logout"}, (endpoint, actions)
    # The viewer still reads the aggregates: counts, not people.
    assert "8 respondents" in pages["organisations.assessment"]
    assert "Front line (n=5)" in pages["reports.results"]
    with site.app_context():  # nothing changed
        assessment = db.session.get(Assessment, seeded["assessment_id"])
        assert assessment is not None
        assert not assessment.locked and not assessment.consensus and not assessment.targets
        assert assessment.min_group_size is None


def test_no_group_under_the_minimum_on_the_results_page_report_page_or_pdf(site: Flask) -> None:
    seeded = _seed(site)
    client = _consultant(site)  # even the consultant's results and report follow the rule
    aid = seeded["assessment_id"]
    results = client.get(f"/assessments/{aid}/results").get_data(as_text=True)
    breakdown = results[results.index('id="segments-h"') : results.index('id="scores-h"')]
    headers = re.findall(r'<th scope="col">([^<]*) \(n=(\d+)\)</th>', breakdown)
    # Back office (1) and leadership (2) are combined (3); the total (8) minus the shown groups gives only that.
    assert headers == [("Front line", "5"), ("Smaller groups combined", "3")]
    radar = re.search(r'data-chart="radar">(.*?)</script>', results, re.S)
    assert radar is not None and "(n=1)" not in radar.group(1) and "(n=2)" not in radar.group(1)
    _assert_private(results, "the results page")
    assert "Fewer than 3 answers" in results or "E3-01" not in results  # E3-01 has two answers only

    report = client.get(f"/assessments/{aid}/report").get_data(as_text=True)
    _assert_private(report, "the report page")

    for lang, back_office, leadership, combined in (
        ("en", "Back office", "Leadership", "Smaller groups combined"),
        ("ja", "バックオフィス", "経営層", "少人数のグループの合算"),
    ):
        response = client.get(f"/assessments/{aid}/report.pdf?lang={lang}")
        assert response.status_code == 200 and response.mimetype == "application/pdf"
        text = _pdf_text(response.data)
        assert NAME not in text
        assert back_office not in text
        assert not re.search(rf"· {leadership}(?! and )|^{leadership} \d", text, re.M)
        rows = re.findall(r"^(.+?) (\d+) \d+ ?% \d$", text, re.M)
        assert (combined, "3") in rows, rows
        # Comments are quoted, but a comment of the one back-office person carries no segment label.
        assert f"{SECRET}-1 comment" in text or f"{SECRET}-1" not in text
        for line in text.splitlines():
            if f"{SECRET}-1 " in line:
                assert back_office not in line and leadership not in line


def test_one_small_group_takes_another_with_it(site: Flask) -> None:
    seeded = _seed(site, (("back-office", 1), ("front-line", 5)))
    results = _consultant(site).get(f"/assessments/{seeded['assessment_id']}/results").get_data(as_text=True)
    breakdown = results[results.index('id="segments-h"') : results.index('id="scores-h"')]
    # Showing "Front line (n=5)" would give away the one back-office person (total 6 minus 5).
    assert "(n=" not in breakdown and "No breakdown by role" in breakdown


def test_the_consultant_raises_the_minimum_and_never_lowers_it_after_answers(site: Flask) -> None:
    seeded = _seed(site)
    client = _consultant(site)
    aid = seeded["assessment_id"]
    page = client.get(f"/assessments/{aid}").get_data(as_text=True)
    assert NAME in page  # the consultant sees names; the viewer (above) does not
    token = csrf_token(page)
    for bad in ("", "abc", "2", "1.5", "101", "99999999999999999999"):
        response = client.post(f"/assessments/{aid}/privacy", data={"csrf_token": token, "min_group_size": bad})
        assert response.status_code == 400, bad
        assert "Choose a whole number from 3 to 100." in response.get_data(as_text=True)
    response = client.post(f"/assessments/{aid}/privacy", data={"csrf_token": token, "min_group_size": "6"})
    assert response.status_code == 302
    results = client.get(f"/assessments/{aid}/results").get_data(as_text=True)
    assert "No breakdown by role" in results and "(n=5)" not in results
    # People answered under a promise of 6 now: 5 or even 3 would break it.
    response = client.post(f"/assessments/{aid}/privacy", data={"csrf_token": token, "min_group_size": "5"})
    assert response.status_code == 400
    assert "Choose a whole number from 6 to 100." in response.get_data(as_text=True)
    with site.app_context():
        assessment = db.session.get(Assessment, aid)
        assert assessment is not None and assessment.min_group_size == 6
    join = site.test_client().get("/w/privacy-join-token").get_data(as_text=True)
    assert "Who sees what" in join and "at least 6 people" in join


def test_the_join_page_says_who_sees_what_in_both_languages(site: Flask) -> None:
    _seed(site)
    participant = site.test_client()
    english = participant.get("/w/privacy-join-token", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Who sees what" in english and "sees only totals" in english and "at least 3 people" in english
    participant.get("/language/ja")
    japanese = participant.get("/w/privacy-join-token").get_data(as_text=True)
    assert "回答の見え方" in japanese and "3名以上" in japanese
    assert "Who sees what" not in japanese


@pytest.mark.parametrize(("raw", "expected"), [(None, 3), ("", 3), ("3", 3), (" 5 ", 5), ("100", 100)])
def test_the_deployment_setting_is_read(
    raw: str | None, expected: int, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    if raw is None:
        monkeypatch.delenv("ASSESSOR_MIN_GROUP_SIZE", raising=False)
    else:
        monkeypatch.setenv("ASSESSOR_MIN_GROUP_SIZE", raw)
    assert defaults(tmp_path)["MIN_GROUP_SIZE"] == expected


@pytest.mark.parametrize("raw", ["2", "0", "-3", "abc", "3.5", "101", "٣"])
def test_a_bad_deployment_setting_stops_the_app(raw: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSESSOR_MIN_GROUP_SIZE", raw)
    with pytest.raises(RuntimeError, match="ASSESSOR_MIN_GROUP_SIZE must be a whole number from 3 to 100"):
        create_app({"TESTING": True})


def test_a_refused_action_says_read_only_access_in_japanese_too(site: Flask) -> None:
    seeded = _seed(site)
    viewer = _viewer(site, seeded["org_id"])
    viewer.get("/language/ja")
    response = viewer.get(f"/assessments/{seeded['assessment_id']}/answers")
    body = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "閲覧専用アクセス" in body and "Read-only access" not in body and "Something went wrong" not in body
