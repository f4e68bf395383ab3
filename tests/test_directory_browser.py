"""The directory in headless Chromium: live search, tel: links, the CSV download, safe text, and one origin."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from conftest import Recorder, foreign_requests, new_page, open_app, wait_until_idle
from playwright.sync_api import expect

from core.site import load_site

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
DIRECTORY = load_site(ROOT)["directory"].value
TOTAL = len(DIRECTORY.agencies)
SEARCH_LABEL = "Search by name, acronym, service, city or language"


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
    page = browser_page
    open_app(page, f"{app_server.url}/directory")
    wait_for_count(page, f"Showing {TOTAL} of {TOTAL} entries.")
    box = page.get_by_label(SEARCH_LABEL)
    box.click()
    box.press_sequentially("sherif", delay=60)  # no Enter, no blur
    wait_for_count(page, f"Showing 1 of {TOTAL} entries.")
    wait_for_cards(page, ["Monterey County Sheriff's Office"])
    expect(box).to_have_value("sherif")
    expect(page).to_have_url(re.compile("directory_q=sherif"))  # the search is in the address, ready to share
    box.press("Control+A")
    box.press_sequentially("rape crisis", delay=40)  # typing over the selection, still no Enter
    wait_for_cards(page, ["Monterey County Rape Crisis Center"])
    wait_for_count(page, f"Showing 1 of {TOTAL} entries.")
    assert_clean(recorder, app_server.url)


def test_a_shared_link_with_short_names_opens_the_same_list(app_server, browser_page, recorder) -> None:
    page = browser_page
    open_app(page, f"{app_server.url}/directory?q=sheriff&kind=law-enforcement&city=Atlantis")
    expect(page.get_by_label(SEARCH_LABEL)).to_have_value("sheriff")
    wait_for_cards(page, ["Monterey County Sheriff's Office"])
    expect(page).to_have_url(re.compile("directory_q=sheriff"))
    expect(page).to_have_url(re.compile("directory_kind=law-enforcement"))
    assert "Atlantis" not in page.url
    assert_clean(recorder, app_server.url)


def test_phone_links_are_tel_links_and_outbound_links_do_not_leak(app_server, browser_page, recorder) -> None:
    page = browser_page
    open_app(page, f"{app_server.url}/directory?q=mcrcc")
    main = page.locator('[data-testid="stMainBlockContainer"]')
    expect(main.locator('a[href^="tel:"]').first).to_be_visible()
    calls = main.locator("a", has_text=re.compile(r"^Call ")).evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert calls, "the page shows numbers to call"
    assert all(href.startswith("tel:") for href in calls)
    assert {"tel:+18313754357", "tel:+18314244357", "tel:+18313733955", "tel:911", "tel:+18006066618"} <= set(calls)
    texts = main.locator("a", has_text=re.compile(r"^Text ")).evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert texts
    assert all(href.startswith("sms:") for href in texts)
    outbound = main.locator('a[href^="https://"]').evaluate_all("links => links.map(a => [a.href, a.rel])")
    assert any("mtryrapecrisis.org" in href for href, _ in outbound)
    for href, rel in outbound:
        assert {"noopener", "noreferrer"} <= set(rel.split()), href
    assert main.locator('a[href^="javascript:"], a[href^="http://"]').count() == 0
    assert_clean(recorder, app_server.url)


def test_the_csv_download_parses_and_holds_the_filtered_list(app_server, browser, tmp_path) -> None:
    recorder = Recorder()
    page = new_page(browser, recorder, viewport={"width": 1280, "height": 900}, accept_downloads=True)
    open_app(page, f"{app_server.url}/directory?kind=victim-services&language=Spanish")
    names = ["Monterey County Family Justice Center", "YWCA Monterey County"]
    wait_for_cards(page, names)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download this list (CSV)").click()
    assert download.value.suggested_filename == "monterey-county-directory.csv"
    path = tmp_path / "directory.csv"
    download.value.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [row["Name"] for row in rows] == names
    assert rows[1]["Phones"] == "24/7 crisis line: 831-757-1001 (24/7); 24/7 crisis line (second number): 831-372-6300 (24/7)"
    assert rows[1]["Address"] == ""  # YWCA runs a safe house
    assert rows[0]["Languages"] == "English, Spanish (español), other languages through interpreters"
    assert_clean(recorder, app_server.url)
    page.context.close()


def test_the_directory_reads_on_a_360_pixel_phone(app_server, phone_page, recorder) -> None:
    open_app(phone_page, f"{app_server.url}/directory?q=ywca")
    link = phone_page.locator('a[href="tel:+18317571001"]').last  # the number on the result card
    expect(link).to_be_attached()
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert card_names(phone_page)[0] == "YWCA Monterey County"
    link.scroll_into_view_if_needed()
    expect(link).to_be_visible()
    box = link.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 360
    assert_clean(recorder, app_server.url)


def test_text_from_the_data_is_shown_as_text_never_as_html(project_copy, server_for, browser) -> None:
    agencies = project_copy / "data" / "agencies.yaml"
    hostile = "'<img src=x onerror=alert(1)> [click](javascript:alert(1)) **loud**'"
    text = agencies.read_text(encoding="utf-8").replace('"Monterey County Probation Department"', hostile, 1)
    agencies.write_text(text, encoding="utf-8")
    server = server_for(project_copy)
    recorder = Recorder()
    page = new_page(browser, recorder, viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_app(page, f"{server.url}/directory?q=probation")
    expect(page.locator("body")).to_contain_text("<img src=x onerror=alert(1)> [click](javascript:alert(1)) **loud**")
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator('a[href^="javascript:"]').count() == 0
    assert dialogs == []
    assert_clean(recorder, server.url)
    page.context.close()


def test_a_broken_agencies_file_breaks_only_the_directory_list(project_copy, server_for, browser) -> None:
    agencies = project_copy / "data" / "agencies.yaml"
    agencies.write_text(
        agencies.read_text(encoding="utf-8").replace("kind: prosecution", "kind: prosecutors", 1), encoding="utf-8"
    )
    server = server_for(project_copy)
    recorder = Recorder()
    page = new_page(browser, recorder, viewport={"width": 1280, "height": 900})
    open_app(page, f"{server.url}/directory")
    expect(page.locator("body")).to_contain_text("This part of the site cannot be shown right now.")
    expect(page.locator("body")).to_contain_text("data/agencies.yaml, line 31")
    expect(page.locator("body")).not_to_contain_text("Traceback")
    expect(
        page.locator('[data-testid="stMainBlockContainer"] a[href="tel:+18883737888"]').first
    ).to_be_attached()  # hotlines still shown
    open_app(page, f"{server.url}/what-to-do")
    wait_until_idle(page)
    assert "cannot be shown" not in page.inner_text("body")
    page.context.close()
