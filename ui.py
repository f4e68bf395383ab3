"""Streamlit helpers shared by every page: cached loading, the frame, and drawing shared things."""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from core.models import Hotline, PhoneLine
from core.navigation import HOME, ROUTES, Route
from core.problems import ROOT, Problem
from core.render import (
    article_markdown,
    crisis_strip_html,
    footer_markdown,
    md_escape,
    phone_details,
    phone_links,
    phone_trust,
)
from core.schema import DEFAULT_LANGUAGE, LANGUAGES
from core.security import CHROME_LABELS, FALLBACK_EXIT_URL, QUICK_EXIT_LABELS, chrome_html, quick_exit_html
from core.site import Part, Site, load_site
from core.text import Strings

log = logging.getLogger("csec_dashboard")
# Looked up once per process, so that a rerun touches no file.
AVAILABLE_LANGUAGES = frozenset(lang for lang in LANGUAGES if (ROOT / "content" / lang).is_dir())
ASSETS = Path(__file__).parent / "assets"
STYLE = (ASSETS / "site.css").read_text(encoding="utf-8")
FAVICON = str(ASSETS / "favicon.png")


@st.cache_resource(show_spinner=False)
def _load(lang: str) -> Site:
    site = load_site(ROOT, lang)
    for problem in site.problems:
        log.error("content problem: %s", problem)
    return site


def lang() -> str:
    """The visitor's language: ?lang=es where a translation exists, else English."""
    wanted = st.query_params.get("lang", DEFAULT_LANGUAGE)
    return wanted if wanted in AVAILABLE_LANGUAGES else DEFAULT_LANGUAGE


def site() -> Site:
    """Everything the site shows, loaded once per process and language (a rerun does no file I/O)."""
    return _load(lang())


def strings() -> Strings:
    """The interface words in the visitor's language, falling back to English, then to the keys."""
    for candidate in (site(), _load(DEFAULT_LANGUAGE)):
        if candidate["strings"].ok:
            return candidate["strings"].value
    return Strings(DEFAULT_LANGUAGE, {})


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


def frame() -> None:
    """What every page shares at the top: the quick exit, styles and the crisis strip."""
    show_quick_exit()
    st.html(f"<style>{STYLE}</style>")
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


def footer() -> None:
    """What every page shares at the bottom: the task force's line and whether the task force reviewed the content."""
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
        st.page_link(pages[path], icon=":material/arrow_forward:")


def show_hotline(hotline: Hotline) -> None:
    """A hotline as a card: what it is for, numbers as links, hours, languages, how sure we are."""
    language = site().lang
    with st.container(border=True):
        st.markdown(f"**{md_escape(hotline.name.get(language))}**")
        st.markdown(md_escape(hotline.about.get(language)))
        for line in hotline.phones:
            show_phone_line(line)
        if hotline.notes.get(language):
            st.caption(md_escape(hotline.notes.get(language)))


def show_phone_line(line: PhoneLine) -> None:
    """One number: call and text links, hours and languages, an unconfirmed mark where it applies."""
    t, language = strings(), site().lang
    st.markdown(" · ".join(phone_links(line, t)) + "  \n" + " · ".join(phone_details(line, t, language)))
    st.caption("  \n".join(phone_trust(line, t)))


def about_page(route: Route, field: str) -> str:
    """A page's `nav_title` or `summary`: from an article's front matter, else strings.yaml's nav.<name> or summary.<name>."""
    if route.from_article:
        article = site().article(route.path)
        if article.ok:
            return getattr(article.value.meta, field)
    return strings()(f"nav.{route.name}" if field == "nav_title" else f"summary.{route.name}")


def navigation_pages() -> dict[str, st.Page]:
    """One st.Page per route in core/navigation.py (by path), titled in the visitor's language.

    Scripts are given by absolute path: Streamlit resolves relative ones against the entry script's
    folder (entry/), not the project's root. The home page is the default, served at /.
    """
    return {
        route.path: st.Page(
            ROOT / route.script, title=about_page(route, "nav_title"), url_path=route.path or None, default=route == HOME
        )
        for route in ROUTES
    }
