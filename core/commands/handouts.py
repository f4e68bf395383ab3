"""Write the one-page handout of every language for a print shop.

`python -m core.commands.handouts [FOLDER]` (`make handouts`): refuses while the content check finds a problem.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.commands.check import check, editor_warnings
from core.content.problems import ROOT
from core.content.text import site_languages
from core.views.pdf import site_handout
from core.views.site import load_site


def write_handouts(folder: Path, handouts: dict[str, bytes]) -> list[Path]:
    """Write each language's handout as handout-<lang>.pdf in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for lang, content in handouts.items():
        path = folder / f"handout-{lang}.pdf"
        path.write_bytes(content)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Write the handouts to FOLDER (default handouts/), or print the content check's problems and exit 1."""
    parser = argparse.ArgumentParser(
        prog="python -m core.commands.handouts", description="Write the one-page handouts for a print shop."
    )
    parser.add_argument(
        "folder", nargs="?", type=Path, default=ROOT / "handouts", help="where to write them (default: handouts/)"
    )
    args = parser.parse_args(argv)
    problems = check(ROOT)
    if problems:
        print("\n".join(map(str, problems)))
        print("Fix these problems first (see `make check`).", file=sys.stderr)
        return 1
    handouts = {lang: site_handout(load_site(ROOT, lang)) for lang in site_languages(ROOT)}
    for path in write_handouts(args.folder, handouts):
        print(f"Wrote {path}")
    for warning in editor_warnings(ROOT):
        print(warning, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
