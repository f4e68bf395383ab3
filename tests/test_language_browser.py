"""The language in headless Chromium: chosen from the browser, switched in the frame, kept while browsing.

Expected words come from the strings files, so a translator's valid change never turns a test red.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import Recorder, foreign_requests, new_page, open_app, page_url, wait_until_idle
from playwright.sync_api import expect

from core.content.navigation import ROUTES
from core.views.site import load_site

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
EN, ES = load_site(ROOT, "en"), load_site(ROOT, "es")
T_EN, T_ES = EN.strings, ES.strings


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def expect_spanish(page) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator(".crisis-label")).to_have_text(T_ES("frame.crisis_label"))


def expect_english(page) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".crisis-label")).to_have_text(T_EN("frame.crisis_label"))


@pytest.fixture
def spanish_browser(browser: object, recorder: Recorder):
    """A browser whose preferred language is Mexican Spanish (Accept-Language and navigator.language)."""
    page = new_page(browser, recorder, viewport={"width": 1280, "height": 900}, locale="es-MX")
    yield page
    page.context.close()


def test_a_browser_that_prefers_spanish_opens_the_site_in_spanish(app_server, spanish_browser, recorder) -> None:
    page = spanish_browser
    open_app(page, f"{app_server.url}/statistics")
    expect_spanish(page)
    expect(page.locator("h1").first).to_have_text(T_ES("stats.title"))
    expect(page.get_by_role("link", name=T_ES("safety.exit_button"), exact=True)).to_be_visible()
    assert foreign_requests(recorder.requests, app_server.url) == []
    assert recorder.page_errors == []


def test_an_english_browser_opens_in_english_and_lang_in_the_link_overrides_it(app_server, browser_page) -> None:
    page = browser_page
    open_app(page, f"{app_server.url}/directory")
    expect_english(page)
    open_app(page, f"{app_server.url}/directory?lang=es")
    expect_spanish(page)
    expect(page.locator("h1").first).to_have_text(T_ES("directory.title"))


def test_lang_in_the_link_overrides_a_spanish_browser(app_server, spanish_browser) -> None:
    open_app(spanish_browser, f"{app_server.url}/?lang=en")
    expect_english(spanish_browser)


def test_the_switch_keeps_the_page_and_its_state_and_is_reachable_by_keyboard(app_server, browser_page) -> None:
    page = browser_page
    topic = EN["statistics"].value.data.topics()[-1]  # a topic other than the first, so that the address must carry it
    open_app(page, f"{app_server.url}/statistics?topic={topic}")
    switch = page.get_by_role("radio", name=T_ES("language.name"))
    switch.focus()
    expect(switch).to_be_focused()
    page.keyboard.press("Enter")
    expect_spanish(page)
    expect(page.locator("h1").first).to_have_text(T_ES("stats.title"))
    expect(page.locator("h2").first).to_have_text(T_ES(f"stats.topic.{topic}"))
    expect(page.get_by_role("radio", name=T_ES(f"stats.topic.{topic}"))).to_have_attribute("aria-checked", "true")
    wait_until_idle(page)
    assert query(page.url) == {"topic": [topic], "lang": ["es"]}
    page.get_by_role("radio", name=T_EN("language.name")).click()
    expect_english(page)
    expect(page.locator("h2").first).to_have_text(T_EN(f"stats.topic.{topic}"))
    expect(page.get_by_role("radio", name=T_EN(f"stats.topic.{topic}"))).to_have_attribute("aria-checked", "true")
    wait_until_idle(page)
    assert query(page.url) == {"topic": [topic], "lang": ["en"]}


def test_the_menu_reloads_see_also_links_and_shared_links_keep_the_language(app_server, browser_page, browser) -> None:
    page = browser_page
    first = next(route.path for route in ROUTES if route.from_article)
    open_app(page, page_url(app_server.url, first) + "?lang=es")
    expect_spanish(page)
    # The menu (st.navigation drops the query string; the frame puts the language back).
    page.get_by_role("link", name=T_ES("nav.directory")).first.click()
    expect(page.locator("h1").first).to_have_text(T_ES("directory.title"))
    expect_spanish(page)
    expect(page).to_have_url(f"{app_server.url}/directory?lang=es")
    # A reload.
    page.reload()
    page.wait_for_selector('[data-testid="stMainBlockContainer"]')
    expect_spanish(page)
    expect(page.locator("h1").first).to_have_text(T_ES("directory.title"))
    # A see-also link of an awareness page.
    article = ES.article(first).value
    open_app(page, page_url(app_server.url, first) + "?lang=es")
    target = article.meta.see_also[0]
    target_title = ES.article(target).value.meta.title if ES.article(target).ok else T_ES(f"nav.{target}")
    see_also = page.locator('[data-testid="stPageLink"] a').filter(has_text=nav_title(target))
    expect(see_also.first).to_have_attribute("href", re.compile(rf"(^|/){target}\?lang=es$"))
    see_also.first.click()
    expect(page.locator("h1").first).to_have_text(target_title)
    expect_spanish(page)
    # The address, shared with someone whose browser prefers English.
    shared = page.url
    other = new_page(browser, Recorder(), locale="en-US")
    try:
        open_app(other, shared)
        expect_spanish(other)
    finally:
        other.context.close()


def nav_title(path: str) -> str:
    part = ES.article(path)
    return part.value.meta.nav_title if part.ok else T_ES(f"nav.{path}")


def test_the_quick_exit_never_carries_the_language(app_server, browser_page) -> None:
    page = browser_page
    open_app(page, f"{app_server.url}/?lang=es")
    expect_spanish(page)
    exit_url = ES["site"].value.quick_exit_url
    expect(page.locator(".quick-exit-button")).to_have_attribute("href", exit_url)
    expect(page.locator("#quick-exit-skip")).to_have_attribute("href", exit_url)
    assert "lang" not in exit_url


def test_the_directory_state_in_the_address_works_in_both_languages(app_server, browser_page) -> None:
    page = browser_page
    open_app(page, f"{app_server.url}/directory?lang=es&directory_kind=health&directory_language=Spanish")
    expect_spanish(page)
    kind = page.get_by_role("combobox", name=T_ES("directory.kind_label"))
    expect(kind).to_have_value(T_ES("directory.kinds.health"))
    page.get_by_role("radio", name=T_EN("language.name")).click()
    expect_english(page)
    expect(page.get_by_role("combobox", name=T_EN("directory.kind_label"))).to_have_value(T_EN("directory.kinds.health"))
    wait_until_idle(page)
    assert query(page.url)["directory_kind"] == ["health"]
    assert query(page.url)["directory_language"] == ["Spanish"]
