"""Workshops through the Flask test client: join by code, autosave, reveal, consensus, lock."""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from assessor.accounts import joins
from assessor.extensions import db
from assessor.models import Answer, Assessment, Consensus, Respondent
from tests.helpers import autosave, csrf_token, join_by_code, open_workshop


def test_participants_join_with_the_code_and_autosave(app: Flask, consultant_client: FlaskClient) -> None:
    assessment_id, code, _link = open_workshop(consultant_client)
    participant = app.test_client()
    token = join_by_code(participant, code, language="ja", name="佐藤", segment="front-line")
    # The participant's pages are in the language they picked.
    assert '<html lang="ja">' in participant.get(f"/respond/{token}/E1").get_data(as_text=True)
    saved = autosave(participant, token, "E1-01", level="3", comment="根拠: 月次レビュー")
    assert saved.status_code == 200
    assert saved.json == {"saved": True, "code": "E1-01", "answered": 1, "total": 9}
    with app.app_context():
        answer = db.session.scalar(sa.select(Answer).where(Answer.item_code == "E1-01"))
        assert answer is not None and (answer.level, answer.comment) == (3, "根拠: 月次レビュー")
        respondent = db.session.scalar(sa.select(Respondent).where(Respondent.token == token))
        assert respondent is not None
        assert (respondent.name, respondent.segment, respondent.language, respondent.user_id) == (
            "佐藤",
            "front-line",
            "ja",
            None,
        )


def test_autosave_rejects_bad_answers_with_reasons(app: Flask, consultant_client: FlaskClient) -> None:
    _assessment_id, code, _link = open_workshop(consultant_client)
    participant = app.test_client()
    token = join_by_code(participant, code)
    bad_level = autosave(participant, token, "E1-01", level="9")
    assert bad_level.status_code == 400 and bad_level.json["saved"] is False
    assert "Not a valid choice" in " ".join(bad_level.json["errors"])
    too_long = autosave(participant, token, "E1-01", level="2", comment="x" * 2001)
    assert too_long.status_code == 400
    na_without_reason = autosave(participant, token, "E7-01", level="na")
    assert "Give a short reason for N/A." in na_without_reason.json["errors"]
    unknown = autosave(participant, token, "E9-99", level="1")
    assert unknown.status_code == 404
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Answer)) == 0


def test_autosave_needs_the_csrf_token(app: Flask, consultant_client: FlaskClient) -> None:
    _assessment_id, code, _link = open_workshop(consultant_client)
    participant = app.test_client()
    token = join_by_code(participant, code)
    response = participant.post(f"/respond/{token}/items/E1-01", data={"i_E1_01-level": "2"})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Answer)) == 0


def test_wrong_codes_are_refused_and_slowed_down(participant_client: FlaskClient) -> None:
    statuses = []
    for attempt in range(joins.ADDRESS_ATTEMPTS + 2):
        token = csrf_token(participant_client.get("/join").get_data(as_text=True))
        response = participant_client.post("/join", data={"csrf_token": token, "code": f"ZZZ{attempt:03d}"})
        statuses.append(response.status_code)
    assert statuses == [404] * joins.ADDRESS_ATTEMPTS + [429, 429]
    assert int(response.headers["Retry-After"]) > 0
    assert participant_client.get("/w/not-a-real-token").status_code == 404


def test_distributions_stay_hidden_until_revealed(app: Flask, consultant_client: FlaskClient) -> None:
    assessment_id, code, _link = open_workshop(consultant_client)
    for level in ("0", "4", "0", "4"):
        participant = app.test_client()
        autosave(participant, join_by_code(participant, code), "E1-01", level=level)
    live = consultant_client.get(f"/assessments/{assessment_id}/workshop/live").get_data(as_text=True)
    assert "Distributions are hidden" in live
    assert "Test question 1" not in live
    assert '<span class="num">4</span> joined' in live
    token = csrf_token(consultant_client.get(f"/assessments/{assessment_id}/workshop").get_data(as_text=True))
    consultant_client.post(f"/assessments/{assessment_id}/workshop/revealed/on", data={"csrf_token": token})
    live = consultant_client.get(f"/assessments/{assessment_id}/workshop/live").get_data(as_text=True)
    assert "Test question 1" in live  # the split item heads the discussion queue
    assert "0=2, 1=0, 2=0, 3=0, 4=2" in live


def test_consensus_keeps_individual_answers_and_drives_the_score(app: Flask, consultant_client: FlaskClient) -> None:
    assessment_id, code, _link = open_workshop(consultant_client)
    for level in ("0", "4"):
        participant = app.test_client()
        autosave(participant, join_by_code(participant, code), "E1-01", level=level)
    url = f"/assessments/{assessment_id}/consensus/E1-01"
    form = consultant_client.get(url).get_data(as_text=True)
    assert "established 1" in form  # the level descriptions help the room agree
    response = consultant_client.post(
        url, data={"csrf_token": csrf_token(form), "level": "3", "rationale": "Seen in <b>audit</b>"}
    )
    assert response.status_code == 302
    with app.app_context():
        consensus = db.session.scalar(sa.select(Consensus))
        assert consensus is not None and (consensus.level, consensus.rationale) == (3, "Seen in <b>audit</b>")
        assert sorted(a.level for a in db.session.scalars(sa.select(Answer))) == [0, 4]
    results = consultant_client.get(f"/assessments/{assessment_id}/results").get_data(as_text=True)
    # E1 = E1-01 at the consensus level 3 of 4.
    assert re.search(r"E1 · Service excellence vision, mission and strategy</th>\s*<td>75 %", results)


def test_lock_ends_answering(app: Flask, consultant_client: FlaskClient) -> None:
    assessment_id, code, link = open_workshop(consultant_client)
    participant = app.test_client()
    token = join_by_code(participant, code)
    facilitator_token = csrf_token(
        consultant_client.get(f"/assessments/{assessment_id}/workshop").get_data(as_text=True)
    )
    consultant_client.post(f"/assessments/{assessment_id}/workshop/locked/on", data={"csrf_token": facilitator_token})
    locked = autosave(participant, token, "E1-01", level="2")
    assert locked.status_code == 409 and locked.json["saved"] is False
    page = participant.get(f"/respond/{token}/E1").get_data(as_text=True)
    assert "Answering is locked" in page and '<fieldset class="page-fieldset" disabled>' in page
    late = app.test_client()
    assert late.get(link).status_code == 409
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Answer)) == 0
        assessment = db.session.get(Assessment, assessment_id)
        assert assessment is not None and assessment.locked


def test_qr_code_is_an_svg_of_the_join_link(consultant_client: FlaskClient) -> None:
    assessment_id, _code, _link = open_workshop(consultant_client)
    response = consultant_client.get(f"/assessments/{assessment_id}/workshop/qr.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert response.get_data(as_text=True).lstrip().startswith("<?xml") or b"<svg" in response.get_data()


def test_self_audit_resumes_the_users_own_answers(consultant_client: FlaskClient) -> None:
    token = csrf_token(consultant_client.get("/").get_data(as_text=True))
    org_url = consultant_client.post("/organisations", data={"csrf_token": token, "name": "QM"}).headers["Location"]
    made = consultant_client.post(
        f"{org_url}/assessments",
        data={
            "csrf_token": token,
            "title": "2026",
            "questionnaire": "mini",
            "assessed_on": "2026-01-10",
            "mode": "self",
        },
    )
    start = made.headers["Location"] + "/start"
    first = consultant_client.post(start, data={"csrf_token": token, "name": "QM", "segment": ""})
    again = consultant_client.get(start)
    assert again.status_code == 302 and again.headers["Location"] == first.headers["Location"]
    page = consultant_client.get(first.headers["Location"].replace("/respond/", "/respond/") + "/E1").get_data(
        as_text=True
    )
    assert "Evidence: what shows this level?" in page
