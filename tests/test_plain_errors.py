"""Mistakes an editor makes in a YAML file, each named in plain words on the line where it was made.

The walk: an editor changes data/agencies.yaml in a text editor and slips the way people do (a tab, a
field without the space after its colon, a name pasted from a word processor in curly quotes). Every slip
is reported at once, each on its own line. Mistakes that stop YAML reading the file (indentation, a colon
inside a text, an unclosed quote) are each named on the line to fix.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import copy_project
from shipped import AGENCIES

from core.commands.check import check
from core.content.load import content_fingerprint
from core.content.yamlnodes import YamlSyntaxError, parse_yaml

AGENCIES_PATH = "data/agencies.yaml"


def line_of(lines: list[str], start: str, after: int = 0) -> int:
    """The index of the first line from `after` that starts with `start` (so the walk follows the shipped file)."""
    return next(i for i in range(after, len(lines)) if lines[i].startswith(start))


def test_every_slip_in_a_file_is_named_at_once_each_on_its_own_line(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    path = root / AGENCIES_PATH
    lines = path.read_text(encoding="utf-8").splitlines()
    name = line_of(lines, "    name: ")
    lines[name] = "    name: \u201c" + lines[name].split(": ", 1)[1].strip('"') + "\u201d"
    purpose = next(i for i in range(name, len(lines)) if lines[i].lstrip().startswith("purpose: "))
    indent, value = lines[purpose].split("purpose: ", 1)
    lines[purpose] = f"{indent}purpose:{value}"
    tabbed = line_of(lines, "    name: ", purpose + 1)
    lines[tabbed] = "\t" + lines[tabbed].lstrip()
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    found = [str(problem) for problem in check(root) if problem.path == AGENCIES_PATH]

    assert found == [
        f"{AGENCIES_PATH}:{name + 1}: line {name + 1} starts its text with a curly quote (\u201c), as word processors write "
        'them: to quote a text, use straight quotes ("), or leave the quotes out',
        f'{AGENCIES_PATH}:{purpose + 1}: line {purpose + 1} needs a space after the colon: write "purpose: {value}"',
        f"{AGENCIES_PATH}:{tabbed + 1}: line {tabbed + 1} starts with a tab: indent with spaces (two per level), never tabs",
    ]


def test_a_name_in_curly_quotes_that_yaml_reads_is_still_reported() -> None:
    node = parse_yaml("agencies:\n  - id: a\n    name: \u201cA clinic\u201d\n")
    assert node.writing == (
        (
            3,
            "line 3 starts its text with a curly quote (\u201c), as word processors write them: to quote a text, use "
            'straight quotes ("), or leave the quotes out',
        ),
    )


UNREADABLE = [
    (
        "indented less",
        "agencies:\n  - id: a\n    kind: clinic\n   url: https://example.org\n",
        4,
        "line 4 is indented less than the line above it (3 spaces, not 4): the fields of one entry start at the same column",
    ),
    (
        "indented more",
        "agencies:\n  - id: a\n    kind: clinic\n      url: https://example.org\n",
        4,
        "line 4 is indented more than the line above it (6 spaces, not 4): the fields of one entry start at the same column",
    ),
    (
        "a colon inside a text",
        "agencies:\n  - id: a\n    notes: Open daily: call first\n",
        3,
        'line 3 has a colon and a space inside its text: put the whole text in straight double quotes ("...")',
    ),
    (
        "a quote never closed",
        'agencies:\n  - id: a\n    name: "A clinic\n    kind: clinic\n',
        3,
        'line 3 opens a quote (") that is not closed on the same line: close it at the end of the text',
    ),
    (
        "words after the closing quote",
        'agencies:\n  - id: a\n    name: "A clinic" of the county\n',
        3,
        "line 3 has more words after its closing quote: put the closing quote at the end of the text",
    ),
    (
        "a line that is not a field",
        "agencies:\n  - id: a\n    kind: clinic\nopen on weekends\n  url: https://example.org\n",
        4,
        "line 4 is not a field (name, colon, space, value) and is not indented as part of the text above it: add the "
        "missing colon and space, or indent it like the text it continues",
    ),
    (
        "a list never closed",
        "agencies:\n  - id: a\n    languages: [en, es\n",
        3,
        "line 3 opens a [ list that is not closed on the same line: close it at the end of the text",
    ),
]


@pytest.mark.parametrize(("text", "line", "message"), [case[1:] for case in UNREADABLE], ids=[c[0] for c in UNREADABLE])
def test_a_file_yaml_cannot_read_is_named_on_the_line_to_fix(text: str, line: int, message: str) -> None:
    with pytest.raises(YamlSyntaxError) as raised:
        parse_yaml(text)
    assert raised.value.problems == ((line, message),)


def test_words_in_a_block_of_text_are_words_not_mistakes() -> None:
    text = 'body: |\n  Note:this is fine\n  \u201cQuoted\u201d and\ttabbed words\nname: "A clinic"\nurl: https://example.org\n'
    assert parse_yaml(text).writing == ()


def test_the_shipped_content_has_no_slips() -> None:
    root = Path(__file__).resolve().parent.parent
    files = [*(root / "data").glob("*.yaml"), *(root / "content").rglob("*.yaml")]
    assert files
    assert {str(path): parse_yaml(path.read_text(encoding="utf-8")).writing for path in files} == {
        str(path): () for path in files
    }


def test_a_new_statistic_gets_every_problem_in_one_run_its_own_rules_included(tmp_path: Path) -> None:
    """A new figure with a misspelt field, a field left out, a value its rules refuse, and a rule between two
    fields (a secondary figure names where it was read): all are listed at once, not in rounds. The misspelt
    source_title also leaves the figure without a title, which its rule says."""
    root = copy_project(tmp_path / "project")
    entry = (
        "  - id: new-figure-2023\n"
        '    label: "A new figure"\n'
        "    value: 1000\n"
        "    unit: number\n"
        '    population: "Cases identified through Hotline contacts"\n'
        '    period: "Calendar year 2023"\n'
        '    period_label: "2023"\n'
        "    year_kind: calendar\n"
        '    geography: "California"\n'
        '    publisher: "A publisher"\n'
        '    sorce_title: "A report"\n'
        "    published_year: 1800\n"
        '    url: "https://example.org/report"\n'
        '    quote: "The source\'s exact words."\n'
        "    verification: secondary\n"
        '    caveat: "Not all trafficking in the state."\n'
    )
    path = root / "data" / "statistics.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.index("\nfigures:\n") + len("\nfigures:\n")
    path.write_text(text[:first] + entry + text[first:], encoding="utf-8")
    line = text[:first].count("\n") + 1  # the entry's first line

    found = [problem.message for problem in check(root) if problem.path == "data/statistics.yaml"]

    assert len(found) == 5, found
    assert any('unknown field "sorce_title"; did you mean "source_title"?' in m for m in found)
    assert any('missing required field "topic"' in m for m in found)
    assert any("published_year 1800 is not a year of publication" in m for m in found)
    assert any("verification is secondary, so read_in must name the outlet it was read in" in m for m in found)
    assert any("needs a source_title (the publication's title)" in m for m in found)
    assert all(problem.line >= line for problem in check(root) if problem.path == "data/statistics.yaml")


def test_an_entry_is_named_as_an_editor_counts_from_1_with_its_name(tmp_path: Path) -> None:
    index, agency = next((i, a) for i, a in reversed(list(enumerate(AGENCIES))) if len(a.phones) >= 2 and a.phones[1].number)
    root = copy_project(tmp_path / "project")
    path = root / AGENCIES_PATH
    text = path.read_text(encoding="utf-8")
    number = agency.phones[1].number
    start = text.index(f"id: {agency.id}\n")
    at = text.index(f'number: "{number}"', start)
    path.write_text(text[:at] + 'number: "555-01"' + text[at + len(f'number: "{number}"') :], encoding="utf-8")

    found = [problem.message for problem in check(root) if problem.path == AGENCIES_PATH]

    assert found == [f'agency {index + 1} "{agency.name.en}": phone 2, number "555-01" is not a valid US phone number']


def test_the_content_fingerprint_changes_when_an_editor_saves_adds_or_removes_a_file(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    first = content_fingerprint(root)
    assert content_fingerprint(root) == first
    path = root / "data" / "site.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(path, ns=(first[1] + 1_000_000, first[1] + 1_000_000))
    saved = content_fingerprint(root)
    assert saved != first
    (root / "content" / "en" / "pages" / "extra.md").write_text("---\n---\n", encoding="utf-8")
    added = content_fingerprint(root)
    assert added[0] == saved[0] + 1
    (root / "content" / "en" / "pages" / "extra.md").unlink()
    assert content_fingerprint(root)[0] == saved[0]
