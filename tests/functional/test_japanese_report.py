"""A Japanese report holds no English UI text: the demo report page and its PDF, read back.

What may stay in Latin letters is listed here and nothing else: standard and item codes
(E1, E1-02, P3, DP1, L1), acronyms of up to five capitals (ISO, KPI, SLA, CSAT, PDF),
the questionnaire version (v1), formula symbols (w, n, p, r_wg), the product name,
what the user typed (organisation and user names) and text explicitly marked ``lang="en"``
(the language switch).  Every other run of Latin words is English that a Japanese
reader should not meet; the synthetic cases show the check catches it.
"""

from __future__ import annotations

import dataclasses
import html
import re
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from flask import Flask, render_template_string
from flask.testing import FlaskClient
from flask_babel import force_locale
from pypdf import PdfReader

from assessor.demo import DEMO_NAME_JA
from assessor.extensions import db
from assessor.models import Assessment, Organisation
from assessor.reports.service import context_for_assessment, render_report_html, render_report_pdf
from tests.factories import add_user
from tests.helpers import csrf_token, login

pytestmark = pytest.mark.slow

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:[-'’][A-Za-z0-9_]+)*")
_CODE = re.compile(r"[A-Z]{1,3}\d+(?:-\d+)?|v\d+")
_ACRONYM = re.compile(r"[A-Z]{2,5}")
ALLOWED_WORDS = frozenset(
    {
        "assessor",  # the product's name
        "r_wg",  # the agreement index, a formula symbol
        "Word",  # file formats by their product names, as Japanese users call them (Wordレポート, Excel)
        "Excel",
        # The MTTR formula glosses which "R" is meant with the three English words it abbreviates.
        "Resolve",
        "Repair",
        "Recover",
    }
)


def english_words(text: str, typed: tuple[str, ...] = ()) -> list[str]:
    """The Latin words in ``text`` that are neither codes, acronyms, symbols nor what the user typed."""
    for value in typed:
        text = text.replace(value, " ")
    found = []
    for word in _WORD.findall(text):
        if len(word) == 1 or word in ALLOWED_WORDS or _CODE.fullmatch(word) or _ACRONYM.fullmatch(word):
            continue
        found.append(word)
    return found


def page_text(markup: str) -> str:
    """What a reader meets on a page: text and the labels of images and regions, not scripts or
    content explicitly marked as English."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    markup = re.sub(r'<(\w+)[^>]*\blang="en"[^>]*>.*?</\1>', " ", markup, flags=re.S)
    labels = re.findall(r'\b(?:aria-label|alt|title|placeholder)="([^"]*)"', markup)
    text = re.sub(r"<[^>]+>", " ", markup)
    return html.unescape(" ".join([text, *labels]))


def _seed(app: Flask, tmp_path: Path) -> int:
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo", "seed", "--login-file", str(tmp_path / "login.txt")]).exit_code == 0
    with app.app_context():
        org = db.session.query(Organisation).filter_by(name=DEMO_NAME_JA).one()
        return int(max(a.id for a in org.assessments))


def test_the_checker_catches_english() -> None:
    assert english_words("総合 65% · E1-02 · ISO/TS 24082 · KPI · SLA · v1 · w × p · r_wg 0.85") == []
    assert english_words("エグゼクティブサマリー Executive brief") == ["Executive", "brief"]
    assert english_words("エスカレーション率 ESCALATION") == ["ESCALATION"]  # a long capitalised word is a word
    assert english_words("ハーバー Harbourview Hotels", typed=("Harbourview Hotels",)) == []


def test_a_deliberately_untranslated_string_fails(real_app: Flask, tmp_path: Path) -> None:
    """Synthetic: a msgid missing from the catalogue and an English data string are both caught."""
    assessment_id = _seed(real_app, tmp_path)
    with real_app.test_request_context(), force_locale("ja"):
        rendered = render_template_string("{{ _('Executive brief') }} {{ _('Strengths not yet translated') }}")
        assert english_words(page_text(rendered)) == ["Strengths", "not", "yet", "translated"]
        ctx = context_for_assessment(db.session.get(Assessment, assessment_id), "ja", report_date=date(2026, 12, 1))
        assert english_words(page_text(render_report_html(ctx)), typed=(DEMO_NAME_JA,)) == []
        untranslated = dataclasses.replace(ctx, questionnaire_title="Full service-excellence assessment")
        assert set(english_words(page_text(render_report_html(untranslated)))) == {
            "Full",
            "service-excellence",
            "assessment",
        }


def test_the_japanese_report_page_has_no_english(real_app: Flask, tmp_path: Path) -> None:
    assessment_id = _seed(real_app, tmp_path)
    with real_app.app_context():
        workspace = db.session.query(Organisation).filter_by(name=DEMO_NAME_JA).one().workspace.name
    add_user(real_app, "yamada@example.com", workspace=workspace)
    client = real_app.test_client()
    login(client, "yamada@example.com")
    client.get("/language/ja")
    for path in (f"/assessments/{assessment_id}/report", f"/assessments/{assessment_id}"):
        page = client.get(path)
        assert page.status_code == 200
        text = page_text(page.get_data(as_text=True))
        assert english_words(text, typed=(DEMO_NAME_JA, "yamada")) == [], path
        assert not re.search(r"\d %", text), path


def test_the_japanese_pdf_has_no_english(real_app: Flask, tmp_path: Path) -> None:
    assessment_id = _seed(real_app, tmp_path)
    with real_app.test_request_context():
        ctx = context_for_assessment(db.session.get(Assessment, assessment_id), "ja")
        pdf = render_report_pdf(ctx)
    reader = PdfReader(BytesIO(pdf))
    assert len(reader.pages) >= 8
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        found = english_words(text, typed=(DEMO_NAME_JA,))
        assert found == [], f"page {number}: {found}"
        assert not re.search(r"\d %", text), f"page {number}: Japanese writes 50%, not 50 %"


def test_form_messages_are_written_in_japanese(consultant_client: FlaskClient, participant_client: FlaskClient) -> None:
    """Not WTForms' translated defaults ("フィールドは 200 文字を超えることはできません。")."""
    consultant_client.get("/language/ja")
    token = csrf_token(consultant_client.get("/").get_data(as_text=True))
    refused = consultant_client.post("/organisations", data={"csrf_token": token, "name": "旅" * 201})
    assert refused.status_code == 400
    assert "200文字以内で入力してください。" in refused.get_data(as_text=True)
    participant_client.get("/language/ja")
    token = csrf_token(participant_client.get("/join").get_data(as_text=True))
    short = participant_client.post("/join", data={"csrf_token": token, "code": "AB"})
    assert short.status_code == 400
    assert "4〜12文字で入力してください。" in short.get_data(as_text=True)
