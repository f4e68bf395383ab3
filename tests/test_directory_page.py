"""The directory page through AppTest: hotlines first, URL-bound search and filters, cards, the empty result."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import ENTRY, page_script
from dial_forms import expected_call
from streamlit.testing.v1 import AppTest

from core.render import long_date
from core.site import load_site

ROOT = Path(__file__).resolve().parent.parent
PAGE = "pages/directory.py"
SITE = load_site(ROOT)
DIRECTORY = SITE["directory"].value
TOTAL = len(DIRECTORY.agencies)
AGENCY_NAMES = {a.name.en for a in DIRECTORY.agencies}
T = SITE["strings"].value


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


def count(app: AppTest) -> str:
    return next(c.value for c in app.caption if c.value.startswith("Showing"))


def text_of(elements) -> str:
    return html.unescape("\n".join(e.value for e in elements))


def test_the_page_renders_with_its_title_and_every_entry() -> None:
    app = open_directory()
    assert not app.error
    assert app.title[0].value == "Agencies in Monterey County's response to trafficking and CSEC"
    assert count(app) == f"Showing {TOTAL} of {TOTAL} entries."
    assert card_names(app) == [a.name.en for a in DIRECTORY.agencies]
    assert app.text_input(key="directory_q").value == ""


def test_the_search_comes_first_and_every_crisis_and_reporting_line_follows_the_results() -> None:
    # On a phone the search box must be on the first screens; the crisis strip at the top of the page
    # already gives the urgent lines, and the full cards follow the results.
    app = open_directory()
    headers = [h.value for h in app.header]
    assert headers.index("Search the directory") < headers.index("Call or text now")
    markdown = [html.unescape(m.value) for m in app.markdown]
    last_card = max(i for i, m in enumerate(markdown) if m.startswith(f"### {DIRECTORY.agencies[-1].name.en}\n\n"))
    hotlines = SITE["hotlines"].value.hotlines
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
    app = open_directory()
    support, tips = app.expander
    assert (support.label, tips.label) == ("More lines for support", "Tips for professionals")
    tip_text, support_text = text_of(tips.markdown), text_of(support.markdown)
    assert "### Homeland Security Investigations (HSI) Tip Line" in tip_text
    assert "### FBI tips" in tip_text
    assert "not help lines for victims" in text_of(tips.caption)
    assert "HSI" not in support_text
    assert "Childhelp National Child Abuse Hotline" in support_text
    hotline_cards = [m for m in text_of(app.markdown).splitlines() if m.startswith("### ")]
    assert sum("(HSI) Tip Line" in line for line in hotline_cards) == 1


@pytest.mark.parametrize("query", [{"q": "sheriff"}, {"directory_q": "sheriff"}, {"q": "sherif"}])
def test_a_query_in_the_url_preselects_the_search(query: dict[str, str]) -> None:
    app = open_directory(**query)
    assert app.text_input(key="directory_q").value == next(iter(query.values()))
    assert card_names(app) == ["Monterey County Sheriff's Office"]
    assert count(app) == f"Showing 1 of {TOTAL} entries."


def test_short_filter_names_in_the_url_preselect_the_filters() -> None:
    app = open_directory(kind="victim-services", city="Salinas", language="Spanish")
    assert app.selectbox(key="directory_kind").value == "victim-services"
    assert app.selectbox(key="directory_city").value == "Salinas"
    assert app.selectbox(key="directory_language").value == "Spanish"
    assert card_names(app) == ["Monterey County Family Justice Center", "YWCA Monterey County"]


def test_a_short_link_later_in_the_same_session_still_fills_the_search() -> None:
    app = open_directory()
    app.text_input(key="directory_q").input("ywca").run()
    app.text_input(key="directory_q").input("").run()
    app.query_params["q"] = "sheriff"
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    assert app.text_input(key="directory_q").value == "sheriff"
    assert card_names(app) == ["Monterey County Sheriff's Office"]


def test_unknown_values_in_the_url_are_ignored() -> None:
    app = open_directory(kind="pirates", city="Atlantis", open24="nope")
    assert app.selectbox(key="directory_kind").value is None
    assert app.selectbox(key="directory_city").value is None
    assert count(app) == f"Showing {TOTAL} of {TOTAL} entries."


def test_filters_narrow_the_list() -> None:
    app = open_directory()
    app.selectbox(key="directory_kind").set_value("victim-services").run()
    assert card_names(app) == [
        "Monterey County Family Justice Center",
        "Monterey County Rape Crisis Center",
        "YWCA Monterey County",
    ]
    app.selectbox(key="directory_language").set_value("Spanish").run()
    assert card_names(app) == ["Monterey County Family Justice Center", "YWCA Monterey County"]
    app.toggle(key="directory_open24").set_value(True).run()
    assert card_names(app) == ["YWCA Monterey County"]
    assert count(app) == f"Showing 1 of {TOTAL} entries."
    app.selectbox(key="directory_kind").set_value(None).run()
    app.selectbox(key="directory_city").set_value("King City").run()
    assert card_names(app) == ["YWCA Monterey County", "Child Abuse Prevention Council of Monterey County"]


def test_typing_a_query_searches_names_acronyms_and_spanish_words() -> None:
    app = open_directory()
    app.text_input(key="directory_q").input("CPS").run()
    assert card_names(app)[0] == "Monterey County Family and Children's Services (Child Protective Services)"
    app.text_input(key="directory_q").input("español").run()
    assert set(card_names(app)[:4]) == {
        "Monterey County District Attorney's Office",
        "Monterey County Family Justice Center",
        "YWCA Monterey County",
        "Child Abuse Prevention Council of Monterey County",
    }


def test_an_empty_result_says_so_and_points_to_the_line_marked_default_help() -> None:
    app = open_directory(q="zzqvx")
    assert card_names(app) == []
    assert count(app) == f"Showing 0 of {TOTAL} entries."
    assert html.unescape(app.info[0].value) == T("directory.empty", query="zzqvx")
    after = text_of(app.markdown)
    card = f"### {SITE['hotlines'].value.default_help.name.en}"
    assert after.index(T("directory.empty_help")) < after.index(card)
    assert after.count(card) == 2, "the line marked default_help is not shown under the empty result (and again with the lines)"


def test_an_empty_result_works_whatever_the_default_line_is_called(monkeypatch: pytest.MonkeyPatch) -> None:
    """No page names a content id: give the marked line another id, and the empty result still shows it."""
    import dataclasses

    import ui

    hotlines = SITE["hotlines"].value
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
    if agency.ages:
        assert T("directory.ages", ages=agency.ages) in text
    unconfirmed = next(p for p in agency.help_lines() if not p.confirmed)
    assert T("trust.unconfirmed", confidence=T(f"hotline.confidence_{unconfirmed.confidence}")) in small
    assert T("trust.published_on") in small
    if agency.task_force_confirmed is None:
        assert T("directory.task_force_not_confirmed") in small
    assert T("directory.compared", date=long_date(agency.compared, T)) in small


def test_tip_lines_inside_a_card_are_labelled_for_professionals() -> None:
    app = open_directory(q="Salinas PD")
    text = text_of(app.markdown)
    assert text.index("[Call 831-758-7321](tel:+18317587321)") < text.index(
        "**Tips for professionals (not a help line for victims):**"
    )
    assert text.index("**Tips for professionals (not a help line for victims):**") < text.index(
        "[Call 831-775-4222](tel:+18317754222)"
    )


def test_the_download_button_offers_the_filtered_list() -> None:
    app = open_directory(q="sheriff")
    (button,) = app.get("download_button")
    assert button.proto.label == "Download this list (CSV)"
    assert button.proto.deferred_file_id  # the file is made when the visitor clicks


def test_a_rerun_of_the_directory_reads_no_file(monkeypatch: pytest.MonkeyPatch) -> None:
    import core.load
    import ui

    reads: list[str] = []
    original = core.load.read_text

    def counting_read(path: Path, root: Path = core.load.ROOT) -> str:
        reads.append(str(path))
        return original(path, root)

    monkeypatch.setattr(core.load, "read_text", counting_read)
    monkeypatch.setattr("core.text.read_text", counting_read)
    ui._load.clear()
    app = open_directory()
    assert any(path.endswith("agencies.yaml") for path in reads)
    first = len(reads)
    app.text_input(key="directory_q").input("sherif").run()
    app.selectbox(key="directory_kind").set_value("law-enforcement").run()
    assert card_names(app) == ["Monterey County Sheriff's Office"]
    assert len(reads) == first
