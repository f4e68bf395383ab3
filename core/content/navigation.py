"""The site's pages: one list that the router, the content check and the tests share."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Route:
    """A page of the site: its address, the script that draws it, and where its title comes from.

    `path` is the address after the site's root: "" for the home page, "what-to-do" for /what-to-do.
    Pages drawn from content/<lang>/pages/<path>.md take their title from the front matter;
    the others take it from strings.yaml under `nav.<name>`.
    """

    path: str
    script: str
    from_article: bool = False

    @property
    def name(self) -> str:
        """The page's name in strings.yaml (`nav.<name>`) and in test ids: its path, or "home"."""
        return self.path or "home"


PRESENT_PATH = "present"
"""The presenter view's address: its decks are translated as a whole, and its slides fill the window."""

ROUTES: tuple[Route, ...] = (
    Route("", "pages/home.py"),
    Route("what-is-csec", "pages/what_is_csec.py", from_article=True),
    Route("how-it-happens", "pages/how_it_happens.py", from_article=True),
    Route("warning-signs", "pages/warning_signs.py", from_article=True),
    Route("talk-to-youth", "pages/talk_to_youth.py", from_article=True),
    Route("what-to-do", "pages/what_to_do.py", from_article=True),
    Route("statistics", "pages/statistics.py"),
    Route("directory", "pages/directory.py"),
    Route("safety", "pages/safety.py", from_article=True),
    Route(PRESENT_PATH, "pages/present.py"),
)
"""In menu order. The first is the home page, at the site's root: it has an address of its own
because Streamlit serves the default page at / only (a link to /<its url_path> opens "Page not
found"), so every other page, the first article included, keeps the address its path says."""

HOME = ROUTES[0]
PATHS = frozenset(route.path for route in ROUTES if route.path)
"""The addresses a page's `see_also` may name (the home page is always in the menu)."""
