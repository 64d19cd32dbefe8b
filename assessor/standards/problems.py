"""Problems found in the standards data, and the collector that reads files and records them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assessor.standards.yamlsource import YamlSyntaxError, line_of, load_yaml


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in one file."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class StandardsError(Exception):
    """The standards data is invalid; ``problems`` lists every error found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class Collector:
    """Gathers problems while files are read, keeping the parsed tree for line look-ups."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.trees: dict[str, Any] = {}

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def add(self, name: str, path: Sequence[str | int], message: str) -> None:
        self.problems.append(Problem(name, line_of(self.trees.get(name), path), message))


def parse_file(col: Collector, path: Path, schema: type[Any]) -> Any | None:
    """Read ``path`` and validate it against ``schema``; record problems and return None on error."""
    name = col.rel(path)
    try:
        tree = load_yaml(path)
    except FileNotFoundError:
        col.problems.append(Problem(name, 0, "file is missing"))
        return None
    except YamlSyntaxError as exc:
        col.problems.append(Problem(name, exc.line, exc.message))
        return None
    except (OSError, UnicodeDecodeError) as exc:
        col.problems.append(Problem(name, 0, f"cannot read file: {exc}"))
        return None
    col.trees[name] = tree
    if not isinstance(tree, dict):
        col.problems.append(Problem(name, 1, "the file must be a YAML mapping (key: value pairs)"))
        return None
    try:
        return schema.model_validate(tree)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            col.problems.append(Problem(name, line_of(tree, loc), describe(loc, err)))
        return None


def describe(loc: tuple[Any, ...], err: Any) -> str:
    where = ".".join(str(p) for p in loc) or "(file)"
    kind = err["type"]
    last = loc[-1] if loc else None
    if kind == "missing":
        if last in ("en", "ja"):
            lang = "English" if last == "en" else "Japanese"
            return f"{where}: missing {lang} ({last}) text"
        return f"{where}: required field is missing"
    if kind == "extra_forbidden":
        return f"{where}: unknown field"
    if kind == "string_too_short":
        return f"{where}: must not be empty"
    if kind == "string_pattern_mismatch":
        return f"{where}: {err['input']!r} is not a valid id or code ({err['ctx']['pattern']})"
    return f"{where}: {err['msg']}"


def check_unique(col: Collector, name: str, ids: Sequence[str], path_prefix: tuple[str, ...], what: str) -> None:
    seen: dict[str, int] = {}
    for index, value in enumerate(ids):
        if value in seen:
            first = line_of(col.trees[name], (*path_prefix, seen[value]))
            col.add(name, (*path_prefix, index), f"duplicate {what} {value!r} (first on line {first})")
        else:
            seen[value] = index
