"""Comments in the data files name real fields: an editor who follows a comment writes a field the check accepts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from core.commands.fieldguide import FILES, models_in
from core.content.schema import public_fields

ROOT = Path(__file__).resolve().parent.parent
DATA_FILES = {path: cls for path, cls in FILES.items() if path.startswith("data/")}

QUOTED = re.compile(r"`([a-z][a-z0-9_]*)(?::[^`]*)?`")
"""A field named in backticks: `source`, `purpose: tips` (commands such as `make check` start with a space)."""
LEADING = re.compile(r"^#\s+([a-z][a-z0-9_]*):(?:\s|$)")
"""A field written at the start of a comment line, as in an example to copy: `#   public_url: "https://..."`."""


def fields_named(comment: str) -> list[str]:
    return [*QUOTED.findall(comment), *LEADING.findall(comment)]


def field_names(cls: type) -> set[str]:
    return {f.name for model in models_in(cls) for f in public_fields(model)}


def test_the_field_finder_sees_both_ways_a_comment_names_a_field() -> None:
    assert fields_named("# every phone has a `source` and a `checked` date; use `purpose: tips`") == [
        "source",
        "checked",
        "purpose",
    ]
    assert fields_named('#   public_url: "https://..."') == ["public_url"]
    assert fields_named("# Rules the check enforces (`make check`): ids are unique.") == []


@pytest.mark.parametrize("path", sorted(DATA_FILES))
def test_every_field_a_comment_names_is_a_field_of_the_file(path: str) -> None:
    known = field_names(DATA_FILES[path])
    wrong = []
    for number, line in enumerate((ROOT / path).read_text(encoding="utf-8").splitlines(), start=1):
        comment = line.strip()
        if not comment.startswith("#"):
            continue
        wrong += [f"{path}:{number}: `{name}`" for name in fields_named(comment) if name not in known]
    assert wrong == [], "comments name fields the file does not have"
