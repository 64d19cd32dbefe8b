"""The action plan: add, edit, change status (won't do with a reason), notes, delete; overdue shown in
words; filters; "Track this action" from the report; viewers read, other workspaces 404; both databases."""

from __future__ import annotations

import re
from datetime import date, timedelta

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from assessor.extensions import db
from assessor.models import Action, ActionNote, Organisation
from tests.factories import Person, add_user, stored_assessment, workspace_named
from tests.helpers import csrf_token, login, post_form

LEVELS = {f"E{n}-01": 1 for n in range(1, 10)}


def _seed(site: Flask, *, final: bool = False) -> tuple[int, int]:
    with site.app_context():
        org = Organisation(name="Harbour Co", workspace=workspace_named("Workspace A"))
        people = [
            Person("leadership", "A", LEVELS),
            Person("front-line", "B", LEVELS),
            Person("back-office", "C", LEVELS),
        ]
        assessment = stored_assessment(org, "Check 2026", people, assessed_on=date(2026, 11, 20))
        if final:
            from assessor.models.core import now

            assessment.finalised_at = now()
        db.session.add(org)
        db.session.commit()
        return org.id, assessment.id


def _lead(site: Flask) -> FlaskClient:
    add_user(site, "lead@example.com")
    lead = site.test_client()
    login(lead, "lead@example.com")
    return lead


def _actions(site: Flask) -> list[Action]:
    with site.app_context():
        found = list(db.session.scalars(sa.select(Action).order_by(Action.id)))
        db.session.expunge_all()
        return found


def _add(client: FlaskClient, org_id: int, **data: str) -> tuple[int, str]:
    url = f"/organisations/{org_id}/actions"
    response = post_form(client, url, {"title": "Call back every complaint", **data})
    return response.status_code, response.headers.get("Location", response.get_data(as_text=True))


def test_an_own_action_is_added_edited_noted_and_deleted(site: Flask) -> None:
    org_id, _ = _seed(site)
    lead = _lead(site)
    code, location = _add(
        lead,
        org_id,
        title_ja="苦情には必ず折り返す",
        elements="E3",
        items="E3-01",
        kpis="CSAT",
        owner="Aiko Sato",
        due="2027-03-31",
        progress="10",
    )
    assert code == 302, location
    [action] = _actions(site)
    assert (action.title, action.title_ja, action.element_ids, action.item_codes) == (
        "Call back every complaint",
        "苦情には必ず折り返す",
        "E3",
        "E3-01",
    )
    assert (action.kpi_ids, action.owner, action.due, action.status, action.progress) == (
        "CSAT",
        "Aiko Sato",
        date(2027, 3, 31),
        "planned",
        10,
    )
    assert location.endswith(f"/organisations/{org_id}/actions/{action.id}")
    assert (
        post_form(lead, location, {"title": "Call back within a day", "elements": "E4", "progress": "50"}).status_code
        == 302
    )
    [edited] = _actions(site)
    assert (edited.title, edited.element_ids, edited.progress, edited.owner) == ("Call back within a day", "E4", 50, "")
    assert (
        post_form(lead, f"{location}/notes", {"text": "Kick-off held\nwith the front desk"}, location).status_code
        == 302
    )
    page = lead.get(location).get_data(as_text=True)
    assert "Kick-off held" in page and "lead@example.com" in page
    confirm = lead.get(f"{location}/delete")
    assert confirm.status_code == 200 and "1 notes" in confirm.get_data(as_text=True)
    assert post_form(lead, f"{location}/delete", {}).status_code == 302
    assert _actions(site) == []
    with site.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ActionNote)) == 0


def test_a_bad_action_is_refused_with_a_message(site: Flask) -> None:
    org_id, _ = _seed(site)
    lead = _lead(site)
    assert _add(lead, org_id, title="")[0] == 400
    assert _add(lead, org_id, progress="101")[0] == 400
    assert _add(lead, org_id, elements="E99")[0] == 400
    code, page = _add(lead, org_id, items="E1-01 <b>")
    assert code == 400 and "Enter item codes such as E1-01" in page
    assert _actions(site) == []


def test_wont_do_needs_a_reason_and_done_means_full_progress(site: Flask) -> None:
    org_id, _ = _seed(site)
    lead = _lead(site)
    location = _add(lead, org_id)[1]
    code = post_form(lead, f"{location}/status", {"status": "wont_do", "reason": "  "}, location)
    assert code.status_code == 400 and "Say why this action will not be done." in code.get_data(as_text=True)
    assert _actions(site)[0].status == "planned"
    assert (
        post_form(lead, f"{location}/status", {"status": "wont_do", "reason": "Site closes"}, location).status_code
        == 302
    )
    assert (_actions(site)[0].status, _actions(site)[0].reason) == ("wont_do", "Site closes")
    assert "Site closes" in lead.get(location).get_data(as_text=True)
    assert post_form(lead, f"{location}/status", {"status": "done", "reason": "ignored"}, location).status_code == 302
    done = _actions(site)[0]
    assert (done.status, done.reason, done.progress, done.done_on) == ("done", "", 100, date.today())
    assert post_form(lead, f"{location}/status", {"status": "finished"}, location).status_code == 400


def test_overdue_is_shown_in_words_and_the_list_filters(site: Flask) -> None:
    org_id, _ = _seed(site)
    lead = _lead(site)
    yesterday, soon, later = (
        date.today() - timedelta(days=1),
        date.today() + timedelta(days=10),
        date.today() + timedelta(days=90),
    )
    _add(lead, org_id, title="Late one", due=yesterday.isoformat(), owner="Ken", elements="E1")
    _add(lead, org_id, title="Soon one", due=soon.isoformat(), owner="Aiko", elements="E2")
    late_done = _add(lead, org_id, title="Closed late", due=yesterday.isoformat(), owner="Ken")[1]
    _add(lead, org_id, title="Later one", due=later.isoformat(), owner="aiko")
    post_form(lead, f"{late_done}/status", {"status": "done"}, late_done)
    url = f"/organisations/{org_id}/actions"

    def titles(query: str) -> list[str]:
        html = lead.get(f"{url}?{query}").get_data(as_text=True)
        return re.findall(r'/actions/\d+">([^<]+)</a>', html)

    assert titles("") == ["Late one", "Closed late", "Soon one", "Later one"]
    page = lead.get(url).get_data(as_text=True)
    assert page.count("✘ Overdue") == 1 and "(done after the due date)" in page
    assert titles("due=overdue") == ["Late one"]
    assert titles("due=soon") == ["Soon one"]
    assert titles("owner=AIKO") == ["Soon one", "Later one"]
    assert titles("element=E1") == ["Late one"]
    assert titles("status=done") == ["Closed late"]
    assert titles("status=bogus&due=bogus") == ["Late one", "Closed late", "Soon one", "Later one"]
    lead.get("/language/ja")
    japanese = lead.get(url).get_data(as_text=True)
    assert "<h1>施策計画</h1>" in japanese and japanese.count("✘ 期限超過") == 1 and "（期限後に完了）" in japanese


def test_tracking_a_recommended_action_prefills_it_once(site: Flask) -> None:
    org_id, assessment_id = _seed(site, final=True)
    lead = _lead(site)
    report_url = f"/assessments/{assessment_id}/report"
    report = lead.get(report_url).get_data(as_text=True)
    assert 'name="library_id" type="hidden" value="R-E3-01"' in report
    first = post_form(lead, f"/assessments/{assessment_id}/actions/track", {"library_id": "R-E3-01"}, report_url)
    assert first.status_code == 302
    [action] = _actions(site)
    assert (action.library_id, action.assessment_id, action.organisation_id) == ("R-E3-01", assessment_id, org_id)
    lead.get("/language/ja")
    assert "要素E3の基本的な約束を文書にする" in lead.get(first.headers["Location"]).get_data(as_text=True)
    lead.get("/language/en")
    assert (action.title, action.title_ja) == (
        "Write down the basic promise for element E3",
        "要素E3の基本的な約束を文書にする",
    )
    assert (action.element_ids, action.kpi_ids, action.status) == ("E3", "CSAT", "planned")
    again = post_form(lead, f"/assessments/{assessment_id}/actions/track", {"library_id": "R-E3-01"}, report_url)
    assert again.headers["Location"] == first.headers["Location"] and len(_actions(site)) == 1
    report = lead.get(report_url).get_data(as_text=True)
    assert 'value="R-E3-01"' not in report and "In the action plan" in report
    unknown = post_form(lead, f"/assessments/{assessment_id}/actions/track", {"library_id": "R-X"}, report_url)
    assert unknown.status_code == 404 and len(_actions(site)) == 1
    # the assessment is final, the action still changes: actions belong to the organisation
    location = first.headers["Location"]
    assert post_form(lead, f"{location}/status", {"status": "in_progress"}, location).status_code == 302


def test_viewers_read_the_plan_and_other_workspaces_get_404(site: Flask) -> None:
    org_id, assessment_id = _seed(site)
    lead = _lead(site)
    location = _add(lead, org_id, title="Shared plan")[1]
    add_user(site, "ceo@client.example", role="viewer", workspace=None, organisation_id=org_id)
    viewer = site.test_client()
    login(viewer, "ceo@client.example")
    listing = viewer.get(f"/organisations/{org_id}/actions")
    assert listing.status_code == 200 and "Shared plan" in listing.get_data(as_text=True)
    detail = viewer.get(location).get_data(as_text=True)
    assert "Shared plan" in detail and "Edit the action" not in detail and "/status" not in detail
    assert "Track this action" not in viewer.get(f"/assessments/{assessment_id}/report").get_data(as_text=True)
    token = csrf_token(viewer.get("/account/password").get_data(as_text=True))
    for url in (
        f"/organisations/{org_id}/actions",
        location,
        f"{location}/status",
        f"{location}/notes",
        f"{location}/delete",
    ):
        assert (
            viewer.post(url, data={"csrf_token": token, "title": "X", "status": "done", "text": "x"}).status_code == 403
        )
    assert viewer.get(f"{location}/delete").status_code == 403
    add_user(site, "rival@example.com", workspace="Workspace B")
    rival = site.test_client()
    login(rival, "rival@example.com")
    assert rival.get(f"/organisations/{org_id}/actions").status_code == 404
    assert rival.get(location).status_code == 404
    token = csrf_token(rival.get("/account/password").get_data(as_text=True))
    assert rival.post(f"{location}/status", data={"csrf_token": token, "status": "done"}).status_code == 404
    # another organisation's action id under one's own organisation answers 404 too
    rival_org = post_form(rival, "/organisations", {"name": "Rival Co"}, "/").headers["Location"]
    action_id = location.rsplit("/", 1)[-1]
    assert rival.get(f"{rival_org}/actions/{action_id}").status_code == 404
    assert _actions(site)[0].status == "planned"


def test_the_next_report_lists_the_actions_since_the_last_assessment_with_the_elements_change(site: Flask) -> None:
    with site.app_context():
        org = Organisation(name="Harbour Co", workspace=workspace_named("Workspace A"))
        low = {f"E{n}-01": 1 for n in range(1, 10)}
        high = low | {"E3-01": 3}  # E3 from 25 % to 75 %: +50 points
        people = ("leadership", "front-line", "back-office")
        earlier = stored_assessment(org, "2025", [Person(s, s, low) for s in people], assessed_on=date(2025, 11, 1))
        db.session.add(org)
        db.session.commit()
        org_id, earlier_id = org.id, earlier.id
    lead = _lead(site)
    report = f"/assessments/{earlier_id}/report"
    done = post_form(lead, f"/assessments/{earlier_id}/actions/track", {"library_id": "R-E3-01"}, report)
    location = done.headers["Location"]
    post_form(lead, f"{location}/status", {"status": "done"}, location)
    late = _add(lead, org_id, title="Late one", elements="E1", due="2026-01-31")[1]
    dropped = _add(lead, org_id, title="Dropped one", elements="E2")[1]
    post_form(lead, f"{dropped}/status", {"status": "wont_do", "reason": "Out of scope"}, dropped)
    assert "Actions since the last assessment" not in lead.get(report).get_data(as_text=True)
    with site.app_context():
        org = db.session.get(Organisation, org_id)
        assert org is not None
        current = stored_assessment(org, "2026", [Person(s, s, high) for s in people], assessed_on=date(2026, 11, 1))
        db.session.add(current)
        db.session.commit()
        current_id = current.id
    _add(lead, org_id, title="Added after", elements="E4")
    page = lead.get(f"/assessments/{current_id}/report").get_data(as_text=True)
    section = page.split('id="since-h"', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r'<th scope="row"><a [^>]*>([^<]+)</a></th>\s*<td>([^<]+)</td>\s*<td>([^<]+)</td>', section)
    assert rows == [
        ("Write down the basic promise for element E3", "Done", "E3 ▲ +50"),
        ("Late one", "✘ Overdue", "E1 ± 0"),
        ("Dropped one", "Dropped (won't do)", "E2 ± 0"),
    ], section
    assert late.endswith(f"/actions/{_actions(site)[1].id}")
    lead.get("/language/ja")
    japanese = lead.get(f"/assessments/{current_id}/report").get_data(as_text=True)
    assert "前回の評価以降の施策" in japanese and "<td>✘ 期限超過</td>" in japanese
    assert "取りやめ（実施しない）" in japanese
    assert "要素E3の基本的な約束を文書にする" in japanese


def test_deleting_the_assessment_keeps_its_actions_and_deleting_the_organisation_removes_them(site: Flask) -> None:
    org_id, assessment_id = _seed(site)
    lead = _lead(site)
    report = f"/assessments/{assessment_id}/report"
    tracked = post_form(lead, f"/assessments/{assessment_id}/actions/track", {"library_id": "R-E3-01"}, report)
    location = tracked.headers["Location"]
    post_form(lead, f"{location}/notes", {"text": "Started"}, location)
    assert post_form(lead, f"/assessments/{assessment_id}/delete", {}).status_code == 302
    [kept] = _actions(site)
    assert (kept.assessment_id, kept.library_id) == (None, "R-E3-01")
    assert lead.get(location).status_code == 200
    assert post_form(lead, f"/organisations/{org_id}/delete", {"confirm_name": "Harbour Co"}).status_code == 302
    assert _actions(site) == []
    with site.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ActionNote)) == 0
