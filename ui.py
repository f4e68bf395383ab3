"""Streamlit helpers shared by every page: cached loading, the frame, and drawing shared things."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from core.content.models import Hotline, PhoneLine
from core.content.navigation import HOME, ROUTES, Route
from core.content.problems import CODE_ROOT, ROOT, ContentError, Problem
from core.content.schema import DEFAULT_LANGUAGE, LANGUAGES
from core.content.text import Strings, load_strings
from core.content.translation import preferred_language
from core.domain.site import Part, Site, deck_data
from core.views.directory import card_markdown
from core.views.pdf import chart_pdf_from_spec, deck_pdf, site_handout
from core.views.render import (
    article_markdown,
    crisis_strip_html,
    footer_markdown,
    hotline_markdown,
    md_escape,
    phone_line_markdown,
)
from core.views.shell import CHROME_LABELS, FALLBACK_EXIT_URL, QUICK_EXIT_LABELS, chrome_html, page_language_html, quick_exit_html
from core.views.site import load_site
from core.views.slides import ShownSlide, build_slides
from core.views.statistics import StatisticsView, build_statistics_view

log = logging.getLogger("csec_dashboard")
# Looked up once per process, so that a rerun touches no file.
AVAILABLE_LANGUAGES = frozenset(lang for lang in LANGUAGES if (ROOT / "content" / lang).is_dir())
ASSETS = Path(__file__).parent / "assets"
STYLE = (ASSETS / "site.css").read_text(encoding="utf-8")
PRESENT_STYLE = (ASSETS / "present.css").read_text(encoding="utf-8")
PRESENT_PATH = "present"
"""The presenter view's address: its frame has the quick exit but no crisis strip or footer (the slides carry the lines)."""
FAVICON = str(ASSETS / "favicon.png")
LANG_PARAM = "lang"
"""The query parameter that names the language: ?lang=es."""
LANG_CHOICE = "lang_choice"
"""Session key: the language chosen by link or by the switch during this visit."""
LANGUAGE_SWITCH = "language_switch"


@st.cache_resource(show_spinner=False)
def _load(lang: str) -> Site:
    site = load_site(ROOT, lang)
    for problem in site.problems:
        log.error("content problem: %s", problem)
    return site


def lang() -> str:
    """The visitor's language: ?lang= in the address, else the one chosen earlier in this visit, else the
    browser's preferred language (st.context.locale) where a translation exists, else English."""
    wanted = st.query_params.get(LANG_PARAM)
    if wanted in AVAILABLE_LANGUAGES:
        st.session_state[LANG_CHOICE] = wanted
        return wanted
    chosen = st.session_state.get(LANG_CHOICE)
    if chosen in AVAILABLE_LANGUAGES:
        return chosen
    return preferred_language(st.context.locale, AVAILABLE_LANGUAGES)


def keep_language() -> None:
    """A language chosen by link or by the switch stays in the address: moving through the menu (which
    drops the query string), reloading and sharing the link keep it. The quick exit's address never has it."""
    chosen = st.session_state.get(LANG_CHOICE)
    if chosen in AVAILABLE_LANGUAGES and st.query_params.get(LANG_PARAM) != chosen:
        st.query_params[LANG_PARAM] = chosen


def _switch_language() -> None:
    chosen = st.session_state.get(LANGUAGE_SWITCH)
    if chosen in AVAILABLE_LANGUAGES:
        st.session_state[LANG_CHOICE] = chosen
        st.query_params[LANG_PARAM] = chosen


def language_switch() -> None:
    """English / Español, each named in its own language; it keeps the page and its other query parameters."""
    current = lang()
    if LANGUAGE_SWITCH in st.session_state and st.session_state[LANGUAGE_SWITCH] != current:
        st.session_state[LANGUAGE_SWITCH] = current  # the language changed by a link: show it
    options = [code for code in LANGUAGES if code in AVAILABLE_LANGUAGES]
    st.segmented_control(
        strings()("frame.language_label"),
        options,
        format_func=language_name,
        default=None if LANGUAGE_SWITCH in st.session_state else current,
        key=LANGUAGE_SWITCH,
        on_change=_switch_language,
        label_visibility="collapsed",
    )


@st.cache_resource(show_spinner=False)
def language_name(code: str) -> str:
    """A language's name in that language ("Español"), from its strings file alone: the switch does not
    load a whole site in another language."""
    try:
        return load_strings(ROOT, code)("language.name")
    except ContentError:
        return code


def page_language() -> None:
    """Say the page's language on <html lang>, so screen readers pronounce it right (a static script)."""
    st.html(page_language_html(lang()), unsafe_allow_javascript=True)


def translation_note(path: str) -> None:
    """One discreet line on a translated page that no bilingual task-force member has reviewed yet (on the presenter
    view showing a deck, each slide's foot carries it instead)."""
    if not presenting(path) and site().unreviewed(path if any(route.path == path for route in ROUTES) else HOME.path):
        st.caption(":material/translate: " + md_escape(strings()("frame.translation_unreviewed")))


def url_choice(
    key: str, param: str, choices: Sequence[str], default: str | None = None, aliases: Mapping[str, str] | None = None
) -> str | None:
    """Before a choice widget: the value the address names (an id, never a translated label), for the widget's
    `default` (or `index`). Given as the widget's default rather than written into the session: when the
    visitor's session moves to another process (one stopped), the browser brings the choice the visitor made,
    and that choice wins over the address the page had before it.

    `aliases` maps older forms of a value (labels that links shared before carried) to its id.
    When the language changes, the value is given again, so that the widget shows it in the new words."""
    shown_in = f"{key}__shown_in"
    if key in st.session_state and st.session_state.get(shown_in, lang()) != lang():
        st.session_state[key] = st.session_state[key]
    st.session_state[shown_in] = lang()
    if key in st.session_state:
        return None
    wanted = st.query_params.get(param)
    wanted = (aliases or {}).get(wanted, wanted)
    return wanted if wanted in choices else default


def url_index(value: str | None, choices: Sequence[str]) -> int | None:
    """A selectbox's `index` for `value` (None: nothing chosen)."""
    return list(choices).index(value) if value in choices else None


def keep_in_url(param: str, value: str | None, default: str | None = None) -> None:
    """After a choice widget: its value's id in the address, so the link can be shared in any language."""
    if value is None or value == default:
        if param in st.query_params:
            del st.query_params[param]
    elif st.query_params.get(param) != value:
        st.query_params[param] = value


def site() -> Site:
    """Everything the site shows, loaded once per process and language (a rerun does no file I/O)."""
    return _load(lang())


def strings() -> Strings:
    """The interface words in the visitor's language; a key it lacks falls back to English."""
    return strings_in(lang())


def strings_in(language: str) -> Strings:
    for candidate in (_load(language), _load(DEFAULT_LANGUAGE)):
        if candidate.strings is not None:
            return candidate.strings
    return Strings(DEFAULT_LANGUAGE, {})


@st.cache_resource(show_spinner=False)
def _statistics_view(language: str) -> StatisticsView | None:
    part = _load(language)["statistics"]
    return build_statistics_view(part.value, language, strings_in(language)) if part.ok else None


def statistics_view() -> StatisticsView:
    """The statistics page prepared once per process and language (chart specs, cards, myths); a broken file stops the page."""
    require(site()["statistics"])
    view = _statistics_view(lang())
    assert view is not None
    return view


def show_problems(problems: tuple[Problem, ...]) -> None:
    """A clear message naming the file and line of each problem; never a traceback."""
    t = strings()
    with st.container(border=True):
        st.error(t("frame.problem_title"), icon=":material/error:")
        for problem in problems[:20]:
            st.text(t("frame.problem_item", path=problem.path, line=problem.line, message=problem.message))
        st.caption(t("frame.problem_body"))


def require(part: Part):
    """The part's value; if it is broken, explain which file and line, and stop this page only."""
    if not part.ok:
        show_problems(part.problems)
        st.stop()
    return part.value


def frame(path: str = "") -> None:
    """What every page shares at the top: the quick exit, styles, the language and the crisis strip (not on the presenter view)."""
    show_quick_exit()
    keep_language()
    page_language()
    st.html(f"<style>{STYLE}</style>")
    if presenting(path):
        return
    language_switch()
    current = site()
    hotlines = current["hotlines"]
    if hotlines.ok:
        st.html(crisis_strip_html(hotlines.value.crisis_strip, strings(), current.lang))
    else:
        st.warning(strings()("frame.strip_unavailable"), icon=":material/call:")


def show_quick_exit() -> None:
    """The quick exit (SAFETY.md): a button, a skip link first in the tab order, and Shift three times.

    It works even when data/site.yaml is broken: it then goes to the default neutral page.
    """
    t, facts = strings(), site()["site"]
    url = facts.value.quick_exit_url if facts.ok else FALLBACK_EXIT_URL
    labels = {key: t(f"safety.exit_{key}") for key in QUICK_EXIT_LABELS}
    chrome = chrome_html({key: t(f"frame.{key}") for key in CHROME_LABELS})  # names for Streamlit's menu buttons
    st.html(quick_exit_html(url, labels) + chrome, unsafe_allow_javascript=True)


def footer(path: str = "") -> None:
    """What every page shares at the bottom: the task force's line and whether the task force reviewed the content.

    Not on the presenter view showing a deck: its slides carry the lines."""
    if presenting(path):
        return
    t = strings()
    info = site()["site"]
    st.divider()
    if not info.ok:
        st.caption(t("frame.footer_crisis_note"))
        return
    st.caption(footer_markdown(info.value, t, site().lang))


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


@st.cache_resource(show_spinner=False)
def _agency_cards(language: str) -> dict[str, str]:
    part = _load(language)["directory"]
    t = strings_in(language)
    return {agency.id: card_markdown(agency, language, t) for agency in part.value.agencies} if part.ok else {}


def agency_cards() -> dict[str, str]:
    """Each agency's card as Markdown, by id: built once per process and language."""
    return _agency_cards(lang())


def prepare() -> None:
    """Before the first visitor: load the site and build what every visitor shares (the statistics page's
    chart specs and cards, the directory's cards), for every language, so the first visitor of a process
    waits no longer than the next one. A broken file is logged here and shown on its page, as at any time."""
    for language in sorted(AVAILABLE_LANGUAGES):
        _load(language)
        _statistics_view(language)
        _agency_cards(language)


def about_page(route: Route, field: str) -> str:
    """A page's `nav_title` or `summary`: from an article's front matter, else strings.yaml's nav.<name> or summary.<name>."""
    if route.from_article:
        article = site().article(route.path)
        if article.ok:
            return getattr(article.value.meta, field)
    return strings()(f"nav.{route.name}" if field == "nav_title" else f"summary.{route.name}")


@st.cache_resource(show_spinner=False)
def _deck_slides(lang: str, deck_id: str, day: str) -> tuple[ShownSlide, ...]:
    current = _load(lang)
    data = deck_data(lang, current.parts, current.articles)
    return build_slides(current.decks[deck_id].value.deck, data)


def deck_slides(deck_id: str) -> tuple[ShownSlide, ...]:
    """A checked deck's slides in the visitor's language, built once per process, language and day."""
    return _deck_slides(lang(), deck_id, dt.date.today().isoformat())


def _slide_chart(lang: str, series_id: str) -> tuple[dict, str]:
    chart = _statistics_view(lang).charts[series_id]  # the statistics page's spec, built once per process and language
    return dict(chart.spec), chart.alt


def slide_chart(series_id: str) -> tuple[dict, str]:
    """A chart's Vega-Lite spec and its alt text, as the statistics page draws them (its data in Arrow bytes)."""
    chart = _statistics_view(lang()).charts[series_id]
    return dict(chart.drawn_spec), chart.alt


@st.cache_resource(show_spinner=False, max_entries=16)
def _deck_pdf(lang: str, deck_id: str, notes: bool, day: str) -> bytes:
    current = _load(lang)
    deck = current.decks[deck_id].value.deck
    slides = _deck_slides(lang, deck_id, day)
    data = deck_data(lang, current.parts, current.articles)
    note = strings_in(lang)("frame.translation_unreviewed") if current.unreviewed(PRESENT_PATH) else ""

    def chart(series_id: str) -> bytes:
        return chart_pdf_from_spec(_slide_chart(lang, series_id)[0])

    return deck_pdf(deck.title, slides, data, chart, notes, note)


def deck_pdf_maker(deck_id: str, notes: bool = False) -> Callable[[], bytes]:
    """What makes the deck's PDF (with notes if asked) on the first download, kept for the day.

    The language is taken now, from the page the button is on: the click's own request to make the file
    runs without the page's address, where lang() would say English."""
    language = lang()
    return lambda: _deck_pdf(language, deck_id, notes, dt.date.today().isoformat())


@st.cache_resource(show_spinner=False, max_entries=4)
def _handout(lang: str, day: str) -> bytes:
    return site_handout(_load(lang))


def handout_maker() -> Callable[[], bytes]:
    """What makes the one-page handout in the visitor's language (taken now, as for the deck) on the first
    download, kept for the day."""
    language = lang()
    return lambda: _handout(language, dt.date.today().isoformat())


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


def presenting(path: str) -> bool:
    """True on the presenter view showing a deck: the slides carry the crisis lines, so no strip or footer."""
    return path == PRESENT_PATH and st.query_params.get("deck", "") in site().decks


def navigation_pages() -> dict[str, st.Page]:
    """One st.Page per route in core/content/navigation.py (by path), titled in the visitor's language.

    Scripts are given by absolute path: Streamlit resolves relative ones against the entry script's
    folder (entry/), not the project's root. The home page is the default, served at /.
    Streamlit draws a page's title as Markdown in the menu and in page links, so it is escaped here;
    the document title is set from the plain text (route_of and about_page).
    """
    return {
        route.path: st.Page(
            CODE_ROOT / route.script,
            title=md_escape(about_page(route, "nav_title")),
            url_path=route.path or None,
            default=route == HOME,
        )
        for route in ROUTES
    }


def route_of(page: st.Page) -> Route:
    """The route of a page that navigation_pages made (the home page's url_path is "")."""
    return next(route for route in ROUTES if route.path == page.url_path)
