"""A real server for browser and concurrency tests: gunicorn (process workers) on loopback, its own SQLite."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.helpers import REAL_STANDARDS, ROOT

CHROMIUM = os.environ.get("ASSESSOR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """A gunicorn server on loopback with its own SQLite database."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.database = workdir / "live.sqlite"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{self.database}",
            "ASSESSOR_STANDARDS_DIR": str(REAL_STANDARDS),
            "SECRET_KEY": "browser-test-secret",
        }
        self.process: subprocess.Popen[bytes] | None = None

    email = "facilitator@example.com"
    password = "browser-test-password"

    def start(self, workers: int = 2, threads: int = 1) -> None:
        subprocess.run([BIN / "assessor", "db", "upgrade"], env=self.env, cwd=ROOT, check=True, capture_output=True)
        subprocess.run(
            [BIN / "assessor", "users", "create", self.email, "--name", "Facilitator", "--role", "consultant"],
            env={**self.env, "ASSESSOR_PASSWORD": self.password},
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        self.launch(workers, threads)

    def launch(self, workers: int = 2, threads: int = 1) -> None:
        """Start gunicorn (again) on the same port and database, in its own process group."""
        self.process = subprocess.Popen(
            [BIN / "gunicorn", "-w", str(workers), "--threads", str(threads)]
            + ["-b", f"127.0.0.1:{self.port}", "assessor.wsgi:app"],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=(self.workdir / "gunicorn.log").open("ab"),
            start_new_session=True,
        )
        deadline = time.monotonic() + 90  # generous: CI machines may be busy
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/reference", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("server did not start: " + (self.workdir / "gunicorn.log").read_text())

    def stop(self) -> None:
        """Stop gracefully."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)

    def kill(self) -> None:
        """SIGKILL the master and every worker at once, as a crash or power cut would."""
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def log_in(page, server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    """Log the page in as the server's facilitator through the real form."""
    page.goto(server.url + "/login")
    page.locator("#email").fill(server.email)
    page.locator("#password").fill(server.password)
    page.locator("form.panel button[type=submit]").click()
    page.wait_for_url(server.url + "/")


def open_workshop(page, organisation: str, title: str, questionnaire: str = "quick") -> str:  # type: ignore[no-untyped-def]
    """Through the real pages: create an organisation and a workshop assessment, open it; return the join link."""
    page.get_by_label("Organisation name").fill(organisation)
    page.get_by_role("button", name="Create organisation").click()
    page.get_by_label("Assessment title").fill(title)
    page.get_by_label("Questionnaire").select_option(questionnaire)
    page.locator("input[name=mode][value=workshop]").check()
    page.get_by_role("button", name="Create assessment").click()
    page.get_by_role("link", name="Facilitate the workshop").click()
    page.get_by_role("button", name="Open workshop").click()
    return str(page.locator(".join-url a").inner_text())
