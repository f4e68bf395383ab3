"""Problems found in content files, reported as `path:line: message`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

CODE_ROOT = Path(__file__).resolve().parents[2]
"""The project's folder: its code, pages, assets and deploy files."""
SITE_ROOT_VARIABLE = "CSEC_SITE_ROOT"
"""The environment variable that names another folder to take content/ and data/ from (another county's site)."""
ROOT = Path(os.environ.get(SITE_ROOT_VARIABLE) or CODE_ROOT).resolve()
"""The folder whose content/ and data/ the site shows: the project's own unless CSEC_SITE_ROOT names another.
Read here alone, once per process."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, at one line."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(Exception):
    """Raised when a file cannot be used; carries every problem found in it."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(sorted(set(problems)))
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path, root: Path) -> str:
    """The path as an editor knows it: relative to the project root when possible."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
