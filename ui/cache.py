"""The per-process caches: the site and what every visitor shares, built once per process and language.

Nothing here reads the visitor's session or address: each function takes the language it builds for.
"""

from __future__ import annotations

import logging

import streamlit as st

from core.content.problems import ROOT, ContentError
from core.content.schema import DEFAULT_LANGUAGE
from core.content.text import Strings, load_strings, site_languages
from core.domain.site import Site, deck_data
from core.views.directory import card_markdown
from core.views.site import site_for
from core.views.slides import ShownSlide, build_slides
from core.views.statistics import StatisticsView, build_statistics_view

log = logging.getLogger("csec_dashboard")
# Looked up once per process, so that a rerun touches no file.
AVAILABLE_LANGUAGES = frozenset(site_languages(ROOT))


@st.cache_resource(show_spinner=False)
def site_in(language: str) -> Site:
    """Everything the site shows in one language, loaded once per process; content problems are logged."""
    site = site_for(language)  # the one copy per process, shared with the page shell
    for problem in site.problems:
        log.error("content problem: %s", problem)
    return site


def strings_in(language: str) -> Strings:
    """The interface words in `language`; a key it lacks falls back to English."""
    for candidate in (site_in(language), site_in(DEFAULT_LANGUAGE)):
        if candidate.strings is not None:
            return candidate.strings
    return Strings(DEFAULT_LANGUAGE, {})


@st.cache_resource(show_spinner=False)
def language_name(code: str) -> str:
    """A language's name in that language ("Español"), from its strings file alone: the switch does not
    load a whole site in another language."""
    try:
        return load_strings(ROOT, code)("language.name")
    except ContentError:
        return code


@st.cache_resource(show_spinner=False)
def statistics_view_in(language: str) -> StatisticsView | None:
    """The statistics page's chart specs, cards and myths in `language` (None: its file is broken)."""
    part = site_in(language)["statistics"]
    return build_statistics_view(part.value, language, strings_in(language)) if part.ok else None


@st.cache_resource(show_spinner=False)
def agency_cards_in(language: str) -> dict[str, str]:
    """Each agency's card as Markdown, by id, in `language`."""
    part = site_in(language)["directory"]
    t = strings_in(language)
    return {agency.id: card_markdown(agency, language, t) for agency in part.value.agencies} if part.ok else {}


@st.cache_resource(show_spinner=False)
def deck_slides_in(language: str, deck_id: str, day: str) -> tuple[ShownSlide, ...]:
    """A checked deck's slides in `language`, built once per process, language and day."""
    current = site_in(language)
    data = deck_data(language, current.parts, current.articles)
    return build_slides(current.decks[deck_id].value.deck, data)


def slide_chart_spec(language: str, series_id: str) -> tuple[dict, str]:
    """A chart's Vega-Lite spec (its data inline, for the PDF) and alt text, from the statistics page's view."""
    chart = statistics_view_in(language).charts[series_id]
    return dict(chart.spec), chart.alt


def prepare() -> None:
    """Before the first visitor: load the site and build what every visitor shares (the statistics page's
    chart specs and cards, the directory's cards), for every language, so the first visitor of a process
    waits no longer than the next one. A broken file is logged here and shown on its page, as at any time."""
    for language in sorted(AVAILABLE_LANGUAGES):
        site_in(language)
        statistics_view_in(language)
        agency_cards_in(language)
