"""The directory page through AppTest: hotlines first, URL-bound search and filters, cards, the empty result."""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import pytest
from conftest import ENTRY, page_script
from dial_forms import expected_call
from shipped import DIRECTORY, HOTLINES, SITE, TOTAL, T, first, found_alone, listed, narrowing_filters, unknown_city
from streamlit.testing.v1 import AppTest

import core.content.load
import ui
import ui.cache
from core.domain.directory import KINDS
from core.domain.search import Filters
from core.views.render import long_date
from core.views.site import site_for

PAGE = "pages/directory.py"
AGENCY_NAMES = {a.name.en for a in DIRECTORY.agencies}


def open_directory(**query: str) -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=30)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(page_script(PAGE))
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def card_names(app: AppTest) -> list[str]:
    """The names on the result cards, in order (a card starts with its name as a heading, then its kind)."""
    return [
        name
        for name in (html.unescape(m.value.split("\n\n")[0].removeprefix("### ")) for m in app.markdown)
        if name in AGENCY_NAMES
    ]


def shown(count: int) -> str:
    """The caption above the results: how many of all the entries are shown."""
    return T("directory.count", shown=count, total=TOTAL)


def count(app: AppTest) -> str:
    start = shown(0).split("0")[0]  # the caption's words before the first number
    return next(c.value for c in app.caption if c.value.startswith(start))


def text_of(elements) -> str:
    return html.unescape("\n".join(e.value for e in elements))


def test_the_page_renders_with_its_title_and_every_entry() -> None:
    app = open_directory()
    assert not app.error
    assert app.title[0].value == T("directory.title")
    assert count(app) == shown(TOTAL)
    assert card_names(app) == [a.name.en for a in DIRECTORY.agencies]
    assert app.text_input(key="directory_q").value == ""


def test_the_search_comes_first_and_every_crisis_and_reporting_line_follows_the_results() -> None:
    # On a phone the search box must be on the first screens; the crisis strip at the top of the page
    # already gives the urgent lines, and the full cards follow the results.
    app = open_directory()
    headers = [h.value for h in app.header]
    assert headers.index(T("directory.search_heading")) < headers.index(T("directory.hotlines_heading"))
    markdown = [html.unescape(m.value) for m in app.markdown]
    last_card = max(i for i, m in enumerate(markdown) if m.startswith(f"### {DIRECTORY.agencies[-1].name.en}\n\n"))
    hotlines = HOTLINES.hotlines
    urgent = [h.name.en for h in hotlines if any(p.purpose in ("crisis", "report") for p in h.phones)]
    for name in urgent:
        assert next(i for i, m in enumerate(markdown) if m.startswith(f"### {name}\n")) > last_card
    links = "\n".join(m.value for m in app.markdown[last_card + 1 :])
    for hotline in hotlines:
        if hotline.name.en in urgent:
            for line in hotline.phones:
                if line.number:
                    assert "(tel:" in links


def test_enforcement_tip_lines_are_under_tips_for_professionals_only() -> None:
    tip_only = [h for h in HOTLINES.hotlines if all(p.purpose == "tips" for p in h.phones)]
    support = [h for h in HOTLINES.hotlines if not any(p.purpose in ("crisis", "report", "tips") for p in h.phones)]
    first(tip_only, "hotline with tip lines only")
    app = open_directory()
    support_expander, tips_expander = app.expander
    assert (support_expander.label, tips_expander.label) == (T("directory.support_heading"), T("directory.tips_heading"))
    tip_text, support_text = text_of(tips_expander.markdown), text_of(support_expander.markdown)
    assert T("directory.tips_intro") in text_of(tips_expander.caption)
    hotline_cards = [m for m in text_of(app.markdown).splitlines() if m.startswith("### ")]
    for hotline in tip_only:
        assert f"### {hotline.name.en}" in tip_text
        assert hotline.name.en not in support_text
        assert hotline_cards.count(f"### {hotline.name.en}") == 1
    for hotline in support:
        assert f"### {hotline.name.en}" in support_text


# A word that finds one entry alone, typed as is, under the page's own name for it, and with its last letter
# missing (the visitor is still typing).
@pytest.mark.parametrize(("key", "cut"), [("q", 0), ("directory_q", 0), ("q", 1)])
def test_a_query_in_the_url_preselects_the_search(key: str, cut: int) -> None:
    agency, word = first(found_alone(), "agency that a word of its name finds alone")
    query = word[: len(word) - cut]
    app = open_directory(**{key: query})
    assert app.text_input(key="directory_q").value == query
    assert card_names(app) == listed(query)
    assert agency.name.en in card_names(app)
    assert count(app) == shown(len(listed(query)))


def test_short_filter_names_in_the_url_preselect_the_filters() -> None:
    chain = first(narrowing_filters(), "kind and language that narrow the list")
    kind, language = chain[1].kind, chain[1].language
    city = next(c for a in DIRECTORY.agencies if a.name.en in listed(filters=chain[1]) for c in a.cities)
    app = open_directory(kind=kind, city=city, language=language)
    assert app.selectbox(key="directory_kind").value == kind
    assert app.selectbox(key="directory_city").value == city
    assert app.selectbox(key="directory_language").value == language
    assert card_names(app) == listed(filters=Filters(kind=kind, city=city, language=language))


def test_a_short_link_later_in_the_same_session_still_fills_the_search() -> None:
    (agency, word), (_, other_word) = first(
        zip(alone := list(found_alone()), alone[1:], strict=False), "two agencies that a word of each name finds alone"
    )
    app = open_directory()
    app.text_input(key="directory_q").input(other_word).run()
    app.text_input(key="directory_q").input("").run()
    app.query_params["q"] = word
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    assert app.text_input(key="directory_q").value == word
    assert card_names(app) == [agency.name.en]


def test_unknown_values_in_the_url_are_ignored() -> None:
    assert "pirates" not in KINDS
    app = open_directory(kind="pirates", city=unknown_city(), open24="nope")
    assert app.selectbox(key="directory_kind").value is None
    assert app.selectbox(key="directory_city").value is None
    assert count(app) == shown(TOTAL)


def test_filters_narrow_the_list() -> None:
    # Each step lists fewer entries than the one before, so a filter the page ignored would show.
    chain = first(narrowing_filters(), "kind and language that narrow the list")
    app = open_directory()
    app.selectbox(key="directory_kind").set_value(chain[0].kind).run()
    assert card_names(app) == listed(filters=chain[0])
    app.selectbox(key="directory_language").set_value(chain[1].language).run()
    assert card_names(app) == listed(filters=chain[1])
    last = chain[-1]
    if last.open_24_hours:
        app.toggle(key="directory_open24").set_value(True).run()
        assert card_names(app) == listed(filters=last)
    assert count(app) == shown(len(listed(filters=last)))
    # Then by city instead of kind: a city whose list differs from the list without it.
    without_kind = Filters(language=last.language, open_24_hours=last.open_24_hours)
    cities = [
        c
        for c in DIRECTORY.cities
        if listed(filters=Filters(**{**vars(without_kind), "city": c})) not in ([], listed(filters=without_kind))
    ]
    app.selectbox(key="directory_kind").set_value(None).run()
    assert card_names(app) == listed(filters=without_kind)
    if cities:
        app.selectbox(key="directory_city").set_value(cities[0]).run()
        assert card_names(app) == listed(filters=Filters(**{**vars(without_kind), "city": cities[0]}))


def test_typing_a_query_searches_names_acronyms_and_spanish_words() -> None:
    agency, acronym = first(
        (
            (a, short)
            for a in DIRECTORY.agencies
            for short in a.short_names
            if short.isupper() and listed(short)[:1] == [a.name.en]
        ),
        "agency that its acronym finds first",
    )
    app = open_directory()
    app.text_input(key="directory_q").input(acronym).run()
    assert card_names(app)[0] == agency.name.en
    spanish = "español"  # a visitor's word, not content: what the search makes of it is tested in test_search
    app.text_input(key="directory_q").input(spanish).run()
    assert card_names(app) == listed(spanish)  # none at all, too, if no entry serves in Spanish


def test_an_empty_result_says_so_and_points_to_the_line_marked_default_help() -> None:
    app = open_directory(q="zzqvx")
    assert card_names(app) == []
    assert count(app) == shown(0)
    assert html.unescape(app.info[0].value) == T("directory.empty", query="zzqvx")
    after = text_of(app.markdown)
    card = f"### {HOTLINES.default_help.name.en}"
    assert after.index(T("directory.empty_help")) < after.index(card)
    assert after.count(card) == 2, "the line marked default_help is not shown under the empty result (and again with the lines)"


def test_an_empty_result_works_whatever_the_default_line_is_called(monkeypatch: pytest.MonkeyPatch) -> None:
    """No page names a content id: give the marked line another id, and the empty result still shows it."""

    hotlines = HOTLINES
    renamed = dataclasses.replace(
        hotlines,
        hotlines=tuple(dataclasses.replace(h, id=f"renamed-{h.id}") for h in hotlines.hotlines),
    )
    parts = {**SITE.parts, "hotlines": dataclasses.replace(SITE["hotlines"], value=renamed)}
    monkeypatch.setattr(ui, "site", lambda: dataclasses.replace(SITE, parts=parts))
    app = open_directory(q="zzqvx")
    after = text_of(app.markdown)
    card = f"### {renamed.default_help.name.en}"
    assert after.index(T("directory.empty_help")) < after.index(card)
    assert after.count(card) == 2


def test_a_card_shows_what_it_does_phones_as_links_and_how_sure_it_is() -> None:
    agency = next(a for a in DIRECTORY.agencies if any(not p.confirmed for p in a.help_lines()))
    app = open_directory(q=agency.name.en)
    assert card_names(app)[0] == agency.name.en
    # What a caption said is small type inside the card's one Markdown text.
    text = text_of(app.markdown)
    small = "\n".join(re.findall(r":small\[(.*)\]", text))
    for line in agency.help_lines():
        if line.number:
            assert f"[{T('hotline.call', number=line.number)}]({expected_call(line.number)})" in text
    assert agency.role.en in text
    if agency.ages.en:
        assert T("directory.ages", ages=agency.ages.en) in text
    unconfirmed = next(p for p in agency.help_lines() if not p.confirmed)
    assert T("trust.unconfirmed", confidence=T(f"hotline.confidence_{unconfirmed.confidence}")) in small
    assert T("trust.published_on") in small
    if agency.task_force_confirmed is None:
        assert T("directory.task_force_not_confirmed") in small
    compared = "directory.compared_copies" if agency.compared_with == "copy" else "directory.compared"
    assert T(compared, date=long_date(agency.compared, T)) in small


def test_tip_lines_inside_a_card_are_labelled_for_professionals() -> None:
    agency = first(
        (a for a in DIRECTORY.agencies if any(p.number for p in a.help_lines()) and any(p.number for p in a.tip_lines())),
        "agency with both a help line and a tip line to call",
    )
    app = open_directory(q=agency.name.en)
    assert card_names(app)[0] == agency.name.en
    text = text_of(app.markdown)
    card = text[text.index(f"### {agency.name.en}") :]
    label = f"**{T('directory.tips_in_card')}**"
    help_line = next(p for p in agency.help_lines() if p.number)
    tip_line = next(p for p in agency.tip_lines() if p.number)
    assert card.index(f"[{T('hotline.call', number=help_line.number)}]({expected_call(help_line.number)})") < card.index(label)
    assert card.index(label) < card.index(f"[{T('hotline.call', number=tip_line.number)}]({expected_call(tip_line.number)})")


def test_the_download_button_offers_the_filtered_list() -> None:
    _, word = first(found_alone(), "agency that a word of its name finds alone")
    app = open_directory(q=word)
    (button,) = app.get("download_button")
    assert button.proto.label == T("directory.download")
    assert button.proto.deferred_file_id  # the file is made when the visitor clicks


def test_a_rerun_of_the_directory_reads_no_file(monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []
    original = core.content.load.read_text

    def counting_read(path: Path, root: Path = core.content.load.ROOT) -> str:
        reads.append(str(path))
        return original(path, root)

    agency, word = first(found_alone(), "agency that a word of its name finds alone")
    monkeypatch.setattr(core.content.load, "read_text", counting_read)
    monkeypatch.setattr("core.content.text.read_text", counting_read)
    site_for.cache_clear()  # the one copy per process, which an earlier test may have loaded
    ui.cache.site_in.clear()
    app = open_directory()
    assert any(path.endswith("agencies.yaml") for path in reads)
    before = len(reads)
    app.text_input(key="directory_q").input(word).run()
    app.selectbox(key="directory_kind").set_value(agency.kind).run()
    assert card_names(app) == [agency.name.en]
    assert len(reads) == before
