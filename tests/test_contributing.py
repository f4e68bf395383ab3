"""The editors' guide (CONTRIBUTING.md) tells the truth: its CI message, recipes and examples are checked here."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from shipped import break_a_hotline_number, without_place

from core.commands.check import check
from core.content.navigation import ROUTES
from core.content.text import load_article
from core.domain.statistics import load_statistics
from core.views.site import load_site

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def block_after(marker: str) -> str:
    """The first fenced block after `marker` in the guide, without its fences and common indentation."""
    rest = GUIDE[GUIDE.index(marker) :]
    match = re.search(r"^( *)```[a-z]*\n(.*?)^\1```", rest, re.S | re.M)
    assert match, f"no example after {marker!r}"
    indent = len(match.group(1))
    return "\n".join(line[indent:] for line in match.group(2).splitlines()) + "\n"


def content_copy(tmp_path: Path) -> Path:
    for folder in ("content", "data"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def test_the_failed_check_shown_for_the_web_edit_is_what_make_check_prints(tmp_path: Path) -> None:
    root = content_copy(tmp_path)
    shown = block_after("Near its").splitlines()
    break_a_hotline_number(root, next(line for line in shown if "831-755-466" in line), "831-755-466")
    run = subprocess.run(
        [sys.executable, "-m", "core.commands.check", str(root)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert run.returncode == 1
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    recipe_line = next(n for n, line in enumerate(makefile, 1) if line.strip() == "$(PY) -m core.commands.check")
    assert makefile[recipe_line - 2].startswith("check:"), "the check's recipe is the first line of `make check`"
    # Translation warnings come and go with every English edit (a translation goes stale until it is redone); the
    # guide shows the problem an editor must fix, so the comparison leaves warnings out.
    output = [*run.stdout.splitlines(), *run.stderr.splitlines()]
    assert any(": warning: " not in line for line in output)
    printed = [line for line in output if ": warning: " not in line and "translation warning(s)" not in line]
    printed.append(f"make: *** [Makefile:{recipe_line}: check] Error 1")
    # The line number, and which entry the example broke, move as editors work; the rest is exact.
    assert [without_place(line) for line in printed] == [without_place(line) for line in shown]


def test_the_new_statistic_example_passes_the_check(tmp_path: Path) -> None:
    """The example is shown in the file's own indentation: pasted as it is under `figures:`, it passes."""
    root = content_copy(tmp_path)
    example = block_after("**A new statistic**")
    assert example.startswith("  - id: ")
    path = root / "data" / "statistics.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nfigures:\n" in text
    path.write_text(text.replace("\nfigures:\n", "\nfigures:\n" + example, 1), encoding="utf-8")
    assert [str(p) for p in check(root)] == []
    assert load_statistics(root).data.figure("example-hotline-cases-2023").value == 1000


def test_the_changed_figure_example_passes_the_check(tmp_path: Path) -> None:
    """The changed lines, written over a figure of the file that is in no chart, pass the check."""
    root = content_copy(tmp_path)
    after = block_after("**A figure changed**")
    keys = [line.split(":")[0].strip() for line in after.splitlines()]
    assert all(line.startswith("    ") and not line.startswith("     ") for line in after.splitlines())
    path = root / "data" / "statistics.yaml"
    text = path.read_text(encoding="utf-8")
    figures = re.findall(r"^  - id: .*\n(?:    .*\n)*", text, re.M)
    alone = [f for f in figures if "\n    series:" not in f]
    assert alone, "the statistics have no figure outside a chart to change"
    figure = alone[0]
    lines = figure.splitlines(keepends=True)
    kept, skipping = [lines[0]], False
    for line in lines[1:]:
        if line.startswith("    ") and not line.startswith("     "):
            skipping = line.split(":")[0].strip() in keys
        if not skipping:
            kept.append(line)
    changed = kept[0] + after + "".join(kept[1:])
    path.write_text(text.replace(figure, changed, 1), encoding="utf-8")
    assert [str(p) for p in check(root)] == []
    figure_id = figure.split(":", 1)[1].split("\n")[0].strip()
    assert load_statistics(root).data.figure(figure_id).value == 5


def phone_lines(text: str) -> list[str]:
    """The phone entries of a hotline or agency file, each in full, as the file writes them."""
    return re.findall(r"^      - label: .*\n(?:        .*\n)*", text, re.M)


def replace_phone_line(root: Path, relative: str, after: str) -> None:
    """Write the guide's "after" block over the first phone line of the file with the same purpose."""
    purpose = re.search(r"^ *purpose: (\S+)$", after, re.M).group(1)
    path = root / relative
    text = path.read_text(encoding="utf-8")
    before = next((line for line in phone_lines(text) if f"purpose: {purpose}\n" in line and "number:" in line), None)
    assert before, f"{relative} has no {purpose} number for the guide's example to change"
    path.write_text(text.replace(before, after, 1), encoding="utf-8")


def test_the_changed_hotline_number_example_passes_the_check(tmp_path: Path) -> None:
    root = content_copy(tmp_path)
    after = block_after("**A hotline's number changed**")
    assert after.startswith("      - label: ")
    replace_phone_line(root, "data/hotlines.yaml", after)
    assert [str(p) for p in check(root)] == []
    number = re.search(r'number: "(.*)"', after).group(1)
    assert number in (root / "data" / "hotlines.yaml").read_text(encoding="utf-8")


def test_the_changed_agency_number_example_passes_the_check(tmp_path: Path) -> None:
    root = content_copy(tmp_path)
    after = block_after("**An agency's number changed**")
    assert after.startswith("      - label: ")
    replace_phone_line(root, "data/agencies.yaml", after)
    assert [str(p) for p in check(root)] == []
    number = re.search(r'number: "(.*)"', after).group(1)
    assert number in (root / "data" / "agencies.yaml").read_text(encoding="utf-8")


def test_the_new_agency_example_passes_the_check(tmp_path: Path) -> None:
    """Pasted as it is under `agencies:`, before the open questions, the example passes and is listed."""
    root = content_copy(tmp_path)
    example = block_after("**A new agency**")
    assert example.startswith("  - id: ")
    path = root / "data" / "agencies.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nopen_questions:" in text
    path.write_text(text.replace("\nopen_questions:", "\n" + example + "\nopen_questions:", 1), encoding="utf-8")
    assert [str(p) for p in check(root)] == []
    agency_id = re.match(r"  - id: (\S+)", example).group(1)
    assert agency_id in {agency.id for agency in load_site(root)["directory"].value.agencies}


def test_the_new_deck_example_passes_the_check(tmp_path: Path) -> None:
    """The example names real pages, charts and lines: if an edit removes one, the example must follow."""
    root = content_copy(tmp_path)
    (root / "content" / "en" / "decks" / "example-deck.yaml").write_text(block_after("**A new deck**"), encoding="utf-8")
    assert [str(p) for p in check(root)] == []
    assert "example-deck" in load_site(root).decks


def test_the_new_page_recipe_is_how_every_article_page_is_made(tmp_path: Path) -> None:
    script = block_after("three lines (replace")
    route_line = re.search(r"`(Route\(.*?\),)`", GUIDE[GUIDE.index("One line in `core/content/navigation.py`") :]).group(1)
    navigation = (ROOT / "core" / "content" / "navigation.py").read_text(encoding="utf-8")
    articles = [route for route in ROUTES if route.from_article]
    plain = [
        route
        for route in articles
        if (ROOT / route.script).read_text(encoding="utf-8") == script.replace("<address>", route.path)
    ]
    assert plain, "no page is made the way the recipe says"
    for route in articles:  # the others draw more below the same article and see-also calls
        script_path = f"pages/{route.path.replace('-', '_')}.py"
        assert route.script == script_path
        source = (ROOT / script_path).read_text(encoding="utf-8")
        assert f'ui.show_article("{route.path}")' in source
        assert f'ui.show_see_also("{route.path}")' in source
        line = route_line.replace("<address with _ for ->", route.path.replace("-", "_")).replace("<address>", route.path)
        assert line in navigation
    front_matter = block_after("starting with its front matter")
    page = tmp_path / "content" / "en" / "pages" / "resources-for-schools.md"
    page.parent.mkdir(parents=True)
    page.write_text(front_matter + "\nSome text.\n", encoding="utf-8")
    article = load_article(page, None, tmp_path)
    assert article.meta.nav_title == "For schools"
