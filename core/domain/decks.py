"""Decks for the presenter view: content/<lang>/decks/<id>.yaml, slides that point at what the site holds.

A slide never copies a figure, a phone number or a page's words: it names them by id, and
`core.views.slides` draws them from the same data the rest of the site shows. `load_deck()` checks a
deck against that data and refuses references that do not exist, text that would not fit on a
projector, and numbers that must never be shown, naming the file and line of every problem.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

from core.content.load import parse_model, read_text
from core.content.models import HotlineFile, SiteFile, WarningSignFile
from core.content.problems import ROOT, ContentError, Problem, display_path
from core.content.schema import Builder, Model, Slug, Where, fact, model
from core.content.text import Translate, markdown_problems
from core.content.translation import Provenance
from core.content.yamlnodes import YamlSyntaxError, parse_yaml
from core.domain.statistics import StatisticsFile

SlideKind = Literal["text", "section", "figures", "chart", "signs", "myth", "crisis-lines", "hotline", "closing", "status"]
"""text: a title and a few lines; section: a section of an awareness page; figures: statistics figures by id;
chart: a chart series by id; signs: a warning-signs category; myth: a myth-check entry; crisis-lines: the
lines of the crisis strip; hotline: one line's card; closing: the crisis lines and a QR code to the site;
status: a briefing slide generated from the data (directory, questions or newest-figures)."""
SLIDE_KINDS: tuple[str, ...] = get_args(SlideKind)

StatusKind = Literal["directory", "questions", "newest-figures"]
"""directory: how many entries and numbers are confirmed or left to verify; questions: the open questions;
newest-figures: the newest period the statistics page holds for each topic."""

KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("title", "text"),
    "section": ("page", "heading"),
    "figures": ("figures",),
    "chart": ("series",),
    "signs": ("category",),
    "myth": ("myth",),
    "crisis-lines": (),
    "hotline": ("hotline",),
    "closing": (),
    "status": ("status",),
}
"""The fields each kind of slide needs; a field of another kind on a slide is a mistake."""
REFERENCE_FIELDS = ("text", "page", "heading", "figures", "series", "category", "myth", "hotline", "status")

TITLE_WORDS = 12
"""A slide title holds at most this many words (one line on a projector)."""
BODY_WORDS = 110
"""The body of a slide holds at most this many words at projector size."""
BODY_LINES = 9
"""... in at most this many lines, counting a line for every LINE_CHARS characters of a paragraph."""
LINE_CHARS = 90
TEXT_WORDS = 60
"""A free-text slide holds at most this many words ..."""
TEXT_LINES = 6
"""... in at most this many lines: a text slide is a few short points, not a page."""
FIGURES_PER_SLIDE = 2
NOTES_WORDS = 250
"""Speaker notes: at most this many words, about two minutes of speech."""


@model
class Slide(Model):
    """One slide: a kind, and the id of what it shows. Only the fields of its kind may be filled in."""

    kind: SlideKind = fact(
        "text, section, figures, chart, signs, myth, crisis-lines, hotline, closing or status (see How to write a deck)."
    )
    title: str = fact("The slide's title; text slides need one, other kinds default to the title of what they show.", "")
    text: str = fact(
        "text slides: a few short lines of Markdown (a list works well); no HTML, links https only.",
        "",
    )
    page: Slug | None = fact("section slides: the page's id, e.g. how-it-happens (its file name without .md).", None)
    heading: str = fact('section slides: the section\'s heading exactly as the page writes it, e.g. "Becoming indebted".', "")
    figures: tuple[Slug, ...] = fact(
        f"figures slides: one or {FIGURES_PER_SLIDE} figure ids from data/statistics.yaml, e.g. [ncmec-runaways-2019].", ()
    )
    series: Slug | None = fact("chart slides: a series id from data/statistics.yaml, e.g. hti-2020-facebook.", None)
    category: Slug | None = fact("signs slides: a category id from warning_signs.yaml, e.g. grooming.", None)
    myth: Slug | None = fact("myth slides: a myth id from data/statistics.yaml, e.g. facebook-65-percent.", None)
    hotline: Slug | None = fact("hotline slides: a hotline id from data/hotlines.yaml, e.g. county-cps.", None)
    status: StatusKind | None = fact(
        "status slides: directory, questions or newest-figures; generated from the data every time.", None
    )
    notes: str = fact(f"What the presenter says: shown only when notes are on, at most {NOTES_WORDS} words.", "")

    def problems(self) -> Iterable[tuple[int, str]]:
        needed = KIND_FIELDS[self.kind]
        for name in needed:
            if not getattr(self, name):
                yield self.line, self.say(f'a {self.kind} slide needs "{name}"')
        for name in REFERENCE_FIELDS:
            if name not in needed and getattr(self, name):
                allowed = ", ".join(needed) or "no reference"
                yield (
                    self.line,
                    self.say(f'"{name}" does not belong on a {self.kind} slide (a {self.kind} slide takes {allowed})'),
                )
        if len(self.figures) > FIGURES_PER_SLIDE:
            yield self.line, self.say(f"has {len(self.figures)} figures; a slide shows at most {FIGURES_PER_SLIDE}")
        if words(self.title) > TITLE_WORDS:
            yield self.line, self.say(f"title has {words(self.title)} words; a title holds at most {TITLE_WORDS} (one line)")
        if words(self.notes) > NOTES_WORDS:
            yield self.line, self.say(f"notes have {words(self.notes)} words; notes hold at most {NOTES_WORDS}")
        if self.text:
            count, lines = words(self.text), estimated_lines(self.text)
            if count > TEXT_WORDS or lines > TEXT_LINES:
                yield (
                    self.line,
                    self.say(
                        f"text has {count} words in {lines} lines; a text slide holds at most {TEXT_WORDS} words "
                        f"in {TEXT_LINES} lines (a line is about {LINE_CHARS} characters)"
                    ),
                )


@model
class Deck(Model):
    """A talk or a briefing: its title, who it is for, and its slides in order."""

    title: str = fact("The deck's title, shown on the deck chooser and its first page.")
    audience: str = fact('Who it is for, e.g. "Parents, caregivers and school staff".')
    summary: str = fact("One sentence on what the talk covers.")
    minutes: int | None = fact(
        "About how long it takes to give, in minutes (1 to 240).",
        None,
        check=lambda minutes: None if 1 <= minutes <= 240 else f"{minutes} is not a length for a talk (1 to 240 minutes)",
    )
    slides: tuple[Slide, ...] = fact("The slides, in order.")
    translation: Provenance | None = fact(
        "In a translation only: what it was translated from and who reviewed it (see CONTRIBUTING.md).", None
    )

    def problems(self) -> Iterable[tuple[int, str]]:
        if not self.slides:
            yield self.line, "a deck needs at least one slide under slides"


@dataclass(frozen=True)
class LoadedDeck:
    """A checked deck and its id (the file name without .yaml)."""

    id: str
    deck: Deck
    path: str


def words(text: str) -> int:
    """Words as a reader counts them: runs of letters or digits."""
    return len(re.findall(r"[\w'’%$.,/-]+", text))


def estimated_lines(text: str) -> int:
    """Lines on a projector: each paragraph or list item takes one line per LINE_CHARS characters."""
    total = 0
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.)\s)", text.strip()):
        block = " ".join(block.split())
        if block:
            total += max(1, -(-len(block) // LINE_CHARS))
    return total


def fit_problem(body_words: int, body_lines: int) -> str | None:
    """Why a slide's body would not fit on a projector, or None."""
    if body_words <= BODY_WORDS and body_lines <= BODY_LINES:
        return None
    return (
        f"would not fit on a slide: {body_words} words in about {body_lines} lines "
        f"(at most {BODY_WORDS} words in {BODY_LINES} lines of about {LINE_CHARS} characters)"
    )


def deck_paths(root: Path, lang: str) -> list[Path]:
    """The deck files of a language, by file name."""
    return sorted((root / "content" / lang / "decks").glob("*.yaml"))


def parse_deck(path: Path, root: Path = ROOT) -> tuple[Deck | None, tuple[Slide, ...], list[Problem]]:
    """The deck's own rules: fields, kinds, lengths, Markdown and denied numbers (not yet its references).

    Returns the deck (None if it has problems), the slides that are valid on their own (so their
    references can still be checked), and every problem found.
    """
    shown = display_path(path, root)
    text = read_text(path, root)
    problems: list[Problem] = []
    deck = None
    try:
        deck = parse_model(text, Deck, shown)
    except ContentError as err:
        problems += err.problems
    slides = deck.slides if deck is not None else _valid_slides(text)
    for slide in slides:
        if slide.text:
            for line, message in markdown_problems(slide.text, _text_line(text, slide), {}):
                problems.append(Problem(shown, line, slide.say(message)))
    return deck, slides, problems


def _valid_slides(text: str) -> tuple[Slide, ...]:
    """The slides of a deck that has problems elsewhere, each built on its own (their problems are already reported)."""
    try:
        node = parse_yaml(text)
    except YamlSyntaxError:
        return ()
    slides = node.get("slides") if node.kind == "map" else None
    if slides is None:
        return ()
    return Builder().build(tuple[Slide, ...], slides, Where("", "slides")) or ()


def _text_line(source: str, slide: Slide) -> int:
    """Where a slide's text starts in the file, so a Markdown problem names its line."""
    lines = source.splitlines()
    for index in range(slide.line - 1, len(lines)):
        if re.match(r"\s*text:", lines[index]):
            return index + 2 if lines[index].rstrip().endswith(("|", ">", "|-", ">-")) else index + 1
    return slide.line


References = Mapping[str, Any]
"""What a deck may point at, by the name of the site part: statistics, hotlines, warning_signs, articles."""


def reference_problems(slides: Iterable[Slide], known: References) -> Iterator[tuple[int, str]]:
    """A reference to a page section, figure, series, category, myth or hotline that does not exist."""
    stats = known.get("statistics")
    hotlines = known.get("hotlines")
    signs = known.get("warning_signs")
    articles: Mapping[str, Any] = known.get("articles", {})
    for slide in slides:
        if slide.page is not None:
            article = articles.get(slide.page)
            if slide.page not in articles:
                yield (
                    slide.line,
                    slide.say(f'page "{slide.page}" is not a page of this site (pages: {", ".join(sorted(articles))})'),
                )
            elif article is not None and slide.heading and slide.heading not in section_headings(article.body):
                headings = "; ".join(f'"{h}"' for h in section_headings(article.body))
                yield (
                    slide.line,
                    slide.say(f'page "{slide.page}" has no section headed "{slide.heading}" (its headings: {headings})'),
                )
        if stats is not None:
            ids = {f.id for f in stats.figures}
            for figure in slide.figures:
                if figure not in ids:
                    yield slide.line, slide.say(f'figure "{figure}" is not the id of a figure in data/statistics.yaml')
            if slide.series is not None and slide.series not in {s.id for s in stats.series}:
                choices = ", ".join(s.id for s in stats.series)
                yield slide.line, slide.say(f'series "{slide.series}" is not the id of a series (series: {choices})')
            if slide.myth is not None and slide.myth not in {m.id for m in stats.myths}:
                yield slide.line, slide.say(f'myth "{slide.myth}" is not the id of a myth-check entry')
        if signs is not None and slide.category is not None and slide.category not in {c.id for c in signs.categories}:
            choices = ", ".join(c.id for c in signs.categories)
            yield slide.line, slide.say(f'category "{slide.category}" is not a warning-signs category (categories: {choices})')
        if hotlines is not None and slide.hotline is not None and slide.hotline not in {h.id for h in hotlines.hotlines}:
            yield slide.line, slide.say(f'hotline "{slide.hotline}" is not the id of a hotline in data/hotlines.yaml')


HEADING = re.compile(r"^(#{2,3})\s+(.+?)\s*#*\s*$")


def section_headings(body: str) -> list[str]:
    """The ## and ### headings of a Markdown page body, in order."""
    return [m.group(2) for m in (HEADING.match(line) for line in body.splitlines()) if m]


def section_text(body: str, heading: str) -> str:
    """The Markdown under a heading, up to the next heading of the same or a higher level."""
    lines = body.splitlines()
    out: list[str] = []
    level = 0
    for line in lines:
        match = HEADING.match(line)
        if level:
            if match and len(match.group(1)) <= level:
                break
            out.append(line)
        elif match and match.group(2) == heading:
            level = len(match.group(1))
    return "\n".join(out).strip()


@dataclass(frozen=True)
class DeckData:
    """What a deck draws on: the site's loaded parts in one language."""

    lang: str
    t: Translate
    statistics: StatisticsFile
    hotlines: HotlineFile
    site: SiteFile
    signs: WarningSignFile
    articles: Mapping[str, Any]
    agencies: Any = None
    today: dt.date = field(default_factory=dt.date.today)


def slide_number(wanted: str | None, total: int) -> int:
    """The slide an address's `slide=` names, counted from 1: junk, nothing or a number outside the deck is slide 1."""
    return int(wanted) if wanted is not None and wanted.isdigit() and 1 <= int(wanted) <= total else 1
