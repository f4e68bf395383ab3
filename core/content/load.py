"""Load one content file into a model, or raise ContentError listing every problem in it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

from core.content.phones import denied_numbers_in
from core.content.problems import ROOT, ContentError, Problem, display_path
from core.content.schema import DEFAULT_LANGUAGE, Builder, Model, Where
from core.content.yamlnodes import YamlSyntaxError, parse_yaml

M = TypeVar("M", bound=Model)


def read_text(path: Path, root: Path = ROOT) -> str:
    """The file's text; a missing or unreadable file is a ContentError naming it."""
    shown = display_path(path, root)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError([Problem(shown, 0, "file is missing")]) from None
    except UnicodeDecodeError as err:
        raise ContentError([Problem(shown, 1, f"file is not UTF-8 text ({err.reason})")]) from None
    except OSError as err:
        raise ContentError([Problem(shown, 0, f"file cannot be read ({err.strerror})")]) from None


def parse_model(text: str, cls: type[M], shown: str, first_line: int = 1) -> M:
    """Build `cls` from YAML text; raise ContentError with every problem."""
    try:
        node = parse_yaml(text, first_line)
    except YamlSyntaxError as err:
        raise ContentError([Problem(shown, line, message) for line, message in err.problems]) from None
    problems = [Problem(shown, line, msg) for line, msg in denied_number_lines(text, first_line)]
    problems += [Problem(shown, line, msg) for line, msg in node.writing]
    if node.kind != "map":
        raise ContentError([*problems, Problem(shown, node.line, "expected named fields at the top of the file")])
    builder = Builder()
    model = builder.build(cls, node, Where())
    problems += [Problem(shown, line, msg) for line, msg in builder.problems]
    if problems or model is None:
        raise ContentError(problems)
    return model


def load_model(path: Path, cls: type[M], root: Path = ROOT) -> M:
    """Read and build one YAML file."""
    return parse_model(read_text(path, root), cls, display_path(path, root))


def denied_number_lines(text: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """Any number that must never be shown, wherever it is written (notes included)."""
    for offset, line in enumerate(text.splitlines()):
        for reason in denied_numbers_in(line):
            yield first_line + offset, f"a number that must never be shown is written here: {reason}"


def localized(root: Path, lang: str, *relative: str) -> Path:
    """content/<lang>/..., or the English file where no translation exists yet."""
    path = root.joinpath("content", lang, *relative)
    return path if path.exists() else root.joinpath("content", DEFAULT_LANGUAGE, *relative)


def content_fingerprint(root: Path = ROOT) -> tuple[int, int]:
    """What changes when an editor saves, adds or removes a file under content/ or data/: (files, latest change)."""
    stamps = [path.stat().st_mtime_ns for folder in ("content", "data") for path in (root / folder).rglob("*") if path.is_file()]
    return len(stamps), max(stamps, default=0)
