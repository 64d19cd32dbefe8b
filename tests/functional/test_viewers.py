"""Consultants manage the read-only logins of their organisations: list, revoke, reset."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from assessor.extensions import db
from assessor.models import Event, User
from tests.factories import add_user
from tests.helpers import csrf_token, login, post_form, shown_password


def _client(site: Flask, email: str, password: str | None = None) -> FlaskClient:
    client = site.test_client()
    if password is None:
        login(client, email)
    else:
        login(client, email, password)
    return client


def _setup(site: Flask) -> tuple[FlaskClient, str, int, str]:
    """A consultant with an organisation and a logged-in viewer; (consultant, org url, viewer id, password)."""
    add_user(site, "lead@example.com")
    lead = _client(site, "lead@example.com")
    org_url = post_form(lead, "/organisations", {"name": "Client X"}, "/").headers["Location"]
    made = post_form(lead, f"{org_url}/viewers", {"name": "CEO", "email": "ceo@example.com"}, org_url)
    password = shown_password(made.get_data(as_text=True))
    with site.app_context():
        viewer_id = db.session.scalar(sa.select(User.id).where(User.email == "ceo@example.com"))
    assert viewer_id is not None
    return lead, org_url, int(viewer_id), password


def test_revoking_a_viewer_stops_their_open_session_on_its_next_request(site: Flask) -> None:
    lead, org_url, viewer_id, password = _setup(site)
    viewer = _client(site, "ceo@example.com", password)
    assert viewer.get(org_url).status_code == 200
    page = lead.get(org_url).get_data(as_text=True)
    assert "ceo@example.com" in page and "Revoke access" in page and "Active" in page
    revoked = post_form(lead, f"{org_url}/viewers/{viewer_id}/revoke", {}, org_url)
    assert revoked.status_code == 302
    stopped = viewer.get(org_url)
    assert stopped.status_code == 302 and stopped.headers["Location"].startswith("/login")
    with pytest.raises(AssertionError):
        login(site.test_client(), "ceo@example.com", password)
    page = lead.get(org_url).get_data(as_text=True)
    assert "Revoked" in page and f"/viewers/{viewer_id}/revoke" not in page
    assert post_form(lead, f"{org_url}/viewers/{viewer_id}/revoke", {}, org_url).status_code == 400
    with site.app_context():
        entry = db.session.scalar(sa.select(Event).where(Event.verb == "viewer revoked"))
        assert entry is not None and entry.actor == "lead@example.com" and entry.object_id == viewer_id


def test_resetting_a_viewer_gives_a_one_time_password_that_forces_a_new_one(site: Flask) -> None:
    lead, org_url, viewer_id, password = _setup(site)
    viewer = _client(site, "ceo@example.com", password)
    reset = post_form(lead, f"{org_url}/viewers/{viewer_id}/password", {}, org_url)
    assert reset.status_code == 200
    otp = shown_password(reset.get_data(as_text=True))
    assert otp != password and "One-time password" in reset.get_data(as_text=True)
    assert viewer.get(org_url).headers["Location"].startswith("/login")  # the old session ended
    fresh = _client(site, "ceo@example.com", otp)
    assert fresh.get(org_url).headers["Location"] == "/account/password"
    token = csrf_token(fresh.get("/account/password").get_data(as_text=True))
    chosen = "the view from the top floor"
    assert (
        fresh.post("/account/password", data={"csrf_token": token, "new": chosen, "confirm": chosen}).status_code == 302
    )
    assert fresh.get(org_url).status_code == 200
    _client(site, "ceo@example.com", chosen)


def test_only_the_organisations_editors_manage_its_viewers(site: Flask) -> None:
    lead, org_url, viewer_id, password = _setup(site)
    add_user(site, "rival@example.com", workspace="Workspace B")
    rival = _client(site, "rival@example.com")
    other_org = post_form(rival, "/organisations", {"name": "Rival client"}, "/").headers["Location"]
    with site.app_context():
        lead_id = db.session.scalar(sa.select(User.id).where(User.email == "lead@example.com"))
    for action in ("revoke", "password"):
        assert post_form(rival, f"{org_url}/viewers/{viewer_id}/{action}", {}, "/").status_code == 404
        # another organisation's id does not reach this viewer either, even one's own
        assert post_form(rival, f"{other_org}/viewers/{viewer_id}/{action}", {}, other_org).status_code == 404
        assert post_form(lead, f"{org_url}/viewers/{lead_id}/{action}", {}, org_url).status_code == 404  # not a viewer
    viewer = _client(site, "ceo@example.com", password)
    token = csrf_token(viewer.get("/account/password").get_data(as_text=True))
    refused = viewer.post(f"{org_url}/viewers/{viewer_id}/revoke", data={"csrf_token": token})
    assert refused.status_code == 403 and "Read-only access" in refused.get_data(as_text=True)
    assert "Revoke access" not in viewer.get(org_url).get_data(as_text=True)
    with site.app_context():
        ceo = db.session.get(User, viewer_id)
        assert ceo is not None and ceo.active and not ceo.must_change_password
