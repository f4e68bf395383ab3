"""Everything the site shows, loaded part by part so one broken file breaks only its own page."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from core.content.load import load_model, localized, read_text
from core.content.models import HotlineFile, SiteFile, WarningSignFile
from core.content.navigation import PRESENT_PATH, ROUTES
from core.content.problems import ROOT, ContentError, Problem, display_path
from core.content.schema import DEFAULT_LANGUAGE, LANGUAGES, Model
from core.content.text import Article, Strings, load_article, load_strings
from core.content.translation import Unit, file_unit, missing_file, translate_data, with_previous
from core.domain.decks import DeckData, LoadedDeck, Slide, deck_paths, parse_deck, reference_problems
from core.domain.directory import AgencyFile
from core.domain.policies import policy_problems
from core.domain.search import load_directory
from core.domain.statistics import StatisticsFile, load_prose_files, load_statistics

M = TypeVar("M", bound=Model)
EVERY_PAGE = frozenset(route.path for route in ROUTES)
"""Words shown on every page (the frame: strings, the crisis strip, the footer)."""
"""The presenter view's path: where decks are shown."""


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


def load_data(root: Path, lang: str, name: str, cls: type[M]) -> M:
    """data/<name> checked, with its words in `lang` from content/<lang>/data/<name> where translated."""
    return translate_data(load_model(root / "data" / name, cls, root), root, lang, name)[0]


Loader = Callable[[Path, str, Mapping[str, Part]], Any]

PARTS: dict[str, Loader] = {
    "strings": lambda root, lang, parts: load_strings(root, lang),
    "site": lambda root, lang, parts: load_data(root, lang, "site.yaml", SiteFile),
    "hotlines": lambda root, lang, parts: load_data(root, lang, "hotlines.yaml", HotlineFile),
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
    units: tuple[Unit, ...] = ()
    """In a translation: every translated file and item, with its provenance (see core/content/translation.py)."""

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

    @property
    def strings(self) -> Strings | None:
        """The interface words (a translation with problems is still used, key by key)."""
        return self["strings"].value

    def unreviewed(self, path: str) -> bool:
        """A page shown in a translation that no named reviewer has signed off (or whose English changed since)."""
        return self.lang != DEFAULT_LANGUAGE and any(path in unit.pages and not unit.reviewed for unit in self.units)


SlideCheck = Callable[[Iterable[Slide], DeckData, set[int]], Iterable[tuple[int, str]]]
"""A check of how a deck's slides come out once drawn (whether each fits on a projector): the slides, the data
they draw on and the lines of slides to leave out; it yields (line, message) for each slide that fails."""


def load_site(root: Path = ROOT, lang: str = DEFAULT_LANGUAGE, slide_check: SlideCheck | None = None) -> Site:
    """Load every part; problems are kept with the part they belong to. Drawing a slide is the views' work,
    so the check that each slide fits comes from there (core.views.site.load_site passes it in); without it,
    decks are checked against their own rules and the data they name only."""
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    parts: dict[str, Part] = {}
    for name, loader in PARTS.items():
        parts[name] = attempt(lambda loader=loader: loader(root, lang, parts))
    strings = parts["strings"].value
    if isinstance(strings, Strings) and strings.problems:
        parts["strings"] = Part(strings, strings.problems)  # used key by key; the check lists what is wrong
    known = placeholder_ids(parts)
    articles = {
        page_id: attempt(lambda page_id=page_id: _article(root, lang, page_id, known)) for page_id in page_ids(root, lang)
    }
    decks = {
        path.stem: attempt(lambda path=path: _deck(root, lang, path, parts, articles, slide_check))
        for path in deck_paths(root, lang)
    }
    parts["policies"] = Part(None, tuple(policy_problems(parts, articles)))
    units: tuple[Unit, ...] = ()
    if lang != DEFAULT_LANGUAGE:
        units, problems = survey(root, lang, parts, articles, decks)
        if problems:
            parts["translations"] = Part(None, tuple(problems))
    return Site(lang, parts, articles, decks, units)


DATA_FILES: dict[str, tuple[type[Model], frozenset[str]]] = {
    "site.yaml": (SiteFile, EVERY_PAGE),
    "hotlines.yaml": (HotlineFile, EVERY_PAGE),
    "agencies.yaml": (AgencyFile, frozenset({"directory"})),
    "statistics.yaml": (StatisticsFile, frozenset({"statistics"})),
}
"""The data files whose words are translated in content/<lang>/data/, and the pages that show them."""


def survey(
    root: Path, lang: str, parts: Mapping[str, Part], articles: Mapping[str, Part], decks: Mapping[str, Part]
) -> tuple[tuple[Unit, ...], list[Problem]]:
    """Every translated file and item of `lang` (what it was made from, who reviewed it, what it lacks), and
    the problems of the translation files that keep a part of them from being used."""
    units: list[Unit] = []
    problems: list[Problem] = []
    english_text = lambda *relative: _text_or_empty(root.joinpath("content", DEFAULT_LANGUAGE, *relative))  # noqa: E731
    shown = lambda *relative: f"content/{lang}/" + "/".join(relative)  # noqa: E731
    strings = parts["strings"].value
    try:
        english = load_strings(root, DEFAULT_LANGUAGE)
    except ContentError:
        english = None
    if english is not None and isinstance(strings, Strings) and strings.lang == lang:
        flat = "\n".join(f"{key}: {text}" for key, text in english.texts.items())
        missing = [key for key in english.texts if not strings.has(key) and key not in _bad_keys(strings)]
        units.append(file_unit(shown("strings.yaml"), "content/en/strings.yaml", flat, strings.provenance, EVERY_PAGE, missing))
    for page_id, part in articles.items():
        relative = ("pages", f"{page_id}.md")
        pages = {page_id}
        if not root.joinpath("content", lang, *relative).exists():
            units.append(missing_file(shown(*relative), f"content/en/pages/{page_id}.md", english_text(*relative), pages))
        elif part.ok:
            units.append(
                file_unit(
                    shown(*relative),
                    f"content/en/pages/{page_id}.md",
                    english_text(*relative),
                    part.value.meta.translation,
                    pages,
                )
            )
    signs = parts["warning_signs"]
    if not root.joinpath("content", lang, "warning_signs.yaml").exists():
        units.append(
            missing_file(
                shown("warning_signs.yaml"),
                "content/en/warning_signs.yaml",
                english_text("warning_signs.yaml"),
                {"warning-signs"},
            )
        )
    elif signs.ok:
        units.append(
            file_unit(
                shown("warning_signs.yaml"),
                "content/en/warning_signs.yaml",
                english_text("warning_signs.yaml"),
                signs.value.translation,
                {"warning-signs"},
            )
        )
    try:
        prose = load_prose_files(root, lang)
    except ContentError:
        prose = {}
    for name, (_, provenance) in prose.items():
        relative = ("statistics", f"{name}.md")
        english_path = f"content/en/statistics/{name}.md"
        if not root.joinpath("content", lang, *relative).exists():
            units.append(missing_file(shown(*relative), english_path, english_text(*relative), {"statistics"}))
        else:
            units.append(file_unit(shown(*relative), english_path, english_text(*relative), provenance, {"statistics"}))
    for path in deck_paths(root, DEFAULT_LANGUAGE):  # a deck is translated whole; one not yet translated is not shown
        relative, english_path = ("decks", path.name), f"content/en/decks/{path.name}"
        deck = decks.get(path.stem)
        if not root.joinpath("content", lang, *relative).exists():
            units.append(missing_file(shown(*relative), english_path, english_text(*relative), {PRESENT_PATH}))
        elif deck is not None and deck.ok:
            units.append(
                file_unit(shown(*relative), english_path, english_text(*relative), deck.value.deck.translation, {PRESENT_PATH})
            )
    for name, (cls, pages) in DATA_FILES.items():
        try:
            english_model = load_model(root / "data" / name, cls, root)
        except ContentError:
            continue  # the check lists the English file's own problems
        overlay = translate_data(english_model, root, lang, name, pages)[1]
        units += overlay.units
        problems += overlay.problems
    return tuple(with_previous(unit, root, lang) for unit in units), problems


def _bad_keys(strings: Strings) -> set[str]:
    """Keys a translation writes but cannot use (listed as problems, not as missing)."""
    return {key for key, line in strings.lines.items() if any(p.line == line for p in strings.problems)}


def _text_or_empty(path: Path) -> str:
    try:
        return read_text(path)
    except ContentError:
        return ""


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


def _deck(
    root: Path,
    lang: str,
    path: Path,
    parts: Mapping[str, Part],
    articles: Mapping[str, Part],
    slide_check: SlideCheck | None,
) -> LoadedDeck:
    """One deck: its own rules, then its references and (with `slide_check`) whether each slide fits, against the
    loaded data."""
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
    if slide_check is not None:
        wrong += [Problem(shown, line, message) for line, message in slide_check(slides, data, broken_slides)]
    if problems or wrong or deck is None:
        raise ContentError([*problems, *wrong])
    return LoadedDeck(path.stem, deck, shown)


def _article(root: Path, lang: str, page_id: str, known: dict[str, set[str]] | None) -> Article:
    path = localized(root, lang, "pages", f"{page_id}.md")
    return load_article(path, known, root)
