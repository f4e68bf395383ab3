"""The translations report, and stamping a file once it matches the current English.

`python -m core.commands.translations [--stamp FILE] [ROOT]` (`make translations`, `make stamp FILE=…`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from core.content.problems import ROOT
from core.content.schema import DEFAULT_LANGUAGE, LANGUAGES
from core.content.text import site_languages
from core.content.translation import report_lines, stamp
from core.views.site import load_site


def main(argv: list[str] | None = None) -> int:
    """The report for every translated language, or, with --stamp, record the hashes of one translated file."""
    parser = argparse.ArgumentParser(
        prog="python -m core.commands.translations", description="Missing, stale and unreviewed translations."
    )
    parser.add_argument("--stamp", metavar="FILE", help="after updating FILE to the current English, record its hashes")
    parser.add_argument("root", nargs="?", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    for lang in LANGUAGES:
        if lang == DEFAULT_LANGUAGE or lang not in site_languages(args.root):
            continue
        units = load_site(args.root, lang).units
        if args.stamp:
            if args.stamp.startswith(f"content/{lang}/"):
                print(f"{args.stamp}: {stamp(args.root, args.stamp, units)} translation record(s) stamped")
        else:
            print("\n".join(report_lines(units, lang)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
