"""Read YAML into a tree of nodes that remember their line numbers, and say in plain words what is wrong with it.

Content is edited by people who are not programmers. Before YAML reads a file, `writing_problems` looks for the
slips a word processor or a quick edit makes (a tab, a field without a space after its colon, a text in curly
quotes) and names the line they are on; YAML's own messages are put in plain words by `plain_message`.
"""

from __future__ import annotations

import dataclasses
import re
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
    writing: tuple[tuple[int, str], ...] = field(default=())  # root only: writing_problems of a file YAML could read

    @property
    def is_null(self) -> bool:
        return self.kind == "scalar" and self.value is None and self.text in ("", "~", "null", "Null", "NULL")

    def get(self, key: str) -> Node | None:
        for k, _, v in self.entries:
            if k == key:
                return v
        return None


class YamlSyntaxError(Exception):
    """The text is not valid YAML; `problems` lists (line, message) pairs, the first also as `line` and `message`."""

    def __init__(self, line: int, message: str, problems: tuple[tuple[int, str], ...] = ()) -> None:
        self.problems = problems or ((line, message),)
        self.line, self.message = self.problems[0]
        super().__init__("\n".join(f"{n}: {m}" for n, m in self.problems))


_CURLY = "\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb"
_KEY_WITHOUT_SPACE = re.compile(r"^(?P<indent> *)(?:- +)?(?P<key>[A-Za-z_][A-Za-z0-9_-]*):(?P<rest>[^\s/:].*)$")
_CURLY_VALUE = re.compile(r"^ *(?:- +)?(?:[A-Za-z_][A-Za-z0-9_-]*: +)?(?P<quote>[" + _CURLY + r"])")
_BLOCK_START = re.compile(r"(?:^|[:\-] +)[|>][+-]?[0-9]?\s*(?:#.*)?$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def writing_problems(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """Slips an editor makes that YAML misreads or reports on another line, each on its own line in plain words.

    Lines inside a block of text (after `|` or `>`) and comments are left alone: there a tab, a colon or a curly
    quote is part of the words.
    """
    found: list[tuple[int, str]] = []
    block_indent: int | None = None
    for offset, line in enumerate(text.splitlines()):
        number = first_line + offset
        stripped = line.strip()
        if block_indent is not None:
            if not stripped or _indent(line) > block_indent:
                continue
            block_indent = None
        if line.startswith("\t") or (line[: _indent(line) + 1].endswith("\t")):
            found.append((number, f"line {number} starts with a tab: indent with spaces (two per level), never tabs"))
            continue
        if not stripped or stripped.startswith("#"):
            continue
        if _BLOCK_START.search(line.split(" #")[0].rstrip()):
            block_indent = _indent(line)
        written = _KEY_WITHOUT_SPACE.match(line)
        if written and not written.group("rest").startswith(("//", "[", "{")):
            key, rest = written.group("key"), written.group("rest")
            found.append((number, f'line {number} needs a space after the colon: write "{key}: {rest.strip()}"'))
            continue
        curly = _CURLY_VALUE.match(line)
        if curly:
            found.append(
                (
                    number,
                    f"line {number} starts its text with a curly quote ({curly.group('quote')}), as word processors "
                    'write them: to quote a text, use straight quotes ("), or leave the quotes out',
                )
            )
    return found


_QUOTED_THEN_MORE = re.compile(r"""^ *(?:- +)?(?:[A-Za-z_][A-Za-z0-9_-]*: +)?("[^"]*"|'[^']*') *[^\s#]""")


def _structure(lines: list[str]) -> list[int]:
    """The indexes of the lines that are YAML's structure: not empty, not comments, not the words of a `|` block."""
    kept: list[int] = []
    block_indent: int | None = None
    for i, line in enumerate(lines):
        if block_indent is not None:
            if not line.strip() or _indent(line) > block_indent:
                continue
            block_indent = None
        body = line.split(" #")[0]
        if not body.strip() or body.lstrip().startswith("#"):
            continue
        if _BLOCK_START.search(body.rstrip()):
            block_indent = _indent(line)
        kept.append(i)
    return kept


def _unclosed(lines: list[str]) -> tuple[int, str] | None:
    """The first line that opens a double quote or a [ list and does not close it: where an editor should look."""
    for i in _structure(lines):
        body = lines[i].split(" #")[0]
        if (body.count('"') - body.count('\\"')) % 2:
            return i, 'quote (")'
        if body.count("[") > body.count("]"):
            return i, "[ list"
    return None


def _content_column(line: str) -> int:
    """Where a line's field starts: after the "- " of a list entry."""
    return _indent(line) + (2 if line.lstrip().startswith("- ") else 0)


def _misaligned(lines: list[str], index: int, above: list[int]) -> str | None:
    """'less' or 'more' when line `index` starts at a column no entry above it uses, else None."""
    if not above or index >= len(lines):
        return None
    here, previous = _indent(lines[index]), _indent(lines[above[-1]])
    if lines[above[-1]].lstrip().startswith("- "):
        previous += 2  # the fields of a list entry start after its "- "
    if here > previous:
        return None if lines[above[-1]].split(" #")[0].rstrip().endswith(":") else "more"
    columns = {previous}
    for i in reversed(above):
        column = _indent(lines[i])
        if column < min(columns):
            columns.add(column)
        if column in columns and lines[i].lstrip().startswith("- "):
            columns.add(column + 2)
    return None if here in columns else "less"


_QUOTED_THEN_MORE = re.compile(r"""^ *(?:- +)?(?:[A-Za-z_][A-Za-z0-9_-]*: +)?("[^"]*"|'[^']*') *[^\s#]""")


def plain_message(problem: str, context: str | None, number: int, lines: list[str], first_line: int = 1) -> tuple[int, str]:
    """YAML's own message for line `number` of a file it cannot read, as (line, plain words that name the line)."""
    index = number - first_line
    here = lines[index] if 0 <= index < len(lines) else ""
    above = [i for i in _structure(lines) if i < index]
    opened = _unclosed(lines[: index + 1])
    if opened is not None:
        at, mark = opened[0] + first_line, opened[1]
        return at, f"line {at} opens a {mark} that is not closed on the same line: close it at the end of the text"
    if _QUOTED_THEN_MORE.match(here):
        return number, f"line {number} has more words after its closing quote: put the closing quote at the end of the text"
    if "could not find expected ':'" in problem and above:
        at = above[-1] + first_line
        return at, (
            f"line {at} is not a field (name, colon, space, value) and is not indented as part of the text "
            "above it: add the missing colon and space, or indent it like the text it continues"
        )
    side = _misaligned(lines, index, above) if here.strip() else None
    if side and ("mapping values are not allowed here" in problem or "expected <block end>" in problem):
        return number, (
            f"line {number} is indented {side} than the line above it ({_indent(here)} spaces, not "
            f"{_content_column(lines[above[-1]])}): the fields of one entry start at the same column"
        )
    if "mapping values are not allowed here" in problem:
        return (
            number,
            f'line {number} has a colon and a space inside its text: put the whole text in straight double quotes ("...")',
        )
    if "expected <block end>" in problem or "expected <block mapping start>" in problem:
        return number, f"line {number} is not lined up with the fields of the same entry above it: start it at the same column"
    hint = f" ({context})" if context else ""
    return number, f"line {number}: YAML cannot read it: {problem}{hint}; check indentation, colons and quotes"


def parse_yaml(text: str, first_line: int = 1) -> Node:
    """Parse YAML text into nodes; an empty document is an empty mapping.

    A file YAML cannot read raises YamlSyntaxError with every writing problem found, or YAML's message in plain
    words; a file it can read still carries its writing problems in the root node's `writing`.
    """
    writing = writing_problems(text, first_line)
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = (mark.line + first_line) if mark else first_line
        if writing:
            raise YamlSyntaxError(*writing[0], problems=tuple(writing)) from None
        raise YamlSyntaxError(
            *plain_message(err.problem or "unreadable YAML", err.context, line, text.splitlines(), first_line)
        ) from None
    except yaml.YAMLError as err:
        raise YamlSyntaxError(first_line, f"YAML cannot read this file: {err}") from None
    if root is None:
        return Node(kind="map", line=first_line, writing=tuple(writing))
    node = _convert(root, first_line - 1)
    return dataclasses.replace(node, writing=tuple(writing)) if writing else node


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
