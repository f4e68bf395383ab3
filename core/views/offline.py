"""The crisis lines without the app: the <noscript> of the page shell, the static page nginx serves when
every app process is down, the shell's title and description, and robots.txt.

Streamlit-free. Everything here is built from the same data as the site (data/hotlines.yaml,
data/site.yaml, content/<lang>/strings.yaml), escaped, so the numbers a visitor gets without
JavaScript, or during an outage, are the numbers the site shows.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from pathlib import Path

from core.content.models import HotlineFile, SiteFile
from core.content.navigation import HOME, ROUTES, Route
from core.content.phones import sms_href, tel_href
from core.content.problems import ROOT
from core.content.schema import DEFAULT_LANGUAGE
from core.content.text import site_languages
from core.domain.site import Site
from core.views.render import unconfirmed_text
from core.views.shell import QUICK_EXIT_LABELS, one_history_entry_script, quick_exit_html
from core.views.site import site_for

Translate = Callable[..., str]

ROBOTS = "content/robots.txt"
"""What search engines may read: a plain robots.txt, served at /robots.txt by the app and by nginx."""

OFFLINE_STYLE = """
body { margin: 0; font-family: sans-serif; color: #1a1a1a; background: #ffffff; line-height: 1.5; }
main, noscript { display: block; max-width: 44rem; margin: 0 auto; padding: 1rem; }
main { padding-top: 4rem; }
h1 { font-size: 1.75rem; line-height: 1.25; }
h2 { font-size: 1.25rem; margin: 0 0 0.25rem; }
.offline-lines { list-style: none; margin: 0; padding: 0; }
.offline-lines li { border: 1px solid #8a8a8a; border-radius: 0.5rem; padding: 0.75rem 1rem; margin: 0 0 0.75rem; }
.offline-lines a, .offline-contact a { color: #7a1020; font-weight: 700; font-size: 1.15rem; }
a[href^="tel:"], a[href^="sms:"] { white-space: nowrap; }
.offline-contact { border-top: 1px solid #8a8a8a; padding-top: 1rem; }
"""
"""Styles of the offline page (inline: allowed by the site's policy, style-src 'unsafe-inline')."""


def _a(href: str, text: str) -> str:
    return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'


def crisis_lines_html(hotlines: HotlineFile, site: SiteFile, t: Translate, lang: str) -> str:
    """The crisis and reporting lines as an HTML list with tel: and sms: links, then the task force's own
    line, marked as not a crisis line and, as everywhere on the site, unconfirmed while it is. Every value is
    escaped."""
    items = []
    for hotline in hotlines.emergency_lines:
        links = []
        for line in hotline.phones:
            if line.number:
                links.append(_a(tel_href(line.number), t("hotline.call", number=line.number)))
            if line.text_to:
                label = (
                    t("hotline.text", word=line.text_word, number=line.text_to)
                    if line.text_word
                    else t("hotline.text_plain", number=line.text_to)
                )
                links.append(_a(sms_href(line.text_to, line.text_word), label))
        items.append(
            f"<li><h2>{html.escape(hotline.name.get(lang))}</h2>"
            f"<p>{html.escape(hotline.about.get(lang))}</p><p>{' · '.join(links)}</p></li>"
        )
    contact = site.contact
    words = [html.escape(t("frame.footer_contact", name=site.name.get(lang), label=contact.label.get(lang)))]
    if contact.number:
        words.append(_a(tel_href(contact.number), t("hotline.call", number=contact.number)))
    words.append(html.escape(t("frame.footer_not_crisis")))
    if not contact.confirmed:
        words.append(html.escape(unconfirmed_text(contact, t)))
    shown = " ".join(words)
    return f'<ul class="offline-lines">{"".join(items)}</ul><p class="offline-contact">{shown}</p>'


def noscript_html(site: Site) -> str:
    """What a browser without JavaScript shows instead of the app: the crisis lines and a plain exit link."""
    t = site["strings"].value
    hotlines, facts = site["hotlines"], site["site"]
    if not (hotlines.ok and facts.ok):
        return f"<p>{html.escape(t('frame.footer_crisis_note'))}</p>"
    exit_link = f'<p><a href="{html.escape(facts.value.quick_exit_url)}">{html.escape(t("safety.exit_button"))}</a></p>'
    return (
        f"<style>{OFFLINE_STYLE}</style>"
        + exit_link
        + f"<p>{html.escape(t('offline.noscript_intro'))}</p>"
        + crisis_lines_html(hotlines.value, facts.value, t, site.lang)
    )


def offline_page(site: Site) -> str:
    """The page nginx serves when no app process answers: the quick exit (its static script, allowed by the
    site's policy by hash), the crisis lines and the task force's line. A complete HTML document."""
    t = site["strings"].value
    hotlines, facts = site["hotlines"], site["site"]
    if not (hotlines.ok and facts.ok):
        problems = [str(p) for p in (*hotlines.problems, *facts.problems)]
        raise ValueError("the offline page needs data/hotlines.yaml and data/site.yaml: " + "; ".join(problems))
    labels = {key: t(f"safety.exit_{key}") for key in QUICK_EXIT_LABELS}
    title = html.escape(t("offline.title"))
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(site.lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="robots" content="noindex"><title>{title}</title><style>{OFFLINE_STYLE}</style></head>'
        f"<body>{quick_exit_html(facts.value.quick_exit_url, labels)}"
        f"<main><h1>{title}</h1><p>{html.escape(t('offline.intro'))}</p>"
        f"{crisis_lines_html(hotlines.value, facts.value, t, site.lang)}</main></body></html>\n"
    )


def _route(path: str) -> Route:
    """The page at an address (an unknown address gets the home page's shell; Streamlit then says it is not found)."""
    return next((r for r in ROUTES if r.path == path.strip("/")), HOME)


def _about(site: Site, route: Route, field: str) -> str:
    """A page's nav_title or summary, as the menu and the home page give them (ui.about_page)."""
    t = site["strings"].value
    if route.from_article:
        article = site.article(route.path)
        if article.ok:
            return getattr(article.value.meta, field)
    return t(f"nav.{route.name}" if field == "nav_title" else f"summary.{route.name}")


def page_title(site: Site, path: str) -> str:
    """The shell's <title> for an address: the page's name, then the site's ("Statistics · CSEC awareness: ...")."""
    t = site["strings"].value
    route = _route(path)
    if route == HOME:
        return t("site.title")
    return t("shell.title", page=_about(site, route, "nav_title"), site=t("site.title"))


def page_description(site: Site, path: str) -> str:
    """The shell's meta description: the site's, then what the page is about."""
    t = site["strings"].value
    route = _route(path)
    about = "" if route == HOME else _about(site, route, "summary")
    return f"{t('shell.description')} {about}".strip()


_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)
_NOSCRIPT = re.compile(r"<noscript>.*?</noscript>", re.DOTALL)


def rewrite_shell(shell: str, site: Site, path: str) -> str:
    """Streamlit's page shell with this page's title, the site's description, the script that keeps the
    visit to one history entry (it must run before Streamlit's own), and the crisis lines in <noscript>.

    Only the title, one <meta>, one added <script> (allowed by its hash, like the shell's own inline
    script, which is untouched) and the <noscript> change.
    """
    head = (
        f"<title>{html.escape(page_title(site, path))}</title>\n"
        f'    <meta name="description" content="{html.escape(page_description(site, path))}" />\n'
        f"    <script>{one_history_entry_script()}</script>"
    )
    shell = _TITLE.sub(lambda _: head, shell, count=1)
    return _NOSCRIPT.sub(lambda _: f"<noscript>{noscript_html(site)}</noscript>", shell, count=1)


@functools.lru_cache(maxsize=256)
def _shell(shell: str, route: str, lang: str) -> str:
    return rewrite_shell(shell, site_for(lang), route)


def shell_for(shell: str, path: str, lang: str) -> str:
    """The shell for a request to `path` in `lang` (?lang=): built once per process, page and language."""
    route = _route(path).path
    language = lang if lang in site_languages(ROOT) else DEFAULT_LANGUAGE
    return _shell(shell, route, language)


def robots_txt(root: Path = ROOT) -> bytes:
    return (root / ROBOTS).read_bytes()
