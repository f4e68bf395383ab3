"""The maintainers' report: `python -m core.commands.report [--months N] [ROOT]`.

Lists every directory entry and every number the site shows that is unconfirmed, or was last
compared with its sources more than N months ago (default 12), with what is left to verify; then the open questions
from the research. This is the task force's verification to-do list. Exits 1 only if a data file
cannot be loaded (its problems are printed instead).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from core.content.load import load_model
from core.content.models import HotlineFile, SiteFile
from core.content.problems import ROOT, ContentError
from core.domain.directory import load_agencies
from core.domain.freshness import DEFAULT_MONTHS, Item, verification_summary


def build_report(root: Path = ROOT, months: int = DEFAULT_MONTHS, today: dt.date | None = None) -> list[str]:
    """The report's lines; raises ContentError if a data file cannot be loaded."""
    today = today or dt.date.today()
    problems = []
    loaded = []
    for load in (
        lambda: load_agencies(root),
        lambda: load_model(root / "data" / "hotlines.yaml", HotlineFile, root),
        lambda: load_model(root / "data" / "site.yaml", SiteFile, root),
    ):
        try:
            loaded.append(load())
        except ContentError as err:
            problems += err.problems
    if problems:
        raise ContentError(problems)
    summary = verification_summary(*loaded, months=months, today=today)
    return [
        f"Directory verification report, {today}",
        f"Lists what is unconfirmed, or was last compared with its sources more than {months} months ago"
        f" (before {summary.cutoff}).",
        f"Task force confirmation: {summary.confirmed} of {summary.total} entries confirmed.",
        "",
        f"Entries to verify ({len(summary.entries)})",
        *_section(summary.entries),
        "",
        f"Numbers to verify ({len(summary.numbers)})",
        *_section(summary.numbers),
        "",
        f"Open questions from the research ({len(summary.questions)})",
        *(f"  - {question}" for question in summary.questions),
    ]


def _section(items: Iterable[Item]) -> Iterator[str]:
    shown = False
    for item in items:
        shown = True
        yield from (f"  {line}" for line in str(item).splitlines())
    if not shown:
        yield "  (nothing)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m core.commands.report", description="The directory's verification to-do list."
    )
    parser.add_argument(
        "--months",
        type=int,
        default=DEFAULT_MONTHS,
        help=f"list what was compared with its sources more than N months ago (default {DEFAULT_MONTHS})",
    )
    parser.add_argument("root", nargs="?", type=Path, default=ROOT, help="project folder (default: this one)")
    args = parser.parse_args(argv)
    if args.months < 0:
        parser.error("--months must be 0 or more")
    try:
        lines = build_report(args.root, args.months)
    except ContentError as err:
        for problem in err.problems:
            print(problem)
        print("The report needs these files to load; fix the problems above (see `make check`).", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
