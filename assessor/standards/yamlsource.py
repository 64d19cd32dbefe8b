"""Read YAML while remembering the line of every mapping key and list entry.

Validation errors must name the file and the line, so the loader builds
``LocatedDict``/``LocatedList`` containers that carry line numbers next to
their content.  They behave like plain ``dict``/``list`` everywhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, SequenceNode


class LocatedDict(dict[Any, Any]):
    """A mapping with the 1-based line of itself and of each key."""

    line: int = 1

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[Any, int] = {}


class LocatedList(list[Any]):
    """A list with the 1-based line of itself and of each entry."""

    line: int = 1

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[int] = []


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that records lines and rejects duplicate keys (YAML silently keeps the last)."""


def _construct_mapping(loader: _LineLoader, node: MappingNode) -> LocatedDict:
    loader.flatten_mapping(node)
    mapping = LocatedDict()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError as exc:
            raise ConstructorError(None, None, "a mapping key must be a plain value", key_node.start_mark) from exc
        if key in mapping:
            raise ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first given on line {mapping.lines[key]})",
                key_node.start_mark,
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: _LineLoader, node: SequenceNode) -> LocatedList:
    seq = LocatedList()
    seq.line = node.start_mark.line + 1
    for child in node.value:
        seq.append(loader.construct_object(child, deep=True))
        seq.lines.append(child.start_mark.line + 1)
    return seq


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class YamlSyntaxError(Exception):
    """A file is not valid YAML; carries the 1-based line and the parser's explanation."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def load_yaml(path: Path) -> Any:
    """Parse ``path`` into located containers.

    :raise YamlSyntaxError: on malformed YAML, with the line of the problem.
    :raise OSError: if the file cannot be read.
    """
    text = path.read_text(encoding="utf-8")
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = " ".join(p for p in (exc.context, exc.problem) if p)
        raise YamlSyntaxError(line, f"invalid YAML: {what}") from exc
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1, f"invalid YAML: {exc}") from exc


def _has(node: Any, part: str | int) -> bool:
    if isinstance(node, LocatedDict):
        return part in node
    return isinstance(node, LocatedList) and isinstance(part, int) and 0 <= part < len(node)


def line_of(root: Any, path: Sequence[str | int]) -> int:
    """Return the line of the deepest node of ``path`` that exists under ``root``."""
    node = root
    line = getattr(root, "line", 1)
    for part in path:
        if not _has(node, part):
            break
        line = node.lines[part]
        node = node[part]
    return line
