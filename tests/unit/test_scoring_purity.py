"""The scoring core stays pure: only the stdlib, jsonschema and assessor.domain."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

SCORING_DIR = Path(__file__).resolve().parents[2] / "assessor" / "scoring"
FORBIDDEN = {"flask", "sqlalchemy", "weasyprint", "plotly"}
ALLOWED_THIRD_PARTY = {"jsonschema"}
ALLOWED_PROJECT = ("assessor.domain", "assessor.scoring", "assessor.numbers")


def _imports(path: Path) -> list[tuple[int, str]]:
    """Return (line, absolute module name) for every import in ``path``."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: stays inside assessor.scoring
                found.append((node.lineno, "assessor.scoring"))
            elif node.module:
                found.append((node.lineno, node.module))
    return found


def _modules() -> list[Path]:
    modules = sorted(SCORING_DIR.glob("*.py"))
    assert modules, f"no modules found in {SCORING_DIR}"
    return modules


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.name)
def test_scoring_module_imports_nothing_impure(path: Path) -> None:
    bad = []
    for line, module in _imports(path):
        top = module.split(".")[0]
        if top in FORBIDDEN:
            bad.append(f"{path.name}:{line} imports {module} (forbidden)")
        elif top == "assessor":
            if not module.startswith(ALLOWED_PROJECT):
                bad.append(f"{path.name}:{line} imports {module} (not pure)")
        elif top not in sys.stdlib_module_names and top not in ALLOWED_THIRD_PARTY:
            bad.append(f"{path.name}:{line} imports {module} (not allowed)")
    assert bad == []


def test_the_purity_check_catches_a_flask_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom flask import Flask\nimport sqlalchemy.orm\n")
    assert [m for _, m in _imports(sample)] == ["os", "flask", "sqlalchemy.orm"]
