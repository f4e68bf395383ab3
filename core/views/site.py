"""The site as it is shown and checked: every part loaded, and every deck's slides checked to fit a projector.

core.domain.site loads and checks the content; whether a slide fits is known only once it is drawn, which
is this package's work (core.views.slides), so the loader here passes that check in.
"""

from __future__ import annotations

import functools
from pathlib import Path

from core.content.problems import ROOT
from core.content.schema import DEFAULT_LANGUAGE
from core.domain import site
from core.domain.site import Site
from core.views.slides import fit_problems


def load_site(root: Path = ROOT, lang: str = DEFAULT_LANGUAGE) -> Site:
    """Every part of the site in `lang`, its problems kept with the part they belong to, decks that do not fit
    included."""
    return site.load_site(root, lang, slide_check=fit_problems)


@functools.cache
def site_for(lang: str) -> Site:
    """The site in `lang`, loaded once per process: the pages (ui) and the page shell (core.views.offline) share
    this one copy. `make preview` empties it (site_for.cache_clear()) when a file is saved."""
    return load_site(ROOT, lang)
