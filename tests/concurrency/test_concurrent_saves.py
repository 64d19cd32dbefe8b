"""Many participants save at once against a real gunicorn server; nothing acknowledged is lost,
not even when the server is killed with SIGKILL in the middle and restarted."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.live import LiveServer
from tests.participants import Participant, seed_workshop

pytestmark = pytest.mark.slow

PARTICIPANTS = 50
JOIN_TOKEN = "concurrency-join-token"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    """A gunicorn server (4 process workers) with one open workshop on the full questionnaire."""
    live = LiveServer(tmp_path)
    codes = seed_workshop(live.database, JOIN_TOKEN, "LOADCO")
    live.codes = codes  # type: ignore[attr-defined]
    live.launch(workers=4)
    yield live
    live.stop()


def _stored(database: Path) -> dict[tuple[str, str], int]:
    with sqlite3.connect(database) as conn:
        rows = conn.execute(
            "SELECT r.token, a.item_code, a.level FROM answer a JOIN respondent r ON r.id = a.respondent_id"
        ).fetchall()
    return {(token, code): level for token, code, level in rows}


def _run(participants: list[Participant], codes: list[str], stop: threading.Event | None = None) -> None:
    barrier = threading.Barrier(len(participants))

    def work(index: int, participant: Participant) -> None:
        barrier.wait()
        for position, code in enumerate(codes):
            if stop is not None and stop.is_set():
                return
            participant.save(code, (index + position) % 5)

    threads = [threading.Thread(target=work, args=(i, p)) for i, p in enumerate(participants)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)


def test_fifty_participants_save_at_once_without_loss(server: LiveServer) -> None:
    participants = [Participant(server.url) for _ in range(PARTICIPANTS)]
    for participant in participants:
        participant.join(JOIN_TOKEN)
    codes = server.codes[:20]  # type: ignore[attr-defined]
    _run(participants, codes)
    assert sum(p.errors for p in participants) == 0
    stored = _stored(server.database)
    acknowledged = {(p.token, code): level for p in participants for code, level in p.acknowledged.items()}
    assert len(acknowledged) == PARTICIPANTS * len(codes)
    assert {key: stored.get(key) for key in acknowledged} == acknowledged


def test_acknowledged_answers_survive_sigkill(server: LiveServer) -> None:
    participants = [Participant(server.url) for _ in range(PARTICIPANTS)]
    for participant in participants:
        participant.join(JOIN_TOKEN)
    stop = threading.Event()
    runner = threading.Thread(target=_run, args=(participants, server.codes, stop))  # type: ignore[attr-defined]
    runner.start()
    deadline = time.monotonic() + 20
    while sum(len(p.acknowledged) for p in participants) < 300 and time.monotonic() < deadline:
        time.sleep(0.05)
    server.kill()  # SIGKILL to the whole process group, mid-run
    stop.set()
    runner.join(timeout=60)
    acknowledged = {(p.token, code): level for p in participants for code, level in p.acknowledged.items()}
    assert len(acknowledged) >= 300
    server.launch(workers=2)  # restart on the same database
    stored = _stored(server.database)
    missing = {key: level for key, level in acknowledged.items() if stored.get(key) != level}
    assert missing == {}
