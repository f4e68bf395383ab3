"""Check every file under content/ and data/: `python -m core.commands.check [ROOT]`.

Prints every problem as `path:line: message` and exits 1 if there is any. Translations that are
missing or stale are printed as warnings (`path:line: warning: ...`) and do not fail the check:
the site shows English for them until they are done (`make translations` lists them by file).
"""

from __future__ import annotations

import sys
from pathlib import Path

from core.content.phones import read_number_lists
from core.content.problems import ROOT, Problem
from core.content.text import HANDOUT_PAGE, site_languages
from core.domain.site import Site
from core.views.pdf import HandoutTooLongError, site_handout
from core.views.site import load_site


def translated_sites(root: Path = ROOT) -> list[Site]:
    """The site in every language that has a folder under content/, English first."""
    return [load_site(root, lang) for lang in site_languages(root)]


def check(root: Path = ROOT) -> list[Problem]:
    """Every problem in the project's content, in every language that has a folder."""
    sites = translated_sites(root)
    found = {problem for site in sites for problem in (*site.problems, *handout_problems(site))}
    return sorted(found | set(read_number_lists(root)[1]))


def handout_problems(site: Site) -> list[Problem]:
    """The one-page handout of a language, where it would not fit on its page."""

    try:
        site_handout(site)
    except HandoutTooLongError as err:
        return [Problem(f"content/{site.lang}/pages/{HANDOUT_PAGE}.md", 1, str(err))]
    except ValueError:
        return []  # a file it draws on is broken: that file's problems say why
    return []


def warnings(root: Path = ROOT) -> list[Problem]:
    """Missing and stale translations: listed, but not failures."""
    found = {w for site in translated_sites(root) for unit in site.units for w in unit.warnings()}
    return sorted(Problem(w.path, w.line, f"warning: {w.message}") for w in found)


def editor_warnings(root: Path = ROOT) -> list[Problem]:
    """What an editor should know but that breaks nothing: today, a site address not set yet (no QR code anywhere)."""
    site = load_site(root).parts["site"].value
    if site is None or site.public_url:
        return []
    path = root / "data" / "site.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next((number for number, text in enumerate(lines, start=1) if text.startswith("public_url:")), 1)
    return [
        Problem(
            "data/site.yaml",
            line,
            "warning: public_url is not set, so the handout and the talks' closing slides carry no QR code and no "
            'address for this site. Once the site has its public address, write it there: public_url: "https://..."',
        )
    ]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else ROOT
    problems = check(root)
    for problem in problems:
        print(problem)
    for note in editor_warnings(root):
        print(note)
    notes = warnings(root)
    for note in notes:
        print(note)
    if notes:
        print(
            f"{len(notes)} translation warning(s): a missing translation is shown in English; a stale one keeps its "
            "older words, marked as not reviewed, until it is updated (see `make translations`)."
        )
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    print("Content check passed: no problems found.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
