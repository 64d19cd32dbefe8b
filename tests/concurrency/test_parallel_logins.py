"""Thirty wrong logins at once against a real gunicorn server, on SQLite and PostgreSQL: every
attempt is counted (atomic upserts), and no more than the limit get their password checked."""

from __future__ import annotations

import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from assessor.accounts import users
from tests.live import LiveServer

pytestmark = pytest.mark.slow

PARALLEL = 30
_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@pytest.fixture
def server(tmp_path: Path, database_url: str) -> Iterator[LiveServer]:
    """gunicorn with 4 workers of 8 threads each (32 requests in flight) on each database."""
    live = LiveServer(tmp_path)
    live.env["DATABASE_URL"] = database_url
    live.start()
    live.stop()
    live.launch(workers=4, threads=8)
    yield live
    live.stop()


class _Browser:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with self.opener.open(base_url + "/login", timeout=30) as response:
            self.csrf = _CSRF.search(response.read().decode()).group(1)  # type: ignore[union-attr]

    def login(self, email: str, password: str) -> tuple[int, str | None]:
        body = urllib.parse.urlencode({"csrf_token": self.csrf, "email": email, "password": password}).encode()
        try:
            with self.opener.open(self.base_url + "/login", data=body, timeout=60) as response:
                return response.status, None
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Retry-After")


def test_thirty_parallel_wrong_logins_are_all_counted(server: LiveServer, database_url: str) -> None:
    browsers = [_Browser(server.url) for _ in range(PARALLEL)]
    barrier = threading.Barrier(PARALLEL)
    results: list[tuple[int, str | None]] = []
    lock = threading.Lock()

    def attempt(browser: _Browser, number: int) -> None:
        barrier.wait()
        outcome = browser.login(server.email, f"wrong guess {number}")
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=attempt, args=(b, n)) for n, b in enumerate(browsers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    statuses = sorted(status for status, _wait in results)
    assert statuses == [401] * users.PAIR_ATTEMPTS + [429] * (PARALLEL - users.PAIR_ATTEMPTS)
    assert all(wait is not None and int(wait) >= 1 for status, wait in results if status == 429)
    engine = sa.create_engine(database_url)
    with engine.connect() as conn:
        counted = dict(conn.execute(sa.text("SELECT key, hits FROM throttle")).all())
    engine.dispose()
    email = server.email
    assert counted[f"login:pair:{email}|127.0.0.1"] == PARALLEL
    # Only the checked attempts count for the account and for the address as a whole.
    assert counted[f"login:account:{email}"] == users.PAIR_ATTEMPTS
    assert counted["login:client:127.0.0.1"] == users.PAIR_ATTEMPTS
