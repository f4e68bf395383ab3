"""The site's pages: one list that the router, the content check and the tests share."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Route:
    """A page of the site: its address, the script that draws it, and where its title comes from.

    Pages drawn from content/<lang>/pages/<path>.md take their title from the front matter;
    the others take it from strings.yaml under `nav.<path>`.
    """

    path: str
    script: str
    from_article: bool = False


ROUTES: tuple[Route, ...] = (
    Route("what-is-csec", "pages/what_is_csec.py", from_article=True),
    Route("how-it-happens", "pages/how_it_happens.py", from_article=True),
    Route("warning-signs", "pages/warning_signs.py", from_article=True),
    Route("talk-to-youth", "pages/talk_to_youth.py", from_article=True),
    Route("what-to-do", "pages/what_to_do.py", from_article=True),
    Route("statistics", "pages/statistics.py"),
    Route("directory", "pages/directory.py"),
    Route("safety", "pages/safety.py", from_article=True),
)
"""In menu order; the first is the home page."""

PATHS = frozenset(route.path for route in ROUTES)
