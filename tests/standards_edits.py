"""Helpers for tests that corrupt a copy of the standards data and read the problems back."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor.standards import StandardsError, load_framework


def problems_in(directory: Path) -> list[str]:
    """Load ``directory`` expecting failure; return every problem as ``file:line: message``."""
    with pytest.raises(StandardsError) as caught:
        load_framework(directory)
    return [str(p) for p in caught.value.problems]


def replace(path: Path, old: str, new: str, count: int = 1) -> None:
    """Edit a data file in place; fail loudly if ``old`` is not there (the test would be void)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the ``occurrence``-th line containing ``needle``."""
    found = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            found += 1
            if found == occurrence:
                return number
    raise AssertionError(f"{needle!r} not found")
