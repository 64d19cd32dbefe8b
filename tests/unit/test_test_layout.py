"""The tests' own layout: helpers and builders are imported from tests/helpers.py, tests/factories.py
and tests/live.py, never from a conftest.py or from another test module (pytest owns those)."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from tests.helpers import TESTS


def forbidden_imports(root: Path) -> list[str]:
    """``path:line imports module`` for every import of a conftest or a test module under ``root``."""
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                targets = [node.module]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            for target in targets:
                last = target.rsplit(".", 1)[-1]
                if target.startswith("tests") and (last == "conftest" or last.startswith("test_")):
                    found.append(f"{path.relative_to(root)}:{node.lineno} imports {target}")
    return found


def test_no_test_imports_a_conftest_or_another_test_module() -> None:
    assert forbidden_imports(TESTS) == []


def test_the_rule_bites_on_a_synthetic_tree(tmp_path: Path) -> None:
    (tmp_path / "test_a.py").write_text("from tests.conftest import csrf_token\nimport tests.unit.test_b\n")
    (tmp_path / "test_ok.py").write_text("from tests.helpers import csrf_token\nfrom tests.factories import NA\n")
    assert forbidden_imports(tmp_path) == [
        "test_a.py:1 imports tests.conftest",
        "test_a.py:2 imports tests.unit.test_b",
    ]


def uncollected_test_folders(root: Path, testpaths: list[str]) -> list[str]:
    """Folders under ``root`` holding test modules that no entry of ``testpaths`` reaches."""
    reached = [Path(entry) for entry in testpaths]
    missing = set()
    for path in root.rglob("test_*.py"):
        relative = path.relative_to(root.parent)
        if not any(relative.is_relative_to(entry) for entry in reached):
            missing.add(str(relative.parent))
    return sorted(missing)


def test_testpaths_reach_every_test_folder() -> None:
    """``testpaths`` lists the folders in the order they run (browser tests last): a new folder
    left off that list would silently never run."""
    config = tomllib.loads((TESTS.parent / "pyproject.toml").read_text(encoding="utf-8"))
    testpaths = config["tool"]["pytest"]["ini_options"]["testpaths"]
    assert uncollected_test_folders(TESTS, testpaths) == []
    assert testpaths[-1] == "tests/browser"


def test_an_unlisted_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "tests" / "unit").mkdir(parents=True)
    (tmp_path / "tests" / "extra" / "deep").mkdir(parents=True)
    (tmp_path / "tests" / "unit" / "test_a.py").write_text("")
    (tmp_path / "tests" / "extra" / "deep" / "test_b.py").write_text("")
    assert uncollected_test_folders(tmp_path / "tests", ["tests/unit"]) == ["tests/extra/deep"]
