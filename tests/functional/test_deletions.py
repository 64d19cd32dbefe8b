"""Renaming and deleting organisations and assessments: confirmation says what goes, the data is
gone from the database, the history entry stays."""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from assessor.extensions import db
from assessor.models import Answer, Assessment, Event, Organisation, Respondent, User
from tests.factories import add_user
from tests.helpers import autosave, join_by_code, login, open_workshop, post_form


def _count(app: Flask, model: type[object]) -> int:
    with app.app_context():
        return int(db.session.scalar(sa.select(sa.func.count()).select_from(model)) or 0)


def _workshop_with_answers(site: Flask) -> tuple[FlaskClient, int, str]:
    add_user(site, "lead@example.com")
    lead = site.test_client()
    login(lead, "lead@example.com")
    assessment_id, code, _link = open_workshop(lead)
    for name in ("One", "Two"):
        participant = site.test_client()
        token = join_by_code(participant, code, name=name)
        assert autosave(participant, token, "E1-01", level="2").status_code == 200
    org_url = re.search(
        r'href="(/organisations/\d+)"', lead.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    )
    assert org_url
    return lead, assessment_id, org_url.group(1)


def test_deleting_an_assessment_removes_its_answers_and_keeps_its_history(site: Flask) -> None:
    lead, assessment_id, org_url = _workshop_with_answers(site)
    add_user(site, "rival@example.com", workspace="Workspace B")
    rival = site.test_client()
    login(rival, "rival@example.com")
    assert rival.get(f"/assessments/{assessment_id}/delete").status_code == 404
    confirm = lead.get(f"/assessments/{assessment_id}/delete").get_data(as_text=True)
    assert "2 respondents and their 2 answers" in confirm and "cannot be undone" in confirm
    assert _count(site, Answer) == 2
    deleted = post_form(lead, f"/assessments/{assessment_id}/delete", {})
    assert deleted.status_code == 302 and deleted.headers["Location"] == org_url
    assert _count(site, Answer) == 0 and _count(site, Respondent) == 0 and _count(site, Assessment) == 0
    assert lead.get(f"/assessments/{assessment_id}").status_code == 404
    with site.app_context():
        entry = db.session.scalar(sa.select(Event).where(Event.verb == "assessment deleted"))
        assert entry is not None and entry.assessment_id == assessment_id
        assert entry.detail == "2 respondents, 2 answers deleted"
    history = lead.get(f"{org_url}/history").get_data(as_text=True)
    assert "assessment deleted with its respondents and answers" in history and "participant joined" in history


def test_an_organisation_is_renamed_and_deleted_only_with_its_name_typed(site: Flask) -> None:
    lead, _assessment_id, org_url = _workshop_with_answers(site)
    assert post_form(lead, f"{org_url}/name", {"rename-name": ""}, org_url).status_code == 400
    assert post_form(lead, f"{org_url}/name", {"rename-name": "Renamed Ltd"}, org_url).status_code == 302
    page = lead.get(org_url).get_data(as_text=True)
    assert "<h1>Renamed Ltd</h1>" in page
    post_form(lead, f"{org_url}/viewers", {"name": "CEO", "email": "ceo@example.com"}, org_url)
    confirm = lead.get(f"{org_url}/delete").get_data(as_text=True)
    assert "1 assessments, their 2 respondents" in confirm
    wrong = post_form(lead, f"{org_url}/delete", {"confirm_name": "Renamed"})
    assert wrong.status_code == 400 and "The name does not match. Nothing was deleted." in wrong.get_data(as_text=True)
    assert _count(site, Organisation) == 1 and _count(site, Answer) == 2
    lead.get("/language/ja?next=/")
    japanese = lead.get(f"{org_url}/delete").get_data(as_text=True)
    assert "確認のため組織名を入力してください" in japanese and "元に戻せません" in japanese
    lead.get("/language/en?next=/")
    done = post_form(lead, f"{org_url}/delete", {"confirm_name": " Renamed Ltd "})
    assert done.status_code == 302
    assert _count(site, Organisation) == 0 and _count(site, Assessment) == 0 and _count(site, Answer) == 0
    with site.app_context():
        assert db.session.scalar(sa.select(User).where(User.email == "ceo@example.com")) is None
        verbs = list(
            db.session.scalars(sa.select(Event.verb).where(Event.organisation_id == int(org_url.rsplit("/", 1)[-1])))
        )
    assert verbs[-1] == "organisation deleted" and "organisation renamed" in verbs and "viewer created" in verbs
    assert lead.get(org_url).status_code == 404
