"""Which lines are for now (What to do, the handout, the offline page) and how the directory groups them: one rule each,
on the hotlines model, checked here on a small made-up file."""

from __future__ import annotations

from core.content.models import HotlineFile
from core.content.schema import Builder
from core.content.yamlnodes import parse_yaml


def line(id_: str, strip: bool, *purposes: str) -> str:
    phones = "".join(
        f'      - label: "{purpose}"\n        number: "707-555-01{n:02d}"\n        purpose: {purpose}\n'
        '        source: "https://example.org"\n        compared: 2026-12-01\n        confidence: official\n'
        for n, purpose in enumerate(purposes)
    )
    return (
        f'  - id: {id_}\n    name: "{id_}"\n    short_name: "{id_}"\n    about: "About."\n'
        f'    scope: "Example County"\n    in_crisis_strip: {str(strip).lower()}\n    phones:\n{phones}'
    )


LINES = {
    "strip-crisis": (True, "crisis"),
    "report-only": (False, "report", "office"),
    "support-only": (False, "support"),
    "tips-only": (False, "tips"),
    "strip-support": (True, "support"),
    "support-and-tips": (False, "tips", "support"),
}


def hotlines() -> HotlineFile:
    text = "hotlines:\n" + "".join(line(id_, strip, *purposes) for id_, (strip, *purposes) in LINES.items())
    built = Builder().build(HotlineFile, parse_yaml(text))  # the file-wide rules (911 in the strip…) do not matter here
    assert isinstance(built, HotlineFile)
    return built


def ids(lines: tuple) -> list[str]:
    return [hotline.id for hotline in lines]


def test_the_lines_for_now_are_the_strip_and_every_line_to_report_to_in_file_order() -> None:
    assert ids(hotlines().emergency_lines) == ["strip-crisis", "report-only", "strip-support"]


def test_the_directory_groups_lines_by_what_their_numbers_are_for_not_by_the_strip() -> None:
    urgent, support, tips = hotlines().by_urgency()
    assert ids(urgent) == ["strip-crisis", "report-only"]
    assert ids(support) == ["support-only", "strip-support", "support-and-tips"]
    assert ids(tips) == ["tips-only"]
