"""A room joining at once from one address, and a guesser firing codes in parallel, against a real
gunicorn server on SQLite and PostgreSQL: the room always gets in, the guesser gets exactly its
allowance of answers, and the wrong codes are counted atomically."""

from __future__ import annotations

import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from assessor.accounts import joins
from assessor.extensions import db
from assessor.models import Assessment, Organisation, Workspace
from tests.helpers import make_app
from tests.live import LiveServer

pytestmark = pytest.mark.slow

CODE = "ROOM42"
ROOM = 30
_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@pytest.fixture
def server(tmp_path: Path, database_url: str) -> Iterator[LiveServer]:
    """gunicorn (2 workers of 16 threads) with one open workshop, on each database."""
    app = make_app(database_url)
    with app.app_context():
        org = Organisation(name="Venue", workspace=Workspace(name="Venue"))
        db.session.add(
            Assessment(
                organisation=org,
                title="Workshop",
                questionnaire_id="mini",
                questionnaire_version="1",
                mode="workshop",
                join_code=CODE,
                join_token="room-join-token",
            )
        )
        db.session.commit()
        db.engine.dispose()
    live = LiveServer(tmp_path)
    live.env["DATABASE_URL"] = database_url
    live.start(workers=2, threads=16)
    yield live
    live.stop()


class _Phone:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with self.opener.open(base_url + "/join", timeout=60) as response:
            self.csrf = _CSRF.search(response.read().decode()).group(1)  # type: ignore[union-attr]

    def join(self, code: str) -> tuple[int, str | None]:
        body = urllib.parse.urlencode({"csrf_token": self.csrf, "code": code}).encode()
        try:
            with self.opener.open(self.base_url + "/join", data=body, timeout=60) as response:
                return response.status, None
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Retry-After")


def _at_once(phones: list[_Phone], code_for: Callable[[int], str]) -> list[tuple[int, str | None]]:
    barrier = threading.Barrier(len(phones))
    results: list[tuple[int, str | None]] = []
    lock = threading.Lock()

    def work(number: int, phone: _Phone) -> None:
        barrier.wait()
        outcome = phone.join(code_for(number))
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=work, args=(n, p)) for n, p in enumerate(phones)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_a_room_joins_at_once_and_a_parallel_guesser_gets_only_its_allowance(
    server: LiveServer, database_url: str
) -> None:
    typist = _Phone(server.url)
    assert [typist.join(f"ROOMX{n}")[0] for n in range(5)] == [404] * 5  # the room's typos
    room = _at_once([_Phone(server.url) for _ in range(ROOM)], lambda _n: CODE.lower())
    assert [status for status, _wait in room] == [200] * ROOM  # each redirected to the join page

    guesses = joins.ADDRESS_ATTEMPTS + 15
    guessed = _at_once([_Phone(server.url) for _ in range(guesses)], lambda n: f"G{n:05d}")
    statuses = sorted(status for status, _wait in guessed)
    assert statuses == [404] * joins.ADDRESS_ATTEMPTS + [429] * 15
    assert all(wait is not None and int(wait) >= 1 for status, wait in guessed if status == 429)
    engine = sa.create_engine(database_url)
    with engine.connect() as conn:
        counted = dict(conn.execute(sa.text("SELECT key, hits FROM throttle WHERE key LIKE 'join:%'")).all())
    engine.dispose()
    # Guesses that came in once the count was full were refused at the first look, uncounted.
    assert joins.ADDRESS_ATTEMPTS < counted["join:client:127.0.0.1"] <= guesses
    assert counted[joins.GLOBAL_KEY] == 5 + joins.ADDRESS_ATTEMPTS  # refused guesses are not wrong codes
