"""Editing an assessment, archiving and restoring, finalising and reopening: on SQLite and PostgreSQL,
behind the access checks (another workspace: 404; a viewer: 403), in English and Japanese."""

from __future__ import annotations

import json
import re
from datetime import date
from io import BytesIO

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader

from assessor.assessments import previous_assessment, score_previous
from assessor.extensions import db
from assessor.models import Assessment, DimensionTarget, Event, Organisation
from tests.factories import Person, add_user, stored_assessment, workspace_named
from tests.helpers import autosave, csrf_token, join_by_code, login, open_workshop, post_form

FINAL_EN = "This assessment is final: answers, targets, consensus and KPI values are read-only until it is reopened."
FINAL_JA = "この評価は確定済みです。確定が解除されるまで、回答・目標・合意・KPIの値は変更できません。"
LEVELS = {f"E{n}-01": 2 for n in range(1, 10)}


def _people() -> list[Person]:
    return [Person("leadership", "A", LEVELS), Person("front-line", "B", LEVELS), Person("back-office", "C", LEVELS)]


def _seed(site: Flask) -> tuple[int, int, int]:
    """Workspace A's organisation with a 2025 and a 2026 assessment (both answered); return their ids."""
    with site.app_context():
        org = Organisation(name="Harbour Co", workspace=workspace_named("Workspace A"))
        earlier = stored_assessment(org, "Baseline 2025", _people(), assessed_on=date(2025, 11, 20))
        current = stored_assessment(org, "Check 2026", _people(), assessed_on=date(2026, 11, 20))
        db.session.add(org)
        db.session.commit()
        return org.id, earlier.id, current.id


def _clients(site: Flask, org_id: int | None = None) -> tuple[FlaskClient, FlaskClient, FlaskClient | None]:
    """The consultant of Workspace A, one of Workspace B, and (given an organisation) its viewer."""
    add_user(site, "lead@example.com")
    add_user(site, "rival@example.com", workspace="Workspace B")
    lead, rival = site.test_client(), site.test_client()
    login(lead, "lead@example.com")
    login(rival, "rival@example.com")
    viewer = None
    if org_id is not None:
        add_user(site, "ceo@client.example", role="viewer", workspace=None, organisation_id=org_id)
        viewer = site.test_client()
        login(viewer, "ceo@client.example")
    return lead, rival, viewer


def _post_as(client: FlaskClient, url: str, data: dict[str, str] | None = None) -> int:
    """Post with the client's own CSRF token (from a page it may read); return the status."""
    token = csrf_token(client.get("/account/password").get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **(data or {})}).status_code


def _assessment(site: Flask, assessment_id: int) -> Assessment:
    with site.app_context():
        found = db.session.get(Assessment, assessment_id)
        assert found is not None
        db.session.expunge(found)
        return found


def _assessment_respondents(site: Flask, assessment_id: int) -> list[int]:
    with site.app_context():
        found = db.session.get(Assessment, assessment_id)
        assert found is not None
        return [r.id for r in found.respondents]


def _verbs(site: Flask, assessment_id: int) -> list[str]:
    with site.app_context():
        query = sa.select(Event.verb).where(Event.assessment_id == assessment_id).order_by(Event.id)
        return list(db.session.scalars(query))


def test_an_assessment_is_edited_and_its_mode_is_fixed_once_answered(site: Flask) -> None:
    lead, rival, _viewer = _clients(site)
    org_url = post_form(lead, "/organisations", {"name": "Kaze Ryokan"}, "/").headers["Location"]
    data = {"title": "Audit", "title_ja": "", "questionnaire": "mini", "assessed_on": "2026-11-22", "mode": "self"}
    url = post_form(lead, f"{org_url}/assessments", data, org_url).headers["Location"]
    assessment_id = int(url.rsplit("/", 1)[1])
    assert 'name="mode"' in lead.get(f"{url}/edit").get_data(as_text=True)
    bad = post_form(lead, f"{url}/edit", {**data, "title": "", "assessed_on": "not a date"})
    assert bad.status_code == 400 and _assessment(site, assessment_id).title == "Audit"
    changed = {**data, "title": "Audit 2026", "title_ja": "2026年 監査", "assessed_on": "2026-12-01"}
    changed["mode"] = "workshop"
    assert post_form(lead, f"{url}/edit", changed).status_code == 302
    edited = _assessment(site, assessment_id)
    assert (edited.title, edited.title_ja, edited.assessed_on, edited.mode) == (
        "Audit 2026",
        "2026年 監査",
        date(2026, 12, 1),
        "workshop",
    )
    assert post_form(lead, f"{url}/edit", {**changed, "mode": "self"}).status_code == 302  # nothing answered yet
    assert rival.get(f"{url}/edit").status_code == 404
    assert _post_as(rival, f"{url}/edit", changed) == 404

    start = post_form(lead, f"{url}/start", {"name": "Lead", "segment": ""})
    token = lead.get(start.headers["Location"]).headers["Location"].split("/")[2]
    assert autosave(lead, token, "E1-01", level="2").status_code == 200
    page = lead.get(f"{url}/edit").get_data(as_text=True)
    assert 'name="mode"' not in page and 'name="questionnaire"' not in page
    assert "the questionnaire (mini v1) and the mode stay as they are" in page
    refused = post_form(lead, f"{url}/edit", {**changed, "mode": "workshop"})
    assert refused.status_code == 409
    assert "the questionnaire and the mode can no longer be changed. Nothing was saved." in refused.get_data(
        as_text=True
    )
    assert _assessment(site, assessment_id).mode == "self" and _assessment(site, assessment_id).title == "Audit 2026"
    lead.get("/language/ja")
    japanese = post_form(lead, f"{url}/edit", {**changed, "mode": "workshop"}).get_data(as_text=True)
    assert "すでに回答があるため、質問票と回答方法は変更できません。" in japanese
    lead.get("/language/en")
    later = {"title": "Audit 2026 (corrected)", "title_ja": "", "assessed_on": "2026-12-02"}
    assert post_form(lead, f"{url}/edit", later).status_code == 302  # titles and date still change
    assert _assessment(site, assessment_id).assessed_on == date(2026, 12, 2)
    assert _verbs(site, assessment_id).count("assessment edited") == 3


def test_archived_ones_leave_lists_and_comparisons_and_come_back_restored(site: Flask) -> None:
    org_id, earlier_id, current_id = _seed(site)
    lead, rival, viewer = _clients(site, org_id)
    assert viewer is not None
    with site.app_context():
        assert previous_assessment(db.session.get(Assessment, current_id)).id == earlier_id  # type: ignore[arg-type,union-attr]
    org_url = f"/organisations/{org_id}"
    assert _post_as(rival, f"/assessments/{earlier_id}/archive") == 404
    assert _post_as(viewer, f"/assessments/{earlier_id}/archive") == 403
    assert _post_as(viewer, f"{org_url}/archive") == 403
    assert viewer.get(f"/assessments/{current_id}/edit").status_code == 403
    assert _post_as(viewer, f"/assessments/{current_id}/edit", {"title": "Mine", "assessed_on": "2026-01-01"}) == 403
    assert "/archive" not in viewer.get(org_url).get_data(as_text=True)  # no button a viewer cannot use
    assert post_form(lead, f"/assessments/{earlier_id}/archive", {}, org_url).status_code == 302
    page = lead.get(org_url).get_data(as_text=True)
    listed, archived = page.split('id="archived-h"', 1)
    assert "Baseline 2025" not in listed and "Check 2026" in listed and "Baseline 2025" in archived
    assert f'action="/assessments/{earlier_id}/restore"' in archived
    with site.app_context():
        current = db.session.get(Assessment, current_id)
        assert current is not None and previous_assessment(current) is None and score_previous(current) is None
    assert "Baseline 2025" not in lead.get(f"/assessments/{current_id}/report").get_data(as_text=True)
    assert "Baseline 2025" not in viewer.get(org_url).get_data(as_text=True)
    assert post_form(lead, f"/assessments/{earlier_id}/restore", {}, org_url).status_code == 302
    with site.app_context():
        assert previous_assessment(db.session.get(Assessment, current_id)).id == earlier_id  # type: ignore[arg-type,union-attr]
    assert 'id="archived-h"' not in lead.get(org_url).get_data(as_text=True)

    assert post_form(lead, f"{org_url}/archive", {}, org_url).status_code == 302
    home = lead.get("/").get_data(as_text=True)
    listed, archived = home.split('id="archived-h"', 1)
    assert "Harbour Co" not in listed and "Harbour Co" in archived
    assert "Harbour Co" not in viewer.get("/").get_data(as_text=True)
    assert lead.get(org_url).status_code == 200  # archived, not gone: its page still opens
    lead.get("/language/ja")
    assert "アーカイブ済み" in lead.get("/").get_data(as_text=True)
    lead.get("/language/en")
    assert post_form(lead, f"{org_url}/restore", {}, org_url).status_code == 302
    assert 'id="archived-h"' not in lead.get("/").get_data(as_text=True)
    assert "Harbour Co" in viewer.get("/").get_data(as_text=True)
    assert _verbs(site, earlier_id) == ["assessment archived", "assessment restored"]


def test_a_final_self_audit_refuses_answers_and_targets_until_reopened(site: Flask) -> None:
    lead, rival, _viewer = _clients(site)
    org_url = post_form(lead, "/organisations", {"name": "Kaze Ryokan"}, "/").headers["Location"]
    data = {"title": "Audit", "title_ja": "", "questionnaire": "mini", "assessed_on": "2026-11-22", "mode": "self"}
    url = post_form(lead, f"{org_url}/assessments", data, org_url).headers["Location"]
    assessment_id = int(url.rsplit("/", 1)[1])
    start = post_form(lead, f"{url}/start", {"name": "Lead", "segment": ""})
    token = lead.get(start.headers["Location"]).headers["Location"].split("/")[2]
    assert autosave(lead, token, "E1-01", level="2").status_code == 200
    assert _post_as(rival, f"{url}/finalise") == 404
    add_user(site, "ceo@client.example", role="viewer", workspace=None, organisation_id=int(org_url.rsplit("/", 1)[1]))
    viewer = site.test_client()
    login(viewer, "ceo@client.example")
    assert _post_as(viewer, f"{url}/finalise") == 403
    assert 'action="' + url + '/finalise"' not in viewer.get(url).get_data(as_text=True)
    assert "Draft" in lead.get(url).get_data(as_text=True)

    assert post_form(lead, f"{url}/finalise", {}, url).status_code == 302
    final = _assessment(site, assessment_id)
    assert final.finalised_at is not None and final.finalised_by == "lead" and final.finalised_by_id is not None
    page = lead.get(url).get_data(as_text=True)
    assert "finalised on" in page and "by lead" in page

    saved = autosave(lead, token, "E1-01", level="4")
    assert saved.status_code == 409 and json.loads(saved.get_data()) == {"saved": False, "error": FINAL_EN}
    form = lead.get(f"/respond/{token}/E1").get_data(as_text=True)
    assert FINAL_EN in form and '<fieldset class="page-fieldset" disabled>' in form
    posted = post_form(lead, f"/respond/{token}/E1", {"i_E1_01-level": "4"})
    assert posted.status_code == 409 and FINAL_EN in posted.get_data(as_text=True)
    results = lead.get(f"{url}/results").get_data(as_text=True)
    targets = {name: "90" for name in re.findall(r'name="(target_[^"]+)"', results)}
    assert targets == {}  # no targets form on a final assessment
    token_page = lead.get(url).get_data(as_text=True)  # the results page has no form left to take one from
    refused = lead.post(f"{url}/targets", data={"csrf_token": csrf_token(token_page), "target_A": "90"})
    assert refused.status_code == 409 and FINAL_EN in refused.get_data(as_text=True)
    consensus = post_form(lead, f"{url}/consensus/E1-01", {"level": "3", "rationale": "agreed"})
    assert consensus.status_code == 409 and FINAL_EN in consensus.get_data(as_text=True)
    add_user(site, "colleague@example.com")  # a second consultant of the workspace cannot start answering now
    colleague = site.test_client()
    login(colleague, "colleague@example.com")
    started = post_form(colleague, f"{url}/start", {"name": "Colleague", "segment": ""}, url)
    assert started.status_code == 303 and FINAL_EN in colleague.get(url).get_data(as_text=True)
    assert len(_assessment_respondents(site, assessment_id)) == 1
    lead.get("/language/ja")
    assert json.loads(autosave(lead, token, "E1-01", level="4").get_data())["error"] == FINAL_JA
    lead.get("/language/en")
    with site.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(DimensionTarget)) == 0
        answer = db.session.get(Assessment, assessment_id).respondents[0].answers[0]  # type: ignore[union-attr]
        assert answer.level == 2

    assert post_form(lead, f"{url}/reopen", {}, url).status_code == 302
    assert _assessment(site, assessment_id).finalised_at is None
    assert autosave(lead, token, "E1-01", level="4").status_code == 200
    assert _verbs(site, assessment_id)[-2:] == ["assessment finalised", "assessment reopened"]
    history = lead.get(f"{url}/history").get_data(as_text=True)
    assert "assessment reopened" in history and "assessment finalised" in history


def _cover(pdf: bytes) -> str:
    """The cover page's text, without spaces or line breaks."""
    return re.sub(r"\s+", "", PdfReader(BytesIO(pdf)).pages[0].extract_text() or "")


@pytest.mark.slow
def test_reports_say_draft_or_final_with_its_date(site: Flask) -> None:
    org_id, _earlier_id, current_id = _seed(site)
    lead, _rival, viewer = _clients(site, org_id)
    assert viewer is not None
    url = f"/assessments/{current_id}"
    draft = lead.get(f"{url}/report.pdf?lang=en")
    assert draft.status_code == 200
    cover = _cover(draft.get_data())
    assert "StatusDraft" in cover and "Final" not in cover
    assert "ドラフト" in _cover(lead.get(f"{url}/report.pdf?lang=ja").get_data())
    assert '<strong class="report-status">Draft</strong>' in lead.get(f"{url}/report").get_data(as_text=True)
    assert post_form(lead, f"{url}/finalise", {}, url).status_code == 302
    with site.app_context():
        finalised = db.session.get(Assessment, current_id)
        assert finalised is not None and finalised.finalised_at is not None
        day = finalised.finalised_at.date()
    cover = _cover(viewer.get(f"{url}/report.pdf?lang=en").get_data())
    assert f"StatusFinal({day.day}{day.strftime('%B')}{day.year})" in cover and "Draft" not in cover
    japanese = _cover(viewer.get(f"{url}/report.pdf?lang=ja").get_data())
    assert f"確定版（{day.year}年{day.month}月{day.day}日）" in japanese and "ドラフト" not in japanese
    report = viewer.get(f"{url}/report").get_data(as_text=True)
    assert f'<strong class="report-status">Final ({day.day} {day.strftime("%B")} {day.year})</strong>' in report
    results = viewer.get(f"{url}/results").get_data(as_text=True)
    assert '<strong class="report-status">Final' in results
    assert 'action="' + url + '/reopen"' not in viewer.get(url).get_data(as_text=True)  # viewers get no button


def test_a_final_workshop_refuses_participants_joining_answering_and_being_removed(site: Flask) -> None:
    add_user(site, "lead@example.com")
    lead = site.test_client()
    login(lead, "lead@example.com")
    assessment_id, code, link = open_workshop(lead)
    participant = site.test_client()
    token = join_by_code(participant, code, name="One")
    assert autosave(participant, token, "E1-01", level="2").status_code == 200
    url = f"/assessments/{assessment_id}"
    assert post_form(lead, f"{url}/finalise", {}, url).status_code == 302
    assert FINAL_EN in lead.get(f"{url}/workshop").get_data(as_text=True)
    refused = autosave(participant, token, "E1-01", level="3")
    assert refused.status_code == 409 and json.loads(refused.get_data())["error"] == FINAL_EN
    late = site.test_client()
    assert late.get(link).status_code == 409
    with site.app_context():
        respondent_id = db.session.get(Assessment, assessment_id).respondents[0].id  # type: ignore[union-attr]
    removed = post_form(lead, f"{url}/respondents/{respondent_id}/remove", {})
    assert removed.status_code == 303
    assert FINAL_EN in lead.get(url).get_data(as_text=True)
    with site.app_context():
        kept = db.session.get(Assessment, assessment_id)
        assert kept is not None and len(kept.respondents) == 1 and kept.respondents[0].answers[0].level == 2
    assert post_form(lead, f"{url}/reopen", {}, url).status_code == 302
    assert autosave(participant, token, "E1-01", level="3").status_code == 200
