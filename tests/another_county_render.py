"""Run by test_another_county.py in a fresh process with CSEC_SITE_ROOT set: prints, as JSON, the text of every
page in every language (through AppTest), of the presenter view of every deck, of the offline page, and of the
handout and deck PDFs. A fresh process because the content root is read once, when core.content.problems loads."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys

from conftest import ENTRY, page_script
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest
from test_pages import page_text

import ui
import ui.downloads
from core.content.navigation import ROUTES
from core.content.problems import ROOT
from core.views.offline import offline_page
from core.views.site import load_site


def run_page(script: str, **query: str) -> AppTest:
    """The page as a visitor gets it, as in test_pages.run_page."""
    app = AppTest.from_file(ENTRY, default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    if script != ROUTES[0].script:
        app.switch_page(page_script(script))
        app.run()
    return app


def pdf_text(document: bytes) -> str:
    reader = PdfReader(io.BytesIO(document))
    return "\n".join(page.extract_text() for page in reader.pages) + "\n" + str(reader.metadata)


def main() -> None:
    texts: dict[str, str] = {"root": str(ROOT)}
    day = dt.date.today().isoformat()
    for lang in ("en", "es"):
        site = load_site(ROOT, lang)
        for route in ROUTES:
            app = run_page(route.script, lang=lang)
            errors = [e.message for e in app.exception] + [e.value for e in app.error]
            texts[f"{lang} page {route.path or 'home'}"] = page_text(app) + "\n".join(errors)
        for deck_id in site.decks:
            present = next(route for route in ROUTES if route.path == ui.PRESENT_PATH)
            texts[f"{lang} present {deck_id}"] = page_text(run_page(present.script, lang=lang, deck=deck_id))
            texts[f"{lang} deck pdf {deck_id}"] = pdf_text(ui.downloads.deck_pdf_in(lang, deck_id, True, day))
        texts[f"{lang} handout pdf"] = pdf_text(ui.downloads.handout_in(lang, day))
        texts[f"{lang} offline page"] = offline_page(site)
    json.dump(texts, sys.stdout)


if __name__ == "__main__":
    main()
