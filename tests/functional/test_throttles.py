"""Throttles that slow guessing without locking anyone out, on both databases; every 429 says
when to come back (``Retry-After``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from assessor import config
from assessor.accounts import joins, throttle, users
from assessor.extensions import db
from assessor.models import Throttle
from tests.factories import add_user
from tests.helpers import PASSWORD, csrf_token, make_app, open_workshop

OWNER = "owner@example.com"
ATTACKER = "203.0.113.9"
OWNER_ADDRESS = "198.51.100.7"


@pytest.fixture
def app_db(database_url: str) -> Iterator[Flask]:
    app = make_app(database_url)
    add_user(app, OWNER)
    yield app
    with app.app_context():
        db.engine.dispose()


def _browser(app: Flask, address: str, **headers: str) -> FlaskClient:
    browser = app.test_client()
    browser.environ_base["REMOTE_ADDR"] = address
    browser.environ_base.update({f"HTTP_{name.upper()}": value for name, value in headers.items()})
    return browser


def _login(browser: FlaskClient, email: str, password: str) -> TestResponse:
    token = csrf_token(browser.get("/login").get_data(as_text=True))
    response = browser.post("/login", data={"csrf_token": token, "email": email, "password": password})
    _check_retry_after(response)
    return response


def _join(browser: FlaskClient, code: str) -> TestResponse:
    token = csrf_token(browser.get("/join").get_data(as_text=True))
    response = browser.post("/join", data={"csrf_token": token, "code": code})
    _check_retry_after(response)
    return response


def _check_retry_after(response: TestResponse) -> None:
    if response.status_code == 429:
        assert int(response.headers["Retry-After"]) >= 1
        assert "Wait" in response.get_data(as_text=True)


def _open_workshop(app: Flask) -> str:
    """A workshop open for joining; return its code."""
    add_user(app, "facilitator@example.com", workspace="Workspace F")
    facilitator = _browser(app, "192.0.2.1")
    assert _login(facilitator, "facilitator@example.com", PASSWORD).status_code == 302
    _assessment_id, code, _link = open_workshop(facilitator)
    return code


def _hits(app: Flask, key: str) -> int:
    with app.app_context():
        return int(db.session.scalar(sa.select(Throttle.hits).where(Throttle.key == key)) or 0)


# ---------------------------------------------------------------- join codes


def test_the_right_code_joins_after_five_wrong_ones_from_the_same_address(app_db: Flask) -> None:
    code = _open_workshop(app_db)
    room = _browser(app_db, "192.0.2.50")  # the venue's one public address
    assert [_join(room, f"WRONG{n}").status_code for n in range(5)] == [404] * 5
    assert _join(room, code.lower()).status_code == 302
    # The success starts the address afresh: the room can keep mistyping and joining all day.
    for _round in range(3):
        wrong = [_join(room, f"TYPO{_round}{n:02d}").status_code for n in range(joins.ADDRESS_ATTEMPTS - 1)]
        assert set(wrong) == {404}
        assert _join(room, code).status_code == 302


def test_an_address_that_only_guesses_is_stopped(app_db: Flask) -> None:
    code = _open_workshop(app_db)
    guesser = _browser(app_db, ATTACKER)
    statuses = [_join(guesser, f"G{n:05d}").status_code for n in range(joins.ADDRESS_ATTEMPTS + 2)]
    assert statuses == [404] * joins.ADDRESS_ATTEMPTS + [429, 429]
    assert _join(guesser, code).status_code == 429  # a throttled guess is not even looked up
    assert _join(_browser(app_db, "192.0.2.77"), code).status_code == 302  # other addresses unaffected


def test_repeating_one_typo_costs_nothing(app_db: Flask) -> None:
    room = _browser(app_db, "192.0.2.50")
    statuses = [_join(room, "L0ADC0").status_code for _n in range(joins.ADDRESS_ATTEMPTS + 10)]
    assert set(statuses) == {404}


def test_many_addresses_guessing_trip_the_global_limit(app_db: Flask) -> None:
    code = _open_workshop(app_db)
    per_address = joins.ATTACK_ATTEMPTS
    addresses = joins.GLOBAL_FAILURES // per_address + 1
    for number in range(addresses):
        bot = _browser(app_db, f"10.9.{number // 200}.{number % 200}")
        assert {_join(bot, f"B{number:03d}{n:02d}").status_code for n in range(per_address)} == {404}
    assert _hits(app_db, joins.GLOBAL_KEY) > joins.GLOBAL_FAILURES
    # Now each address gets the smaller allowance...
    bot = _browser(app_db, "10.8.0.1")
    statuses = [_join(bot, f"C{n:05d}").status_code for n in range(per_address + 1)]
    assert statuses == [404] * per_address + [429]
    # ...which still leaves a room its typos and the right code.
    room = _browser(app_db, "192.0.2.50")
    assert [_join(room, f"WRONG{n}").status_code for n in range(5)] == [404] * 5
    assert _join(room, code).status_code == 302


# ---------------------------------------------------------------- logins


def test_the_owner_still_logs_in_after_the_attackers_address_is_throttled(app_db: Flask) -> None:
    attacker = _browser(app_db, ATTACKER)
    statuses = [_login(attacker, OWNER, f"guess {n}").status_code for n in range(users.PAIR_ATTEMPTS + 2)]
    assert statuses == [401] * users.PAIR_ATTEMPTS + [429, 429]
    assert _login(attacker, OWNER, PASSWORD).status_code == 429  # the attacker's next try is not checked
    for _n in range(users.ADDRESS_FAILURES):  # hammering one account does not use up the address
        _login(attacker, OWNER, "guess")
    assert _hits(app_db, f"login:client:{ATTACKER}") == users.PAIR_ATTEMPTS
    assert _hits(app_db, f"login:account:{OWNER}") == users.PAIR_ATTEMPTS
    owner = _browser(app_db, OWNER_ADDRESS)
    assert _login(owner, OWNER, PASSWORD).status_code == 302
    # Colleagues behind the attacker's address are not locked out by it.
    add_user(app_db, "colleague@example.com")
    assert _login(_browser(app_db, ATTACKER), "colleague@example.com", PASSWORD).status_code == 302


def test_an_account_under_distributed_attack_only_delays(app_db: Flask) -> None:
    for number in range(users.ACCOUNT_FAILURES + 1):
        assert _login(_browser(app_db, f"10.7.0.{number}"), OWNER, "guess").status_code == 401
    # Under attack, each further address gets one attempt, not five...
    bot = _browser(app_db, "10.7.1.1")
    assert [_login(bot, OWNER, "guess").status_code for _n in range(2)] == [401, 429]
    # ...and the owner, from an address that has not failed, still logs in.
    assert _login(_browser(app_db, OWNER_ADDRESS), OWNER, PASSWORD).status_code == 302


def test_a_success_clears_the_owners_own_typos(app_db: Flask) -> None:
    owner = _browser(app_db, OWNER_ADDRESS)
    for _day in range(3):
        typos = [_login(owner, OWNER, "typo").status_code for _n in range(users.PAIR_ATTEMPTS - 1)]
        assert typos == [401] * (users.PAIR_ATTEMPTS - 1)
        assert _login(owner, OWNER, PASSWORD).status_code == 302
        owner.post("/logout", data={"csrf_token": csrf_token(owner.get("/").get_data(as_text=True))})


def test_one_address_failing_on_many_accounts_is_stopped(app_db: Flask) -> None:
    sprayer = _browser(app_db, ATTACKER)
    assert {_login(sprayer, f"user{n}@example.com", "guess").status_code for n in range(3)} == {401}
    key = f"login:client:{ATTACKER}"
    assert _hits(app_db, key) == 3
    with app_db.app_context():  # the remaining failures, counted the same way without Argon2's cost
        for _n in range(users.ADDRESS_FAILURES - 3):
            throttle.hit(key, users.ADDRESS_WINDOW)
    assert _login(sprayer, OWNER, PASSWORD).status_code == 429
    assert _login(_browser(app_db, OWNER_ADDRESS), OWNER, PASSWORD).status_code == 302


# ---------------------------------------------------------------- behind a reverse proxy


@pytest.mark.parametrize("hops", [0, 1])
def test_proxy_hops_decide_whose_address_counts(database_url: str, hops: int) -> None:
    app = make_app(database_url, PROXY_HOPS=hops)
    add_user(app, OWNER)
    proxy = "127.0.0.1"
    attacker = _browser(app, proxy, X_Forwarded_For=ATTACKER)
    for _n in range(users.PAIR_ATTEMPTS + 1):
        _login(attacker, OWNER, "guess")
    owner = _browser(app, proxy, X_Forwarded_For=OWNER_ADDRESS)
    # Without trusted hops every client seems to be the proxy; with one, each is itself.
    assert _login(owner, OWNER, PASSWORD).status_code == (429 if hops == 0 else 302)
    with app.app_context():
        db.engine.dispose()
    # A client cannot forge its way out when no proxy is trusted: the header is ignored.
    if hops == 0:
        assert _hits(app, f"login:pair:{OWNER}|{proxy}") == users.PAIR_ATTEMPTS + 2


# ---------------------------------------------------------------- the counters themselves


def test_counters_start_again_after_their_window_and_are_forgotten(app_db: Flask) -> None:
    start = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    window = timedelta(minutes=10)
    key = "login:pair:odd\x00key|" + "x" * 400  # NUL and overlong keys are stored safely
    with app_db.app_context():
        assert [throttle.hit(key, window, start + timedelta(minutes=n)).hits for n in range(3)] == [1, 2, 3]
        assert throttle.hit(key, window, start + timedelta(minutes=9)).seconds_left == 60
        again = throttle.hit(key, window, start + timedelta(minutes=10, seconds=1))
        assert (again.hits, again.seconds_left) == (1, 600)
        throttle.refund(key)
        throttle.refund(key)  # never below zero
        assert throttle.hit(key, window, start + timedelta(minutes=11)).hits == 1
        assert throttle.forget_expired(start + timedelta(minutes=15)) == 0
        assert throttle.forget_expired(start + timedelta(minutes=21)) == 1


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ASSESSOR_SESSION_IDLE_MINUTES", "abc"),
        ("ASSESSOR_SESSION_IDLE_MINUTES", "0"),
        ("ASSESSOR_SESSION_HOURS", "9" * 5000),
        ("ASSESSOR_SESSION_HOURS", "-1"),
        ("ASSESSOR_SESSION_HOURS", "\uff11\uff12"),
        ("ASSESSOR_PROXY_HOPS", "1.5"),
        ("ASSESSOR_PROXY_HOPS", "9"),
    ],
)
def test_bad_session_and_proxy_settings_stop_the_start(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(RuntimeError, match=name):
        config.defaults(tmp_path)


def test_session_and_proxy_settings_are_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ASSESSOR_SESSION_IDLE_MINUTES", "30")
    monkeypatch.setenv("ASSESSOR_SESSION_HOURS", "8")
    monkeypatch.setenv("ASSESSOR_PROXY_HOPS", "1")
    settings = config.defaults(tmp_path)
    assert settings["SESSION_IDLE_TIMEOUT"] == timedelta(minutes=30)
    assert settings["SESSION_LIFETIME"] == settings["PERMANENT_SESSION_LIFETIME"] == timedelta(hours=8)
    assert settings["PROXY_HOPS"] == 1
