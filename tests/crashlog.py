"""A pytest plugin: where a fatal crash (SIGSEGV, SIGABRT...) writes its Python stacks.

pytest's own ``faulthandler`` plugin writes every thread's stack to stderr, where a long CI log
keeps only its head and tail.  With ``ASSESSOR_CRASH_LOG`` set (``scripts/test.sh`` sets it), the
stacks go to that file instead and the script prints the crashing thread last, innermost call
first.  Loaded with ``-p tests.crashlog -p no:faulthandler`` (``pyproject.toml``).
"""

from __future__ import annotations

import faulthandler
import os
import sys
from typing import IO

import pytest

_log: IO[str] | None = None


def pytest_configure(config: pytest.Config) -> None:
    global _log  # noqa: PLW0603 - one file per test process
    path = os.environ.get("ASSESSOR_CRASH_LOG")
    _log = open(path, "w", encoding="utf-8") if path else None  # noqa: SIM115 - open until the process ends
    faulthandler.enable(file=_log or sys.stderr, all_threads=True)


def pytest_unconfigure(config: pytest.Config) -> None:
    faulthandler.disable()
    if _log is not None:
        _log.close()
