"""The crisis lines without the app (the offline page nginx serves, the shell's <noscript>): they say what the
site says, in each language: the task force's line is marked unconfirmed as it is elsewhere, and a text to 911
says in which language it must be written."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

import ui.cache
from core.content.schema import DEFAULT_LANGUAGE, LANGUAGES
from core.views import site as views_site
from core.views.offline import noscript_html, offline_page, shell_for
from core.views.render import unconfirmed_text
from core.views.site import load_site

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "es")

# A research fact kept as a literal on purpose: the City of Monterey wrote in 2020 that texts to 911 must be
# written in English (Latin characters) and are not translated.
TEXT_911_LANGUAGE = {"en": "in english", "es": "en inglés"}


def both_pages(lang: str) -> dict[str, str]:
    site = load_site(ROOT, lang)
    return {"offline page": offline_page(site), "noscript": noscript_html(site)}


@pytest.mark.parametrize("lang", LANGS)
def test_the_task_force_line_carries_its_unconfirmed_mark_without_the_app(lang: str) -> None:
    site = load_site(ROOT, lang)
    t, contact = site["strings"].value, site["site"].value.contact
    for name, page in both_pages(lang).items():
        shown = re.search(r'<p class="offline-contact">(.*?)</p>', page, re.DOTALL)
        assert shown, name
        assert html.escape(t("frame.footer_not_crisis")) in shown.group(1), name
        if not contact.confirmed:
            assert html.escape(unconfirmed_text(contact, t)) in shown.group(1), (name, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_a_text_to_911_offered_without_the_app_says_it_must_be_written_in_english(lang: str) -> None:
    site = load_site(ROOT, lang)
    hotlines = site["hotlines"].value.hotlines
    emergency = next(h for h in hotlines if any(line.number == "911" for line in h.phones))
    assert any(line.text_to == "911" for line in emergency.phones), "the site offers a text to 911"
    about = emergency.about.get(lang)
    assert TEXT_911_LANGUAGE[lang] in about.casefold(), about
    for name, page in both_pages(lang).items():
        item = next(li for li in page.split("<li>") if html.escape(emergency.name.get(lang)) in li)
        assert html.escape(about) in item, name


def test_the_page_shell_and_the_pages_share_one_site_per_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """One copy of the site per process and language: the shell (noscript, title) and the pages read the same one."""
    loads: list[str] = []
    original = views_site.load_site

    def counting(root: Path = ROOT, lang: str = "en") -> object:
        loads.append(lang)
        return original(root, lang)

    monkeypatch.setattr(views_site, "load_site", counting)
    views_site.site_for.cache_clear()
    ui.cache.site_in.clear()
    shell = f"<html><head><title>x</title></head><body><noscript></noscript><!-- {id(loads)} --></body></html>"
    lang = next(code for code in LANGUAGES if code != DEFAULT_LANGUAGE)

    shell_for(shell, "/", lang)
    shown = ui.cache.site_in(lang)

    assert loads == [lang]
    assert shown is views_site.site_for(lang)
    views_site.site_for.cache_clear()
    ui.cache.site_in.clear()
