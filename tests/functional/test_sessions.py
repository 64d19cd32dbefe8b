"""Sessions end for real: a copy of a session cookie is refused after logout, a password change or
reset and a deactivation; idle and absolute lifetimes are enforced; the login rotates the session.

Every test replays a cookie copied from a real logged-in test client into a second client."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from assessor.extensions import db
from assessor.models import User
from tests.factories import add_user
from tests.helpers import PASSWORD, csrf_token, login, make_app

EMAIL = "owner@example.com"
NEW_PASSWORD = "a brand new passphrase"


def _app(database_url: str, **extra: object) -> Iterator[Flask]:
    app = make_app(database_url, **extra)
    add_user(app, EMAIL)
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def app_db(database_url: str) -> Iterator[Flask]:
    """An app on each database with one consultant."""
    yield from _app(database_url)


def _logged_in(app: Flask) -> FlaskClient:
    browser = app.test_client()
    login(browser, EMAIL)
    return browser


def _copy(app: Flask, browser: FlaskClient) -> FlaskClient:
    """A second client carrying a copy of ``browser``'s session cookie (as a thief would)."""
    cookie = browser.get_cookie("session")
    assert cookie is not None
    thief = app.test_client()
    thief.set_cookie("session", cookie.value)
    return thief


def _logged_in_as_owner(browser: FlaskClient) -> bool:
    response = browser.get("/")
    if response.status_code == 302:
        assert response.headers["Location"].startswith("/login")
        return False
    assert response.status_code == 200
    return True


def _post(browser: FlaskClient, url: str, data: dict[str, str]) -> int:
    token = csrf_token(browser.get(url if url != "/logout" else "/").get_data(as_text=True))
    return browser.post(url, data={"csrf_token": token, **data}).status_code


def test_a_copied_cookie_is_refused_after_logout(app_db: Flask) -> None:
    browser = _logged_in(app_db)
    thief = _copy(app_db, browser)
    assert _logged_in_as_owner(thief)  # the copy works while the owner is logged in
    other_device = _logged_in(app_db)
    assert _post(browser, "/logout", {}) == 302
    assert not _logged_in_as_owner(browser)
    assert not _logged_in_as_owner(thief)
    assert not _logged_in_as_owner(other_device)  # logout ends every session of the user


def test_a_copied_cookie_is_refused_after_a_password_change(app_db: Flask) -> None:
    browser = _logged_in(app_db)
    thief = _copy(app_db, browser)
    assert _logged_in_as_owner(thief)
    wrong = _post(
        browser, "/account/password", {"current": "not it at all", "new": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert wrong == 400
    assert _logged_in_as_owner(thief)  # a refused change ends nothing
    changed = _post(browser, "/account/password", {"current": PASSWORD, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert changed == 302
    assert not _logged_in_as_owner(thief)
    assert _logged_in_as_owner(browser)  # the browser that changed it stays logged in
    with pytest.raises(AssertionError):
        login(app_db.test_client(), EMAIL)  # the old password no longer works
    login(app_db.test_client(), EMAIL, NEW_PASSWORD)


def test_the_password_form_refuses_bad_input(app_db: Flask) -> None:
    browser = _logged_in(app_db)
    assert browser.get("/account/password").status_code == 200
    short = _post(browser, "/account/password", {"current": PASSWORD, "new": "short", "confirm": "short"})
    differ = _post(
        browser, "/account/password", {"current": PASSWORD, "new": NEW_PASSWORD, "confirm": "x" + NEW_PASSWORD}
    )
    assert (short, differ) == (400, 400)
    assert app_db.test_client().get("/account/password").status_code == 302  # login required


def test_a_copied_cookie_is_refused_after_a_password_reset(app_db: Flask) -> None:
    browser = _logged_in(app_db)
    thief = _copy(app_db, browser)
    assert _logged_in_as_owner(thief)
    result = app_db.test_cli_runner().invoke(
        args=["users", "reset-password", EMAIL.upper()], env={"ASSESSOR_PASSWORD": NEW_PASSWORD}
    )
    assert result.exit_code == 0, result.output
    assert not _logged_in_as_owner(thief)
    assert not _logged_in_as_owner(browser)
    login(app_db.test_client(), EMAIL, NEW_PASSWORD)


def test_a_copied_cookie_is_refused_after_deactivation(app_db: Flask) -> None:
    browser = _logged_in(app_db)
    thief = _copy(app_db, browser)
    assert _logged_in_as_owner(thief)
    runner = app_db.test_cli_runner()
    assert runner.invoke(args=["users", "deactivate", EMAIL]).exit_code == 0
    assert not _logged_in_as_owner(thief)
    assert not _logged_in_as_owner(browser)
    with pytest.raises(AssertionError):
        login(app_db.test_client(), EMAIL)  # a deactivated account cannot log in
    assert runner.invoke(args=["users", "reactivate", EMAIL]).exit_code == 0
    assert not _logged_in_as_owner(thief)  # reactivation does not revive old sessions
    login(app_db.test_client(), EMAIL)
    missing = runner.invoke(args=["users", "deactivate", "nobody@example.com"])
    assert missing.exit_code != 0 and "no user" in missing.output


def test_state_changes_are_logged(app_db: Flask, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO", logger="assessor")
    browser = _logged_in(app_db)
    runner = app_db.test_cli_runner()
    runner.invoke(args=["users", "deactivate", EMAIL])
    runner.invoke(args=["users", "reactivate", EMAIL])
    runner.invoke(args=["users", "reset-password", EMAIL], env={"ASSESSOR_PASSWORD": NEW_PASSWORD})
    browser = app_db.test_client()
    login(browser, EMAIL, NEW_PASSWORD)  # a one-time password: the password page comes first
    token = csrf_token(browser.get("/account/password").get_data(as_text=True))
    assert browser.post("/logout", data={"csrf_token": token}).status_code == 302
    text = caplog.text
    for line in ("account deactivated: user", "account reactivated: user", "password reset: user", "logout: user"):
        assert line in text, line


def test_login_rotates_the_session(app_db: Flask) -> None:
    browser = app_db.test_client()
    before = csrf_token(browser.get("/login").get_data(as_text=True))
    planted = browser.get_cookie("session")
    assert planted is not None
    response = browser.post("/login", data={"csrf_token": before, "email": EMAIL, "password": PASSWORD})
    assert response.status_code == 302
    after = csrf_token(browser.get("/").get_data(as_text=True))
    assert after != before  # the pre-login session (and its CSRF token) is gone
    assert browser.get_cookie("session").value != planted.value  # type: ignore[union-attr]


def test_idle_sessions_end(database_url: str) -> None:
    for app in _app(database_url, SESSION_IDLE_TIMEOUT=timedelta(seconds=1.5)):
        browser = _logged_in(app)
        for _step in range(3):  # activity keeps the session alive beyond the idle timeout
            time.sleep(0.8)
            assert _logged_in_as_owner(browser)
        thief = _copy(app, browser)
        time.sleep(1.8)
        assert not _logged_in_as_owner(browser)
        assert not _logged_in_as_owner(thief)


def test_sessions_end_after_their_lifetime_however_active(database_url: str) -> None:
    lifetime = timedelta(seconds=2.5)
    for app in _app(database_url, SESSION_LIFETIME=lifetime, SESSION_IDLE_TIMEOUT=timedelta(seconds=1)):
        browser = _logged_in(app)
        started = time.monotonic()
        while _logged_in_as_owner(browser):
            assert time.monotonic() - started < lifetime.total_seconds() + 1
            time.sleep(0.3)
        assert time.monotonic() - started >= lifetime.total_seconds() - 0.2


def test_a_stale_session_version_is_refused_even_with_a_valid_signature(app_db: Flask) -> None:
    browser = _logged_in(app_db)
    with app_db.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == EMAIL))
        assert user is not None and user.get_id() == f"{user.id}:1"
        db.session.execute(sa.update(User).values(session_version=User.session_version + 1))
        db.session.commit()
    assert not _logged_in_as_owner(browser)
