"""The presenter view through AppTest: the deck chooser, the slide bound to the address, the buttons and the notes."""

from __future__ import annotations

import html

import pytest
from shipped import SITES, SLIDES
from streamlit.testing.v1 import AppTest
from test_pages import run_page

from core.domain.site import deck_data

SITE = SITES["en"]
T = SITE["strings"].value
DATA = deck_data("en", SITE.parts, SITE.articles)
DECKS = SLIDES["en"]
SCRIPT = "pages/present.py"


def present(**query: str) -> AppTest:
    app = run_page(SCRIPT, **query)
    assert not app.exception, [e.message for e in app.exception]
    return app


def shown_html(app: AppTest) -> str:
    return "\n".join(e.proto.body for e in app.get("html"))


def shown_title(app: AppTest) -> str:
    body = shown_html(app)
    return html.unescape(body.split('<h1 class="slide-title">')[1].split("</h1>")[0])


@pytest.mark.parametrize("lang", sorted(SITES))
def test_the_chooser_lists_every_deck_with_its_slide_count_and_audience(lang: str) -> None:
    site, t = SITES[lang], SITES[lang]["strings"].value
    app = present(lang=lang)
    assert app.title[0].value == t("present.chooser_heading")
    assert site.decks
    captions = [c.value for c in app.caption]
    for deck_id, part in site.decks.items():
        deck = part.value.deck
        expected = t("present.chooser_item", count=len(SLIDES[lang][deck_id]), audience=deck.audience)
        assert any(html.unescape(c).startswith(expected) for c in captions), (expected, captions)
    links = [
        (e.proto.label, dict((e.proto.query_string and [kv.split("=") for kv in e.proto.query_string.split("&")]) or []))
        for e in app.get("page_link")
    ]
    for deck_id, part in site.decks.items():
        wanted = {"deck": deck_id, "slide": "1", "lang": lang}
        assert (t("present.chooser_start", title=part.value.deck.title), wanted) in links


def test_an_unknown_deck_says_so_and_offers_the_chooser() -> None:
    app = present(deck="<b>nope</b>")
    assert html.unescape(app.warning[0].value) == T("present.unknown_deck", deck="<b>nope</b>")
    assert app.title[0].value == T("present.chooser_heading")


@pytest.mark.parametrize(("lang", "deck_id"), [(lang, deck_id) for lang, decks in SLIDES.items() for deck_id in sorted(decks)])
def test_every_slide_opens_from_its_address_with_its_number(lang: str, deck_id: str) -> None:
    slides, t = SLIDES[lang][deck_id], SITES[lang]["strings"].value
    note = t("frame.translation_unreviewed")
    for number in (1, 3, len(slides)):
        app = present(deck=deck_id, slide=str(number), lang=lang)
        assert shown_title(app) == slides[number - 1].title
        assert t("present.slide_of", number=number, total=len(slides)) in shown_html(app)
        assert app.query_params["slide"] == [str(number)] or app.query_params["slide"] == str(number)
        # an unreviewed translation says so once, at the slide's foot, not above the slide
        assert (html.escape(note) in shown_html(app)) == SITES[lang].unreviewed("present")
        assert not any(note in c.value for c in app.caption)


@pytest.mark.parametrize("junk", ["0", "-1", "999", "abc", "2.5", "<script>", "9" * 400, ""])
def test_a_junk_or_out_of_range_slide_opens_slide_one_and_the_address_says_so(junk: str) -> None:
    app = present(deck="community-talk", slide=junk)
    assert shown_title(app) == DECKS["community-talk"][0].title
    assert app.query_params["slide"] in ("1", ["1"])


def slide_param(app: AppTest) -> str:
    value = app.query_params["slide"]
    return value[0] if isinstance(value, list) else value


def test_the_buttons_move_and_stop_at_both_ends() -> None:
    total = len(DECKS["community-talk"])
    app = present(deck="community-talk", slide="1")
    app.button(key="present_previous").click().run()
    assert slide_param(app) == "1"
    app.button(key="present_next").click().run()
    assert slide_param(app) == "2"
    assert shown_title(app) == DECKS["community-talk"][1].title
    app.button(key="present_last").click().run()
    assert slide_param(app) == str(total)
    app.button(key="present_next").click().run()
    assert slide_param(app) == str(total)
    app.button(key="present_right").click().run()
    assert slide_param(app) == str(total)
    app.button(key="present_left").click().run()
    assert slide_param(app) == str(total - 1)
    app.button(key="present_first").click().run()
    assert slide_param(app) == "1"
    app.button(key="present_space").click().run()
    assert slide_param(app) == "2"


def test_notes_show_only_when_asked_and_the_toggle_is_bound_to_the_address() -> None:
    slide = DECKS["community-talk"][0]
    assert slide.notes
    app = present(deck="community-talk", slide="1")
    assert html.escape(slide.notes) not in shown_html(app)
    assert app.button(key="present_notes").label == T("present.notes_show")
    app.button(key="present_notes").click().run()
    assert app.query_params["notes"] in ("1", ["1"])
    assert html.escape(slide.notes) in shown_html(app)
    app = present(deck="community-talk", slide="1", notes="1")
    assert app.button(key="present_notes").label == T("present.notes_hide")
    assert html.escape(slide.notes) in shown_html(app)
    app.button(key="present_notes").click().run()
    assert "notes" not in app.query_params
    assert html.escape(slide.notes) not in shown_html(app)


def test_a_slide_shows_the_crisis_lines_and_sources_but_the_frame_keeps_only_the_quick_exit() -> None:
    closing = len(DECKS["community-talk"])
    app = present(deck="community-talk", slide=str(closing))
    body = shown_html(app)
    assert "quick-exit-button" in body
    assert '<nav class="crisis-strip"' not in body
    text = html.unescape(body)
    for hotline in SITE["hotlines"].value.crisis_strip:
        for line in hotline.phones:
            assert (line.number or line.text_to) in text
    assert T("present.slide_of", number=closing, total=closing) in text  # the slide's own foot, under the lines
    foot = text.split('<footer class="slide-foot">', 1)[1]
    for hotline in SITE["hotlines"].value.crisis_strip:  # where each number is published, in the slide's foot
        assert T("present.number_published", owner=hotline.short_name.en) in foot
        for line in hotline.phones:
            assert f'href="{line.source}"' in foot


def test_a_chart_slide_draws_the_statistics_page_chart_with_its_alt_text() -> None:
    from core.views.charts import chart_alt

    number, slide = next((i, s) for i, s in enumerate(DECKS["community-talk"], start=1) if s.series)
    app = present(deck="community-talk", slide=str(number))
    charts = app.get("vega_lite_chart")
    assert len(charts) == 1
    stats = SITE["statistics"].value.data
    series = stats.series_by_id(slide.series)
    assert chart_alt(series, stats.points(series.id), "en", T) in str(charts[0].proto)
