"""Read YAML into a tree of nodes that remember their line numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

NULL_TAG = "tag:yaml.org,2002:null"


@dataclass(frozen=True)
class Node:
    """A YAML value with its 1-based line: a mapping, a list or a scalar."""

    kind: str  # "map" | "list" | "scalar"
    line: int
    entries: tuple[tuple[str, int, Node], ...] = ()  # map: (key, key line, value)
    items: tuple[Node, ...] = ()  # list
    text: str = ""  # scalar, exactly as written
    value: Any = None  # scalar, as YAML reads it (int, float, bool, date, str, None)
    duplicate_keys: tuple[tuple[str, int], ...] = field(default=())

    @property
    def is_null(self) -> bool:
        return self.kind == "scalar" and self.value is None and self.text in ("", "~", "null", "Null", "NULL")

    def get(self, key: str) -> Node | None:
        for k, _, v in self.entries:
            if k == key:
                return v
        return None


class YamlSyntaxError(Exception):
    """The text is not valid YAML; `line` and `message` say where and why."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(f"{line}: {message}")


def parse_yaml(text: str, first_line: int = 1) -> Node:
    """Parse YAML text into nodes; an empty document is an empty mapping."""
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = (mark.line + first_line) if mark else first_line
        what = err.problem or "unreadable YAML"
        hint = f" ({err.context})" if err.context else ""
        raise YamlSyntaxError(line, f"YAML syntax error: {what}{hint}; check indentation, colons and quotes") from None
    except yaml.YAMLError as err:
        raise YamlSyntaxError(first_line, f"YAML syntax error: {err}") from None
    if root is None:
        return Node(kind="map", line=first_line)
    return _convert(root, first_line - 1)


FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader where PyYAML was built with it: about ten times faster than the pure-Python one, same nodes."""


def _compose(text: str) -> yaml.Node | None:
    """The node tree of `text`, read by libyaml; a document it rejects is read again by the pure-Python loader,
    whose error message (and verdict) is the one reported, so editors see the same words whichever PyYAML is installed."""
    try:
        return yaml.compose(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)


_constructor = yaml.SafeLoader("")


def _convert(node: yaml.Node, offset: int) -> Node:
    line = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        entries: list[tuple[str, int, Node]] = []
        seen: dict[str, int] = {}
        duplicates: list[tuple[str, int]] = []
        for key_node, value_node in node.value:
            key = str(key_node.value)
            key_line = key_node.start_mark.line + 1 + offset
            if key in seen:
                duplicates.append((key, key_line))
            seen[key] = key_line
            entries.append((key, key_line, _convert(value_node, offset)))
        return Node(kind="map", line=line, entries=tuple(entries), duplicate_keys=tuple(duplicates))
    if isinstance(node, yaml.SequenceNode):
        return Node(kind="list", line=line, items=tuple(_convert(n, offset) for n in node.value))
    try:
        value = _constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError):
        value = node.value
    if node.tag == NULL_TAG:
        value = None
    return Node(kind="scalar", line=line, text=str(node.value), value=value)
