"""The shipped content, loaded once for the tests that read their expected values from it."""

from __future__ import annotations

from pathlib import Path

from core.schema import DEFAULT_LANGUAGE, LANGUAGES
from core.site import deck_data, load_site
from core.slides import build_slides

ROOT = Path(__file__).resolve().parent.parent
SITE = load_site(ROOT)
SITES = {
    lang: SITE if lang == DEFAULT_LANGUAGE else load_site(ROOT, lang) for lang in LANGUAGES if (ROOT / "content" / lang).is_dir()
}
"""The site in every language that has a folder under content/."""
SLIDES = {
    lang: {
        deck_id: build_slides(part.value.deck, deck_data(lang, site.parts, site.articles)) for deck_id, part in site.decks.items()
    }
    for lang, site in SITES.items()
}
"""Every deck's slides in every language, as the presenter view and the PDFs show them."""
T = SITE["strings"].value
HOTLINES = SITE["hotlines"].value
FACTS = SITE["site"].value
AGENCIES = SITE["directory"].value.agencies
EVERY_PHONE_LINE = [
    *(line for hotline in HOTLINES.hotlines for line in hotline.phones),
    *(line for agency in AGENCIES for line in agency.phones),
    FACTS.contact,
]
"""Every number the site shows: the hotlines', the agencies' and the task force's own."""
