"""What every page shares: the quick exit, styles, crisis strip and footer, problem messages, and the navigation."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from core.content.navigation import HOME, PRESENT_PATH, ROUTES, Route
from core.content.problems import CODE_ROOT, Problem
from core.domain.site import Part
from core.views.render import crisis_strip_html, footer_markdown, md_escape
from core.views.shell import CHROME_LABELS, FALLBACK_EXIT_URL, QUICK_EXIT_LABELS, chrome_html, quick_exit_html
from ui.language import keep_language, language_switch, page_language, site, strings

ASSETS = Path(__file__).parent.parent / "assets"
STYLE = (ASSETS / "site.css").read_text(encoding="utf-8")
PRESENT_STYLE = (ASSETS / "present.css").read_text(encoding="utf-8")
"""The presenter view's address: its frame has the quick exit but no crisis strip or footer (the slides carry the lines)."""
FAVICON = str(ASSETS / "favicon.png")


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


def presenting(path: str) -> bool:
    """True on the presenter view showing a deck: the slides carry the crisis lines, so no strip or footer."""
    return path == PRESENT_PATH and st.query_params.get("deck", "") in site().decks


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
    """The quick exit (README, "Visitor safety"): a button, a skip link first in the tab order, and Shift three times.

    It works even when data/site.yaml is broken: it then goes to the default neutral page.
    """
    t, facts = strings(), site()["site"]
    url = facts.value.quick_exit_url if facts.ok else FALLBACK_EXIT_URL
    labels = {key: t(f"safety.exit_{key}") for key in QUICK_EXIT_LABELS}
    chrome = chrome_html({key: t(f"frame.{key}") for key in CHROME_LABELS})  # names for Streamlit's menu buttons
    st.html(quick_exit_html(url, labels) + chrome, unsafe_allow_javascript=True)


def translation_note(path: str) -> None:
    """One discreet line on a translated page that no bilingual task-force member has reviewed yet (on the presenter
    view showing a deck, each slide's foot carries it instead)."""
    if not presenting(path) and site().unreviewed(path if any(route.path == path for route in ROUTES) else HOME.path):
        st.caption(":material/translate: " + md_escape(strings()("frame.translation_unreviewed")))


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


def about_page(route: Route, field: str) -> str:
    """A page's `nav_title` or `summary`: from an article's front matter, else strings.yaml's nav.<name> or summary.<name>."""
    if route.from_article:
        article = site().article(route.path)
        if article.ok:
            return getattr(article.value.meta, field)
    return strings()(f"nav.{route.name}" if field == "nav_title" else f"summary.{route.name}")


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
