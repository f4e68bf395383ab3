"""Check every file under content/ and data/: `python -m core.check [ROOT]`.

Prints every problem as `path:line: message` and exits 1 if there is any.
"""

from __future__ import annotations

import sys
from pathlib import Path

from core.problems import ROOT, Problem
from core.schema import LANGUAGES
from core.site import load_site


def check(root: Path = ROOT) -> list[Problem]:
    """Every problem in the project's content, in every language that has a folder."""
    found: set[Problem] = set()
    for lang in LANGUAGES:
        if lang == "en" or (root / "content" / lang).is_dir():
            found.update(load_site(root, lang).problems)
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else ROOT
    problems = check(root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    print("Content check passed: no problems found.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
