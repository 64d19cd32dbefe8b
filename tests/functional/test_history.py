"""The history: every state-changing request leaves exactly one entry; the pages show them to
those who may change things, newest first, in English and Japanese; entries outlive what they name."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from io import BytesIO

import sqlalchemy as sa
from flask import Flask
from PIL import Image
from werkzeug.test import TestResponse

from assessor.extensions import db
from assessor.history import VERBS
from assessor.models import CustomKpi, Event, KpiReading, Organisation, Respondent, Segment, User, Workspace
from tests.factories import add_user
from tests.helpers import PASSWORD, csrf_token, login, post_form

NOT_HISTORY = {
    "questionnaires.page": "saves a page of answers: answers are data, not history (a workshop saves thousands)",
    "questionnaires.save_item": "autosaves one answer (same reason)",
    "questionnaires.still_true": "records last time's answer anew (same reason)",
    "questionnaires.round2": "saves a participant's second vote: answers (same reason)",
    "workshops.join": "looks up a typed code and redirects; it changes nothing but the join throttle",
    "classroom.join": "looks up a typed code and redirects (same reason)",
    "classroom.rate": "saves a trainee's ratings: data, not history (same reason as answers)",
    **dict.fromkeys(
        ("classroom.index", "classroom.join_link", "classroom.reveal", "classroom.show_key"),
        "needs the shipped cases: one entry each is checked in tests/functional/test_classroom.py",
    ),
    "questionnaires.import_file": "checks an uploaded answers file (the dry run) and keeps it; the import logs",
}
"""POST routes that write no history entry, with the reason."""


def _events(app: Flask) -> list[Event]:
    with app.app_context():
        events = list(db.session.scalars(sa.select(Event).order_by(Event.id)))
        db.session.expunge_all()
        return events


def test_every_state_changing_route_writes_exactly_one_history_entry(site: Flask) -> None:
    add_user(site, "lead@example.com")
    add_user(site, "root@example.com", role="admin", workspace=None)
    lead = site.test_client()
    participant = site.test_client()
    admin = site.test_client()
    login(admin, "root@example.com")
    ids: dict[str, str] = {}
    steps: list[tuple[str, Callable[[], TestResponse]]] = []

    def step(endpoint: str) -> Callable[[Callable[[], TestResponse]], None]:
        def add(run: Callable[[], TestResponse]) -> None:
            steps.append((endpoint, run))

        return add

    @step("auth.login")
    def _login() -> TestResponse:
        return post_form(lead, "/login", {"email": "lead@example.com", "password": PASSWORD})

    @step("organisations.create")
    def _org() -> TestResponse:
        made = post_form(lead, "/organisations", {"name": "Client X"}, "/")
        ids["org"] = made.headers["Location"]
        return made

    @step("organisations.create_assessment")
    def _assessment() -> TestResponse:
        data = {"title": "Kick-off", "questionnaire": "mini", "assessed_on": "2026-11-22", "mode": "workshop"}
        made = post_form(lead, f"{ids['org']}/assessments", data, ids["org"])
        ids["a"] = made.headers["Location"]
        return made

    @step("organisations.set_privacy")
    def _privacy() -> TestResponse:
        return post_form(lead, f"{ids['a']}/privacy", {"min_group_size": "7"}, ids["a"])

    @step("organisations.rename_assessment")
    def _titles() -> TestResponse:
        return post_form(lead, f"{ids['a']}/titles", {"title": "Kick-off 2", "title_ja": "キックオフ"}, ids["a"])

    @step("organisations.edit_assessment")
    def _edit() -> TestResponse:
        data = {"title": "Kick-off 3", "title_ja": "", "assessed_on": "2026-11-23", "mode": "workshop"}
        return post_form(lead, f"{ids['a']}/edit", {**data, "questionnaire": "mini"})

    @step("organisations.add_viewer")
    def _viewer() -> TestResponse:
        return post_form(lead, f"{ids['org']}/viewers", {"name": "CEO", "email": "ceo@example.com"}, ids["org"])

    @step("branding.upload_logo")
    def _logo() -> TestResponse:
        png = BytesIO()
        Image.new("RGB", (40, 20), "#0072B2").save(png, "PNG")
        return post_form(
            lead,
            f"{ids['org']}/branding/logo",
            {"logo": (BytesIO(png.getvalue()), "logo.png")},
            f"{ids['org']}/branding",
        )

    @step("branding.remove_logo")
    def _no_logo() -> TestResponse:
        return post_form(lead, f"{ids['org']}/branding/logo/remove", {}, f"{ids['org']}/branding")

    def _segment(key: str) -> int:
        with site.app_context():
            return int(db.session.scalar(sa.select(Segment.id).where(Segment.key == key)) or 0)

    @step("organisations.add_segment")
    def _add_segment() -> TestResponse:
        return post_form(lead, f"{ids['a']}/segments", {"new-label_en": "Osaka site", "new-label_ja": "大阪拠点"})

    @step("organisations.rename_segment")
    def _rename_segment() -> TestResponse:
        sid = _segment("osaka-site")
        data = {f"s{sid}-label_en": "Osaka", f"s{sid}-label_ja": "大阪"}
        return post_form(lead, f"{ids['a']}/segments/{sid}", data, f"{ids['a']}/segments")

    @step("organisations.move_segment")
    def _move_segment() -> TestResponse:
        return post_form(lead, f"{ids['a']}/segments/{_segment('osaka-site')}/up", {}, f"{ids['a']}/segments")

    @step("organisations.remove_segment")
    def _remove_segment() -> TestResponse:
        return post_form(lead, f"{ids['a']}/segments/{_segment('other')}/remove", {}, f"{ids['a']}/segments")

    def _id_of(email: str) -> int:
        with site.app_context():
            found = db.session.scalar(sa.select(User.id).where(User.email == email))
            assert found is not None
            return int(found)

    def _workspace(name: str) -> int:
        with site.app_context():
            found = db.session.scalar(sa.select(Workspace.id).where(Workspace.name == name))
            assert found is not None
            return int(found)

    @step("organisations.reset_viewer")
    def _reset_viewer() -> TestResponse:
        return post_form(lead, f"{ids['org']}/viewers/{_id_of('ceo@example.com')}/password", {}, ids["org"])

    @step("organisations.revoke_viewer")
    def _revoke_viewer() -> TestResponse:
        return post_form(lead, f"{ids['org']}/viewers/{_id_of('ceo@example.com')}/revoke", {}, ids["org"])

    @step("admin.create_account")
    def _create_account() -> TestResponse:
        data = {"email": "second@example.com", "name": "Second", "role": "consultant", "workspace": "Firm B"}
        return post_form(admin, "/admin/accounts", data)

    @step("admin.add_workspace_member")
    def _add_member() -> TestResponse:
        ws = _workspace("Workspace A")
        data = {f"ws{ws}-email": "second@example.com"}
        return post_form(admin, f"/admin/workspaces/{ws}/members", data, "/admin/workspaces")

    @step("admin.remove_workspace_member")
    def _remove_member() -> TestResponse:
        url = f"/admin/workspaces/{_workspace('Workspace A')}/members/{_id_of('second@example.com')}/remove"
        return post_form(admin, url, {}, "/admin/workspaces")

    @step("admin.reset")
    def _reset() -> TestResponse:
        return post_form(admin, f"/admin/accounts/{_id_of('second@example.com')}/password", {}, "/admin/accounts")

    @step("admin.deactivate")
    def _deactivate() -> TestResponse:
        return post_form(admin, f"/admin/accounts/{_id_of('second@example.com')}/deactivate", {}, "/admin/accounts")

    @step("admin.reactivate")
    def _reactivate() -> TestResponse:
        return post_form(admin, f"/admin/accounts/{_id_of('second@example.com')}/reactivate", {}, "/admin/accounts")

    @step("admin.demo_reset")
    def _demo_reset() -> TestResponse:
        return post_form(admin, "/admin/demo/reset", {}, "/admin/workspaces")

    @step("workshops.open_workshop")
    def _open() -> TestResponse:
        return post_form(lead, f"{ids['a']}/workshop/open", {}, f"{ids['a']}/workshop")

    @step("workshops.toggle")
    def _reveal() -> TestResponse:
        return post_form(lead, f"{ids['a']}/workshop/revealed/on", {}, f"{ids['a']}/workshop")

    @step("workshops.move_item")
    def _move() -> TestResponse:
        return post_form(lead, f"{ids['a']}/workshop/item/next", {}, f"{ids['a']}/workshop")

    @step("workshops.open_round")
    def _second_vote() -> TestResponse:
        return post_form(lead, f"{ids['a']}/workshop/round2/item/E1-01", {}, f"{ids['a']}/workshop")

    @step("workshops.close_round")
    def _second_vote_closed() -> TestResponse:
        return post_form(lead, f"{ids['a']}/workshop/round2/close", {}, f"{ids['a']}/workshop")

    @step("workshops.join_link")
    def _join() -> TestResponse:
        page = lead.get(f"{ids['a']}/workshop").get_data(as_text=True)
        link = re.search(r'<p class="join-url"><a href="http://localhost(/w/[^"]+)">', page)
        assert link
        return post_form(participant, link.group(1), {"language": "en", "name": "", "segment": ""})

    @step("workshops.consensus")
    def _consensus() -> TestResponse:
        return post_form(lead, f"{ids['a']}/consensus/E1-01", {"level": "2", "rationale": "agreed"})

    @step("workshops.set_closing")
    def _closing() -> TestResponse:
        return post_form(lead, f"{ids['a']}/survey/closing", {"closes_at": "2099-01-31T17:00"}, f"{ids['a']}/survey")

    @step("questionnaires.paper_form")
    def _paper() -> TestResponse:
        return post_form(lead, f"{ids['a']}/paper-form", {"label": "", "segment": "", "i_E1_01-level": "3"})

    @step("questionnaires.confirm_import")
    def _import() -> TestResponse:
        url = f"{ids['a']}/import"
        upload = {"file": (io.BytesIO(b"Respondent label,E1-01 Q\r\nT1,2\r\n"), "t.csv")}
        token = csrf_token(lead.get(url).get_data(as_text=True))
        checked = lead.post(url, data={"csrf_token": token, **upload}, content_type="multipart/form-data")
        action = re.search(r'action="(/assessments/\d+/import/[^"]+)"', checked.get_data(as_text=True))
        assert action, checked.get_data(as_text=True)
        return lead.post(action.group(1), data={"csrf_token": csrf_token(checked.get_data(as_text=True))})

    @step("reports.set_targets")
    def _targets() -> TestResponse:
        page = lead.get(f"{ids['a']}/results").get_data(as_text=True)
        targets = {name: "70" for name in re.findall(r'name="(target_[^"]+)"', page)}
        return post_form(lead, f"{ids['a']}/targets", targets, f"{ids['a']}/results")

    @step("reports.set_baseline")
    def _baseline() -> TestResponse:
        return post_form(lead, f"{ids['a']}/baseline", {"baseline": ""}, f"{ids['a']}/results")

    for action in ("finalise", "reopen"):
        step("organisations.finalise")(lambda action=action: post_form(lead, f"{ids['a']}/{action}", {}, ids["a"]))
    for action in ("archive", "restore"):
        step("organisations.archive_assessment")(
            lambda action=action: post_form(lead, f"{ids['a']}/{action}", {}, ids["a"])
        )
        step("organisations.archive_organisation")(
            lambda action=action: post_form(lead, f"{ids['org']}/{action}", {}, ids["org"])
        )

    @step("questionnaires.start")
    def _start() -> TestResponse:
        return post_form(lead, f"{ids['a']}/start", {"name": "Lead", "segment": ""})

    def _people() -> list[int]:
        with site.app_context():
            return list(db.session.scalars(sa.select(Respondent.id).order_by(Respondent.id)))

    @step("organisations.respondent")
    def _rename() -> TestResponse:
        return post_form(lead, f"{ids['a']}/respondents/{_people()[0]}", {"name": "Hanako"})

    @step("organisations.remove_respondent")
    def _remove() -> TestResponse:
        return post_form(lead, f"{ids['a']}/respondents/{_people()[0]}/remove", {})

    @step("workshops.regenerate")
    def _regenerate() -> TestResponse:
        return post_form(lead, f"{ids['a']}/workshop/regenerate", {}, f"{ids['a']}/workshop")

    @step("workshops.close")
    def _close() -> TestResponse:
        return post_form(lead, f"{ids['a']}/workshop/close", {}, f"{ids['a']}/workshop")

    @step("organisations.rename_organisation")
    def _rename_org() -> TestResponse:
        return post_form(lead, f"{ids['org']}/name", {"rename-name": "Client Y"}, ids["org"])

    @step("kpis.save_reading")
    def _kpi() -> TestResponse:
        data = {"kpi": "CSAT", "period": "2026", "value": "72", "target": "80"}
        return post_form(lead, f"{ids['a']}/kpis", data, f"{ids['a']}/kpis")

    @step("kpis.delete")
    def _kpi_delete() -> TestResponse:
        with site.app_context():
            reading = db.session.scalars(sa.select(KpiReading.id)).one()
        return post_form(lead, f"{ids['a']}/kpis/{reading}/delete", {}, f"{ids['a']}/kpis")

    @step("kpis.define_kpi")
    def _own_kpi() -> TestResponse:
        data = {"kpi_code": "ROOM_READY", "name": "Rooms ready", "unit": "percent", "direction": "higher"}
        return post_form(lead, f"{ids['a']}/kpis/custom", {**data, "kind": "operational"}, f"{ids['a']}/kpis")

    @step("kpis.delete_kpi")
    def _own_kpi_delete() -> TestResponse:
        with site.app_context():
            own = db.session.scalars(sa.select(CustomKpi.id)).one()
        return post_form(lead, f"{ids['a']}/kpis/custom/{own}/delete", {}, f"{ids['a']}/kpis")

    @step("actions.create")
    def _action() -> TestResponse:
        made = post_form(lead, f"{ids['org']}/actions", {"title": "Call back", "owner": "Ken"})
        ids["action"] = made.headers["Location"]
        return made

    @step("actions.edit")
    def _action_edit() -> TestResponse:
        return post_form(lead, ids["action"], {"title": "Call back within a day", "progress": "20"})

    @step("actions.status")
    def _action_status() -> TestResponse:
        return post_form(lead, f"{ids['action']}/status", {"status": "wont_do", "reason": "Closed"}, ids["action"])

    @step("actions.note")
    def _action_note() -> TestResponse:
        return post_form(lead, f"{ids['action']}/notes", {"text": "Agreed with the manager"}, ids["action"])

    @step("actions.delete")
    def _action_delete() -> TestResponse:
        return post_form(lead, f"{ids['action']}/delete", {})

    @step("actions.track_action")
    def _track() -> TestResponse:
        return post_form(lead, f"{ids['a']}/actions/track", {"library_id": "R-E3-01"}, ids["org"])

    @step("organisations.next_cycle")
    def _next_cycle() -> TestResponse:
        return post_form(lead, f"{ids['a']}/next-cycle", {}, ids["a"])

    @step("organisations.delete_assessment")
    def _delete_assessment() -> TestResponse:
        return post_form(lead, f"{ids['a']}/delete", {})

    @step("organisations.delete_organisation")
    def _delete_org() -> TestResponse:
        return post_form(lead, f"{ids['org']}/delete", {"confirm_name": "Client Y"})

    @step("branding.rename_workspace")
    def _firm() -> TestResponse:
        ws = _workspace("Workspace A")
        return post_form(
            lead, f"/workspaces/{ws}/branding/name", {"name": "Kaizen Partners"}, f"/workspaces/{ws}/branding"
        )

    @step("auth.change_password")
    def _password() -> TestResponse:
        new = "a much longer new password"
        return post_form(lead, "/account/password", {"current": PASSWORD, "new": new, "confirm": new})

    @step("auth.logout")
    def _logout() -> TestResponse:
        return post_form(lead, "/logout", {}, "/")

    verbs: list[str] = []
    for endpoint, run in steps:
        before = len(_events(site))
        response = run()
        assert response.status_code in (200, 302), (endpoint, response.status_code, response.get_data(as_text=True))
        events = _events(site)
        assert len(events) == before + 1, (endpoint, [e.verb for e in events[before:]])
        verbs.append(events[-1].verb)
    posts = {r.endpoint for r in site.url_map.iter_rules() if "POST" in (r.methods or ())}
    exercised = {endpoint for endpoint, _run in steps}
    assert posts - set(NOT_HISTORY) == exercised, "a POST route without a history step (or an exemption)"
    assert verbs == [
        "login",
        "organisation created",
        "assessment created",
        "min group size set",
        "titles changed",
        "assessment edited",
        "viewer created",
        "logo uploaded",
        "logo removed",
        "segment added",
        "segment renamed",
        "segment moved",
        "segment removed",
        "password reset",
        "viewer revoked",
        "account created",
        "member added",
        "member removed",
        "password reset",
        "account deactivated",
        "account reactivated",
        "demo reset",
        "workshop opened",
        "workshop revealed",
        "workshop item discussed",
        "second round opened",
        "second round closed",
        "respondent joined",
        "consensus set",
        "survey closing set",
        "paper form entered",
        "answers imported",
        "targets set",
        "baseline set",
        "assessment finalised",
        "assessment reopened",
        "assessment archived",
        "organisation archived",
        "assessment restored",
        "organisation restored",
        "respondent joined",
        "respondent renamed",
        "respondent removed",
        "join code regenerated",
        "join code closed",
        "organisation renamed",
        "kpi value set",
        "kpi value deleted",
        "custom KPI defined",
        "custom KPI deleted",
        "action created",
        "action edited",
        "action status set",
        "action note added",
        "action deleted",
        "action created",
        "next cycle started",
        "assessment deleted",
        "organisation deleted",
        "workspace renamed",
        "password changed",
        "logout",
    ]
    assert set(verbs) <= set(VERBS)
    everything = " ".join(f"{e.actor} {e.detail}" for e in _events(site))
    assert PASSWORD not in everything and "agreed" not in everything  # no passwords, no rationale
    assert "Hanako" not in everything  # no names of participants


def test_a_failed_login_names_the_address_typed_and_outlives_what_it_names(site: Flask) -> None:
    client = site.test_client()
    typed = "nobody-" + "x" * 300 + "@example.com"
    assert post_form(client, "/login", {"email": typed, "password": "wrong password"}).status_code in (400, 401)
    assert post_form(client, "/login", {"email": "ghost@example.com", "password": "wrong"}).status_code == 401
    add_user(site, "lead@example.com")
    login(client, "lead@example.com")
    made = post_form(client, "/organisations", {"name": "Doomed"}, "/")
    org_id = int(made.headers["Location"].rsplit("/", 1)[-1])
    failed = [e for e in _events(site) if e.verb == "login failed"]
    assert failed[-1].actor == "ghost@example.com" and failed[-1].actor_id is None and failed[-1].object_id is None
    assert all(len(e.actor) <= 254 for e in failed)
    with site.app_context():  # deleting the organisation (and its workspace's users) keeps its entries
        db.session.execute(sa.delete(Organisation).where(Organisation.id == org_id))
        db.session.execute(sa.text("DELETE FROM user_account"))
        db.session.commit()
    kept = [e for e in _events(site) if e.organisation_id == org_id]
    assert [e.verb for e in kept] == ["organisation created"] and kept[0].actor == "lead@example.com"


def test_history_pages_newest_first_in_both_languages_and_only_for_those_who_may_change(site: Flask) -> None:
    add_user(site, "lead@example.com")
    add_user(site, "rival@example.com", workspace="Workspace B")
    add_user(site, "root@example.com", role="admin", workspace=None)
    lead = site.test_client()
    login(lead, "lead@example.com")
    org_url = post_form(lead, "/organisations", {"name": "Client X"}, "/").headers["Location"]
    org_id = int(org_url.rsplit("/", 1)[-1])
    data = {"title": "Kick-off", "questionnaire": "mini", "assessed_on": "2026-11-22", "mode": "workshop"}
    a_url = post_form(lead, f"{org_url}/assessments", data, org_url).headers["Location"]
    post_form(lead, f"{a_url}/workshop/open", {}, f"{a_url}/workshop")
    post_form(lead, f"{a_url}/workshop/locked/on", {}, f"{a_url}/workshop")
    other = post_form(lead, "/organisations", {"name": "Other client"}, "/").headers["Location"]
    post_form(lead, f"{other}/assessments", {**data, "title": "Elsewhere"}, other)

    page = lead.get(f"{org_url}/history").get_data(as_text=True)
    shown = [
        v for v in ("answering locked", "workshop opened", "assessment created", "organisation created") if v in page
    ]
    assert len(shown) == 4 and [page.index(v) for v in shown] == sorted(page.index(v) for v in shown), page
    assert "lead@example.com" in page and "Elsewhere" not in page and "mini v1, workshop" in page
    assessment_page = lead.get(f"{a_url}/history").get_data(as_text=True)
    assert "answering locked" in assessment_page and "organisation created" not in assessment_page
    assert f'href="{org_url}/history"' in lead.get(org_url).get_data(as_text=True)
    lead.get("/language/ja?next=/")
    japanese = lead.get(f"{org_url}/history").get_data(as_text=True)
    assert "履歴" in japanese and "回答を締め切り" in japanese and "answering locked" not in japanese
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d UTC", japanese)
    assert lead.get("/admin/history").status_code == 403

    rival = site.test_client()
    login(rival, "rival@example.com")
    assert rival.get(f"{org_url}/history").status_code == 404
    assert rival.get(f"{a_url}/history").status_code == 404

    viewer_password = post_form(lead, f"{org_url}/viewers", {"name": "CEO", "email": "ceo@example.com"}, org_url)
    password = re.search(r"<code[^>]*>([^<]+)</code>", viewer_password.get_data(as_text=True))
    assert password
    viewer = site.test_client()
    login(viewer, "ceo@example.com", password.group(1))
    for url in (f"{org_url}/history", f"{a_url}/history", "/admin/history"):
        refused = viewer.get(url)
        assert refused.status_code == 403 and "Read-only access" in refused.get_data(as_text=True), url

    admin = site.test_client()
    login(admin, "root@example.com")
    everything = admin.get("/admin/history").get_data(as_text=True)
    assert "ceo@example.com" in everything and "rival@example.com" in everything
    locked = admin.get("/admin/history?verb=workshop+locked").get_data(as_text=True)
    assert "answering locked" in locked and "organisation created" not in locked.split("<table", 1)[-1]
    mine = admin.get(f"/admin/history?organisation={org_id}").get_data(as_text=True).split("<table", 1)[-1]
    assert mine.count("organisation created") == 1 and "rival@example.com" not in mine and "workshop opened" in mine
    assert admin.get("/admin/history?verb=nonsense").status_code == 400
    assert admin.get("/admin/history?organisation=abc").status_code == 400
    assert everything.count('method="post"') == 1  # the filter is a GET form; the one POST form is "log out"
