"""Every state change an operator may need later leaves one log line (ids, never answers or passwords)."""

from __future__ import annotations

import logging
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.factories import add_user
from tests.helpers import PASSWORD, csrf_token, post_form


def _lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [f"{r.levelname} {r.name}: {r.getMessage()}" for r in caplog.records if r.name.startswith("assessor")]


def _workshop(consultant_client: FlaskClient) -> tuple[int, int, str]:
    """Create an organisation and a workshop assessment and open it: (organisation id, assessment id, page)."""
    org_url = post_form(consultant_client, "/organisations", {"name": "Client X"}, "/").headers["Location"]
    made = post_form(
        consultant_client,
        f"{org_url}/assessments",
        {"title": "Kick-off", "questionnaire": "mini", "assessed_on": "2026-11-22", "mode": "workshop"},
        org_url,
    )
    assessment_id = int(made.headers["Location"].rsplit("/", 1)[-1])
    facilitate = f"/assessments/{assessment_id}/workshop"
    post_form(consultant_client, f"{facilitate}/open", {}, facilitate)
    return int(org_url.rsplit("/", 1)[-1]), assessment_id, facilitate


def test_a_workshop_from_login_to_logout_is_logged(app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="assessor")
    user_id = add_user(app, "lead@example.com")
    client = app.test_client()
    refused = post_form(client, "/login", {"email": "lead@example.com", "password": "wrong password"})
    assert refused.status_code == 401
    assert post_form(client, "/login", {"email": "lead@example.com", "password": PASSWORD}).status_code == 302
    org_id, assessment_id, facilitate = _workshop(client)
    org_url = f"/organisations/{org_id}"
    for flag, state in (("revealed", "on"), ("revealed", "off"), ("locked", "on"), ("locked", "off")):
        assert post_form(client, f"{facilitate}/{flag}/{state}", {}, facilitate).status_code == 302
    consensus = f"/assessments/{assessment_id}/consensus/E1-01"
    assert post_form(client, consensus, {"level": "2", "rationale": "Agreed after the log review"}).status_code == 302
    results = f"/assessments/{assessment_id}/results"
    page = client.get(results).get_data(as_text=True)
    targets = {name: "70" for name in re.findall(r'name="(target_[^"]+)"', page)}
    assert targets, "the results page offers the targets form"
    assert post_form(client, f"/assessments/{assessment_id}/targets", targets, results).status_code == 302
    viewer = post_form(client, f"{org_url}/viewers", {"name": "CEO", "email": "ceo@example.com"}, org_url)
    assert viewer.status_code == 200
    token = csrf_token(client.get("/").get_data(as_text=True))
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302

    lines = _lines(caplog)
    who = f"by user {user_id}"
    expected = [  # one format for every state change: "<verb>: <object> <id> by <who> (<detail>)"
        r"WARNING assessor\.history: login failed: user \d+ by lead@example\.com \(from ",
        rf"INFO assessor\.history: login: user {user_id} {who} \(consultant from ",
        rf"organisation created: organisation {org_id} {who}",
        rf"assessment created: assessment {assessment_id} {who} \(mini v1, workshop\)",
        rf"workshop opened: assessment {assessment_id} {who}",
        rf"workshop revealed: assessment {assessment_id} {who}",
        rf"workshop hidden: assessment {assessment_id} {who}",
        rf"workshop locked: assessment {assessment_id} {who}",
        rf"workshop unlocked: assessment {assessment_id} {who}",
        rf"consensus set: assessment {assessment_id} {who} \(item E1-01 level 2\)",
        rf"targets set: assessment {assessment_id} {who} \(.*70.*\)",
        rf"viewer created: user \d+ {who} \(ceo@example\.com, viewer\)",
        rf"logout: user {user_id} {who}",
    ]
    position = 0
    for pattern in expected:  # in this order, each exactly where the flow put it
        index = next((i for i in range(position, len(lines)) if re.search(pattern, lines[i])), None)
        assert index is not None, f"no log line /{pattern}/ after line {position} in:\n" + "\n".join(lines)
        position = index + 1
    everything = "\n".join(lines)
    assert PASSWORD not in everything and "wrong password" not in everything
    assert "Agreed after the log review" not in everything  # no answer or rationale contents


def test_a_participant_joining_is_logged_without_their_name(app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="assessor")
    add_user(app, "lead@example.com")
    client = app.test_client()
    post_form(client, "/login", {"email": "lead@example.com", "password": PASSWORD})
    _org_id, assessment_id, facilitate = _workshop(client)
    link = re.search(r'href="http://localhost(/w/[^"]+)"', client.get(facilitate).get_data(as_text=True))
    assert link
    joined = post_form(
        app.test_client(), link.group(1), {"language": "en", "name": "Hanako Secret", "segment": "front-line"}
    )
    assert joined.status_code == 302
    lines = "\n".join(_lines(caplog))
    assert re.search(
        rf"respondent joined: respondent \d+ by participant \(assessment {assessment_id}, segment front-line\)", lines
    ), lines
    assert "Hanako Secret" not in lines
