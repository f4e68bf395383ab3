"""The Streamlit side of the site: what every page shares. Only ui/, dashboard.py and pages/ import Streamlit;
everything that parses, sorts or decides lives in core/ (Streamlit-free, with unit tests).

- ui/cache.py      the per-process caches: the site, its strings, the statistics view, the agency cards and
                   the slides, built once per process and language (`prepare` fills them before the first visitor)
- ui/language.py   the visitor's language (?lang=, the switch, the browser's preference), the visitor's site and
                   strings, and the choices kept in the address (url_choice, url_index, keep_in_url)
- ui/frame.py      the frame: the quick exit, styles, crisis strip, footer, translation note, problem messages
                   and the navigation (navigation_pages, route_of, about_page)
- ui/articles.py   drawing content: articles, see-also links, hotline and agency cards, statistics view, slides
- ui/downloads.py  the PDF downloads (decks and the handout), made on the first click and kept for the day
- ui/preview.py    `make preview` only: reload when a content file is saved, and the content check's problems on top

Pages write `import ui` and call the names below.
"""

from ui.articles import (
    agency_cards,
    card_list,
    deck_slides,
    show_article,
    show_hotline,
    show_phone_line,
    show_see_also,
    slide_chart,
    statistics_view,
)
from ui.cache import prepare
from ui.downloads import deck_pdf_maker, handout_download, pdf_download
from ui.frame import (
    FAVICON,
    PRESENT_PATH,
    PRESENT_STYLE,
    about_page,
    footer,
    frame,
    navigation_pages,
    require,
    route_of,
    show_problems,
    translation_note,
)
from ui.language import keep_in_url, lang, site, strings, url_choice, url_index
from ui.preview import show_preview_box

__all__ = [
    "FAVICON",
    "PRESENT_PATH",
    "PRESENT_STYLE",
    "about_page",
    "agency_cards",
    "card_list",
    "deck_pdf_maker",
    "deck_slides",
    "footer",
    "frame",
    "handout_download",
    "keep_in_url",
    "lang",
    "navigation_pages",
    "pdf_download",
    "prepare",
    "require",
    "route_of",
    "show_article",
    "show_hotline",
    "show_phone_line",
    "show_preview_box",
    "show_problems",
    "show_see_also",
    "site",
    "slide_chart",
    "statistics_view",
    "strings",
    "translation_note",
    "url_choice",
    "url_index",
]
