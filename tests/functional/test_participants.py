"""Managing participants and join codes: rename, remove with answers, close and regenerate the code."""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask import Flask

from assessor.extensions import db
from assessor.models import Answer, Event, Respondent
from tests.factories import add_user
from tests.helpers import autosave, csrf_token, join_by_code, login, open_workshop, post_form


def _count(app: Flask, model: type[Answer] | type[Respondent]) -> int:
    with app.app_context():
        return int(db.session.scalar(sa.select(sa.func.count()).select_from(model)) or 0)


def test_a_regenerated_join_link_refuses_the_old_token_and_the_old_code(site: Flask) -> None:
    add_user(site, "lead@example.com")
    lead = site.test_client()
    login(lead, "lead@example.com")
    assessment_id, code, link = open_workshop(lead)
    early = site.test_client()
    token = join_by_code(early, code)
    facilitate = f"/assessments/{assessment_id}/workshop"
    assert post_form(lead, f"{facilitate}/regenerate", {}, facilitate).status_code == 302
    page = lead.get(facilitate).get_data(as_text=True)
    assert "The old ones no longer work." in page
    new_code = re.search(r'<strong class="code-big">([A-Z0-9]{6})</strong>', page)
    assert new_code and new_code.group(1) != code and link not in page
    late = site.test_client()
    assert late.get(link).status_code == 404
    form = csrf_token(late.get("/join").get_data(as_text=True))
    assert late.post("/join", data={"csrf_token": form, "code": code}).status_code == 404
    join_by_code(late, new_code.group(1))  # the new code works
    assert autosave(early, token, "E1-01", level="2").status_code == 200  # who joined keeps answering

    assert post_form(lead, f"{facilitate}/close", {}, facilitate).status_code == 302
    closed = lead.get(facilitate).get_data(as_text=True)
    assert "code-big" not in closed and "Open workshop" in closed
    form = csrf_token(late.get("/join").get_data(as_text=True))
    assert late.post("/join", data={"csrf_token": form, "code": new_code.group(1)}).status_code == 404
    assert autosave(early, token, "E2-01", level="3").status_code == 200
    with site.app_context():
        verbs = list(db.session.scalars(sa.select(Event.verb).where(Event.assessment_id == assessment_id)))
    assert verbs.count("join code regenerated") == 1 and verbs.count("join code closed") == 1


def test_removing_a_participant_says_what_goes_and_deletes_their_answers(site: Flask) -> None:
    add_user(site, "lead@example.com")
    add_user(site, "rival@example.com", workspace="Workspace B")
    lead = site.test_client()
    login(lead, "lead@example.com")
    assessment_id, code, _link = open_workshop(lead)
    stays, goes = site.test_client(), site.test_client()
    stay_token = join_by_code(stays, code, name="Stays")
    go_token = join_by_code(goes, code, name="Test participant")
    for item, level in (("E1-01", "2"), ("E2-01", "1")):
        assert autosave(goes, go_token, item, level=level).status_code == 200
    assert autosave(stays, stay_token, "E1-01", level="3").status_code == 200
    with site.app_context():
        gone_id = db.session.scalar(sa.select(Respondent.id).where(Respondent.token == go_token))
        kept_id = db.session.scalar(sa.select(Respondent.id).where(Respondent.token == stay_token))
    person = f"/assessments/{assessment_id}/respondents/{gone_id}"
    assert f'href="{person}"' in lead.get(f"/assessments/{assessment_id}").get_data(as_text=True)

    renamed = post_form(lead, person, {"name": "  Tester  "})
    assert renamed.status_code == 302
    assert "Tester" in lead.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert post_form(lead, person, {"name": "x" * 121}).status_code == 400

    rival = site.test_client()
    login(rival, "rival@example.com")
    assert rival.get(person).status_code == 404 and rival.get(f"{person}/remove").status_code == 404
    other_id, *_rest = open_workshop(rival)
    assert lead.get(f"/assessments/{other_id}/respondents/{kept_id}").status_code == 404
    assert lead.get(f"/assessments/{assessment_id}/respondents/999999").status_code == 404

    confirm = lead.get(f"{person}/remove").get_data(as_text=True)
    assert "the 2 answers they gave" in confirm and "cannot be undone" in confirm
    assert lead.post(f"{person}/remove", data={}).status_code == 400  # no CSRF token: nothing removed
    assert _count(site, Respondent) == 2
    removed = post_form(lead, f"{person}/remove", {})
    assert removed.status_code == 302
    assert "Respondent removed with 2 answers." in lead.get(removed.headers["Location"]).get_data(as_text=True)
    with site.app_context():
        assert db.session.get(Respondent, gone_id) is None
        left = list(db.session.scalars(sa.select(Answer.respondent_id)))
        entry = db.session.scalar(sa.select(Event).where(Event.verb == "respondent removed"))
        assert entry is not None and entry.object_id == gone_id and entry.detail == "2 answers deleted"
    assert left == [kept_id]
    assert goes.get(f"/respond/{go_token}").status_code == 404  # the removed participant's link is dead
    lead.get("/language/ja?next=/")
    japanese = lead.get(f"/assessments/{assessment_id}/respondents/{kept_id}/remove").get_data(as_text=True)
    assert "元に戻せません" in japanese
