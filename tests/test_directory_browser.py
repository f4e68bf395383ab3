"""The directory in headless Chromium: live search, tel: links, the CSV download, safe text, and one origin."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from conftest import Recorder, foreign_requests, new_page, open_app, wait_until_idle
from playwright.sync_api import expect
from shipped import AGENCIES, HOTLINES, TOTAL, T, call_links, first, found_alone, listed, narrowing_filters, unknown_city

from core.content.phones import tel_href
from core.domain.search import Filters
from core.views.directory import export_table

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
SEARCH_LABEL = T("directory.search_label")


def shown(count: int) -> str:
    """The caption above the results: how many of all the entries are shown."""
    return T("directory.count", shown=count, total=TOTAL)


def label_start(key: str) -> re.Pattern:
    """A link label's start, before its first placeholder ("Call " for "Call {number}"), anchored at the
    start: a link named after a site such as crisistextline.org must not count as a "Text" link."""
    return re.compile("^" + re.escape(T(key, number="\0", word="\0").split("\0")[0]))


def wait_for_count(page: object, expected: str) -> None:
    page.wait_for_function(
        """expected => [...document.querySelectorAll('[data-testid="stCaptionContainer"]')]
             .some(e => e.innerText.trim() === expected)""",
        arg=expected,
        timeout=15_000,
    )


def card_names(page: object) -> list[str]:
    """Names on the result cards: each card (keyed agency_<id>) starts with its name as a heading."""
    return page.evaluate("""() => [...document.querySelectorAll('[class*="st-key-cards1_results"] h3')].map(h => h.innerText)""")


def wait_for_cards(page: object, names: list[str]) -> None:
    page.wait_for_function(
        """names => JSON.stringify([...document.querySelectorAll('[class*="st-key-cards1_results"] h3')]
             .map(h => h.innerText)) === JSON.stringify(names)""",
        arg=names,
        timeout=15_000,
    )


def assert_clean(recorder: Recorder, base_url: str) -> None:
    assert foreign_requests(recorder.requests, base_url) == []
    assert recorder.console_errors == []
    assert recorder.page_errors == []


def test_typing_updates_the_results_without_pressing_enter(app_server, browser_page, recorder) -> None:
    (agency, word), (other, other_word) = first(
        zip(alone := list(found_alone()), alone[1:], strict=False), "two agencies that a word of each name finds alone"
    )
    page = browser_page
    open_app(page, f"{app_server.url}/directory")
    wait_for_count(page, shown(TOTAL))
    box = page.get_by_label(SEARCH_LABEL)
    box.click()
    box.press_sequentially(word, delay=60)  # no Enter, no blur
    wait_for_count(page, shown(1))
    wait_for_cards(page, [agency.name.en])
    expect(box).to_have_value(word)
    expect(page).to_have_url(re.compile(f"directory_q={word}"))  # the search is in the address, ready to share
    box.press("Control+A")
    box.press_sequentially(other_word, delay=40)  # typing over the selection, still no Enter
    wait_for_cards(page, [other.name.en])
    wait_for_count(page, shown(1))
    assert_clean(recorder, app_server.url)


def test_a_shared_link_with_short_names_opens_the_same_list(app_server, browser_page, recorder) -> None:
    agency, word = first(found_alone(), "agency that a word of its name finds alone")
    city = unknown_city()
    page = browser_page
    open_app(page, f"{app_server.url}/directory?q={word}&kind={agency.kind}&city={city}")
    expect(page.get_by_label(SEARCH_LABEL)).to_have_value(word)
    wait_for_cards(page, listed(word, Filters(kind=agency.kind)))
    expect(page).to_have_url(re.compile(f"directory_q={word}"))
    expect(page).to_have_url(re.compile(f"directory_kind={agency.kind}"))
    assert city not in page.url
    assert_clean(recorder, app_server.url)


def test_phone_links_are_tel_links_and_outbound_links_do_not_leak(app_server, browser_page, recorder) -> None:
    agency, word = first(
        found_alone(lambda a: bool(call_links(a) and a.website)), "agency with a number and a website that a word finds alone"
    )
    page = browser_page
    open_app(page, f"{app_server.url}/directory?q={word}")
    wait_for_cards(page, [agency.name.en])
    main = page.locator('[data-testid="stMainBlockContainer"]')
    expect(main.locator('a[href^="tel:"]').first).to_be_visible()
    calls = main.locator("a", has_text=label_start("hotline.call")).evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert calls, "the page shows numbers to call"
    assert all(href.startswith("tel:") for href in calls)
    hotline_calls = {tel_href(line.number) for hotline in HOTLINES.hotlines for line in hotline.phones if line.number}
    assert {*call_links(agency), *hotline_calls} <= set(calls)  # the card's numbers, and every line below the results
    texts = main.locator("a", has_text=label_start("hotline.text")).evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert texts
    assert all(href.startswith("sms:") for href in texts)
    outbound = main.locator('a[href^="https://"]').evaluate_all("links => links.map(a => [a.href, a.rel])")
    assert any(href.rstrip("/") == agency.website.rstrip("/") for href, _ in outbound)
    for href, rel in outbound:
        assert {"noopener", "noreferrer"} <= set(rel.split()), href
    assert main.locator('a[href^="javascript:"], a[href^="http://"]').count() == 0
    assert_clean(recorder, app_server.url)


def test_the_csv_download_parses_and_holds_the_filtered_list(app_server, browser, tmp_path) -> None:
    filters = first((chain[1] for chain in narrowing_filters()), "kind and language that narrow the list")
    agencies = [agency for agency in AGENCIES if agency.name.en in listed(filters=filters)]
    recorder = Recorder()
    page = new_page(browser, recorder, viewport={"width": 1280, "height": 900}, accept_downloads=True)
    open_app(page, f"{app_server.url}/directory?kind={filters.kind}&language={filters.language}")
    wait_for_cards(page, listed(filters=filters))
    with page.expect_download() as download:
        page.get_by_role("button", name=T("directory.download")).click()
    assert download.value.suggested_filename == T("directory.file_name")
    path = tmp_path / "directory.csv"
    download.value.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    expected, headers = export_table(agencies, "en", T)
    assert list(rows[0]) == headers
    assert [row[T("directory.csv.name")] for row in rows] == listed(filters=filters)
    assert rows == expected
    for agency, row in zip(agencies, rows, strict=True):
        for line in agency.help_lines():
            assert (line.number or line.text_to) in row[T("directory.csv.phones")]
        assert T(f"directory.languages.{filters.language}") in row[T("directory.csv.languages")]
        if agency.shelter:
            assert row[T("directory.csv.address")] == ""  # a shelter's or safe house's address is never given
    assert_clean(recorder, app_server.url)
    page.context.close()


def test_the_directory_reads_on_a_360_pixel_phone(app_server, phone_page, recorder) -> None:
    agency, word = first(found_alone(lambda a: bool(call_links(a))), "agency with a number that a word of its name finds alone")
    open_app(phone_page, f"{app_server.url}/directory?q={word}")
    link = phone_page.locator(f'a[href="{call_links(agency)[0]}"]').last  # the number on the result card
    expect(link).to_be_attached()
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert card_names(phone_page)[0] == agency.name.en
    link.scroll_into_view_if_needed()
    expect(link).to_be_visible()
    box = link.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 360
    assert_clean(recorder, app_server.url)


def test_text_from_the_data_is_shown_as_text_never_as_html(project_copy, server_for, browser) -> None:
    agencies = project_copy / "data" / "agencies.yaml"
    hostile = "<img src=x onerror=alert(1)> [click](javascript:alert(1)) **loud**"
    lines = agencies.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines) if re.match(r"\s+(- )?name: ", line))  # the first entry's name
    lines[number] = re.sub(r"name: .*", f"name: '{hostile}'", lines[number])
    agencies.write_text("".join(lines), encoding="utf-8")
    server = server_for(project_copy)
    recorder = Recorder()
    page = new_page(browser, recorder, viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_app(page, f"{server.url}/directory")
    expect(page.locator("body")).to_contain_text(hostile)
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator('a[href^="javascript:"]').count() == 0
    assert dialogs == []
    assert_clean(recorder, server.url)
    page.context.close()


def test_a_broken_agencies_file_breaks_only_the_directory_list(project_copy, server_for, browser) -> None:
    agencies = project_copy / "data" / "agencies.yaml"
    lines = agencies.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines) if re.match(r"\s+(- )?kind: ", line))  # the first entry's kind
    lines[number] = re.sub(r"kind: .*", "kind: no-such-kind", lines[number])
    agencies.write_text("".join(lines), encoding="utf-8")
    hotline_call = first(
        (tel_href(line.number) for hotline in HOTLINES.hotlines for line in hotline.phones if line.number), "hotline to call"
    )
    server = server_for(project_copy)
    recorder = Recorder()
    page = new_page(browser, recorder, viewport={"width": 1280, "height": 900})
    open_app(page, f"{server.url}/directory")
    expect(page.locator("body")).to_contain_text(T("frame.problem_title"))
    where = T("frame.problem_item", path="data/agencies.yaml", line=number + 1, message="\0").split("\0")[0]
    expect(page.locator("body")).to_contain_text(where)
    expect(page.locator("body")).not_to_contain_text("Traceback")
    expect(
        page.locator(f'[data-testid="stMainBlockContainer"] a[href="{hotline_call}"]').first
    ).to_be_attached()  # hotlines still shown
    open_app(page, f"{server.url}/what-to-do")
    wait_until_idle(page)
    assert T("frame.problem_title") not in page.inner_text("body")
    page.context.close()
