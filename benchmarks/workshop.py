"""Workshop load: N participants answering the full questionnaire against assessor under gunicorn.

Prints p50/p95/p99 save latency, throughput and errors for assessor's autosave endpoint and,
beside it, for a bare Flask + SQLAlchemy insert endpoint (benchmarks/bare_app.py) on the same
machine, database engine, durability settings and worker count.

Two load shapes:
- ``paced``: every participant waits a think time between answers (uniform 0.5-1.5 s by default,
  far quicker than people reading five level descriptions), so 200 participants offer about
  200 saves/s. This is the workshop the targets speak of: p95 < 100 ms, 0 errors.
- ``flood``: no think time at all; every participant saves as fast as the server answers.
  This measures capacity; the throughput target (at least half the bare endpoint's) is judged here.

Usage: .venv/bin/python benchmarks/workshop.py [--participants 200] [--workers 4] [--items 72]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.participants import Participant, seed_workshop  # noqa: E402

BIN = Path(sys.executable).parent
CLIENT_PROCESSES = 4
JOIN_TOKEN = "benchmark-join-token"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(target: str, env: dict[str, str], workers: int, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    process = subprocess.Popen(
        [BIN / "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{port}", "--backlog", "2048", target],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log.open("ab"),
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/", timeout=1).close()
            return process, url
        except urllib.error.HTTPError:
            return process, url  # any HTTP answer means the server is up
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(log.read_text())


def _stop(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


class _BareParticipant(Participant):
    """Posts to the bare insert endpoint instead of assessor's autosave."""

    def join(self, join_token: str, language: str = "en") -> None:
        self.token = f"r{random.getrandbits(48):x}"

    def save(self, code: str, level: int) -> bool:
        started = time.perf_counter()
        try:
            with self._open(f"/save/{self.token}/{code}", {"level": str(level)}) as response:
                response.read()
        except OSError:
            self.errors += 1
            return False
        except Exception:  # noqa: BLE001 - any client-side failure counts as an error
            self.errors += 1
            return False
        self.latencies.append(time.perf_counter() - started)
        self.acknowledged[code] = level
        return True


def _client(args: tuple[str, str, int, list[str], float, float, int]) -> tuple[list[float], int, int, float, float]:
    """One client process: a thread per participant; returns latencies, errors, saves and the
    wall-clock start and end of its saving (joining is not timed)."""
    kind, url, count, codes, think_low, think_high, seed = args
    rng = random.Random(seed)
    cls = _BareParticipant if kind == "bare" else Participant
    people = [cls(url) for _ in range(count)]
    for person in people:
        person.join(JOIN_TOKEN, language=rng.choice(["en", "ja"]))
    barrier = threading.Barrier(count)

    def work(person: Participant, offset: int) -> None:
        barrier.wait()
        time.sleep(rng.uniform(0, think_high))  # people do not all click in the same millisecond
        for position, code in enumerate(codes):
            person.save(code, (offset + position) % 5)
            if think_high:
                time.sleep(rng.uniform(think_low, think_high))

    threads = [threading.Thread(target=work, args=(p, i)) for i, p in enumerate(people)]
    for thread in threads:
        thread.start()
    began = time.time()
    for thread in threads:
        thread.join()
    latencies = [lat for p in people for lat in p.latencies]
    return latencies, sum(p.errors for p in people), len(latencies), began, time.time()


def _drive(kind: str, url: str, participants: int, codes: list[str], think: tuple[float, float]) -> dict[str, float]:
    base, extra = divmod(participants, CLIENT_PROCESSES)
    per_process = [base + (i < extra) for i in range(CLIENT_PROCESSES)]
    jobs = [(kind, url, n, codes, think[0], think[1], i) for i, n in enumerate(per_process) if n]
    with multiprocessing.get_context("spawn").Pool(len(jobs)) as pool:
        results = pool.map(_client, jobs)
    elapsed = max(r[4] for r in results) - min(r[3] for r in results)
    latencies = sorted(lat for r in results for lat in r[0])
    errors = sum(r[1] for r in results)
    saves = sum(r[2] for r in results)
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {
        "saves": saves,
        "errors": errors,
        "p50": quantiles[49] * 1000,
        "p95": quantiles[94] * 1000,
        "p99": quantiles[98] * 1000,
        "throughput": saves / elapsed,
        "seconds": elapsed,
    }


def _line(name: str, figures: dict[str, float]) -> str:
    return (
        f"  {name:<22} p50 {figures['p50']:7.1f} ms  p95 {figures['p95']:7.1f} ms  p99 {figures['p99']:7.1f} ms  "
        f"{figures['throughput']:7.1f} saves/s  errors {int(figures['errors'])}  ({int(figures['saves'])} saves "
        f"in {figures['seconds']:.1f} s)"
    )


def main() -> None:
    """Run both load shapes against assessor and the bare endpoint and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn process workers (both servers)")
    parser.add_argument("--items", type=int, default=72, help="items each participant answers")
    parser.add_argument("--think", type=float, nargs=2, default=(0.5, 1.5), metavar=("MIN", "MAX"))
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        codes = seed_workshop(work / "assessor.sqlite", JOIN_TOKEN, "BENCH1")[: options.items]
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{work / 'assessor.sqlite'}",
            "ASSESSOR_STANDARDS_DIR": str(ROOT / "standards"),
            "SECRET_KEY": "benchmark",
            "BARE_DATABASE": str(work / "bare.sqlite"),
        }
        print(
            f"{options.participants} participants x {len(codes)} items, gunicorn {options.workers} workers, "
            f"SQLite (WAL, synchronous=FULL), {os.cpu_count()} cores, clients in {CLIENT_PROCESSES} processes"
        )
        figures: dict[tuple[str, str], dict[str, float]] = {}
        os.environ["BARE_DATABASE"] = env["BARE_DATABASE"]
        from benchmarks import bare_app

        bare_app.create_schema()
        bare_app.engine.dispose()
        for kind, target in (("assessor", "assessor.wsgi:app"), ("bare", "benchmarks.bare_app:app")):
            process, url = _serve(target, env, options.workers, work / f"{kind}.log")
            try:
                figures[(kind, "paced")] = _drive(kind, url, options.participants, codes, tuple(options.think))
                figures[(kind, "flood")] = _drive(kind, url, options.participants, codes, (0.0, 0.0))
            finally:
                _stop(process)
        shapes = (("paced", f"paced (think {options.think[0]}-{options.think[1]} s)"), ("flood", "flood (no think)"))
        for shape, label in shapes:
            print(label)
            print(_line("assessor autosave", figures[("assessor", shape)]))
            print(_line("bare insert", figures[("bare", shape)]))
        ratio = figures[("assessor", "flood")]["throughput"] / figures[("bare", "flood")]["throughput"]
        paced = figures[("assessor", "paced")]
        print(
            f"targets: paced p95 < 100 ms -> {paced['p95']:.1f} ms; errors 0 -> "
            f"{int(paced['errors'] + figures[('assessor', 'flood')]['errors'])}; "
            f"flood throughput >= 0.5 x bare -> {ratio:.2f} x"
        )


if __name__ == "__main__":
    main()
