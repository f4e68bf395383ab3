"""The shipped content, loaded once for the tests that read their expected values from it.

Tests choose their examples here by a property ("an agency that a word of its name finds alone", "a kind
and a language that narrow the list"), never by name, so that an editor's valid change (a renamed agency,
a new number, a removed entry) never turns a test red. Where the content has no such example, the test
skips and says what is missing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import pytest
from dial_forms import expected_call, expected_text

from core.content.phones import tel_href
from core.content.schema import DEFAULT_LANGUAGE, LANGUAGES
from core.domain.directory import KINDS, LANGUAGE_NAMES, Agency
from core.domain.search import NO_FILTERS, Filters, words
from core.domain.site import deck_data
from core.views.site import load_site
from core.views.slides import build_slides

ROOT = Path(__file__).resolve().parent.parent
SITE = load_site(ROOT)
SITES = {
    lang: SITE if lang == DEFAULT_LANGUAGE else load_site(ROOT, lang) for lang in LANGUAGES if (ROOT / "content" / lang).is_dir()
}
"""The site in every language that has a folder under content/."""
SLIDES = {
    lang: {
        deck_id: build_slides(part.value.deck, deck_data(lang, site.parts, site.articles)) for deck_id, part in site.decks.items()
    }
    for lang, site in SITES.items()
}
"""Every deck's slides in every language, as the presenter view and the PDFs show them."""
T = SITE["strings"].value
HOTLINES = SITE["hotlines"].value
FACTS = SITE["site"].value
DIRECTORY = SITE["directory"].value
AGENCIES = DIRECTORY.agencies
TOTAL = len(AGENCIES)
EVERY_PHONE_LINE = [
    *(line for hotline in HOTLINES.hotlines for line in hotline.phones),
    *(line for agency in AGENCIES for line in agency.phones),
    FACTS.contact,
]
"""Every number the site shows: the hotlines', the agencies' and the task force's own."""
STRIP_HREFS = [
    href
    for hotline in HOTLINES.crisis_strip
    for line in hotline.phones
    for href in (
        expected_call(line.number) if line.number else None,
        expected_text(line.text_to, line.text_word) if line.text_to and line.text_to != line.number else None,
    )
    if href
]
"""The crisis strip's links, in order, as phones dial them."""

Item = TypeVar("Item")


def first(items: Iterable[Item], missing: str) -> Item:
    """The first of `items`; the test is skipped, saying what the content lacks, if there is none."""
    for item in items:
        return item
    pytest.skip(f"the shipped content has no {missing}")


def names(agencies: Iterable[Agency]) -> list[str]:
    """English names, in order: what the result cards show as headings."""
    return [agency.name.en for agency in agencies]


def listed(query: str = "", filters: Filters = NO_FILTERS) -> list[str]:
    """The names the directory lists for this search, in the order it shows them."""
    return names(DIRECTORY.index.search(query, filters))


def lone_word(agency: Agency, filters: Filters = NO_FILTERS) -> str | None:
    """A word of the agency's English name (4 letters or more) that finds this entry and no other, or None."""
    for word in dict.fromkeys(words(agency.name.en)):
        if len(word) >= 4 and listed(word, filters) == [agency.name.en]:
            return word
    return None


def found_alone(where: Callable[[Agency], bool] = lambda agency: True) -> Iterable[tuple[Agency, str]]:
    """(agency, word) for every agency matching `where` that a word of its name finds alone."""
    for agency in AGENCIES:
        if where(agency) and (word := lone_word(agency)):
            yield agency, word


def call_links(agency: Agency) -> list[str]:
    """The tel: links of the numbers an agency's card offers to call."""
    return [tel_href(line.number) for line in agency.phones if line.number]


def narrowing_filters() -> Iterable[list[Filters]]:
    """Chains of filters, each step listing fewer entries than the one before and at least one.

    Each chain is (kind), (kind, language), (kind, language, open 24 hours) as far as each step narrows.
    """
    for kind in KINDS:
        chain = [Filters(kind=kind)]
        if not listed(filters=chain[0]) or len(listed(filters=chain[0])) == TOTAL:
            continue
        for language in LANGUAGE_NAMES:
            step = Filters(kind=kind, language=language)
            if 0 < len(listed(filters=step)) < len(listed(filters=chain[0])):
                chain.append(step)
                break
        else:
            continue
        step = Filters(kind=kind, language=chain[1].language, open_24_hours=True)
        if 0 < len(listed(filters=step)) < len(listed(filters=chain[1])):
            chain.append(step)
        yield chain


def unknown_city() -> str:
    """A city name that no entry names."""
    return next(city for city in ("Atlantis", "Atlantis Springs", "Nowhere-on-Sea") if city not in DIRECTORY.cities)


def break_a_hotline_number(root: Path, example: str, broken: str) -> None:
    """In the copy at `root`, write `broken` over the hotline number a field-guide example message names
    (by its place, counted from 1: hotline K ... phone J), or over the first hotline number if no such line is left."""
    place = re.search(r"hotline (\d+) .*?: phone (\d+)", example)
    assert place, f"the example names no hotline phone: {example}"
    hotline, phone = int(place[1]) - 1, int(place[2]) - 1
    lines = [h.phones[phone] for h in HOTLINES.hotlines[hotline : hotline + 1] if phone < len(h.phones)]
    target = next((line for line in [*lines, *(p for h in HOTLINES.hotlines for p in h.phones)] if line.number), None)
    assert target is not None, "no hotline has a number to break"
    path = root / "data" / "hotlines.yaml"
    text = path.read_text(encoding="utf-8")
    assert f'number: "{target.number}"' in text
    path.write_text(text.replace(f'number: "{target.number}"', f'number: "{broken}"', 1), encoding="utf-8")


def without_place(message: str) -> str:
    """A check message with what moves as editors work left out: the line number and which entry, by place and name."""
    message = re.sub(r"\.yaml:\d+:", ".yaml:N:", message, count=1)
    return re.sub(r'hotline \d+ "[^"]*": phone \d+,', 'hotline K "NAME": phone J,', message)
