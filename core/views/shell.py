"""The page shell's markup and scripts: the quick exit, the "Help now" link's target, the words for Streamlit's
own controls, the page language and the one-history-entry script.

Every value is escaped into an attribute or text; the scripts (assets/*.js) are static and interpolate nothing,
so core.web.security allows exactly them by hash (`shell_scripts()`).
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Mapping

from core.content.problems import CODE_ROOT
from core.content.schema import https_problem

ASSETS = CODE_ROOT / "assets"
QUICK_EXIT_SCRIPT = ASSETS / "quick_exit.js"
QUICK_EXIT_STYLE = ASSETS / "quick_exit.css"
CHROME_SCRIPT = ASSETS / "chrome.js"
HELP_NOW_ID = "help-now"
"""The id of the crisis strip, where the header's "Help now" link leads."""
PAGE_LANGUAGE_SCRIPT = ASSETS / "page_lang.js"
ONE_HISTORY_ENTRY_SCRIPT = ASSETS / "one_history_entry.js"
"""Keeps the whole visit to one entry of the tab's history, so Back after the quick exit shows no page of the site."""

FALLBACK_EXIT_URL = "https://www.weather.gov"
"""Where the quick exit goes when data/site.yaml cannot be read: the shipped quick_exit_url (a weather page)."""

QUICK_EXIT_LABELS = ("button", "skip", "press_two", "press_one", "expired", "leaving", "region", "main", "help")
"""The words the quick exit needs, by key under `safety.exit_` in strings.yaml."""


@functools.cache
def quick_exit_script() -> str:
    """The quick-exit script, exactly as it is sent (its hash is in the policy)."""
    return QUICK_EXIT_SCRIPT.read_text(encoding="utf-8")


@functools.cache
def chrome_script() -> str:
    """The script that fixes Streamlit's own controls for keyboard and screen-reader users (its hash is in the policy)."""
    return CHROME_SCRIPT.read_text(encoding="utf-8")


@functools.cache
def page_language_script() -> str:
    """The script that sets <html lang>, exactly as it is sent (its hash is in the policy)."""
    return PAGE_LANGUAGE_SCRIPT.read_text(encoding="utf-8")


def page_language_html(lang: str) -> str:
    """An invisible element naming the page's language, and the static script that puts it on <html lang>."""
    if not re.fullmatch(r"[a-z]{2}", lang):
        raise ValueError(f"page language: {lang!r} is not a two-letter language code")
    return f'<div data-page-lang="{lang}" hidden></div><script>{page_language_script()}</script>'


@functools.cache
def one_history_entry_script() -> str:
    """The script the page shell runs before Streamlit's own, exactly as it is sent (its hash is in the policy)."""
    return ONE_HISTORY_ENTRY_SCRIPT.read_text(encoding="utf-8")


@functools.cache
def quick_exit_style() -> str:
    return QUICK_EXIT_STYLE.read_text(encoding="utf-8")


CHROME_LABELS = ("menu", "close_menu")
"""The words chrome.js gives Streamlit's own controls, by key under `frame.` in strings.yaml."""


def chrome_html(labels: Mapping[str, str]) -> str:
    """The words for Streamlit's own controls, escaped into attributes, and the static script that applies them."""
    missing = [key for key in CHROME_LABELS if not labels.get(key)]
    if missing:
        raise ValueError(f"labels missing: {', '.join(missing)}")
    data = " ".join(f'data-{key.replace("_", "-")}="{html.escape(labels[key])}"' for key in CHROME_LABELS)
    return f"<div hidden data-chrome {data}></div><script>{chrome_script()}</script>"


def quick_exit_html(url: str, labels: Mapping[str, str]) -> str:
    """The quick exit: a button to `url`, beside it a "Help now" link to the crisis strip, a status
    region, the styles and the static script (which also adds the skip links first in the page).

    Every value is escaped into an attribute or text; the script reads them from there and
    interpolates nothing. `url` must be a complete https:// address.
    """
    problem = https_problem(url)
    if problem:
        raise ValueError(f"quick exit address: {problem}")
    missing = [key for key in QUICK_EXIT_LABELS if not labels.get(key)]
    if missing:
        raise ValueError(f"quick exit labels missing: {', '.join(missing)}")
    data = " ".join(f'data-{key.replace("_", "-")}="{html.escape(labels[key])}"' for key in QUICK_EXIT_LABELS)
    href = html.escape(url)
    return (
        f'<div class="quick-exit" data-quick-exit data-url="{href}" {data}>'
        f'<a class="quick-exit-button" href="{href}" rel="noopener noreferrer" data-quick-exit-link>'
        f"{html.escape(labels['button'])}</a>"
        f'<a class="help-now-link" href="#{HELP_NOW_ID}" data-help-now>{html.escape(labels["help"])}</a>'
        '<div class="quick-exit-status" role="status" aria-live="polite" data-quick-exit-status></div>'
        "</div>"
        f"<style>{quick_exit_style()}</style>"
        f"<script>{quick_exit_script()}</script>"
    )


def shell_scripts() -> tuple[str, ...]:
    """Every inline script the page shell sends, exactly as sent: the security policy allows each by its hash."""
    return (quick_exit_script(), chrome_script(), page_language_script(), one_history_entry_script())
