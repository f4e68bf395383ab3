"""The real site in headless Chromium: every page, its crisis links, its requests and its console."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import foreign_requests, open_app, page_url
from dial_forms import badly_formed
from playwright.sync_api import expect
from shipped import STRIP_HREFS

from core.content.navigation import ROUTES
from core.views.site import load_site

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
SITE = load_site(ROOT)

HEADING_KEYS = {
    "": "site.title",
    "statistics": "stats.title",
    "directory": "directory.title",
    "present": "present.chooser_heading",
}
"""The strings key of each page's h1, for the pages that are not drawn from content/<lang>/pages/."""


def heading_of(route) -> str:
    if route.from_article:
        return SITE.article(route.path).value.meta.title
    return SITE["strings"].value(HEADING_KEYS[route.path])


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_every_page_renders_with_crisis_links_and_stays_on_its_origin(app_server, browser_page, recorder, route) -> None:
    page = browser_page
    open_app(page, page_url(app_server.url, route.path))
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_have_text(heading_of(route))
    expect(page.get_by_role("dialog")).to_have_count(0)
    assert page.url == page_url(app_server.url, route.path), "the page fell back to another address"
    strip = page.locator("nav.crisis-strip")
    expect(strip).to_have_count(1)
    expect(strip.locator("a")).to_have_count(len(STRIP_HREFS))
    expect(page.get_by_text(SITE["strings"].value("frame.footer_not_crisis"))).to_be_visible()  # the footer: the page is drawn
    hrefs = strip.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == STRIP_HREFS
    every_dial_link = page.locator("a[href^='tel:'], a[href^='sms:']").evaluate_all("a => a.map(x => x.getAttribute('href'))")
    assert list(badly_formed(every_dial_link)) == []
    assert recorder.console_errors == []
    assert recorder.page_errors == []
    assert foreign_requests(recorder.requests, app_server.url) == []
    assert "Traceback" not in page.inner_text("body")


LINKS_TO_PAGES = "a[data-testid=stTopNavLink], a[data-testid=stSidebarNavLink], a[data-testid^=stPageLink]"
"""The menu (at the top on a desktop, in the side panel on a phone) and the links between pages."""


def test_every_address_the_site_shows_opens_its_page_with_no_dialog(app_server, browser_page, recorder) -> None:
    page = browser_page
    open_app(page, page_url(app_server.url, ""))
    expect(page.locator("a[data-testid=stTopNavLink]")).to_have_count(len(ROUTES))
    menu = page.locator("a[data-testid=stTopNavLink]").evaluate_all("links => links.map(a => a.href)")
    assert menu == [page_url(app_server.url, route.path) for route in ROUTES]
    for route, address in zip(ROUTES, menu, strict=True):
        open_app(page, address)
        expect(page.locator("h1")).to_have_text(heading_of(route))
        expect(page.get_by_role("dialog")).to_have_count(0)
        assert page.url == address, f"{address} fell back to {page.url}"
        # A link may carry a query (a deck on /present); the page it opens is its path's.
        shown = set(page.locator(LINKS_TO_PAGES).evaluate_all("links => links.map(a => a.origin + a.pathname)"))
        assert shown <= set(menu), f"{route.name} links to a page the menu does not have"
    assert recorder.console_errors == []


def test_the_home_page_reads_on_a_360_pixel_phone(app_server, phone_page, recorder) -> None:
    open_app(phone_page, app_server.url)
    expect(phone_page.locator("nav.crisis-strip a").first).to_be_visible()
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert phone_page.locator("h1").first.bounding_box()["width"] <= 360


@pytest.mark.parametrize("size", [(1280, 600), (390, 844), (320, 256)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_crisis_lines_are_one_tap_away_while_scrolling(app_server, browser, size) -> None:
    from conftest import Recorder, new_page
    from playwright.sync_api import expect

    width, height = size
    page = new_page(browser, Recorder(), viewport={"width": width, "height": height}, has_touch=width < 640)
    open_app(page, f"{app_server.url}/what-to-do")
    strip = page.locator("nav.crisis-strip")
    page.mouse.move(width / 2, height - 20)
    page.mouse.wheel(0, 3000)
    expect(strip).not_to_be_in_viewport()
    help_now = page.get_by_role("link", name=SITE["strings"].value("safety.exit_help"), exact=True)
    expect(help_now).to_be_in_viewport()
    help_now.click()
    expect(strip).to_be_in_viewport()
    expect(strip).to_be_focused()
    expect(strip.locator("a").first).to_be_in_viewport()
    assert "#" not in page.url, "the link added a fragment to the address"
    page.context.close()


def test_a_broken_file_breaks_only_its_own_page(project_copy, server_for, browser) -> None:
    from conftest import Recorder, new_page

    signs = project_copy / "content" / "en" / "warning_signs.yaml"
    signs.write_text(
        signs.read_text(encoding="utf-8").replace("  - category: debt\n", "  - category: debt\n  oops\n", 1), encoding="utf-8"
    )
    checked = subprocess.run(
        [sys.executable, "-m", "core.commands.check", str(project_copy)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert checked.returncode == 1
    assert checked.stdout.startswith("content/en/warning_signs.yaml:")
    server = server_for(project_copy)
    recorder = Recorder()
    page = new_page(browser, recorder, viewport={"width": 1280, "height": 900})
    open_app(page, f"{server.url}/warning-signs")
    body = page.locator("body")
    expect(body).to_contain_text(SITE["strings"].value("frame.problem_title"))
    expect(body).to_contain_text("content/en/warning_signs.yaml, line")
    expect(body).not_to_contain_text("Traceback")
    for path in ("what-is-csec", "what-to-do"):
        open_app(page, page_url(server.url, path))
        expect(page.locator("nav.crisis-strip a")).to_have_count(len(STRIP_HREFS))
        expect(body).not_to_contain_text(SITE["strings"].value("frame.problem_title"))
    page.context.close()
