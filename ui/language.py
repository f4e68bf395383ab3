"""The visitor's language and the state kept in the address (?lang=es, a widget's choice by id)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from core.content.schema import LANGUAGES
from core.content.text import Strings
from core.content.translation import preferred_language
from core.domain.site import Site
from core.views.shell import page_language_html
from ui.cache import AVAILABLE_LANGUAGES, language_name, site_in, strings_in

LANG_PARAM = "lang"
"""The query parameter that names the language: ?lang=es."""
LANG_CHOICE = "lang_choice"
"""Session key: the language chosen by link or by the switch during this visit."""
LANGUAGE_SWITCH = "language_switch"


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


def site() -> Site:
    """Everything the site shows, loaded once per process and language (a rerun does no file I/O)."""
    return site_in(lang())


def strings() -> Strings:
    """The interface words in the visitor's language; a key it lacks falls back to English."""
    return strings_in(lang())


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


def page_language() -> None:
    """Say the page's language on <html lang>, so screen readers pronounce it right (a static script)."""
    st.html(page_language_html(lang()), unsafe_allow_javascript=True)


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
