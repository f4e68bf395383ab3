"""Drawing the site's content: articles, see-also links, hotline and agency cards, the statistics view, slides."""

from __future__ import annotations

import datetime as dt

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from core.content.models import Hotline, PhoneLine
from core.views.render import article_markdown, hotline_markdown, md_escape, phone_line_markdown
from core.views.slides import ShownSlide
from core.views.statistics import StatisticsView
from ui.cache import agency_cards_in, deck_slides_in, statistics_view_in
from ui.frame import navigation_pages, require, show_problems
from ui.language import LANG_PARAM, lang, site, strings


def show_article(page_id: str) -> None:
    """A Markdown page from content/: its title, its body with phone and link placeholders filled in."""
    current = site()
    article = require(current.article(page_id))
    st.title(md_escape(article.meta.title))
    hotlines, facts = current["hotlines"], current["site"]
    if hotlines.ok and facts.ok:
        st.markdown(article_markdown(article.body, hotlines.value, facts.value, current.lang))
    else:
        show_problems(hotlines.problems + facts.problems)


def show_see_also(page_id: str) -> None:
    """Links to the pages the article's front matter lists under see_also."""
    article = site().article(page_id)
    if not article.ok or not article.value.meta.see_also:
        return
    st.subheader(strings()("frame.see_also"))
    pages = navigation_pages()
    for path in article.value.meta.see_also:
        st.page_link(pages[path], icon=":material/arrow_forward:", query_params={LANG_PARAM: lang()})


def card_list(name: str, columns: int = 1) -> DeltaGenerator:
    """A container for cards, each card one Markdown element that the site's stylesheet frames.

    With columns=2 the cards stand two by two on a wide screen, row by row, and one below the other on a phone.
    """
    return st.container(key=f"cards{columns}_{name}")


def show_hotline(hotline: Hotline) -> None:
    """A hotline as a card (inside a card_list): what it is for, numbers as links, hours, languages, how sure we are."""
    st.markdown(hotline_markdown(hotline, strings(), lang()))


def show_phone_line(line: PhoneLine) -> None:
    """One number: call and text links, hours and languages, where it is published and how sure we are."""
    st.markdown(phone_line_markdown(line, strings(), lang()))


def agency_cards() -> dict[str, str]:
    """Each agency's card as Markdown, by id: built once per process and language."""
    return agency_cards_in(lang())


def statistics_view() -> StatisticsView:
    """The statistics page prepared once per process and language (chart specs, cards, myths); a broken file stops the page."""
    require(site()["statistics"])
    view = statistics_view_in(lang())
    assert view is not None
    return view


def deck_slides(deck_id: str) -> tuple[ShownSlide, ...]:
    """A checked deck's slides in the visitor's language, built once per process, language and day."""
    return deck_slides_in(lang(), deck_id, dt.date.today().isoformat())


def slide_chart(series_id: str) -> tuple[dict, str]:
    """A chart's Vega-Lite spec and its alt text, as the statistics page draws them (its data in Arrow bytes)."""
    chart = statistics_view_in(lang()).charts[series_id]
    return dict(chart.drawn_spec), chart.alt
