"""Workspace members: consultants of one firm share a workspace's organisations; an admin adds and
removes members; a consultant of another workspace still gets 404."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from assessor.extensions import db
from assessor.models import Event, User, Workspace, WorkspaceMember
from tests.factories import add_user
from tests.helpers import login, post_form


def _client(site: Flask, email: str) -> FlaskClient:
    client = site.test_client()
    login(client, email)
    return client


def _ids(site: Flask, email: str, workspace: str) -> tuple[int, int]:
    with site.app_context():
        user_id = db.session.scalar(sa.select(User.id).where(User.email == email))
        ws_id = db.session.scalar(sa.select(Workspace.id).where(Workspace.name == workspace))
        assert user_id is not None and ws_id is not None
        return int(user_id), int(ws_id)


def _shared_org(site: Flask) -> tuple[FlaskClient, str, str]:
    """The lead consultant of Workspace A with an organisation and an assessment; their URLs."""
    add_user(site, "lead@example.com")
    lead = _client(site, "lead@example.com")
    org_url = post_form(lead, "/organisations", {"name": "Shared Client"}, "/").headers["Location"]
    data = {"title": "Kick-off", "questionnaire": "mini", "assessed_on": "2026-11-22", "mode": "self"}
    a_url = post_form(lead, f"{org_url}/assessments", data, org_url).headers["Location"]
    return lead, org_url, a_url


def test_a_second_consultant_in_the_same_workspace_sees_the_shared_organisations(site: Flask) -> None:
    _lead, org_url, a_url = _shared_org(site)
    add_user(site, "second@example.com", workspace="Workspace A")
    add_user(site, "rival@example.com", workspace="Workspace B")
    second = _client(site, "second@example.com")
    assert "Shared Client" in second.get("/").get_data(as_text=True)
    assert second.get(org_url).status_code == 200 and second.get(a_url).status_code == 200
    renamed = post_form(second, f"{org_url}/name", {"rename-name": "Shared Client Ltd"}, org_url)
    assert renamed.status_code == 302  # members change the shared organisations too
    rival = _client(site, "rival@example.com")
    assert "Shared Client" not in rival.get("/").get_data(as_text=True)
    for url in (org_url, a_url, f"{a_url}/results", f"{org_url}/history"):
        assert rival.get(url).status_code == 404, url


def test_an_admin_adds_and_removes_a_member(site: Flask) -> None:
    _lead, org_url, a_url = _shared_org(site)
    add_user(site, "rival@example.com", workspace="Workspace B")
    add_user(site, "root@example.com", role="admin", workspace=None)
    rival = _client(site, "rival@example.com")
    own_url = post_form(rival, "/organisations", {"name": "Rival's own"}, "/").headers["Location"]
    admin = _client(site, "root@example.com")
    rival_id, ws_a = _ids(site, "rival@example.com", "Workspace A")
    page = admin.get("/admin/workspaces").get_data(as_text=True)
    assert "Workspace A" in page and "Workspace B" in page and "lead@example.com" in page
    assert rival.get(org_url).status_code == 404

    added = post_form(
        admin, f"/admin/workspaces/{ws_a}/members", {f"ws{ws_a}-email": "Rival@Example.com "}, "/admin/workspaces"
    )
    assert added.status_code == 302
    assert rival.get(org_url).status_code == 200 and rival.get(a_url).status_code == 200
    home = rival.get("/").get_data(as_text=True)
    assert "Shared Client" in home and "Rival&#39;s own" in home  # both workspaces
    twice = post_form(
        admin, f"/admin/workspaces/{ws_a}/members", {f"ws{ws_a}-email": "rival@example.com"}, "/admin/workspaces"
    )
    assert twice.status_code == 400 and "member already" in twice.get_data(as_text=True)
    unknown = post_form(
        admin, f"/admin/workspaces/{ws_a}/members", {f"ws{ws_a}-email": "ghost@example.com"}, "/admin/workspaces"
    )
    assert unknown.status_code == 400 and "No account" in unknown.get_data(as_text=True)

    removed = post_form(admin, f"/admin/workspaces/{ws_a}/members/{rival_id}/remove", {}, "/admin/workspaces")
    assert removed.status_code == 302
    assert rival.get(org_url).status_code == 404 and rival.get(own_url).status_code == 200
    again = post_form(admin, f"/admin/workspaces/{ws_a}/members/{rival_id}/remove", {}, "/admin/workspaces")
    assert again.status_code == 404
    with site.app_context():
        verbs = [e.verb for e in db.session.scalars(sa.select(Event).where(Event.workspace_id == ws_a))]
        assert verbs.count("member added") == 1 and verbs.count("member removed") == 1
    assert (
        post_form(
            admin, "/admin/workspaces/99999/members", {"ws99999-email": "x@example.com"}, "/admin/workspaces"
        ).status_code
        == 404
    )


def test_a_viewer_cannot_become_a_member_and_a_removed_home_moves(site: Flask) -> None:
    _lead, org_url, _a_url = _shared_org(site)
    add_user(site, "root@example.com", role="admin", workspace=None)
    admin = _client(site, "root@example.com")
    org_id = int(org_url.rsplit("/", 1)[-1])
    add_user(site, "exec@example.com", role="viewer", workspace=None, organisation_id=org_id)
    lead_id, ws_a = _ids(site, "lead@example.com", "Workspace A")
    viewer = post_form(
        admin, f"/admin/workspaces/{ws_a}/members", {f"ws{ws_a}-email": "exec@example.com"}, "/admin/workspaces"
    )
    assert viewer.status_code == 400 and "read-only login" in viewer.get_data(as_text=True)
    add_user(site, "other@example.com", workspace="Workspace B")
    _other, ws_b = _ids(site, "other@example.com", "Workspace B")
    assert (
        post_form(
            admin, f"/admin/workspaces/{ws_b}/members", {f"ws{ws_b}-email": "lead@example.com"}, "/admin/workspaces"
        ).status_code
        == 302
    )
    assert (
        post_form(admin, f"/admin/workspaces/{ws_a}/members/{lead_id}/remove", {}, "/admin/workspaces").status_code
        == 302
    )
    with site.app_context():
        lead = db.session.get(User, lead_id)
        assert lead is not None and lead.workspace_id == ws_b  # new organisations now go to B
        assert db.session.get(WorkspaceMember, (ws_a, lead_id)) is None
