"""Security: login on every route, workspaces kept apart, CSRF everywhere, escaping, cookies, headers."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from assessor.extensions import db
from assessor.models import (
    Action,
    Answer,
    Assessment,
    CustomKpi,
    KpiReading,
    Organisation,
    User,
    Workspace,
)
from tests.factories import NA, Person, add_user, classroom_session, stored_assessment
from tests.helpers import PASSWORD, csrf_token, login

PUBLIC_ENDPOINTS = {
    "static",
    "auth.login",
    "i18n.switch",
    "web.reference",
    "workshops.join",
    "classroom.join",
    "reports.plotly_js",
}
"""Endpoints anyone may open: no organisation data behind them."""
TOKEN_ENDPOINTS = {
    "workshops.join_link",
    "questionnaires.respond",
    "questionnaires.page",
    "questionnaires.summary",
    "questionnaires.revealed",
    "questionnaires.save_item",
    "questionnaires.round2",
    "classroom.join_link",
    "classroom.case",
    "classroom.rate",
    "classroom.results",
    "classroom.results_live",
}
"""Endpoints reached by an unguessable token instead of a login (participants)."""


def _seed_other_workspace(app: Flask) -> dict[str, object]:
    """Workspace B with an organisation, a workshop assessment and a respondent."""
    with app.app_context():
        org = Organisation(name="Secret Client B", workspace=Workspace(name="Workspace B"))
        people = [Person(name="B person", answers={"E1-01": 2}, comments={"E1-01": "B's secret comment"})]
        assessment = stored_assessment(
            org, "B's workshop", people, mode="workshop", join_code="BBBBBB", join_token="b-join-token"
        )
        respondent = assessment.respondents[0]
        db.session.add(org)
        db.session.flush()
        reading = KpiReading(assessment_id=assessment.id, kpi_id="CSAT", period="2026", value=70.0, source="")
        db.session.add(reading)
        own = CustomKpi(
            organisation_id=org.id,
            code="B_OWN",
            name="B's own",
            unit="count",
            direction="lower",
            kind="operational",
            lower=0.0,
        )
        db.session.add(own)
        action = Action(organisation_id=org.id, assessment_id=assessment.id, title="Plan", status="planned")
        db.session.add(action)
        classroom = classroom_session(org.workspace_id, "CCCCCC", "b-classroom-token")
        db.session.add(classroom)
        db.session.commit()
        return {
            "org_id": org.id,
            "assessment_id": assessment.id,
            "element_id": "E1",
            "code": "E1-01",
            "flag": "locked",
            "move": "next",
            "scope": "queue",
            "state": "on",
            "action": "archive",
            "change": "finalise",
            "token": respondent.token,
            "respondent_id": respondent.id,
            "reading_id": reading.id,
            "custom_id": own.id,
            "action_id": action.id,
            "segment_id": assessment.segments[0].id,
            "direction": "up",
            "join_token": "b-join-token",
            "questionnaire_id": "mini",
            "upload": "b-upload-token",
            "kind": "xlsx",
            "lang": "en",
            "filename": "css/app.css",
            "user_id": db.session.scalar(sa.select(sa.func.max(User.id))) or 1,
            "workspace_id": org.workspace_id,
            "session_id": classroom.id,
        }


def _urls(app: Flask, values: dict[str, object], endpoints: set[str] | None = None):  # type: ignore[no-untyped-def]
    for rule in app.url_map.iter_rules():
        if endpoints is not None and rule.endpoint not in endpoints:
            continue
        args = {name: values[name] for name in rule.arguments}
        url = rule.build(args)[1]  # type: ignore[index]
        yield rule, url


def test_every_route_needs_a_login_unless_public_or_token(app: Flask, participant_client: FlaskClient) -> None:
    values = _seed_other_workspace(app)
    checked = 0
    for rule, url in _urls(app, values):
        if rule.endpoint in PUBLIC_ENDPOINTS | TOKEN_ENDPOINTS:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = participant_client.open(url, method=method)
            checked += 1
            if method == "GET":
                assert response.status_code == 302, (rule.endpoint, response.status_code)
                assert response.headers["Location"].startswith("/login"), rule.endpoint
            else:
                # A POST without login and without CSRF token is refused either way.
                assert response.status_code in (302, 400), (rule.endpoint, method, response.status_code)
            assert "Secret Client B" not in response.get_data(as_text=True)
    assert checked >= 15


def test_other_workspaces_ids_answer_404(app: Flask, consultant_client: FlaskClient) -> None:
    values = _seed_other_workspace(app)
    token = csrf_token(consultant_client.get("/").get_data(as_text=True))
    checked = 0
    for rule, url in _urls(app, values):
        if rule.endpoint in PUBLIC_ENDPOINTS | TOKEN_ENDPOINTS or not (
            {"org_id", "assessment_id", "session_id"} & rule.arguments
        ):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = consultant_client.open(
                url, method=method, data={"csrf_token": token, "level": "1", "rationale": "x"}
            )
            checked += 1
            assert response.status_code == 404, (rule.endpoint, method, response.status_code)
            body = response.get_data(as_text=True)
            assert "Secret Client B" not in body and "B&#39;s secret" not in body
    assert checked >= 12
    with app.app_context():  # nothing of B's changed
        assessment = db.session.get(Assessment, values["assessment_id"])
        assert assessment is not None and not assessment.locked and not assessment.consensus
    assert "Secret Client B" not in consultant_client.get("/").get_data(as_text=True)


def test_viewer_reads_one_organisation_and_changes_nothing(app: Flask, consultant_client: FlaskClient) -> None:
    other = _seed_other_workspace(app)
    with app.app_context():
        mine = Organisation(
            name="Viewer's org",
            workspace=db.session.scalar(sa.select(Workspace).where(Workspace.name == "Workspace A")),
        )
        assessment = Assessment(organisation=mine, title="Annual", questionnaire_id="mini", questionnaire_version="1")
        db.session.add(mine)
        db.session.commit()
        org_id, assessment_id = mine.id, assessment.id
    add_user(app, "exec@example.com", role="viewer", workspace=None, organisation_id=org_id)
    viewer = app.test_client()
    login(viewer, "exec@example.com")
    assert viewer.get(f"/assessments/{assessment_id}/results").status_code == 200
    assert viewer.get(f"/organisations/{org_id}").status_code == 200
    assert viewer.get(f"/organisations/{other['org_id']}").status_code == 404
    token = csrf_token(viewer.get("/login").get_data(as_text=True))
    assert viewer.post("/organisations", data={"csrf_token": token, "name": "x"}).status_code == 403
    assert viewer.post(f"/organisations/{org_id}/assessments", data={"csrf_token": token}).status_code == 403
    assert viewer.get(f"/assessments/{assessment_id}/workshop").status_code == 403
    assert (
        viewer.post(f"/assessments/{assessment_id}/targets", data={"csrf_token": token, "target_A": "10"}).status_code
        == 403
    )


def test_every_post_route_requires_a_csrf_token(app: Flask, consultant_client: FlaskClient) -> None:
    values = _seed_other_workspace(app)
    with app.app_context():  # use the logged-in consultant's own objects, so only CSRF can refuse
        ws = db.session.scalar(sa.select(Workspace).where(Workspace.name == "Workspace A"))
        org = db.session.get(Organisation, values["org_id"])
        assert org is not None
        org.workspace = ws
        db.session.commit()
    checked = 0
    for rule, url in _urls(app, values):
        if "POST" not in rule.methods:
            continue
        response = consultant_client.post(url, data={"name": "x", "i_E1_01-level": "2", "level": "1", "rationale": "r"})
        checked += 1
        assert response.status_code == 400, (rule.endpoint, response.status_code)
    assert checked >= 10
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Answer)) == 1  # only the seeded one


def test_user_text_is_escaped_everywhere(app: Flask, consultant_client: FlaskClient) -> None:
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    with app.app_context():
        ws = db.session.scalar(sa.select(Workspace).where(Workspace.name == "Workspace A"))
        org = Organisation(name=evil, workspace=ws)
        people = [Person(evil, evil, {"E1-01": 2, "E7-01": NA(evil)}, comments={"E1-01": evil})]
        assessment = stored_assessment(
            org, evil, people, mode="workshop", join_code="EVILXX", join_token="evil-token", revealed=True
        )
        respondent = assessment.respondents[0]
        db.session.add(org)
        db.session.commit()
        ids = (org.id, assessment.id, respondent.token)
    pages = [
        "/",
        f"/organisations/{ids[0]}",
        f"/assessments/{ids[1]}",
        f"/assessments/{ids[1]}/answers",
        f"/assessments/{ids[1]}/results",
        f"/assessments/{ids[1]}/workshop",
        f"/respond/{ids[2]}/E1",
        f"/respond/{ids[2]}/summary",
        "/w/evil-token",
    ]
    for url in pages:
        body = consultant_client.get(url).get_data(as_text=True)
        assert "<script>alert" not in body, url
        assert "<img src=x" not in body, url


def test_session_cookie_flags_and_security_headers(app: Flask) -> None:
    add_user(app, "c@example.com")
    browser = app.test_client()
    token = csrf_token(browser.get("/login").get_data(as_text=True))
    response = browser.post("/login", data={"csrf_token": token, "email": "c@example.com", "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = browser.get("/")
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Referrer-Policy"] == "same-origin"
    assert page.headers["Cache-Control"] == "no-store"
    assert "<script>" not in page.get_data(as_text=True)  # no inline scripts for the CSP to block


def test_passwords_are_hashed_with_argon2id(app: Flask) -> None:
    add_user(app, "c@example.com")
    with app.app_context():
        user = db.session.scalar(sa.select(User))
        assert user is not None
        assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash


def test_repeated_failed_logins_are_slowed_down(app: Flask) -> None:
    add_user(app, "c@example.com")
    browser = app.test_client()
    statuses = []
    for _attempt in range(7):
        token = csrf_token(browser.get("/login").get_data(as_text=True))
        response = browser.post(
            "/login", data={"csrf_token": token, "email": "C@example.com ", "password": "wrong-guess"}
        )
        statuses.append(response.status_code)
    assert statuses == [401] * 5 + [429, 429]
    assert int(response.headers["Retry-After"]) >= 1
    # Even the right password waits: the throttle is checked before the password.
    token = csrf_token(browser.get("/login").get_data(as_text=True))
    blocked = browser.post("/login", data={"csrf_token": token, "email": "c@example.com", "password": PASSWORD})
    assert blocked.status_code == 429
    assert "Too many failed attempts" in blocked.get_data(as_text=True)


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_login_redirects_stay_on_site(app: Flask, target: str) -> None:
    add_user(app, "c@example.com")
    browser = app.test_client()
    token = csrf_token(browser.get("/login").get_data(as_text=True))
    response = browser.post(
        f"/login?next={target}", data={"csrf_token": token, "email": "c@example.com", "password": PASSWORD}
    )
    assert response.headers["Location"] == "/"


def test_logout_ends_the_session(consultant_client: FlaskClient) -> None:
    token = csrf_token(consultant_client.get("/").get_data(as_text=True))
    assert consultant_client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert consultant_client.get("/").status_code == 302
    assert re.match(r"/login", consultant_client.get("/").headers["Location"])


def test_consultant_gives_an_executive_read_only_access(app: Flask, consultant_client: FlaskClient) -> None:
    _seed_other_workspace(app)
    token = csrf_token(consultant_client.get("/").get_data(as_text=True))
    org_url = consultant_client.post("/organisations", data={"csrf_token": token, "name": "Client C"}).headers[
        "Location"
    ]
    created = consultant_client.post(
        f"{org_url}/viewers", data={"csrf_token": token, "name": "CEO <b>", "email": "ceo@client.example"}
    )
    assert created.status_code == 200
    page = created.get_data(as_text=True)
    assert "CEO &lt;b&gt;" in page
    password = re.search(r'<code class="secret">([^<]+)</code>', page).group(1)  # type: ignore[union-attr]
    assert created.headers.get("Set-Cookie") is None or password not in created.headers["Set-Cookie"]
    duplicate = consultant_client.post(
        f"{org_url}/viewers", data={"csrf_token": token, "name": "x", "email": "CEO@client.example"}
    )
    assert duplicate.status_code == 400
    assert "exists already" in duplicate.get_data(as_text=True)
    executive = app.test_client()
    login(executive, "ceo@client.example", password)
    home = executive.get("/").get_data(as_text=True)
    assert "Client C" in home and "Secret Client B" not in home
    assert "New organisation" not in home
    org_id = int(org_url.rsplit("/", 1)[-1])
    assert executive.get(f"/organisations/{org_id}").status_code == 200
    exec_token = csrf_token(executive.get("/login").get_data(as_text=True))
    assert (
        executive.post(
            f"/organisations/{org_id}/viewers", data={"csrf_token": exec_token, "name": "y", "email": "y@x.example"}
        ).status_code
        == 403
    )
