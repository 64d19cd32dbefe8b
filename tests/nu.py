"""The W3C Nu HTML checker (vnu-jar from npm, run with Java) over many pages in one JVM start."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.helpers import ROOT

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def java() -> str:
    """The Java binary; fails in CI (and skips elsewhere) when Java or vnu-jar is missing."""
    found = shutil.which("java")
    if found is None or not VNU_JAR.exists():
        if os.environ.get("CI"):
            pytest.fail("the Nu HTML checker needs Java and `npm install` (vnu-jar)")
        pytest.skip("Java or vnu-jar not installed (bash scripts/setup.sh)")
    return found


def nu_errors(pages: Mapping[str, str], folder: Path) -> list[str]:
    """Every error the checker finds in ``pages`` (name -> HTML), as ``name:line: message [extract]``."""
    binary = java()
    files: dict[str, str] = {}
    for index, (name, html) in enumerate(sorted(pages.items())):
        path = folder / f"{index:03d}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path.resolve())] = name
    run = subprocess.run(
        [binary, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--exit-zero-always", *sorted(files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    assert {m.get("url", "").removeprefix("file:") for m in messages} <= set(files), messages[:3]
    return [
        f"{files.get(m.get('url', '').removeprefix('file:'))}:{m.get('lastLine')}: {m['message']}"
        f" [{m.get('extract', '').strip()}]"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]
