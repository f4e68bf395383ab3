"""Everything the site shows, loaded part by part so one broken file breaks only its own page."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.decks import LoadedDeck, deck_paths, parse_deck, reference_problems
from core.load import load_model, localized
from core.models import HotlineFile, SiteFile, WarningSignFile
from core.policies import policy_problems
from core.problems import ROOT, ContentError, Problem, display_path
from core.schema import DEFAULT_LANGUAGE, LANGUAGES
from core.search import load_directory
from core.slides import DeckData, fit_problems
from core.statistics import load_statistics
from core.text import Article, Strings, load_article, load_strings


@dataclass(frozen=True)
class Part:
    """One loaded part: its value, or the problems that kept it from loading."""

    value: Any = None
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def attempt(load: Callable[[], Any]) -> Part:
    """Run a loader; a ContentError becomes a Part that carries its problems."""
    try:
        return Part(load())
    except ContentError as err:
        return Part(None, err.problems)


def page_ids(root: Path, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """Ids of the Markdown pages (file names without .md), English ones being the full set."""
    return sorted(p.stem for p in (root / "content" / DEFAULT_LANGUAGE / "pages").glob("*.md"))


Loader = Callable[[Path, str, Mapping[str, Part]], Any]

PARTS: dict[str, Loader] = {
    "strings": lambda root, lang, parts: load_strings(root, lang),
    "site": lambda root, lang, parts: load_model(root / "data" / "site.yaml", SiteFile, root),
    "hotlines": lambda root, lang, parts: load_model(root / "data" / "hotlines.yaml", HotlineFile, root),
    "warning_signs": lambda root, lang, parts: load_model(localized(root, lang, "warning_signs.yaml"), WarningSignFile, root),
    "directory": lambda root, lang, parts: load_directory(root, lang),
    "statistics": lambda root, lang, parts: load_statistics(root, lang),
}
"""Each part of the site and how to load it; later parts may use earlier ones."""


def placeholder_ids(parts: Mapping[str, Part]) -> dict[str, set[str]] | None:
    """Ids that {{call:...}}, {{text:...}} and {{link:...}} may name; None if their files are broken."""
    hotlines, site = parts["hotlines"].value, parts["site"].value
    if hotlines is None or site is None:
        return None
    return {
        "call": {h.id for h in hotlines.hotlines if any(p.number for p in h.phones)},
        "text": {h.id for h in hotlines.hotlines if any(p.text_to for p in h.phones)},
        "link": {link.id for link in site.links} | {h.id for h in hotlines.hotlines if h.website},
    }


@dataclass(frozen=True)
class Site:
    """The loaded site in one language."""

    lang: str
    parts: Mapping[str, Part]
    articles: Mapping[str, Part] = field(default_factory=dict)
    decks: Mapping[str, Part] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Part:
        return self.parts[name]

    def article(self, page_id: str) -> Part:
        return self.articles.get(page_id) or Part(
            None, (Problem(f"content/{self.lang}/pages/{page_id}.md", 0, "file is missing"),)
        )

    @property
    def problems(self) -> tuple[Problem, ...]:
        every = (*self.parts.values(), *self.articles.values(), *self.decks.values())
        found = {p for part in every for p in part.problems}
        return tuple(sorted(found))


def load_site(root: Path = ROOT, lang: str = DEFAULT_LANGUAGE) -> Site:
    """Load every part; problems are kept with the part they belong to."""
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    parts: dict[str, Part] = {}
    for name, loader in PARTS.items():
        parts[name] = attempt(lambda loader=loader: loader(root, lang, parts))
    known = placeholder_ids(parts)
    articles = {
        page_id: attempt(lambda page_id=page_id: _article(root, lang, page_id, known)) for page_id in page_ids(root, lang)
    }
    decks = {path.stem: attempt(lambda path=path: _deck(root, lang, path, parts, articles)) for path in deck_paths(root, lang)}
    parts["policies"] = Part(None, tuple(policy_problems(parts, articles)))
    return Site(lang, parts, articles, decks)


DECK_NEEDS = ("statistics", "hotlines", "site", "warning_signs", "directory")
"""The parts a deck draws on: while one of them is broken, decks cannot be checked or shown."""


def deck_data(lang: str, parts: Mapping[str, Part], articles: Mapping[str, Part]) -> DeckData | None:
    """What decks draw on, or None while a part they need is broken."""
    if not all(parts[name].ok for name in DECK_NEEDS):
        return None
    strings = parts["strings"].value if parts["strings"].ok else Strings(lang, {})
    return DeckData(
        lang=lang,
        t=strings,
        statistics=parts["statistics"].value.data,
        hotlines=parts["hotlines"].value,
        site=parts["site"].value,
        signs=parts["warning_signs"].value,
        articles={page_id: part.value for page_id, part in articles.items() if part.ok},
        agencies=parts["directory"].value.file,
    )


def _deck(root: Path, lang: str, path: Path, parts: Mapping[str, Part], articles: Mapping[str, Part]) -> LoadedDeck:
    """One deck: its own rules, then its references and whether each slide fits, against the loaded data."""
    shown = display_path(path, root)
    deck, slides, problems = parse_deck(path, root)
    data = deck_data(lang, parts, articles)
    if data is None:  # the deck cannot be shown until the data it draws on loads: those files' problems say why
        raise ContentError([*problems, *(problem for name in DECK_NEEDS for problem in parts[name].problems)])
    pages = {slide.page for slide in slides if slide.page in articles and not articles[slide.page].ok}
    if pages:  # a page it shows is broken: that page's problems say why
        raise ContentError([*problems, *(problem for page_id in sorted(pages) for problem in articles[page_id].problems)])
    known = {
        "statistics": data.statistics,
        "hotlines": data.hotlines,
        "warning_signs": data.signs,
        "articles": {**dict.fromkeys(articles), **data.articles},
    }
    wrong = [Problem(shown, line, message) for line, message in reference_problems(slides, known)]
    broken_slides = {problem.line for problem in wrong} | {problem.line for problem in problems}
    wrong += [Problem(shown, line, message) for line, message in fit_problems(slides, data, skip=broken_slides)]
    if problems or wrong or deck is None:
        raise ContentError([*problems, *wrong])
    return LoadedDeck(path.stem, deck, shown)


def _article(root: Path, lang: str, page_id: str, known: dict[str, set[str]] | None) -> Article:
    path = localized(root, lang, "pages", f"{page_id}.md")
    return load_article(path, known, root)
