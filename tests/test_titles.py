"""Document titles: the browser tab, the history list and a screen reader's first words.

A watched visitor's tab and history show the title, so it stays short; a translation's title is never
longer than the English one (a Spanish title once spelled out the whole subject in 86 characters).
"""

from __future__ import annotations

import pytest
from shipped import SITES

from core.content.navigation import ROUTES
from core.content.schema import DEFAULT_LANGUAGE
from core.views.offline import page_title

ENGLISH = SITES[DEFAULT_LANGUAGE]
TRANSLATIONS = {lang: site for lang, site in SITES.items() if lang != DEFAULT_LANGUAGE}


@pytest.mark.parametrize("lang", list(TRANSLATIONS))
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_a_translated_title_is_no_longer_than_the_english(route, lang) -> None:
    english, translated = page_title(ENGLISH, route.path), page_title(TRANSLATIONS[lang], route.path)
    assert len(translated) <= len(english), (
        f"{lang} title of /{route.path} is {len(translated)} characters, the English {len(english)}: "
        f"{translated!r} against {english!r}; shorten site.title in content/{lang}/strings.yaml or the page's nav_title"
    )
