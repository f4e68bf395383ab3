"""The shipped content, loaded once for the tests that read their expected values from it."""

from __future__ import annotations

from pathlib import Path

from core.site import load_site

ROOT = Path(__file__).resolve().parent.parent
SITE = load_site(ROOT)
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
