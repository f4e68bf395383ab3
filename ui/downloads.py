"""PDF downloads (the decks and the one-page handout), made on the first click and kept for the day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from core.domain.site import deck_data
from core.views.pdf import chart_pdf_from_spec, deck_pdf, site_handout
from ui.cache import deck_slides_in, site_in, slide_chart_spec, strings_in
from ui.frame import PRESENT_PATH
from ui.language import lang, site, strings


@st.cache_resource(show_spinner=False, max_entries=16)
def deck_pdf_in(language: str, deck_id: str, notes: bool, day: str) -> bytes:
    current = site_in(language)
    deck = current.decks[deck_id].value.deck
    slides = deck_slides_in(language, deck_id, day)
    data = deck_data(language, current.parts, current.articles)
    note = strings_in(language)("frame.translation_unreviewed") if current.unreviewed(PRESENT_PATH) else ""

    def chart(series_id: str) -> bytes:
        return chart_pdf_from_spec(slide_chart_spec(language, series_id)[0])

    return deck_pdf(deck.title, slides, data, chart, notes, note)


def deck_pdf_maker(deck_id: str, notes: bool = False) -> Callable[[], bytes]:
    """What makes the deck's PDF (with notes if asked) on the first download, kept for the day.

    The language is taken now, from the page the button is on: the click's own request to make the file
    runs without the page's address, where lang() would say English."""
    language = lang()
    return lambda: deck_pdf_in(language, deck_id, notes, dt.date.today().isoformat())


@st.cache_resource(show_spinner=False, max_entries=4)
def handout_in(language: str, day: str) -> bytes:
    return site_handout(site_in(language))


def handout_maker() -> Callable[[], bytes]:
    """What makes the one-page handout in the visitor's language (taken now, as for the deck) on the first
    download, kept for the day."""
    language = lang()
    return lambda: handout_in(language, dt.date.today().isoformat())


def pdf_download(label: str, make: Callable[[], bytes], file_name: str, key: str, icon: str) -> None:
    """A PDF download made only when the visitor clicks (the page does not rerun)."""
    st.download_button(label, data=make, file_name=file_name, mime="application/pdf", key=key, on_click="ignore", icon=icon)


def handout_download(key: str) -> None:
    """The handout's download button, where its data can be loaded."""
    t = strings()
    if deck_data(site().lang, site().parts, site().articles) is not None:
        pdf_download(
            t("present.download_handout"), handout_maker(), t("handout.file_name", lang=site().lang), key, ":material/print:"
        )
