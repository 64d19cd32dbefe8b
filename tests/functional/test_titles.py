"""Assessment titles in two languages: created, edited, shown by page language, in the report, on both databases."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient

from assessor.assessments import assessment_title
from assessor.extensions import db
from assessor.models import Assessment
from assessor.reports.service import context_for_assessment
from tests.factories import add_user
from tests.helpers import csrf_token, login, make_app

TITLE = "Annual self-audit 2026"
TITLE_JA = "2026年 年次自己評価"


def _post(consultant_client: FlaskClient, url: str, data: dict[str, str], page_url: str):  # type: ignore[no-untyped-def]
    token = csrf_token(consultant_client.get(page_url).get_data(as_text=True))
    return consultant_client.post(url, data={"csrf_token": token, **data})


def _create(consultant_client: FlaskClient, **titles: str) -> str:
    created = _post(consultant_client, "/organisations", {"name": "Kaze Ryokan"}, "/")
    org_url = created.headers["Location"]
    form = {"questionnaire": "mini", "assessed_on": "2026-11-22", "mode": "self", **titles}
    made = _post(consultant_client, f"{org_url}/assessments", form, org_url)
    assert made.status_code == 302, made.get_data(as_text=True)
    return str(made.headers["Location"])


def _h1(consultant_client: FlaskClient, url: str, lang: str) -> str:
    consultant_client.get(f"/language/{lang}")
    page = consultant_client.get(url).get_data(as_text=True)
    return page.split("<h1>", 1)[1].split("</h1>", 1)[0]


@pytest.fixture
def db_client(database_url: str) -> FlaskClient:
    app = make_app(database_url)
    add_user(app, "consultant@example.com")
    client = app.test_client()
    login(client, "consultant@example.com")
    return client


def test_each_language_shows_its_title_and_the_report_follows(db_client: FlaskClient) -> None:
    app = db_client.application
    url = _create(db_client, title=TITLE, title_ja=f"  {TITLE_JA} ")
    assert _h1(db_client, url, "ja") == TITLE_JA
    assert _h1(db_client, url, "en") == TITLE
    with app.test_request_context():
        assessment = db.session.get(Assessment, int(url.rsplit("/", 1)[1]))
        assert assessment is not None and assessment.title_ja == TITLE_JA  # stored trimmed
        assert context_for_assessment(assessment, "ja", report_date=date(2026, 12, 1)).assessment_title == TITLE_JA
        assert context_for_assessment(assessment, "en", report_date=date(2026, 12, 1)).assessment_title == TITLE


def test_titles_can_be_edited_and_an_empty_japanese_title_falls_back(db_client: FlaskClient) -> None:
    url = _create(db_client, title=TITLE)
    assert _h1(db_client, url, "ja") == TITLE  # no Japanese title: the title as entered
    saved = _post(db_client, f"{url}/titles", {"title": "Audit 2027", "title_ja": TITLE_JA}, url)
    assert saved.status_code == 302
    assert "評価の名称を保存しました。" in db_client.get(url).get_data(as_text=True)  # still in Japanese
    assert _h1(db_client, url, "ja") == TITLE_JA and _h1(db_client, url, "en") == "Audit 2027"
    cleared = _post(db_client, f"{url}/titles", {"title": "Audit 2027", "title_ja": "   "}, url)
    assert cleared.status_code == 302
    assert _h1(db_client, url, "ja") == "Audit 2027"


def test_bad_titles_are_refused_with_a_message_and_nothing_changes(db_client: FlaskClient) -> None:
    url = _create(db_client, title=TITLE, title_ja=TITLE_JA)
    db_client.get("/language/ja")
    too_long = _post(db_client, f"{url}/titles", {"title": TITLE, "title_ja": "長" * 201}, url)
    assert too_long.status_code == 400
    assert "200文字以内で入力してください。" in too_long.get_data(as_text=True)
    missing = _post(db_client, f"{url}/titles", {"title": "", "title_ja": "新しい名称"}, url)
    assert missing.status_code == 400
    assert _h1(db_client, url, "ja") == TITLE_JA and _h1(db_client, url, "en") == TITLE


def test_a_viewer_cannot_rename(app: Flask, consultant_client: FlaskClient) -> None:
    url = _create(consultant_client, title=TITLE)
    assessment_id = int(url.rsplit("/", 1)[1])
    with app.app_context():
        found = db.session.get(Assessment, assessment_id)
        assert found is not None
        org_id = found.organisation_id
    add_user(app, "exec@example.com", role="viewer", workspace=None, organisation_id=org_id)
    viewer = app.test_client()
    login(viewer, "exec@example.com")
    page = viewer.get(url).get_data(as_text=True)
    assert "/titles" not in page  # no form a viewer cannot use
    token = csrf_token(viewer.get("/login").get_data(as_text=True))
    refused = viewer.post(f"{url}/titles", data={"csrf_token": token, "title": "Mine", "title_ja": ""})
    assert refused.status_code == 403
    with app.app_context():
        found = db.session.get(Assessment, assessment_id)
        assert found is not None and found.title == TITLE


def test_title_in_a_language() -> None:
    assessment = Assessment(title="Audit", title_ja=None)
    assert assessment_title(assessment, "ja") == "Audit"
    assessment.title_ja = "監査"
    assert (assessment_title(assessment, "ja"), assessment_title(assessment, "en")) == ("監査", "Audit")
