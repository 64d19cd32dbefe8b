"""Polling load on a revealed workshop under gunicorn: projector screens, the facilitator and every phone.

A workshop of N participants (default 1,000) who answered the full questionnaire, revealed, is
served by gunicorn (process workers) on SQLite (or ``--database`` PostgreSQL). For ``--seconds``:

* **screens**: 20 presenter screens poll ``…/workshop/present/live`` every 2 s plus up to 1 s of
  jitter with ``If-None-Match`` (as the page's script does), and one facilitator's live panel
  ``…/workshop/live`` every 4 s plus jitter;
* **phones**: every participant's phone polls its ``/respond/<token>/revealed`` every
  ``--phone-interval`` seconds plus up to 5 s (the end screen's light poll, ``static/js/room.js``);
* **writes** (``--writes`` per second, default 0): late answers changing, so every screen sees a
  new version at its next poll and re-renders (200) instead of 304.

Then the **reveal herd**: every phone fetches its end screen with the room's distribution once,
spread over the 15 s in which their polls notice the reveal (nextcloud/polls #1450: a room refetching in
lockstep after "show results").

It prints, per kind, the number of requests, p50, p95 and the maximum latency, and errors (any
status but 200/304, or a failed connection); targets: 0 errors, 304 p95 < 50 ms under load.

Usage: ``.venv/bin/python benchmarks/polling.py [--participants 1000] [--seconds 20] [--workers 2]``
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from assessor import create_app  # noqa: E402
from assessor.extensions import db  # noqa: E402
from assessor.models import Respondent  # noqa: E402
from benchmarks.live import PASSWORD, seed  # noqa: E402
from benchmarks.workshop import _serve, _stop  # noqa: E402
from tests.participants import Participant  # noqa: E402

SCREENS = 20
SCREEN_POLL = (2.0, 1.0)
PANEL_POLL = (4.0, 1.0)
HERD_SPREAD = 15.0
"""The end screen polls every 10-15 s (``static/js/room.js``) and reloads once it sees the reveal."""
PHONE_JITTER = 5.0
PHONE_THREADS = 40
JOIN_TOKEN = "bench-token"
"""The join link's token :func:`benchmarks.live.seed` gives the workshop."""
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


class Recorder:
    """Latencies and errors per kind of request, shared by the client threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)

    def add(self, kind: str, seconds: float, ok: bool) -> None:
        with self.lock:
            self.latencies[kind].append(seconds * 1000)
            if not ok:
                self.errors[kind] += 1

    def get(self, kind: str, conn: Connection, path: str, accept: tuple[int, ...] = (200,)) -> None:
        """GET ``path`` on ``conn`` and record its latency under ``kind`` (an error: another status or no answer)."""
        started = time.perf_counter()
        try:
            status, _headers, _body = conn.get(path)
            ok = status in accept
        except (OSError, http.client.HTTPException):
            ok = False
        self.add(kind, time.perf_counter() - started, ok)

    def lines(self) -> list[str]:
        out = []
        for kind in sorted(self.latencies):
            found = sorted(self.latencies[kind])
            p95 = statistics.quantiles(found, n=100)[94] if len(found) > 1 else found[0]
            out.append(
                f"  {kind:<16} {len(found):>6} requests  p50 {statistics.median(found):7.1f} ms  "
                f"p95 {p95:7.1f} ms  max {found[-1]:7.1f} ms  errors {self.errors[kind]}"
            )
        return out


class Connection:
    """One keep-alive HTTP connection (a browser tab or a phone), reopened after a failure."""

    def __init__(self, url: str, cookie: str = "") -> None:
        parts = urllib.parse.urlsplit(url)
        self.host, self.port, self.cookie = parts.hostname or "127.0.0.1", parts.port or 80, cookie
        self.conn: http.client.HTTPConnection | None = None

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        sent = dict(headers or {})
        if self.cookie:
            sent["Cookie"] = self.cookie
        try:
            self.conn.request("GET", path, headers=sent)
            response = self.conn.getresponse()
            body = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, body
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = None
            raise


def login(url: str) -> str:
    """Log the benchmark's consultant in; return the session cookie."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=30)
    conn.request("GET", "/login")
    response = conn.getresponse()
    page = response.read().decode()
    cookie = response.getheader("Set-Cookie", "").split(";")[0]
    token = CSRF.search(page)
    assert token is not None
    body = urllib.parse.urlencode({"email": "bench@example.com", "password": PASSWORD, "csrf_token": token[1]})
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    conn.request("POST", "/login", body=body, headers=headers)
    response = conn.getresponse()
    response.read()
    assert response.status in (302, 303), response.status
    return response.getheader("Set-Cookie", cookie).split(";")[0]


def _screen(url: str, cookie: str, path: str, kind: str, poll: tuple[float, float], stop: float, rec: Recorder) -> None:
    conn, etag, rng = Connection(url, cookie), "", random.Random()
    time.sleep(rng.uniform(0, poll[0]))
    while time.monotonic() < stop:
        started = time.perf_counter()
        try:
            status, headers, _body = conn.get(path, {"If-None-Match": etag} if etag else {})
            etag = headers.get("etag", etag)
            ok = status in (200, 304)
            label = f"{kind} {status}" if ok else kind
        except (OSError, http.client.HTTPException):
            ok, label = False, kind
        rec.add(label, time.perf_counter() - started, ok)
        time.sleep(poll[0] + rng.uniform(0, poll[1]))


def _phones(url: str, tokens: list[str], interval: float, stop: float, rec: Recorder) -> None:
    """One thread driving several phones: each polls every ``interval`` s plus jitter."""
    conn, rng = Connection(url), random.Random()
    due = {token: time.monotonic() + rng.uniform(0, interval + PHONE_JITTER) for token in tokens}
    while time.monotonic() < stop:
        token, when = min(due.items(), key=lambda entry: entry[1])
        time.sleep(max(0.0, when - time.monotonic()))
        rec.get("phone poll", conn, f"/respond/{token}/revealed")
        due[token] = time.monotonic() + interval + rng.uniform(0, PHONE_JITTER)


def _writer(url: str, codes: list[str], per_second: float, stop: float, rec: Recorder) -> None:
    """A late participant changing answers (the autosave endpoint), so screens see new versions now and then."""
    if not per_second:
        return
    rng, late = random.Random(7), Participant(url)
    late.join(JOIN_TOKEN)
    while time.monotonic() < stop:
        started = time.perf_counter()
        ok = late.save(rng.choice(codes), rng.randint(0, 4))
        rec.add("answer saved", time.perf_counter() - started, ok)
        time.sleep(1 / per_second)


def _herd(url: str, tokens: list[str], rec: Recorder) -> float:
    """Every phone fetches its end screen once, spread over :data:`HERD_SPREAD` seconds; return the wall time."""
    chunks = [tokens[i::PHONE_THREADS] for i in range(PHONE_THREADS)]
    began = time.monotonic()

    def run(mine: list[str]) -> None:
        conn, rng = Connection(url), random.Random()
        starts = sorted((rng.uniform(0, HERD_SPREAD), token) for token in mine)
        for offset, token in starts:
            time.sleep(max(0.0, began + offset - time.monotonic()))
            rec.get("reveal herd", conn, f"/respond/{token}/summary")

    threads = [threading.Thread(target=run, args=(chunk,)) for chunk in chunks if chunk]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="gunicorn process workers")
    parser.add_argument("--phone-interval", type=float, default=10.0, help="as static/js/room.js (plus 0-5 s)")
    parser.add_argument("--writes", type=float, default=0.0, help="answers changed per second meanwhile")
    parser.add_argument("--database", default="", help="an empty PostgreSQL database URL (default: SQLite)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        database = options.database or f"sqlite:///{tmp}/polling.sqlite"
        app = create_app({"SQLALCHEMY_DATABASE_URI": database, "STANDARDS_DIR": ROOT / "standards", "SECRET_KEY": "b"})
        with app.app_context():
            upgrade()
            assessment_id = seed(options.participants)
            tokens = list(
                db.session.scalars(sa.select(Respondent.token).where(Respondent.assessment_id == assessment_id))
            )
            db.engine.dispose()
        env = dict(os.environ, DATABASE_URL=database, SECRET_KEY="polling-benchmark", ASSESSOR_LOG_LEVEL="WARNING")
        process, url = _serve("assessor.wsgi:app", env, options.workers, Path(tmp, "gunicorn.log"))
        try:
            cookie = login(url)
            rec = Recorder()
            stop = time.monotonic() + options.seconds
            base = f"/assessments/{assessment_id}/workshop"
            threads = [
                threading.Thread(
                    target=_screen, args=(url, cookie, f"{base}/present/live", "screen", SCREEN_POLL, stop, rec)
                )
                for _ in range(SCREENS)
            ]
            threads.append(
                threading.Thread(target=_screen, args=(url, cookie, f"{base}/live", "panel", PANEL_POLL, stop, rec))
            )
            codes = [item.code for item in app.extensions["assessor.framework"].questionnaire("full").items]
            threads.append(threading.Thread(target=_writer, args=(url, codes, options.writes, stop, rec)))
            threads += [
                threading.Thread(
                    target=_phones, args=(url, tokens[i::PHONE_THREADS], options.phone_interval, stop, rec)
                )
                for i in range(PHONE_THREADS)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            print(
                f"Polling load: {options.participants} participants (full questionnaire, revealed), {SCREENS} "
                f"presenter screens every {SCREEN_POLL[0]:.0f}-{sum(SCREEN_POLL):.0f} s, 1 live panel, "
                f"{len(tokens)} phones every {options.phone_interval:.0f}-"
                f"{options.phone_interval + PHONE_JITTER:.0f} s, "
                f"{options.writes:g} answers changed per second; "
                f"gunicorn {options.workers} workers, {'PostgreSQL' if options.database else 'SQLite'}, "
                f"{options.seconds:.0f} s"
            )
            for line in rec.lines():
                print(line)
            herd = Recorder()
            wall = _herd(url, tokens, herd)
            print(
                f"Reveal herd: {len(tokens)} end screens with the room's distribution, asked within "
                f"{HERD_SPREAD:.0f} s; all answered after {wall:.1f} s"
            )
            for line in herd.lines():
                print(line)
            errors = sum(rec.errors.values()) + sum(herd.errors.values())
            print(f"  errors: {errors} (target 0)")
        finally:
            _stop(process)


if __name__ == "__main__":
    main()
