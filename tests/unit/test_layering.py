"""The layout rules of ``assessor/``: which package may import which, no hidden imports, small modules.

Allowed directions::

    faces (blueprints, cli, web)  ->  services (assessments, accounts, reports pipeline, files, standards)
                                  ->  core (domain, numbers, scoring, pure report modules)

- The core imports only the standard library and the core: nothing of Flask, SQLAlchemy,
  WeasyPrint, Plotly, the models or the files package.
- The assessment file package imports the core and jsonschema, nothing of the web or the database.
- The offline-answers reader imports the core and openpyxl, nothing of the web or the database.
- The standards loader never imports the scoring core.
- Services never import a blueprint or a command.
- No blueprint imports another blueprint: they meet in the services.
- Imports sit at the top of a module (the only exceptions are listed in LAZY_IMPORTS, with the reason).
- No module is longer than MAX_LINES.

Each rule is checked on the real tree and shown to fail on a synthetic one.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "assessor"
MAX_LINES = 400

CORE = ("assessor.domain", "assessor.numbers", "assessor.plaintext", "assessor.scoring", "assessor.office.cells")
PURE_REPORTS = tuple(
    f"assessor.reports.{name}"
    for name in (
        "context",
        "rows",
        "wording",
        "series",
        "radar",
        "palette",
        "logos",
        "evidence",
        "kpirows",
        "planrows",
        "trend",
        "primer",
    )
)
PURE = CORE + PURE_REPORTS
FILES = "assessor.files"
OFFLINE = "assessor.offline"
STANDARDS = "assessor.standards"
BLUEPRINT_PACKAGES = (
    "actions",
    "admin",
    "auth",
    "branding",
    "classroom",
    "kpis",
    "organisations",
    "questionnaires",
    "workshops",
)
REPORT_BLUEPRINT = tuple(f"assessor.reports.{name}" for name in ("views", "downloads", "forms", "operations"))
SERVICES = (
    "assessor.assessments",
    "assessor.accounts",
    "assessor.history",
    "assessor.files",
    "assessor.standards",
    "assessor.reports",
    "assessor.office",
)
FACES = ("assessor.cli", "assessor.web", *(f"assessor.{p}" for p in BLUEPRINT_PACKAGES), *REPORT_BLUEPRINT)
FORBIDDEN_IN_CORE = ("flask", "flask_babel", "flask_login", "flask_wtf", "sqlalchemy", "weasyprint", "plotly")
ALLOWED_THIRD_PARTY = {
    FILES: {"jsonschema"},
    OFFLINE: {"openpyxl"},
    STANDARDS: {"pydantic", "yaml", "flask"},
}
LAZY_IMPORTS: dict[str, str] = {}
"""module -> why an import inside a function is needed there (none today)."""


@dataclass(frozen=True, slots=True)
class ImportedName:
    """One import: the importing module, its line, the imported module, and whether it sits in a function."""

    module: str
    line: int
    target: str
    nested: bool


def _within(name: str, prefixes: tuple[str, ...] | str) -> bool:
    prefixes = (prefixes,) if isinstance(prefixes, str) else prefixes
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _submodule(root: Path, base: str, name: str) -> str:
    """``from a.b import c`` imports module ``a.b.c`` when there is one, else a name of ``a.b``."""
    if base.split(".")[0] != root.name:
        return base
    folder = root.parent.joinpath(*base.split("."), name)
    return f"{base}.{name}" if folder.is_dir() or folder.with_suffix(".py").is_file() else base


def imports_of(root: Path, path: Path) -> list[ImportedName]:
    """Every import of ``path``, absolute, with ``from assessor import numbers`` read as ``assessor.numbers``."""
    name = module_name(root, path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text("utf-8"), str(path))
    found: list[ImportedName] = []

    def visit(node: ast.AST, nested: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = nested or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            if isinstance(child, ast.Import):
                found.extend(ImportedName(name, child.lineno, alias.name, nested) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")[: len(package.split(".")) - child.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                targets = [_submodule(root, base, a.name) for a in child.names]
                found.extend(ImportedName(name, child.lineno, t, nested) for t in targets)
            visit(child, inner)

    visit(tree, False)
    return found


def _blueprint_of(module: str) -> str | None:
    for package in BLUEPRINT_PACKAGES:
        if _within(module, f"assessor.{package}"):
            return package
    return "reports" if _within(module, REPORT_BLUEPRINT) or module == "assessor.reports" else None


def _third_party(top: str) -> bool:
    return top != "assessor" and top not in sys.stdlib_module_names


def _broken_rules(name: str, target: str) -> list[str]:
    """The rules that ``name`` importing ``target`` breaks."""
    top = target.split(".")[0]
    broken = []
    if _within(name, PURE):
        own = _within(target, PURE) or (target == "assessor.reports" and _within(name, PURE_REPORTS))
        if top in FORBIDDEN_IN_CORE or _third_party(top) or (top == "assessor" and not own):
            broken.append(f"the pure core imports {target}")
        elif _within(name, CORE) and _within(target, PURE_REPORTS):
            broken.append(f"the scoring core imports the reports ({target})")
    for package, allowed in ALLOWED_THIRD_PARTY.items():
        if _within(name, package) and _third_party(top) and top not in allowed:
            broken.append(f"{package} imports {target}")
    if _within(name, FILES) and top == "assessor" and not _within(target, (*CORE, FILES)):
        broken.append(f"the file format imports {target}")
    if _within(name, OFFLINE) and top == "assessor" and not _within(target, (*CORE, OFFLINE)):
        broken.append(f"the offline reader imports {target}")
    if _within(name, STANDARDS) and _within(target, "assessor.scoring"):
        broken.append(f"the standards loader imports the scoring core ({target})")
    is_service = _within(name, SERVICES) and not _within(name, FACES) and name != "assessor.reports"
    if is_service and _within(target, FACES):
        broken.append(f"a service imports a face ({target})")
    mine, theirs = _blueprint_of(name), _blueprint_of(target)
    if mine and theirs and mine != theirs:
        broken.append(f"blueprint {mine} imports blueprint {theirs} ({target})")
    return broken


def violations(root: Path) -> list[str]:
    """Every broken rule in the package at ``root``, as ``module:line: what``."""
    problems: list[str] = []
    for path in sorted(root.rglob("*.py")):
        name = module_name(root, path)
        lines = len(path.read_text("utf-8").splitlines())
        if lines > MAX_LINES:
            problems.append(f"{name}: {lines} lines (at most {MAX_LINES})")
        for imp in imports_of(root, path):
            if imp.nested and name not in LAZY_IMPORTS:
                problems.append(f"{name}:{imp.line}: imports {imp.target} inside a function")
            problems.extend(f"{name}:{imp.line}: {rule}" for rule in _broken_rules(name, imp.target))
    return problems


def test_the_package_follows_the_layering_rules() -> None:
    assert violations(PACKAGE) == []


def _synthetic(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "assessor"
    for relative, text in {"__init__.py": "", **files}.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        (target.parent / "__init__.py").touch()
        target.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"scoring/bad.py": "import flask\n"}, "assessor.scoring.bad:1: the pure core imports flask"),
        (
            {"scoring/bad.py": "from assessor.models import Answer\n"},
            "assessor.scoring.bad:1: the pure core imports assessor.models",
        ),
        (
            {"scoring/bad.py": "from assessor.files import parse_assessment\n"},
            "assessor.scoring.bad:1: the pure core imports assessor.files",
        ),
        (
            {"reports/context.py": "from sqlalchemy import select\n"},
            "assessor.reports.context:1: the pure core imports sqlalchemy",
        ),
        (
            {"files/read.py": "from assessor.extensions import db\n"},
            "assessor.files.read:1: the file format imports assessor.extensions",
        ),
        (
            {"offline/parse.py": "from assessor.models import Respondent\n"},
            "assessor.offline.parse:1: the offline reader imports assessor.models",
        ),
        (
            {"offline/parse.py": "import flask\n"},
            "assessor.offline.parse:1: assessor.offline imports flask",
        ),
        (
            {"standards/loading.py": "from assessor.scoring import BANDS\n"},
            "assessor.standards.loading:1: the standards loader imports the scoring core (assessor.scoring)",
        ),
        (
            {"assessments/stored.py": "from assessor.workshops import views\n", "workshops/views.py": ""},
            "assessor.assessments.stored:1: a service imports a face (assessor.workshops.views)",
        ),
        (
            {"workshops/views.py": "from assessor.reports.series import radar_series\n", "reports/series.py": ""},
            "",
        ),
        (
            {
                "workshops/views.py": "from assessor.questionnaires import operations\n",
                "questionnaires/operations.py": "",
            },
            "assessor.workshops.views:1: blueprint workshops imports blueprint questionnaires "
            "(assessor.questionnaires.operations)",
        ),
        (
            {"organisations/views.py": "from assessor.reports.views import results\n", "reports/views.py": ""},
            "assessor.organisations.views:1: blueprint organisations imports blueprint reports "
            "(assessor.reports.views)",
        ),
        (
            {"i18n.py": "def f():\n    from assessor.reports import numbers\n", "reports/numbers.py": ""},
            "assessor.i18n:2: imports assessor.reports.numbers inside a function",
        ),
        ({"big.py": "x = 1\n" * (MAX_LINES + 1)}, f"assessor.big: {MAX_LINES + 1} lines (at most {MAX_LINES})"),
    ],
)
def test_a_forbidden_import_is_caught(tmp_path: Path, files: dict[str, str], expected: str) -> None:
    found = violations(_synthetic(tmp_path, files))
    if expected:
        assert expected in found
    else:  # a shared service module is fine for any blueprint
        assert found == []


def test_the_same_imports_in_allowed_places_pass(tmp_path: Path) -> None:
    root = _synthetic(
        tmp_path,
        {
            "scoring/engine.py": "from assessor.domain import Framework\nfrom assessor import numbers\n",
            "numbers.py": "",
            "domain.py": "",
            "reports/context.py": "from assessor.reports import radar\nfrom assessor.scoring import score\n",
            "reports/radar.py": "from assessor.reports import palette\n",
            "reports/palette.py": "",
            "workshops/views.py": "from flask import Blueprint\nfrom assessor.assessments import score_assessment\n",
            "files/read.py": "import jsonschema\nfrom assessor.scoring import AssessmentInput\n",
        },
    )
    assert violations(root) == []
