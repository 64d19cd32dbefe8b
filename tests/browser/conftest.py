"""Browser tests: a real server (tests/live.py) and Debian's chromium driven by Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tests.live import CHROMIUM, CHROMIUM_ARGS, LiveServer


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A started server shared by the browser tests of one session."""
    server = LiveServer(tmp_path_factory.mktemp("live"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's chromium, headless; never a downloaded browser.

    Module-scoped: Playwright's sync API parks its event loop in a greenlet, with a driver
    process and executor threads, for as long as it runs.  Stopping it after each browser
    module (and running the browser tests last, see ``testpaths``) keeps that machinery out
    of the long in-process part of the suite, where one CI run crashed (SIGSEGV) with it parked.
    """
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    # Waiting for what the page should come to show (a save confirmed by the server) may take more
    # than Playwright's 5 s on a loaded 2-core CI machine; a wait is not a performance assertion.
    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def artifacts() -> Path:
    """Where a test leaves screenshots for people to look at (``out/screenshots``)."""
    target = ROOT / "out" / "screenshots"
    target.mkdir(parents=True, exist_ok=True)
    return target
