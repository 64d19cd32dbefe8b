"""Accounts in the web: the admin's accounts page (create, deactivate, reactivate, reset), one-time
passwords that work once and force a new password, the password policy in web and command line."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from assessor.accounts import users
from assessor.accounts.passwords import verify_password
from assessor.accounts.users import authenticate, reset_password
from assessor.extensions import db
from assessor.models import Event, Organisation, User
from tests.factories import add_user
from tests.helpers import PASSWORD, csrf_token, login, post_form, shown_password

ADMIN = "root@example.com"
NEW = {"email": "hanako@firm.example", "name": "Hanako Sato", "role": "consultant", "workspace": "Firm X"}
OWN_PASSWORD = "paper lanterns by the river"


def _admin(site: Flask) -> FlaskClient:
    add_user(site, ADMIN, role="admin", workspace=None)
    client = site.test_client()
    login(client, ADMIN)
    return client


def _user(site: Flask, email: str) -> User:
    with site.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == email))
        assert user is not None
        db.session.expunge(user)
        return user


def _logged_in(site: Flask, email: str, password: str = PASSWORD) -> FlaskClient:
    client = site.test_client()
    login(client, email, password)
    return client


def _goes_to(client: FlaskClient, url: str) -> str:
    response = client.get(url)
    return response.headers.get("Location", "") if response.status_code == 302 else str(response.status_code)


def test_a_new_consultants_one_time_password_works_once_and_forces_a_new_password(
    site: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG")
    admin = _admin(site)
    page = admin.get("/admin/accounts").get_data(as_text=True)
    assert ADMIN in page and "At least" not in page  # no password typed here: assessor makes one
    created = post_form(admin, "/admin/accounts", NEW)
    assert created.status_code == 200, created.get_data(as_text=True)
    otp = shown_password(created.get_data(as_text=True))
    assert otp not in admin.get("/admin/accounts").get_data(as_text=True)  # shown once
    user = _user(site, NEW["email"])
    assert user.must_change_password and user.role == "consultant" and otp not in user.password_hash
    with site.app_context():
        details = " ".join(f"{e.actor} {e.detail}" for e in db.session.scalars(sa.select(Event)))
    assert otp not in details and otp not in caplog.text  # never in the history or the log

    hanako = _logged_in(site, NEW["email"], otp)
    for url in ("/", "/admin/history", f"/organisations/{user.id}"):
        assert _goes_to(hanako, url) == "/account/password", url
    token = csrf_token(hanako.get("/account/password").get_data(as_text=True))
    refused = hanako.post("/organisations", data={"csrf_token": token, "name": "Sneaky"})
    assert refused.status_code == 302 and refused.headers["Location"] == "/account/password"
    with site.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Organisation)) == 0
    with pytest.raises(AssertionError):
        login(site.test_client(), NEW["email"], otp)  # the one-time password is used up

    form = hanako.get("/account/password").get_data(as_text=True)
    assert 'name="current"' not in form and "one-time password" in form and "At least 10 characters" in form
    common = hanako.post(
        "/account/password", data={"csrf_token": token, "new": "password123", "confirm": "password123"}
    )
    assert common.status_code == 400 and "list of common passwords" in common.get_data(as_text=True)
    short = hanako.post("/account/password", data={"csrf_token": token, "new": "short1", "confirm": "short1"})
    assert short.status_code == 400 and "at least 10 characters" in short.get_data(as_text=True)
    assert _user(site, NEW["email"]).must_change_password
    chosen = hanako.post("/account/password", data={"csrf_token": token, "new": OWN_PASSWORD, "confirm": OWN_PASSWORD})
    assert chosen.status_code == 302
    assert _goes_to(hanako, "/") == "200"  # the same browser goes on
    assert not _user(site, NEW["email"]).must_change_password
    _logged_in(site, NEW["email"], OWN_PASSWORD)


def test_accounts_and_workspaces_pages_are_for_admins_only(site: Flask) -> None:
    add_user(site, "lead@example.com")
    lead = _logged_in(site, "lead@example.com")
    org_url = post_form(lead, "/organisations", {"name": "Client X"}, "/").headers["Location"]
    viewer_page = post_form(lead, f"{org_url}/viewers", {"name": "CEO", "email": "ceo@example.com"}, org_url)
    viewer = _logged_in(site, "ceo@example.com", shown_password(viewer_page.get_data(as_text=True)))
    lead_id = _user(site, "lead@example.com").id
    for url in ("/admin/accounts", "/admin/workspaces"):
        assert lead.get(url).status_code == 403
        refused = viewer.get(url)
        assert refused.status_code == 403 and "Read-only access" in refused.get_data(as_text=True)
        assert site.test_client().get(url).headers["Location"].startswith("/login")
    token = csrf_token(lead.get("/").get_data(as_text=True))
    posts = ("/admin/accounts", f"/admin/accounts/{lead_id}/deactivate", f"/admin/accounts/{lead_id}/password")
    for url in posts:
        assert lead.post(url, data={"csrf_token": token, **NEW}).status_code == 403, url
    assert _user(site, "lead@example.com").active and not _user(site, "lead@example.com").must_change_password
    with site.app_context():
        assert db.session.scalar(sa.select(User.id).where(User.email == NEW["email"])) is None
    nav = _admin(site).get("/").get_data(as_text=True)
    assert 'href="/admin/accounts"' in nav and 'href="/admin/accounts"' not in lead.get("/").get_data(as_text=True)


def test_deactivation_stops_the_open_session_on_its_next_request_and_reactivation_restores_the_login(
    site: Flask,
) -> None:
    admin = _admin(site)
    add_user(site, "lead@example.com")
    lead = _logged_in(site, "lead@example.com")
    lead_id = _user(site, "lead@example.com").id
    assert _goes_to(lead, "/") == "200"
    assert post_form(admin, f"/admin/accounts/{lead_id}/deactivate", {}, "/admin/accounts").status_code == 302
    assert _goes_to(lead, "/").startswith("/login")
    with pytest.raises(AssertionError):
        login(site.test_client(), "lead@example.com")
    assert "Deactivated" in admin.get("/admin/accounts").get_data(as_text=True)
    again = post_form(admin, f"/admin/accounts/{lead_id}/deactivate", {}, "/admin/accounts")
    assert again.status_code == 400  # only an active account can be deactivated
    assert post_form(admin, f"/admin/accounts/{lead_id}/reactivate", {}, "/admin/accounts").status_code == 302
    assert _goes_to(lead, "/").startswith("/login")  # the old session does not come back
    _logged_in(site, "lead@example.com")
    own = post_form(admin, f"/admin/accounts/{_user(site, ADMIN).id}/deactivate", {}, "/admin/accounts")
    assert own.status_code == 400 and "your own account" in own.get_data(as_text=True)
    assert _user(site, ADMIN).active
    own_reset = post_form(admin, f"/admin/accounts/{_user(site, ADMIN).id}/password", {}, "/admin/accounts")
    assert own_reset.status_code == 400 and "your own password" in own_reset.get_data(as_text=True)
    assert _goes_to(admin, "/") == "200" and not _user(site, ADMIN).must_change_password
    assert post_form(admin, "/admin/accounts/99999/deactivate", {}, "/admin/accounts").status_code == 404


def test_an_admin_reset_ends_every_session_and_the_one_time_password_forces_a_change(site: Flask) -> None:
    admin = _admin(site)
    add_user(site, "lead@example.com")
    lead = _logged_in(site, "lead@example.com")
    reset = post_form(admin, f"/admin/accounts/{_user(site, 'lead@example.com').id}/password", {}, "/admin/accounts")
    assert reset.status_code == 200
    otp = shown_password(reset.get_data(as_text=True))
    assert _goes_to(lead, "/").startswith("/login")  # the session before the reset has ended
    with pytest.raises(AssertionError):
        login(site.test_client(), "lead@example.com")  # and the old password is gone
    fresh = _logged_in(site, "lead@example.com", otp)
    assert _goes_to(fresh, "/") == "/account/password"
    assert "Must choose a new password" in admin.get("/admin/accounts").get_data(as_text=True)


def test_account_creation_refuses_duplicates_and_consultants_without_a_workspace(site: Flask) -> None:
    admin = _admin(site)
    no_workspace = post_form(admin, "/admin/accounts", {**NEW, "workspace": " "})
    assert no_workspace.status_code == 400 and "needs a workspace" in no_workspace.get_data(as_text=True)
    bad = post_form(admin, "/admin/accounts", {**NEW, "email": "not an address"})
    assert bad.status_code == 400
    second_admin = post_form(admin, "/admin/accounts", {**NEW, "role": "admin", "workspace": ""})
    assert second_admin.status_code == 200 and _user(site, NEW["email"]).role == "admin"
    duplicate = post_form(admin, "/admin/accounts", {**NEW, "email": NEW["email"].upper()})
    assert duplicate.status_code == 400 and "exists already" in duplicate.get_data(as_text=True)
    viewer = post_form(admin, "/admin/accounts", {**NEW, "email": "v@example.com", "role": "viewer"})
    assert viewer.status_code == 400  # read-only logins are given on an organisation's page


def test_own_password_change_needs_the_current_password_and_the_policy_in_both_languages(site: Flask) -> None:
    add_user(site, "lead@example.com")
    lead = _logged_in(site, "lead@example.com")
    elsewhere = _logged_in(site, "lead@example.com")
    token = csrf_token(lead.get("/account/password").get_data(as_text=True))
    page = lead.get("/account/password").get_data(as_text=True)
    assert 'name="current"' in page and "At least 10 characters" in page and "Common passwords" in page

    def change(current: str, new: str) -> int:
        data = {"csrf_token": token, "current": current, "new": new, "confirm": new}
        return lead.post("/account/password", data=data).status_code

    assert change("wrong wrong wrong", OWN_PASSWORD) == 400
    assert change(PASSWORD, "qwertyuiop") == 400  # common (10 characters, so only the list refuses it)
    assert change(PASSWORD, "QwertyUIOP") == 400  # case does not help
    lead.get("/language/ja?next=/")
    japanese = lead.post(
        "/account/password",
        data={"csrf_token": token, "current": PASSWORD, "new": "1234567890", "confirm": "1234567890"},
    ).get_data(as_text=True)
    assert "よく使われるパスワード" in japanese and "10文字以上" in japanese
    assert _goes_to(elsewhere, "/") == "200"  # nothing was changed yet
    assert change(PASSWORD, OWN_PASSWORD) == 302
    assert _goes_to(elsewhere, "/").startswith("/login") and _goes_to(lead, "/") == "200"


def test_the_command_line_applies_the_same_policy_and_reset(site: Flask) -> None:
    runner = site.test_cli_runner()
    common = runner.invoke(args=["users", "create", "a@example.com", "--password", "password1234"])
    assert common.exit_code != 0 and "common passwords" in common.output
    short = runner.invoke(args=["users", "create", "a@example.com", "--password", "short"])
    assert short.exit_code != 0 and "at least 10 characters" in short.output
    made = runner.invoke(args=["users", "create", "a@example.com", "--password", OWN_PASSWORD])
    assert made.exit_code == 0, made.output
    assert _user(site, "a@example.com").workspace_id is not None
    refused = runner.invoke(args=["users", "reset-password", "a@example.com", "--password", "iloveyou12"])
    assert refused.exit_code != 0 and not _user(site, "a@example.com").must_change_password
    reset = runner.invoke(args=["users", "reset-password", "a@example.com"])
    assert reset.exit_code == 0, reset.output
    otp = reset.output.rsplit(": ", 1)[-1].strip()
    assert len(otp) == 16 and _user(site, "a@example.com").must_change_password
    browser = _logged_in(site, "a@example.com", otp)
    assert _goes_to(browser, "/") == "/account/password"
    with pytest.raises(AssertionError):
        login(site.test_client(), "a@example.com", otp)


def test_of_two_logins_racing_with_one_one_time_password_only_one_gets_in(
    site: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_user(site, "lead@example.com")
    with site.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == "lead@example.com"))
        assert user is not None
        otp = reset_password(user, None)
        user_id = user.id

    def checked_then_overtaken(password_hash: str | None, password: str) -> bool:
        # This login has checked the one-time password; a parallel login with it commits first.
        right = verify_password(password_hash, password)
        with db.engine.begin() as other:
            other.execute(sa.update(User).where(User.id == user_id).values(password_hash="used by the other login"))
        return right

    monkeypatch.setattr(users, "verify_password", checked_then_overtaken)
    with site.app_context():
        assert authenticate("lead@example.com", otp, "127.0.0.2") is None
        failed = db.session.scalars(sa.select(Event).where(Event.verb == "login failed")).all()
        assert [e.detail for e in failed] == ["from 127.0.0.2, one-time password used already"]
        assert not db.session.scalars(sa.select(Event).where(Event.verb == "login")).all()
